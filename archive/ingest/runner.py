"""The batch runner: many files → worker processes → one writer committing to the index.

* :func:`archive.ingest.plan.make_plan` compares the files found with what the index holds (by
  content hash) and decides what to process, relocate, skip, replace and prune.
* :class:`archive.ingest.workers.WorkerPool` runs the per-document function
  (:func:`pipeline.process.process_file`) in worker processes with deadlines; each worker also
  prepares its meeting for the index (the backend's pure `prepare`).
* :class:`archive.ingest.writer.Writer` is the single writer, a thread of this process.
* :func:`run_ingest` ties them together and reports each file to an :class:`Observer`.

Nothing here prints: the command (`archive.cli.ingest`) chooses how a run shows itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

from archive.index.backend import Prepared
from archive.index.store import meeting_json
from archive.ingest.collector import tuned_for_ingest
from archive.ingest.discover import discover
from archive.ingest.observer import Observer
from archive.ingest.options import IngestOptions
from archive.ingest.outcomes import IngestResult, error_fields, failure, success
from archive.ingest.plan import Plan, Task, hash_files, make_plan, ocr_jobs_for
from archive.ingest.workers import WorkerPool, warm_up
from archive.ingest.writer import IndexLike, Writer
from archive.lock import FileLock
from pipeline.errors import IndexUnavailableError
from pipeline.options import DECODE_FACTOR, DEFAULT_MAX_PIXELS, ProcessOptions
from pipeline.records import Meeting

ProcessFn = Callable[[Path, ProcessOptions], Meeting]
PrepareFn = Callable[[Meeting], Prepared]


def ingest_lock(directory: Path) -> FileLock:
    """The index's ingest lock, so two runs never write the same index at once: the second one
    stops at once rather than wait."""
    return FileLock(
        Path(directory) / ".ingest.lock",
        timeout=0,
        busy=f"the index {directory} is busy with another ingest",
        hint="Another ingest is writing to this index; wait for it or use another --index.",
    )


def default_process() -> ProcessFn:
    """The pipeline's per-document function, imported only when a run needs it."""
    from pipeline.process import process_file

    return process_file


def process_and_prepare(
    process: ProcessFn, prepare: PrepareFn, path: Path, options: ProcessOptions
) -> Prepared:
    """The workers' job: `process` the file, then `prepare` the meeting for the writer.

    The index keys sources by the path the run found, whatever the pipeline recorded, so that
    the next run recognises the file.
    """
    meeting = process(path, options)
    meeting.source = str(path)
    prepared = prepare(meeting)
    prepared.record = meeting_json(meeting)
    return prepared


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
    must be importable by name, since it runs in worker processes. A Ctrl-C (KeyboardInterrupt)
    at any point commits what is finished, stops the workers and returns with `interrupted`
    set. A commit that fails (a full disk) ends the run too: `error` says why, and the files
    processed but not stored are failures.
    """
    options = options or IngestOptions()
    observer = observer or Observer()
    # The pipeline's imports and language model load once per worker, before its first document.
    initializer = None if process else functools.partial(warm_up, options.tag)
    process = process or default_process()
    result = IngestResult()
    clock = time.monotonic()
    try:
        # Unpickling the workers' results makes as many objects as the workers did.
        with tuned_for_ingest():
            plan = _plan(paths, index, options, result, observer)
            if plan.tasks:
                _process(plan.tasks, index, process, initializer, options, result, observer)
    except KeyboardInterrupt:
        result.interrupted = True
    if not result.interrupted:
        # Every document is committed by now: a signal here stops only the derived threads,
        # which the next reader brings up to date, and the run reports what it did.
        try:
            _refresh_threads(index)
        except KeyboardInterrupt:
            result.interrupted = True
    result.seconds = time.monotonic() - clock
    return result


def _refresh_threads(index: IndexLike) -> None:
    """Bring the action threads beside the records up to date (:mod:`archive.threads`), once,
    after the last commit. They are derived data: if they cannot be written (a full disk), the
    next reader computes them, so the run does not fail for it."""
    directory = Path(index.directory)
    if not (directory / "records").is_dir():
        return
    from archive.threads import refresh

    with contextlib.suppress(OSError):
        refresh(directory)


def _plan(
    paths: Sequence[Path],
    index: IndexLike,
    options: IngestOptions,
    result: IngestResult,
    observer: Observer,
) -> Plan:
    """Find and hash the files, decide what to do, and do what needs no document read:
    relocate moved files, drop replaced and pruned ones, report the files done already."""
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
    return plan


def _process(
    tasks: list[Task],
    index: IndexLike,
    process: ProcessFn,
    initializer: Callable[[], None] | None,
    options: IngestOptions,
    result: IngestResult,
    observer: Observer,
) -> None:
    """Run the documents through the workers and the writer; whatever stops the run, the
    finished documents are committed (a second Ctrl-C does not cut the last commit short)."""
    writer = Writer(index, options, result)
    job = functools.partial(process_and_prepare, process, index.prepare)
    try:
        _run_tasks(tasks, job, initializer, options, writer, observer)
    except KeyboardInterrupt:
        result.interrupted = True
    except BaseException as exc:
        if exc is not writer.error:
            raise
    finally:
        while True:
            try:
                writer.close()
                break
            except KeyboardInterrupt:
                result.interrupted = True
        writer.report(observer)
    if writer.error is not None:
        result.error = writer.error
        reason = error_fields(_store_error(writer.error))
        for outcome in writer.lost():
            lost = failure(outcome.path, reason, outcome.sha256)
            result.outcomes.append(lost)
            observer.finished(lost)


def _store_error(exc: BaseException) -> BaseException:
    """A failed commit as the failure of each document it held."""
    if isinstance(exc, OSError):
        what = "no space left on the device" if exc.errno == errno.ENOSPC else exc.strerror
        return IndexUnavailableError(f"not stored in the archive: {what or exc}")
    return exc


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _modules(job: functools.partial) -> list[str]:
    """The modules of the functions a job calls: what the workers' fork server preloads."""
    return sorted(
        {f.__module__ for f in job.args if callable(f)} | {process_and_prepare.__module__}
    )


