"""The batch runner: many files → worker processes → one writer committing to the index.

* :func:`make_plan` compares the files found with what the index holds (by content hash) and
  decides what to process, relocate, skip, replace and prune. It is pure and reads no PDF.
* :class:`WorkerPool` runs the per-document function (:func:`pipeline.process.process_file`) in
  worker processes, one document per worker at a time, and kills and replaces a worker whose
  document exceeds its deadline or crashes it.
* :class:`_Writer` is the single writer: a thread of the parent that commits finished documents
  in small batches, so a crash loses at most the last few seconds of work and a search running
  meanwhile sees the batches already committed.
* :func:`run_ingest` ties them together and reports each file to an :class:`Observer`.

Nothing here prints: the command (`archive.commands_ingest`) chooses how a run shows itself.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import functools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from archive.discover import Discovery, SourceFile, UnreadableFileError, discover
from pipeline.errors import (
    ArchiveError,
    EncryptedPDFError,
    ExtractionTimeoutError,
    PageTooLargeError,
)

if TYPE_CHECKING:
    from pipeline.process import ProcessOptions
    from pipeline.records import Meeting

ProcessFn = Callable[[Path, "ProcessOptions"], "Meeting"]

DEFAULT_TIMEOUT = 300.0  # seconds per document
START_TIMEOUT = 300.0  # seconds a worker may take to start (loading the language model)
COMMIT_DOCUMENTS = 10  # commit after this many finished documents …
COMMIT_SECONDS = 2.0  # … or this long after the oldest uncommitted one, whichever comes first


class IngestLockedError(ArchiveError):
    reason = "locked"
    hint = "Another ingest is writing to this index; wait for it or use another --index."


class WorkerStartError(ArchiveError):
    reason = "worker-start"
    hint = "The worker processes could not start; see the error printed above."


class WorkerCrashedError(ArchiveError):
    reason = "crashed"
    hint = "A PDF library crashed on the file; check it with `qpdf --check`."


class OutOfMemoryError(ArchiveError):
    reason = "memory"
    hint = PageTooLargeError.hint


class IndexLike(Protocol):
    """The part of :class:`archive.index.ArchiveIndex` the runner writes through."""

    def add_meetings(self, meetings: Iterable[Meeting]) -> int: ...
    def remove(self, shas: Iterable[str]) -> Any: ...
    def relocate(self, sha256: str, new_source: str) -> Any: ...
    def known(self) -> dict[str, str]: ...
    def recover(self) -> Any: ...


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IngestOptions:
    """Settings of one ingest run."""

    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    ocr: str = "auto"  # auto | always | never
    passwords: tuple[str, ...] = ()  # tried in turn on encrypted PDFs
    tag: bool = True
    prune: bool = False
    timeout: float | None = DEFAULT_TIMEOUT  # seconds per document; None: no limit
    max_pixels: int | None = None  # page-image limit; None: the pipeline's default
    ocr_jobs: int | None = None  # Tesseract processes per document; None: fill the CPUs
    commit_documents: int = COMMIT_DOCUMENTS
    commit_seconds: float = COMMIT_SECONDS


@dataclass
class FileOutcome:
    """What happened to one file."""

    path: str
    status: str  # ok | moved | skipped | failed
    reason: str = ""  # failure or skip reason tag (`corrupt`, `unchanged`, …)
    message: str = ""
    hint: str = ""
    sha256: str = ""
    pages: int = 0
    ocr_pages: int = 0
    items: int = 0
    entries: int = 0
    seconds: float = 0.0

    @property
    def no_table(self) -> bool:
        """Ingested as plain text pages: no minutes table was found."""
        return self.status == "ok" and self.items == 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class IngestResult:
    """Everything one run did, for the summary and the failure report."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    ignored: int = 0  # hidden and temporary files
    pruned: int = 0
    replaced: int = 0  # old versions of changed files removed
    committed: int = 0  # documents written to the index
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    seconds: float = 0.0
    interrupted: bool = False

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> int:
        return self._count("ok")

    @property
    def moved(self) -> int:
        return self._count("moved")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def no_table(self) -> int:
        return sum(1 for o in self.outcomes if o.no_table)

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    @property
    def ocr_pages(self) -> int:
        return sum(o.ocr_pages for o in self.outcomes)

    @property
    def entries(self) -> int:
        return sum(o.entries for o in self.outcomes)

    @property
    def failures(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def skip_reasons(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            if o.status == "skipped":
                counts[o.reason] = counts.get(o.reason, 0) + 1
        return counts


def error_fields(error: BaseException) -> dict[str, str]:
    """An exception as plain data (reason, message, hint), safe to send between processes."""
    if isinstance(error, ArchiveError):
        return {"reason": error.reason, "message": str(error), "hint": error.hint}
    return {
        "reason": "internal",
        "message": f"internal error: {type(error).__name__}: {error}",
        "hint": "This is a bug in minutes-archive; please report it with the file if you can.",
    }


def failure(
    path: Path | str, error: BaseException | dict[str, str], sha256: str = ""
) -> FileOutcome:
    """The outcome of a file that failed with `error` (an exception or its fields)."""
    fields = error if isinstance(error, dict) else error_fields(error)
    return FileOutcome(
        str(path),
        "failed",
        fields.get("reason", "internal"),
        fields.get("message", ""),
        fields.get("hint", ""),
        sha256=sha256,
    )


def success(path: Path | str, meeting: Meeting, seconds: float = 0.0) -> FileOutcome:
    """The outcome of a file that became `meeting`."""
    return FileOutcome(
        str(path),
        "ok",
        "no-table" if not meeting.items else "",
        sha256=meeting.sha256,
        pages=meeting.page_count or len(meeting.pages),
        ocr_pages=sum(1 for p in meeting.pages if p.ocr),
        items=len(meeting.items),
        entries=sum(len(item.entries) for item in meeting.items),
        seconds=round(seconds, 3),
    )


class Observer:
    """Receives the run's events; the CLI shows them as a progress bar or log lines."""

    def planned(self, plan: Plan) -> None:
        """The plan is ready; `plan.tasks` documents will be processed."""

    def started(self, path: Path) -> None:
        """A worker took `path`."""

    def finished(self, outcome: FileOutcome) -> None:
        """A file is done: processed, failed, skipped, relocated."""

    def committed(self, documents: int, total: int) -> None:
        """`documents` were written to the index; `total` so far in this run."""


# --- planning -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One document to process."""

    path: Path
    sha256: str
    stale: tuple[str, ...] = ()  # older versions of this path, removed once this one is stored


@dataclass
class Plan:
    """What the run will do, decided before any document is read."""

    tasks: list[Task] = field(default_factory=list)
    relocations: list[tuple[str, str]] = field(default_factory=list)  # (sha256, new source)
    replaced: list[str] = field(default_factory=list)  # sha256s whose paths now hold other content
    prune: list[str] = field(default_factory=list)  # sha256s whose files are gone
    done: list[FileOutcome] = field(default_factory=list)  # skipped, moved, failed already


def hash_files(
    files: Sequence[SourceFile], threads: int = 2
) -> tuple[dict[Path, str], list[FileOutcome]]:
    """SHA-256 of each file. Threads overlap the reads; hashlib releases the GIL while hashing."""
    from pipeline.extract import sha256_of  # the PDF libraries load only when a run needs them

    def one(source: SourceFile) -> tuple[SourceFile, str | OSError]:
        try:
            return source, sha256_of(source.path)
        except OSError as exc:
            return source, exc

    hashes: dict[Path, str] = {}
    failures: list[FileOutcome] = []
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for source, digest in pool.map(one, files):
            if isinstance(digest, OSError):
                error = UnreadableFileError(f"cannot read ({digest.strerror or digest})")
                failures.append(failure(source.path, error))
            else:
                hashes[source.path] = digest
    return hashes, failures


def make_plan(
    discovery: Discovery,
    hashes: dict[Path, str],
    known: dict[str, str],
    *,
    prune: bool = False,
    exists: Callable[[str], bool] = os.path.exists,
) -> Plan:
    """Decide per file: process, relocate, or skip; and which index entries to drop.

    Sources are keyed by content hash, so:
    * a file whose hash is indexed under its own path is unchanged;
    * a hash indexed under a path that no longer holds it is a move: the entry is relocated;
    * a hash indexed under another path that still exists is a copy: skipped as a duplicate;
    * a new hash is processed; if its path held other content before, that old entry is
      replaced once the new version is stored (it stays if the new version fails);
    * an entry whose path now holds other, already indexed content is replaced at once;
    * with `prune`, entries whose files are gone are removed.
    """
    plan = Plan()
    for rejected in discovery.rejected:
        outcome = failure(rejected.path, rejected.error)
        if not rejected.failed:
            outcome.status, outcome.reason = "skipped", "not-a-document"
        plan.done.append(outcome)

    by_sha: dict[str, list[Path]] = {}
    for source in discovery.files:
        if source.path in hashes:
            by_sha.setdefault(hashes[source.path], []).append(source.path)
    current = {str(path): sha for path, sha in hashes.items()}

    def still_holds(source: str, sha: str) -> bool:
        # A path outside this run's walk is trusted to hold what it held: hashing the whole
        # archive to check would make a small ingest as slow as a full one.
        return current[source] == sha if source in current else exists(source)

    def duplicates(paths: Iterable[Path], of: str, sha: str) -> None:
        for path in paths:
            plan.done.append(
                FileOutcome(str(path), "skipped", "duplicate", f"same content as {of}", sha256=sha)
            )

    by_source: dict[str, set[str]] = {}
    for sha, source in known.items():
        by_source.setdefault(source, set()).add(sha)

    kept: set[str] = set()
    for sha, paths in by_sha.items():
        kept.add(sha)
        names = [str(p) for p in paths]
        if sha in known:
            source = known[sha]
            if source in names:
                primary = paths[names.index(source)]
                plan.done.append(FileOutcome(source, "skipped", "unchanged", sha256=sha))
                duplicates((p for p in paths if p != primary), source, sha)
            elif still_holds(source, sha):
                duplicates(paths, source, sha)
            else:
                plan.relocations.append((sha, names[0]))
                plan.done.append(
                    FileOutcome(names[0], "moved", "moved", f"moved from {source}", sha256=sha)
                )
                duplicates(paths[1:], names[0], sha)
        else:
            plan.tasks.append(Task(paths[0], sha))
            duplicates(paths[1:], names[0], sha)

    # What a path held before and nothing in this run holds any more is replaced: for a file
    # to process once its new version is stored (kept if that fails), for any other file now.
    def stale(path: str) -> tuple[str, ...]:
        return tuple(sorted(by_source.get(path, set()) - kept))

    plan.tasks = [dataclasses.replace(task, stale=stale(str(task.path))) for task in plan.tasks]
    processed = {str(task.path) for task in plan.tasks}
    plan.replaced = sorted(
        {sha for path in current if path not in processed for sha in stale(path)}
    )
    if prune:
        dropped = set(plan.replaced) | {sha for task in plan.tasks for sha in task.stale}
        plan.prune = sorted(
            sha
            for sha, source in known.items()
            if sha not in kept and sha not in dropped and not exists(source)
        )
    return plan


def ocr_jobs_for(cpus: int, workers: int, documents_left: int) -> int:
    """Tesseract processes for the next document, so that workers × jobs ≈ CPUs.

    While there are more documents than workers each document gets its share; towards the end
    of a batch the last documents get the cores that the idle workers leave free.
    """
    running = max(1, min(workers, documents_left))
    return max(1, cpus // running)


# --- worker processes ---------------------------------------------------------------------


def _prepare_worker(max_pixels: int | None) -> None:
    """Process-wide settings of a worker, run once when it starts."""
    # Its own process group: a timeout kills the worker and the Tesseract processes it started,
    # and Ctrl-C in the terminal reaches only the parent, which then shuts the pool down.
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if max_pixels:
        # A second guard besides the pipeline's own: Pillow refuses to decode a bomb.
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = max_pixels


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies, even by SIGKILL."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: workers end when their pipe closes
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


def warm_up(tag: bool) -> None:
    """Load what every document needs once per worker, before its first document.

    Failures are left for the documents to meet: each then fails with the pipeline's own error.
    """
    with contextlib.suppress(Exception):
        import pipeline.process  # noqa: F401  (pdfplumber, pdfium, layout)

        if tag:
            from models.nlp import load

            load()


def _process_one(
    process: ProcessFn, path: Path, options: ProcessOptions, passwords: Sequence[str]
) -> Meeting:
    """Process one file, trying each password in turn when it is encrypted."""
    try:
        return process(path, options)
    except EncryptedPDFError:
        # Most files are not encrypted, and an owner-only one opens without any password (the
        # wrong one can even fail it), so the passwords are tried only after the plain attempt.
        if not passwords:
            raise
    for n, password in enumerate(passwords, start=1):
        try:
            return process(path, dataclasses.replace(options, password=password))
        except EncryptedPDFError as exc:
            if n == len(passwords):
                what = "the password given" if n == 1 else f"none of the {n} passwords given"
                raise EncryptedPDFError(
                    f"encrypted: {what} opens it",
                    hint="Pass the right password with --password.",
                ) from exc
    raise AssertionError("unreachable")


def _as_archive_error(exc: BaseException) -> BaseException:
    """Map the few library exceptions that mean a known failure class."""
    if type(exc).__name__ == "DecompressionBombError":
        return PageTooLargeError(f"page image too large ({exc})")
    if isinstance(exc, MemoryError):
        return OutOfMemoryError("out of memory while processing the file")
    return exc


def worker_main(
    conn: Connection,
    process: ProcessFn,
    max_pixels: int | None,
    initializer: Callable[[], None] | None,
) -> None:
    """A worker's life: start up, then take (id, path, options, passwords) and answer, repeat."""
    _prepare_worker(max_pixels)
    if initializer is not None:
        initializer()
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, path, options, passwords = message
        start = time.perf_counter()
        try:
            meeting = _process_one(process, Path(path), options, passwords)
            reply: tuple[Any, ...] = ("ok", task_id, meeting, time.perf_counter() - start)
        except Exception as exc:  # one file's failure must never end the worker
            reply = ("error", task_id, error_fields(_as_archive_error(exc)))
        try:
            conn.send(reply)
        except (BrokenPipeError, EOFError, OSError):
            return
        except Exception as exc:  # e.g. a result that cannot be pickled
            conn.send(("error", task_id, error_fields(exc)))


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: Any = None  # the job running here
    started: float = 0.0  # when the job started: given to a ready worker, or the worker ready
    spawned: float = field(default_factory=time.monotonic)


@dataclass
class Done:
    """A job's result from the pool: a meeting or an error payload."""

    job: Any
    meeting: Meeting | None = None
    error: dict[str, str] | None = None
    seconds: float = 0.0


class WorkerPool:
    """A fixed number of worker processes with a deadline per job.

    Unlike :class:`concurrent.futures.ProcessPoolExecutor` it can stop a job that runs too
    long: the worker is killed (with its child processes) and replaced, and only that job fails.
    A worker that dies (a segfault in a PDF library, the OOM killer) fails only its own job.
    `initializer` runs in each worker before its first job, outside the job's deadline.
    """

    def __init__(
        self,
        workers: int,
        process: ProcessFn,
        *,
        timeout: float | None = None,
        max_pixels: int | None = None,
        initializer: Callable[[], None] | None = None,
    ) -> None:
        # forkserver: workers start from a clean single-threaded server, never by forking this
        # process, whose writer thread and open index files they must not inherit.
        self._context = multiprocessing.get_context("forkserver")
        # Imported once in the fork server, so each new worker starts with them in memory.
        # (Takes effect when this process starts its fork server, i.e. for its first pool.)
        self._context.set_forkserver_preload(["archive.ingest", "pipeline.process"])
        self._process = process
        self._timeout = timeout
        self._max_pixels = max_pixels
        self._initializer = initializer
        self._slots = [self._start() for _ in range(max(1, workers))]

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        proc = self._context.Process(
            target=worker_main,
            args=(child, self._process, self._max_pixels, self._initializer),
            name="archive-worker",
            daemon=False,  # a daemon may not start children, and OCR starts Tesseract
        )
        proc.start()
        child.close()
        return _Slot(proc, parent)

    @property
    def size(self) -> int:
        return len(self._slots)

    def idle(self) -> int:
        return sum(1 for slot in self._slots if slot.task is None)

    def busy(self) -> int:
        return len(self._slots) - self.idle()

    def submit(self, job: Any, path: Path, options: ProcessOptions, passwords: Sequence[str]):
        """Give `job` to an idle worker; callers check :meth:`idle` first."""
        index = next(n for n, s in enumerate(self._slots) if s.task is None)
        if not self._slots[index].process.is_alive():  # died while idle: not this job's fault
            self._replace(index)
        slot = self._slots[index]
        slot.task, slot.started = job, time.monotonic()
        # A worker that dies now is noticed by collect() through its sentinel.
        with contextlib.suppress(OSError):
            slot.conn.send((id(job), str(path), options, tuple(passwords)))

    def collect(self, wait_seconds: float) -> list[Done]:
        """Wait up to `wait_seconds` for results, enforce deadlines, replace dead workers."""
        watched = [s for s in self._slots if s.task is not None or not s.ready]
        if not watched:
            time.sleep(max(0.0, wait_seconds))
            return []
        if self._timeout:
            running = [s.started + self._timeout for s in watched if s.task and s.ready]
            if running:
                wait_seconds = min(wait_seconds, max(0.0, min(running) - time.monotonic()))
        wait([s.conn for s in watched] + [s.process.sentinel for s in watched], wait_seconds)

        results: list[Done] = []
        for index, slot in enumerate(self._slots):
            done = self._read(slot)
            if done is not None:
                results.append(done)
            elif slot.process.is_alive():
                if self._overdue(slot):
                    results.append(Done(slot.task, error=_timeout_payload(self._timeout or 0)))
                    self._replace(index)
                elif not slot.ready and time.monotonic() - slot.spawned > START_TIMEOUT:
                    raise WorkerStartError(f"a worker did not start within {START_TIMEOUT:g} s")
            elif not slot.ready:
                raise WorkerStartError(
                    f"a worker process exited during start-up (code {slot.process.exitcode})"
                )
            elif slot.task is not None:
                results.append(Done(slot.task, error=_crash_payload(slot.process.exitcode)))
                self._replace(index)
        return results

    def _overdue(self, slot: _Slot) -> bool:
        return bool(
            self._timeout
            and slot.task is not None
            and slot.ready
            and time.monotonic() - slot.started > self._timeout
        )

    def _read(self, slot: _Slot) -> Done | None:
        """The slot's result if one is waiting; start-up messages are consumed on the way."""
        while True:
            try:
                if not slot.conn.poll():
                    return None
                message = slot.conn.recv()
            except (EOFError, OSError):
                return None  # the worker died mid-reply; the liveness check reports it
            if message[0] == "ready":
                slot.ready = True
                # A job handed over during start-up starts its clock now.
                slot.started = time.monotonic()
                continue
            job, slot.task = slot.task, None
            if message[0] == "ok":
                return Done(job, meeting=message[2], seconds=message[3])
            return Done(job, error=message[2])

    def _replace(self, index: int) -> None:
        _kill(self._slots[index])
        self._slots[index] = self._start()

    def close(self) -> None:
        """Stop every worker: politely when idle, by force when still busy."""
        for slot in self._slots:
            if slot.task is None:
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
        deadline = time.monotonic() + 2.0
        for slot in self._slots:
            if slot.task is None:
                slot.process.join(max(0.0, deadline - time.monotonic()))
            _kill(slot)
        self._slots = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _kill(slot: _Slot) -> None:
    """Kill a worker and its process group (Tesseract children included), then reap it."""
    pid = slot.process.pid
    if slot.process.is_alive() and pid:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:  # not (yet) a group leader
            with contextlib.suppress(OSError):
                slot.process.kill()
    slot.process.join(5)
    slot.conn.close()


def _timeout_payload(seconds: float) -> dict[str, str]:
    return error_fields(
        ExtractionTimeoutError(f"stopped after {seconds:g} s (per-document --timeout)")
    )


def _crash_payload(exitcode: int | None) -> dict[str, str]:
    if exitcode is not None and exitcode < 0:
        how = f"killed by {signal.Signals(-exitcode).name}"
        if -exitcode == signal.SIGKILL:
            how += ", perhaps for lack of memory"
    else:
        how = f"exit code {exitcode}"
    return error_fields(WorkerCrashedError(f"the worker processing this file died ({how})"))


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
        self._meetings: list[Meeting] = []
        self._stale: list[str] = []
        self._oldest = 0.0
        self._commits: list[int] = []  # sizes of commits not yet reported
        self.reported = 0
        self._error: BaseException | None = None
        self._closing = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name="archive-writer", daemon=True)
        self._thread.start()

    def add(self, meeting: Meeting, stale: Sequence[str]) -> None:
        """Queue a finished document; waits while too many are queued already."""
        with self._cond:
            # Back-pressure: when the index cannot keep up, stop taking results rather than
            # hold an unbounded number of documents in memory.
            limit = 20 * self.options.commit_documents
            self._cond.wait_for(lambda: len(self._meetings) < limit or self._error is not None)
            self._raise()
            if not self._meetings:
                self._oldest = time.monotonic()
            self._meetings.append(meeting)
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
        if not self._meetings:
            return self._closing
        if self._closing or len(self._meetings) >= self.options.commit_documents:
            return True
        return time.monotonic() >= self._oldest + self.options.commit_seconds

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._due():
                    wait = self._oldest + self.options.commit_seconds - time.monotonic()
                    self._cond.wait(wait if self._meetings else None)
                if not self._meetings:
                    return
                meetings, stale = self._meetings, self._stale
                self._meetings, self._stale = [], []
                self._cond.notify_all()
            try:
                self.index.add_meetings(meetings)
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
                self.result.committed += len(meetings)
                self.result.replaced += len(stale)
                self._commits.append(len(meetings))


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
    must be importable by name, since it runs in worker processes. A Ctrl-C commits what is
    finished, stops the workers and returns with `interrupted` set.
    """
    options = options or IngestOptions()
    observer = observer or Observer()
    # The pipeline's imports and language model load once per worker, before its first document.
    initializer = None if process else functools.partial(warm_up, options.tag)
    process = process or default_process()
    result = IngestResult()
    clock = time.monotonic()

    discovery = discover(paths)
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
        process,
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
                if done.meeting is not None:
                    # The index keys sources by the path this run found, whatever the pipeline
                    # recorded, so that the next run recognises the file.
                    done.meeting.source = str(task.path)
                    writer.add(done.meeting, task.stale)
                    outcome = success(task.path, done.meeting, done.seconds)
                else:
                    outcome = failure(task.path, done.error or {}, task.sha256)
                writer.result.outcomes.append(outcome)
                observer.finished(outcome)
            writer.report(observer, writer.commits())
