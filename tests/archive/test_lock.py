"""The one lock: exclusive across processes and threads, re-entrant, released by a crash."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from archive.lock import FileLock
from pipeline.errors import ExitCode, IndexLockedError

HOLD = textwrap.dedent(
    """
    import sys, time
    from archive.lock import FileLock
    with FileLock(sys.argv[1], timeout=0, busy="busy"):
        print("locked", flush=True)
        time.sleep(30)
    """
)


def test_re_entrant_in_one_thread(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "write.lock", timeout=1, busy="busy")
    with lock, lock:
        assert (tmp_path / "write.lock").exists()


def test_another_thread_waits_for_it(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "write.lock", timeout=0.2, busy="the archive is busy")
    failures: list[BaseException] = []

    def other() -> None:
        try:
            with lock:
                pass
        except IndexLockedError as exc:
            failures.append(exc)

    with lock:
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(failures) == 1 and "another thread" in str(failures[0])


def test_another_process_holding_it_is_named_and_a_killed_holder_frees_it(tmp_path: Path) -> None:
    path = tmp_path / "ingest.lock"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "locked"
        lock = FileLock(path, timeout=0, busy="the index is busy", hint="wait for it")
        with pytest.raises(IndexLockedError) as caught, lock:
            pass
        # The live holder, by the kernel's word, with its command line.
        assert caught.value.message.startswith(f"the index is busy (held by pid {proc.pid}: ")
        assert "-c" in caught.value.message
        assert caught.value.hint == "wait for it"
        assert caught.value.exit_code == ExitCode.UNAVAILABLE
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with lock:  # the kernel let go of the dead holder's lock
            pass
    finally:
        proc.kill()
