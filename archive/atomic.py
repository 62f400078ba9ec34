"""Files written whole or not at all: the one atomic-write helper of the archive.

Records, the write journal, the index's version marker and the ingest report are all written
this way: into a temporary file beside the target, flushed to disk, renamed over the target
(atomic on POSIX), and the directory entry synced, so a crash leaves the old file or the new
one, never half a file. Temporary files are named `.<name>.<random>.tmp`: readers skip names
that start with a dot, and :func:`clean_temp_files` removes the ones a crash left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
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


def atomic_write_json(path: Path, data: Any, *, indent: int | None = None) -> None:
    """:func:`atomic_write` of `data` as JSON (UTF-8, not ASCII-escaped)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    atomic_write(path, text + "\n" if indent is not None else text)


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


__all__ = ["atomic_write", "atomic_write_json", "clean_temp_files", "fsync_dir"]
