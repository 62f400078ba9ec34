"""The one lock of the archive: exclusive across processes and threads, re-entrant, with a wait.

It is an `flock` on a file, which the kernel releases when its holder exits or is killed, so a
lock file left behind by a crash is harmless: nothing needs clearing, the next writer simply gets
the lock. The holder's pid is written into the file only to name it in the error message.
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
import time
from pathlib import Path

from pipeline.errors import IndexLockedError


class FileLock:
    """``with FileLock(path, timeout=…, busy=…):`` holds the lock; raises
    :class:`~pipeline.errors.IndexLockedError` (message `busy`, holder's pid) when another
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

    def _acquire_file(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
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
                holder = _read_pid(fd)
                os.close(fd)
                waited = f"; gave up after {self.timeout:.0f} s" if self.timeout > 0 else ""
                pid = f" (pid {holder})" if holder else ""
                raise IndexLockedError(f"{self.busy}{pid}{waited}", hint=self.hint)
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
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


def _read_pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0) or None
    except (OSError, ValueError):
        return None


__all__ = ["FileLock"]
