"""Worker processes for the per-document function, with deadlines, a memory ceiling and crash
isolation.

One document per worker at a time; a worker whose document exceeds its deadline, or that
crashes, is killed with its children and replaced, and that document alone fails. Each worker
has an address-space ceiling (`RLIMIT_AS`, ``--max-memory``): a 3 KB PDF of nested forms can
otherwise take all the memory of the machine, and with the ceiling it fails alone ("exceeds the
memory limit"). Each worker has a private temporary folder (0700) for the page images it hands
to Tesseract; the pool deletes it when it kills the worker, so a timeout leaves no page text
behind in /tmp.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import shutil
import signal
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from archive.ingest.collector import tune_for_ingest
from archive.ingest.outcomes import error_fields
from pipeline.errors import (
    CorruptPDFError,
    ExtractionTimeoutError,
    OutOfMemoryError,
    PageTooLargeError,
    UnreadableFileError,
    WorkerCrashedError,
    WorkerStartError,
)
from pipeline.options import ProcessOptions

# The per-document function: a file and its settings in, a picklable result out.
ProcessFn = Callable[[Path, ProcessOptions], Any]

START_TIMEOUT = 300.0  # seconds a worker may take to start (loading the language model)


# --- worker processes ---------------------------------------------------------------------


def _prepare_worker(max_pixels: int | None, max_memory: int | None, temp_dir: str | None) -> None:
    """Process-wide settings of a worker, run once when it starts."""
    # Its own process group: a timeout kills the worker and the Tesseract processes it started,
    # and Ctrl-C in the terminal reaches only the parent, which then shuts the pool down.
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent decides; no traceback here
    _die_with_parent()
    os.umask(0o077)  # what a worker writes (page images for Tesseract) is private
    if temp_dir:
        os.makedirs(temp_dir, mode=0o700, exist_ok=True)
        tempfile.tempdir = temp_dir
        os.environ["TMPDIR"] = temp_dir  # for the programs it starts, too
    if max_memory:
        set_memory_limit(max_memory)
    if max_pixels:
        # A second guard besides the pipeline's own: Pillow refuses to decode a bomb.
        import warnings

        from PIL import Image

        Image.MAX_IMAGE_PIXELS = max_pixels
        # Pillow warns from the limit on and refuses from twice it; the pipeline has its say.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)


def set_memory_limit(limit: int) -> None:
    """Cap this process's address space at `limit` bytes (and that of what it starts).

    glibc gives every thread that allocates its own 64 MB arena of address space; a few arenas
    are enough for a worker and keep that reservation from eating the ceiling.
    """
    import resource

    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        m_arena_max = -8
        ctypes.CDLL(None).mallopt(m_arena_max, 2)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


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
    """Map the library exceptions that mean a known failure of the file, not a bug."""
    if type(exc).__name__ == "DecompressionBombError":
        return PageTooLargeError(f"page image too large ({exc})")
    if isinstance(exc, MemoryError):
        return OutOfMemoryError("the file exceeds the memory limit while it is processed")
    if isinstance(exc, RecursionError):
        # A page tree or an object that refers to itself, or nests beyond reason.
        return CorruptPDFError("the PDF's structure loops or nests too deeply (a page tree loop?)")
    if isinstance(exc, FileNotFoundError):
        return UnreadableFileError("the file disappeared while it was being processed")
    if isinstance(exc, OSError):
        return UnreadableFileError(f"cannot read the file ({exc.strerror or exc})")
    return exc


def worker_main(
    conn: Connection,
    process: ProcessFn,
    max_pixels: int | None,
    initializer: Callable[[], None] | None,
    max_memory: int | None = None,
    temp_dir: str | None = None,
) -> None:
    """A worker's life: start up, then take (id, path, options) and answer, repeat. It ends
    quietly when its parent has gone (a closed pipe is no error to print)."""
    try:
        _prepare_worker(max_pixels, max_memory, temp_dir)
        if initializer is not None:
            initializer()
        tune_for_ingest()  # what start-up loaded (the language model) is never walked again
        conn.send(("ready",))
        _serve(conn, process)
    except (BrokenPipeError, EOFError, ConnectionError, KeyboardInterrupt):
        pass  # the parent has gone, or stops the run
    except BaseException:
        traceback.print_exc()  # a worker that cannot start: the parent reports it
        os._exit(1)
    # Exit now: no interpreter shutdown that could print about a pipe already gone.
    os._exit(0)


def _serve(conn: Connection, process: ProcessFn) -> None:
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
            seconds = time.perf_counter() - start
        except Exception as exc:  # one file's failure must never end the worker
            reply: tuple[Any, ...] = ("error", task_id, error_fields(_as_archive_error(exc)))
        else:
            try:
                # Pickled here, unpickled by the pool only once this worker has its next file.
                blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                reply = ("ok", task_id, blob, seconds)
            except Exception as exc:  # a result that cannot be pickled
                reply = ("error", task_id, error_fields(exc))
        try:
            conn.send(reply)
        except (OSError, EOFError):
            return
        except Exception as exc:  # e.g. a result that cannot be pickled
            conn.send(("error", task_id, error_fields(exc)))


@dataclass
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    temp_dir: str = ""  # the worker's private temporary folder
    ready: bool = False
    task: Any = None  # the job running here
    started: float = 0.0  # when the job started: given to a ready worker, or the worker ready
    spawned: float = field(default_factory=time.monotonic)
    memory: int = 0  # the most address space seen in use by the job running here (bytes)


@dataclass
class Done:
    """A job's result from the pool: what the function returned, or an error payload.

    The local pool hands the result over still pickled (`payload`): unpickling takes a while,
    and the caller gives the worker its next file first. :meth:`loaded` unpickles it.
    """

    job: Any
    result: Any = None
    error: dict[str, str] | None = None
    seconds: float = 0.0
    payload: bytes | None = None

    def loaded(self) -> Any:
        """What the function returned (None for a failed job), unpickled on first use."""
        if self.payload is not None:
            self.result, self.payload = pickle.loads(self.payload), None
        return self.result


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
        max_memory: int | None = None,
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
        self.max_memory = max_memory
        self._initializer = initializer
        self._temp_root = make_temp_root()
        self._started = 0
        self._slots: list[_Slot] = []
        try:
            self._slots = [self._start() for _ in range(max(1, workers))]
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Slot:
        parent, child = self._context.Pipe()
        self._started += 1
        temp_dir = os.path.join(self._temp_root, f"worker-{self._started}")
        proc = self._context.Process(
            target=worker_main,
            args=(
                child,
                self._process,
                self._max_pixels,
                self._initializer,
                self.max_memory,
                temp_dir,
            ),
            name="archive-worker",
            daemon=False,  # a daemon may not start children, and OCR starts Tesseract
        )
        try:
            proc.start()
        except OSError as exc:  # the fork server could not start, or refused the request
            parent.close()
            raise WorkerStartError(
                f"cannot start a worker process ({exc.strerror or exc})"
            ) from exc
        finally:
            child.close()
        return _Slot(proc, parent, temp_dir)

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
        slot.task, slot.started, slot.memory = job, time.monotonic(), 0
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
            if slot.task is not None:
                slot.memory = max(slot.memory, _address_space(slot.process.pid))
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
                error = _crash_payload(slot.process.exitcode, self.max_memory, slot.memory)
                results.append(Done(slot.task, error=error))
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
            _clear(slot.temp_dir)  # what the finished job left in its temporary folder
            if message[0] == "ok":
                return Done(job, seconds=message[3], payload=message[2])
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
        shutil.rmtree(self._temp_root, ignore_errors=True)

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
    # The page images and Tesseract output of a killed job: its text, not to be left behind.
    shutil.rmtree(slot.temp_dir, ignore_errors=True)


def _timeout_payload(seconds: float) -> dict[str, str]:
    return error_fields(
        ExtractionTimeoutError(f"stopped after {seconds:g} s (per-document --timeout)")
    )


def _crash_payload(exitcode: int | None, limit: int | None = None, used: int = 0) -> dict[str, str]:
    """Why a worker died, as the failure of its file. Under a memory limit, an abort (PDFium's
    allocator ends the process when an allocation fails) or a crash after the job had used
    half the limit is the file exceeding it."""
    if exitcode is not None and exitcode < 0:
        number = -exitcode
        how = f"killed by {signal.Signals(number).name}"
        memory_signals = (signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGKILL)
        if limit and number in memory_signals and (number == signal.SIGABRT or used > limit / 2):
            return error_fields(
                OutOfMemoryError(
                    f"the file exceeds the memory limit of {format_bytes(limit)} "
                    f"(the worker processing it was {how})"
                )
            )
        if number == signal.SIGKILL:
            how += ", perhaps for lack of memory"
    else:
        how = f"exit code {exitcode}"
    return error_fields(WorkerCrashedError(f"the worker processing this file died ({how})"))


def format_bytes(n: int) -> str:
    """`1610612736` → `1.5 GiB`."""
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} B"


def _address_space(pid: int | None) -> int:
    """The address space a process uses now (bytes), 0 when it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _clear(folder: str) -> None:
    """Empty a worker's temporary folder, keeping the folder."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


TEMP_PREFIX = "archive-ingest-"


def make_temp_root() -> str:
    """A private folder (0700) under the system's temporary folder for the workers of one
    pool, named with this process's pid; folders of earlier runs whose process is gone (killed
    with SIGKILL, no chance to clean up) are removed on the way."""
    base = tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for entry in os.scandir(base):
            if not entry.name.startswith(TEMP_PREFIX):
                continue
            pid = entry.name[len(TEMP_PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and not _running(int(pid)) and entry.stat().st_uid == os.getuid():
                shutil.rmtree(entry.path, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=base)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