def _run_tasks(
    tasks: list[Task],
    job: functools.partial,
    initializer: Callable[[], None] | None,
    options: IngestOptions,
    writer: Writer,
    observer: Observer,
) -> None:
    """Feed the tasks to the pool, hand each result to the writer, report as they come: a
    failure at once, a processed file once its commit is done."""
    cpus = os.cpu_count() or 1
    workers = max(1, min(options.workers, len(tasks)))
    # Largest files first: a big scan started last would leave the other workers idle while
    # it finishes alone. Size is a rough guess at work, but a free one.
    queue = deque(sorted(tasks, key=lambda t: _size(t.path), reverse=True))
    # Pillow's own decompression-bomb guard is tightened only to a limit the user chose: the
    # pipeline checks every image against its limit itself and shrinks a large image on reading
    # rather than refusing it, which Pillow's guard at the pipeline's default would prevent.
    pillow_limit = (
        options.max_pixels * DECODE_FACTOR if options.max_pixels != DEFAULT_MAX_PIXELS else None
    )
    if options.executor != "local":  # a cluster's workers, behind the same pool interface
        from archive.ingest.executors import cluster_pool

        pool_of_run = cluster_pool(
            options.executor,
            options.address,
            job,
            timeout=options.timeout or None,
            initializer=initializer,
        )
    else:
        pool_of_run = WorkerPool(
            workers,
            job,
            timeout=options.timeout or None,
            max_pixels=pillow_limit,
            max_memory=options.max_memory,
            initializer=initializer,
            preload=_modules(job),
        )
    with pool_of_run as pool:

        def fill() -> None:
            while queue and pool.idle():
                task = queue.popleft()
                jobs = options.ocr_jobs or ocr_jobs_for(cpus, workers, len(queue) + pool.busy() + 1)
                pool.submit(task, task.path, dataclasses.replace(options, ocr_jobs=jobs))
                observer.started(task.path)

        while queue or pool.busy():
            fill()
            finished = pool.collect(1.0)
            # The workers that handed in a result get their next file before the results are
            # unpickled and queued for the writer (which may make this thread wait).
            fill()
            for done in finished:
                task = done.job
                if done.error is None:
                    prepared = done.loaded()
                    outcome = success(task.path, prepared.meeting, done.seconds)
                    writer.add(prepared, task.stale, outcome)
                else:
                    outcome = failure(task.path, done.error or {}, task.sha256)
                    writer.result.outcomes.append(outcome)
                    observer.finished(outcome)
            writer.check()
            writer.report(observer)


__all__ = ["default_process", "ingest_lock", "process_and_prepare", "run_ingest"]
