"""The batch runner: many files → worker processes → one writer committing to the index.

* :func:`archive.plan.make_plan` compares the files found with what the index holds (by
  content hash) and decides what to process, relocate, skip, replace and prune.
* :class:`archive.workers.WorkerPool` runs the per-document function
  (:func:`pipeline.process.process_file`) in worker processes with deadlines.
* :class:`_Writer` is the single writer: a thread of the parent that commits finished documents
  in small batches, so a crash loses at most the last few seconds of work and a search running
  meanwhile sees the batches already committed.
* :func:`run_ingest` ties them together and reports each file to an :class:`Observer`.

Nothing here prints: the command (`archive.commands_ingest`) chooses how a run shows itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from archive.discover import discover
from archive.outcomes import (
    QUEUED_BATCHES,
    IngestOptions,
    IngestResult,
    Observer,
    failure,
    success,
)
from archive.plan import Task, hash_files, make_plan, ocr_jobs_for
from archive.prepare import Prepared, process_and_prepare
from archive.workers import WorkerPool, warm_up
from pipeline.errors import (
    ArchiveError,
)

if TYPE_CHECKING:
    from pipeline.process import ProcessOptions
    from pipeline.records import Meeting

ProcessFn = Callable[[Path, "ProcessOptions"], "Meeting"]


class IngestLockedError(ArchiveError):
    reason = "locked"
    hint = "Another ingest is writing to this index; wait for it or use another --index."


class IndexLike(Protocol):
    """The part of :class:`archive.index.ArchiveIndex` the runner writes through."""

    directory: Path  # never walked as a source, even when it lies inside one

    def add_prepared(self, batch: Iterable[Prepared]) -> int: ...
    def remove(self, shas: Iterable[str]) -> Any: ...
    def relocate(self, sha256: str, new_source: str) -> Any: ...
    def known(self) -> dict[str, str]: ...
    def recover(self) -> Any: ...


# --- the run ------------------------------------------------------------------------------


@contextlib.contextmanager
def ingest_lock(directory: Path) -> Iterator[None]:
    """Hold the index's ingest lock, so two runs never write the same index at once."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".ingest.lock").open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IngestLockedError(f"the index {directory} is busy with another ingest") from exc
        yield


def default_process() -> ProcessFn:
    """The pipeline's per-document function, imported only when a run needs it."""
    from pipeline.process import process_file

    return process_file


def process_options(options: IngestOptions, ocr_jobs: int) -> ProcessOptions:
    """The per-document settings for one document of this run."""
    from pipeline.process import ProcessOptions

    limits = {"max_pixels": options.max_pixels} if options.max_pixels else {}
    return ProcessOptions(ocr=options.ocr, tag=options.tag, ocr_jobs=ocr_jobs, **limits)


