"""Files written whole or not at all, and for their owner only: the archive's write helpers.

Records, the write journal, the index's version marker and the ingest report are all written
this way: into a temporary file beside the target, flushed to disk, renamed over the target
(atomic on POSIX), and the directory entry synced, so a crash leaves the old file or the new
one, never half a file. Temporary files are named `.<name>.<random>.tmp`: readers skip names
that start with a dot, and :func:`clean_temp_files` removes the ones a crash left behind.

The archive holds the full text of the minutes, password-protected ones included, so what it
creates is private (:func:`private_files`): folders 0700, files 0600.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TEMP_SUFFIX = ".tmp"


def atomic_write(path: Path, data: str | bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` (text is written as UTF-8) in one step.

    `durable` also syncs the file and its directory, so the new content survives a power cut;
    without it the write is still atomic, just not forced to disk at once.
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


# A lone surrogate: how Python holds a byte of a file name that is not UTF-8 (os.fsdecode's
# surrogateescape), or half of a UTF-16 pair a PDF's text layer split.
_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(data: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """JSON as the archive writes it: UTF-8 text, not ASCII-escaped; `compact` leaves out the
    blanks after separators.

    A lone surrogate is written as its `\\udcXX` escape: valid JSON in valid UTF-8 that reads
    back as the same string, so a file name that is not UTF-8 survives the round trip byte for
    byte (``os.fsencode``), in records, reports and ``--json`` output alike.
    """
    separators = (",", ":") if compact else None
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text


def atomic_write_json(path: Path, data: Any, *, indent: int | None = None) -> None:
    """:func:`atomic_write` of `data` as :func:`json_text`."""
    text = json_text(data, indent=indent)
    atomic_write(path, text + "\n" if indent is not None else text)


PRIVATE_UMASK = 0o077  # files 0600, folders 0700
_umask_lock = threading.RLock()
_umask_depth = 0
_umask_saved = 0


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """While inside, every file and folder this process creates is for its owner only.

    The umask is the one setting that reaches what libraries create too (the search engine's
    segment files); it is process-wide, so nested and concurrent uses share one count and the
    umask the process had comes back when the last one leaves.
    """
    global _umask_depth, _umask_saved
    with _umask_lock:
        if _umask_depth == 0:
            _umask_saved = os.umask(PRIVATE_UMASK)
        _umask_depth += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_depth -= 1
            if _umask_depth == 0:
                os.umask(_umask_saved)


def private_dir(path: Path) -> Path:
    """Create the folder `path` (and its parents) for its owner only; an existing folder of
    ours is made private too. Returns `path`."""
    path = Path(path)
    with private_files():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not ours, or a read-only archive: leave it
        mode = path.stat().st_mode
        if mode & 0o077 and path.stat().st_uid == os.getuid():
            os.chmod(path, mode & 0o700)
    return path


def fsync_dir(path: Path) -> None:
    """Sync a directory, so that a rename or unlink in it reaches the disk."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def clean_temp_files(folder: Path) -> int:
    """Delete the temporary files a crashed writer left in `folder`; returns how many."""
    removed = 0
    with contextlib.suppress(FileNotFoundError):
        for name in os.listdir(folder):
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(Path(folder) / name)
                    removed += 1
    return removed


__all__ = [
    "PRIVATE_UMASK",
    "atomic_write",
    "atomic_write_json",
    "clean_temp_files",
    "fsync_dir",
    "json_text",
    "private_dir",
    "private_files",
]
