"""Worker processes for the per-document function, with deadlines and crash isolation.

One document per worker at a time; a worker whose document exceeds its deadline, or that
crashes, is killed with its children and replaced, and that document alone fails.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from archive.ingest.outcomes import error_fields
from pipeline.errors import (
    ExtractionTimeoutError,
    OutOfMemoryError,
    PageTooLargeError,
    WorkerCrashedError,
    WorkerStartError,
)
from pipeline.options import ProcessOptions

# The per-document function: a file and its settings in, a picklable result out.
ProcessFn = Callable[[Path, ProcessOptions], Any]

START_TIMEOUT = 300.0  # seconds a worker may take to start (loading the language model)


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
    """A worker's life: start up, then take (id, path, options) and answer, repeat."""
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
        task_id, path, options = message
        start = time.perf_counter()
        try:
            result = process(Path(path), options)
            reply: tuple[Any, ...] = ("ok", task_id, result, time.perf_counter() - start)
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
    """A job's result from the pool: what the function returned, or an error payload."""

    job: Any
    result: Any = None
    error: dict[str, str] | None = None
    seconds: float = 0.0


class WorkerPool:
    """A fixed number of worker processes with a deadline per job.

    Unlike :class:`concurrent.futures.ProcessPoolExecutor` it can stop a job that runs too
    long: the worker is killed (with its child processes) and replaced, and only that job fails.
    A worker that dies (a segfault in a PDF library, the OOM killer) fails only its own job.
    `initializer` runs in each worker before its first job, outside the job's deadline.
    `preload` names the modules the fork server imports once, so that every new worker starts
    with them in memory (it takes effect when this process starts its fork server, i.e. for
    its first pool).
    """

    def __init__(
        self,
        workers: int,
        process: ProcessFn,
        *,
        timeout: float | None = None,
        max_pixels: int | None = None,
        initializer: Callable[[], None] | None = None,
        preload: Sequence[str] = (),
    ) -> None:
        # forkserver: workers start from a clean single-threaded server, never by forking this
        # process, whose writer thread and open index files they must not inherit.
        self._context = multiprocessing.get_context("forkserver")
        if preload:
            self._context.set_forkserver_preload(list(preload))
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

    def submit(self, job: Any, path: Path, options: ProcessOptions) -> None:
        """Give `job` to an idle worker; callers check :meth:`idle` first."""
        index = next(n for n, s in enumerate(self._slots) if s.task is None)
        if not self._slots[index].process.is_alive():  # died while idle: not this job's fault
            self._replace(index)
        slot = self._slots[index]
        slot.task, slot.started = job, time.monotonic()
        # A worker that dies now is noticed by collect() through its sentinel.
        with contextlib.suppress(OSError):
            slot.conn.send((id(job), str(path), options))

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
                return Done(job, result=message[2], seconds=message[3])
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