class _Writer:
    """The single writer: a thread that commits finished documents in batches.

    A commit (JSON records, then one Whoosh commit) takes a while; in a thread of its own the
    workers keep getting documents meanwhile. Documents that finish during a commit wait for
    the next one, so batches grow when the index is the bottleneck, and shrink back when not.
    """

    def __init__(self, index: IndexLike, options: IngestOptions, result: IngestResult) -> None:
        self.index, self.options, self.result = index, options, result
        self._batch: list[Prepared] = []
        self._stale: list[str] = []
        self._oldest = 0.0
        self._commits: list[int] = []  # sizes of commits not yet reported
        self.reported = 0
        self._error: BaseException | None = None
        self._closing = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name="archive-writer", daemon=True)
        self._thread.start()

    def add(self, prepared: Prepared, stale: Sequence[str]) -> None:
        """Queue a finished document; waits while too many are queued already."""
        with self._cond:
            # Back-pressure: when the index cannot keep up, stop taking results rather than
            # hold an unbounded number of documents in memory.
            limit = QUEUED_BATCHES * self.options.commit_documents
            self._cond.wait_for(lambda: len(self._batch) < limit or self._error is not None)
            self._raise()
            if not self._batch:
                self._oldest = time.monotonic()
            self._batch.append(prepared)
            self._stale.extend(stale)
            self._cond.notify_all()

    def commits(self) -> list[int]:
        """Sizes of the commits made since the last call; raises the writer's error if any."""
        with self._cond:
            self._raise()
            done, self._commits = self._commits, []
            return done

    def close(self) -> list[int]:
        """Commit what is queued, stop the thread; returns the commits not yet reported."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join()
        return self.commits()

    def report(self, observer: Observer, commits: list[int]) -> None:
        """Tell the observer about `commits`, from the calling (main) thread."""
        for size in commits:
            self.reported += size
            observer.committed(size, self.reported)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _due(self) -> bool:
        if not self._batch:
            return self._closing
        if self._closing or len(self._batch) >= self.options.commit_documents:
            return True
        return time.monotonic() >= self._oldest + self.options.commit_seconds

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._due():
                    wait = self._oldest + self.options.commit_seconds - time.monotonic()
                    self._cond.wait(wait if self._batch else None)
                if not self._batch:
                    return
                batch, stale = self._batch, self._stale
                self._batch, self._stale = [], []
                self._cond.notify_all()
            try:
                self.index.add_prepared(batch)
                if stale:
                    # After the add: a crash in between leaves the old version too, never
                    # neither.
                    self.index.remove(stale)
            except BaseException as exc:
                with self._cond:
                    self._error = exc
                    self._cond.notify_all()
                return
            with self._cond:
                self.result.committed += len(batch)
                self.result.replaced += len(stale)
                self._commits.append(len(batch))


def run_ingest(
    paths: Sequence[Path],
    index: IndexLike,
    options: IngestOptions | None = None,
    *,
    observer: Observer | None = None,
    process: ProcessFn | None = None,
) -> IngestResult:
    """Ingest files and folders into `index`; never stops on a bad file.

    `process` is the per-document function (default :func:`pipeline.process.process_file`); it
    must be importable by name, since it runs in worker processes, which also prepare its
    result for the index (:func:`archive.prepare.process_and_prepare`). A Ctrl-C commits what is
    finished, stops the workers and returns with `interrupted` set.
    """
    options = options or IngestOptions()
    observer = observer or Observer()
    # The pipeline's imports and language model load once per worker, before its first document.
    initializer = None if process else functools.partial(warm_up, options.tag)
    process = process or default_process()
    result = IngestResult()
    clock = time.monotonic()

    discovery = discover(paths, exclude=[index.directory])
    result.ignored = discovery.ignored
    hashes, unreadable = hash_files(discovery.files, threads=min(4, options.workers))
    index.recover()
    plan = make_plan(discovery, hashes, index.known(), prune=options.prune)
    plan.done.extend(unreadable)
    observer.planned(plan)

    for sha, source in plan.relocations:
        index.relocate(sha, source)
    if plan.replaced:
        index.remove(plan.replaced)
        result.replaced += len(plan.replaced)
    if plan.prune:
        index.remove(plan.prune)
        result.pruned = len(plan.prune)
    for outcome in plan.done:
        result.outcomes.append(outcome)
        observer.finished(outcome)

    if plan.tasks:
        writer = _Writer(index, options, result)
        try:
            _run_tasks(plan.tasks, process, initializer, options, writer, observer)
        except KeyboardInterrupt:
            result.interrupted = True
        finally:
            # Whatever stopped the run, the finished documents are worth keeping.
            writer.report(observer, writer.close())
    result.seconds = time.monotonic() - clock
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _run_tasks(
    tasks: list[Task],
    process: ProcessFn,
    initializer: Callable[[], None] | None,
    options: IngestOptions,
    writer: _Writer,
    observer: Observer,
) -> None:
    """Feed the tasks to the pool, hand each result to the writer, report as they come."""
    cpus = os.cpu_count() or 1
    workers = max(1, min(options.workers, len(tasks)))
    # Largest files first: a big scan started last would leave the other workers idle while
    # it finishes alone. Size is a rough guess at work, but a free one.
    queue = deque(sorted(tasks, key=lambda t: _size(t.path), reverse=True))
    with WorkerPool(
        workers,
        functools.partial(process_and_prepare, process),
        timeout=options.timeout or None,
        max_pixels=options.max_pixels,
        initializer=initializer,
    ) as pool:
        while queue or pool.busy():
            while queue and pool.idle():
                task = queue.popleft()
                jobs = options.ocr_jobs or ocr_jobs_for(cpus, workers, len(queue) + pool.busy() + 1)
                pool.submit(task, task.path, process_options(options, jobs), options.passwords)
                observer.started(task.path)
            for done in pool.collect(1.0):
                task = done.job
                if done.result is not None:
                    writer.add(done.result, task.stale)
                    outcome = success(task.path, done.result.meeting, done.seconds)
                else:
                    outcome = failure(task.path, done.error or {}, task.sha256)
                writer.result.outcomes.append(outcome)
                observer.finished(outcome)
            writer.report(observer, writer.commits())
