"""The one lock of the archive: exclusive across processes and threads, re-entrant, with a wait.

It is an `flock` on a file, which the kernel releases when its holder exits or is killed, so a
lock file left behind by a crash is harmless: nothing needs clearing, the next writer simply gets
the lock. Who holds it is asked of the kernel (`/proc/locks`), so the error names the live
holder and its command line; the pid a holder writes into the file is only the fallback where
`/proc` is not there, and may be stale.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import IndexLockedError, IndexUnavailableError


@dataclass(frozen=True)
class Holder:
    """The process that holds a lock."""

    pid: int
    command: str = ""  # its command line, when it can be read

    def __str__(self) -> str:
        return f"pid {self.pid}: {self.command}" if self.command else f"pid {self.pid}"


class FileLock:
    """``with FileLock(path, timeout=…, busy=…):`` holds the lock; raises
    :class:`~pipeline.errors.IndexLockedError` (message `busy`, and who holds it) when another
    process keeps it longer than `timeout` seconds (0: do not wait)."""

    def __init__(self, path: Path, *, timeout: float, busy: str, hint: str | None = None) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.busy = busy
        self.hint = hint
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        if self.timeout > 0:
            acquired = self._thread_lock.acquire(timeout=self.timeout)
        else:
            acquired = self._thread_lock.acquire(blocking=False)
        if not acquired:
            raise IndexLockedError(f"{self.busy} (another thread)", hint=self.hint)
        if self._depth == 0:
            try:
                self._fd = self._acquire_file()
            except BaseException:
                self._thread_lock.release()
                raise
        self._depth += 1
        return self

    def _open(self) -> int:
        try:
            # The folder of a lock is an archive's: for its owner only, as all of the archive.
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # 0600: the lock file holds a pid only, but nothing of the archive is for others.
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise IndexUnavailableError(
                    f"the archive at {self.path.parent} is not writable ({exc.strerror})",
                    hint="Check its permissions, or use another --index.",
                ) from exc
            raise

    def _acquire_file(self) -> int:
        fd = self._open()
        deadline = time.monotonic() + self.timeout
        delay = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
            if time.monotonic() >= deadline:
                holder = holder_of(fd)
                os.close(fd)
                waited = f"; gave up after {self.timeout:.0f} s" if self.timeout >= 1 else ""
                held = f" (held by {holder})" if holder else ""
                raise IndexLockedError(f"{self.busy}{held}{waited}", hint=self.hint)
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        with contextlib.suppress(OSError):  # a full disk must not stop us holding the lock
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        return fd

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        self._thread_lock.release()


def holder_of(fd: int) -> Holder | None:
    """Who holds the flock on the file open at `fd`: the kernel's word, else the pid the
    holder wrote into the file."""
    pid = _kernel_holder(fd) or _written_pid(fd)
    if pid is None:
        return None
    return Holder(pid, _command_line(pid))


def _kernel_holder(fd: int) -> int | None:
    """The pid `/proc/locks` gives for the flock on this file (Linux)."""
    try:
        stat = os.fstat(fd)
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    inode = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 fe:00:2162695 0 EOF"; a waiter's line has "->".
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == inode:
            with contextlib.suppress(ValueError):
                pid = int(fields[4])
                if pid != os.getpid():
                    return pid
    return None


def _written_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


def _command_line(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    words = [os.fsdecode(part) for part in raw.split(b"\0") if part]
    # `python -m archive.cli ingest …` and `…/bin/archive ingest …` both read as `archive …`.
    for n, word in enumerate(words):
        if word == "archive.cli" or Path(word).name == "archive":
            words = ["archive", *words[n + 1 :]]
            break
    text = " ".join(_without_passwords(words))
    return text if len(text) <= 120 else text[:119] + "…"


def _without_passwords(words: list[str]) -> list[str]:
    """A command line fit to print: the value of a --password blanked."""
    out = []
    for word in words:
        if out and out[-1] == "--password":
            word = "***"
        elif word.startswith("--password="):
            word = "--password=***"
        out.append(word)
    return out


__all__ = ["FileLock", "Holder", "holder_of"]
