"""Checksums of a search index's files, so that a flipped bit is found, not searched.

A search engine's segment files are written once and never changed (Whoosh, and tantivy alike,
write new segments and a new table of contents on each commit), so the archive can seal them:
after each commit, the CRC-32 of every new file goes into `archive-checksums.json` in the
backend's folder. Opening the archive checks them; a file that no longer matches makes the
index "not current", and it is rebuilt from the records as an index of another schema version
is. Reading the files costs about a millisecond per megabyte; above :data:`VERIFY_UPTO` the
check is left to the reads themselves (a damaged block fails while it is read, and the archive
rebuilds then).
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path

from archive.atomic import atomic_write_json

MANIFEST = "archive-checksums.json"
VERIFY_UPTO = 256 << 20  # bytes of index checked on every opening


def _is_lock(name: str) -> bool:
    return "lock" in name.lower()


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            crc = zlib.crc32(block, crc)
    return crc


def _manifest(folder: Path) -> dict[str, list[int]] | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(name): [int(size), int(crc)] for name, (size, crc) in data["files"].items()}
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # a damaged manifest seals nothing: the next commit writes it anew


def seal(folder: Path) -> None:
    """Record the checksum of every file in `folder` not sealed yet (and forget those gone).
    Call it after each commit, under the archive's write lock."""
    old = _manifest(folder) or {}
    files: dict[str, list[int]] = {}
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(folder):
            if entry.name == MANIFEST or _is_lock(entry.name) or not entry.is_file():
                continue
            size = entry.stat().st_size
            known = old.get(entry.name)
            files[entry.name] = (
                known if known and known[0] == size else [size, _crc(Path(entry.path))]
            )
    atomic_write_json(folder / MANIFEST, {"files": files})


def broken_file(folder: Path, *, upto: int = VERIFY_UPTO) -> str | None:
    """The name of a sealed file whose size or checksum no longer matches, or None. An index
    larger than `upto` bytes is not read here (None)."""
    manifest = _manifest(folder)
    if not manifest:
        return None
    if sum(size for size, _ in manifest.values()) > upto:
        return None
    for name, (size, crc) in sorted(manifest.items()):
        path = folder / name
        try:
            if path.stat().st_size != size:
                return name
            if _crc(path) != crc:
                return name
        except FileNotFoundError:
            continue  # replaced by a commit since (its table of contents no longer names it)
    return None


__all__ = ["MANIFEST", "VERIFY_UPTO", "broken_file", "seal"]
