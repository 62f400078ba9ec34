"""Threads kept beside the records: `<index>/threads.json`, derived and rebuildable.

The file holds what threads need of each meeting (its date, title, body and mentions, keyed by
sha256 with the record file's modification time and size) and the series and threads computed
from them. It is current while the records folder holds exactly the records it was computed
from: a record written, replaced or removed since changes the *fingerprint* (every record's
name, mtime and size), and the next read computes the threads again, reading only the records
that changed. So a crash, an ingest that stopped halfway or a file deleted by hand never leaves
threads that disagree with the records: at worst they are computed once more.

An ingest computes them once after its last commit (:func:`refresh`), `archive reindex` does it
anew; readers (:func:`threads_of`) use the file when it is current, else compute the threads
and write them when they may (the web server never writes). Writes are atomic and private,
like everything in the archive.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path
from typing import Any

from archive.atomic import atomic_write_json, private_files
from archive.index.store import RecordStore
from archive.threads.build import MeetingFacts, build
from archive.threads.model import Mention, Thread, ThreadSet
from pipeline.plain import as_plain

THREADS_FILE = "threads.json"
# Bump when mentions, matching or the file's layout change: a file of another version is
# computed again.
VERSION = 1

# What a damaged file that still parses as JSON raises when it is read as threads (a list where
# a mapping belongs, a number for a record): the file is then not current, and the threads are
# computed again from the records, as for a file that does not parse.
_DAMAGED = (KeyError, TypeError, ValueError, AttributeError)

_HEAD = re.compile(rb'^\{"version":\s*(\d+),\s*"fingerprint":\s*"([0-9a-f]{64})"')
_cache: dict[str, tuple[str, ThreadSet]] = {}
_cache_lock = threading.Lock()


def stamps(directory: Path) -> dict[str, str]:
    """sha256 → "mtime_ns:size" of every record file of the archive at `directory`."""
    folder = Path(directory) / "records"
    out = {}
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return {}
    for entry in entries:
        name = entry.name
        if not name.endswith(".json") or name.startswith("."):
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        out[name[:-5]] = f"{stat.st_mtime_ns}:{stat.st_size}"
    return out


def fingerprint(current: dict[str, str]) -> str:
    """One digest of the records' stamps (and :data:`VERSION`)."""
    digest = hashlib.sha256(f"threads/{VERSION}\n".encode())
    for sha in sorted(current):
        digest.update(f"{sha} {current[sha]}\n".encode())
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    shapes = (("meetings", dict), ("series", list), ("threads", list))
    if any(not isinstance(data.get(key, kind()), kind) for key, kind in shapes):
        return None
    return data


def _facts(data: dict[str, Any]) -> MeetingFacts:
    mentions = [Mention.from_dict(m) for m in data.get("mentions", [])]
    return MeetingFacts(
        sha256=data["sha256"],
        date=data.get("date"),
        title=data.get("title", ""),
        source=data.get("source", ""),
        body=data.get("body", ""),
        mentions=mentions,
    )


def _facts_dict(facts: MeetingFacts) -> dict[str, Any]:
    return {
        "sha256": facts.sha256,
        "date": facts.date,
        "title": facts.title,
        "source": facts.source,
        "body": facts.body,
        "mentions": [as_plain(m) for m in facts.mentions],
    }


def _thread_set(data: dict[str, Any], meetings: dict[str, MeetingFacts]) -> ThreadSet | None:
    """The thread set of a file, its threads' mentions (stored as ids) taken from its
    meetings; None when the file is inconsistent."""
    mentions = {m.id: m for facts in meetings.values() for m in facts.mentions}
    threads = []
    try:
        for raw in data.get("threads", []):
            found = [mentions[i] for i in raw["mentions"]]
            thread = Thread.from_dict({**raw, "mentions": []})
            thread.mentions = found
            threads.append(thread)
        series = ThreadSet.from_dict({"series": data.get("series", [])}).series
        return ThreadSet(series=series, threads=threads)
    except _DAMAGED:
        return None


def _file_data(
    print_: str, meetings: dict[str, tuple[str, MeetingFacts]], threads: ThreadSet
) -> dict[str, Any]:
    stored_threads = []
    for thread in threads.threads:
        stored_threads.append(thread.to_dict(mention_ids=True))
    return {
        "version": VERSION,
        "fingerprint": print_,
        "meetings": {
            sha: {"stamp": stamp, **_facts_dict(facts)} for sha, (stamp, facts) in meetings.items()
        },
        "series": [s.to_dict() for s in threads.series],
        "threads": stored_threads,
    }


def compute(directory: Path, *, write: bool = True) -> ThreadSet:
    """Compute the threads of the archive at `directory` from its records (re-reading only
    the records changed since the stored file), and store them when `write`."""
    directory = Path(directory)
    path = directory / THREADS_FILE
    current = stamps(directory)
    print_ = fingerprint(current)
    old = _read(path) or {}
    known = old.get("meetings") or {}
    store = RecordStore(directory)
    meetings: dict[str, tuple[str, MeetingFacts]] = {}
    for sha, stamp in sorted(current.items()):
        cached = known.get(sha)
        if isinstance(cached, dict) and cached.get("stamp") == stamp:
            try:
                meetings[sha] = (stamp, _facts(cached))
                continue
            except _DAMAGED:
                pass  # a damaged entry of the file: the record itself is read instead
        meeting = store.get(sha)
        if meeting is not None:  # a damaged record is left out, as search leaves it out
            meetings[sha] = (stamp, MeetingFacts.of(meeting))
    threads = build(facts for _, facts in meetings.values())
    if write:
        try:
            with private_files():
                atomic_write_json(path, _file_data(print_, meetings, threads))
        except OSError:
            pass  # a read-only archive: the threads are still right, only not kept
    _remember(directory, print_, threads)
    return threads


def _remember(directory: Path, print_: str, threads: ThreadSet) -> None:
    with _cache_lock:
        _cache[str(directory.resolve())] = (print_, threads)


def load(directory: Path) -> ThreadSet | None:
    """The stored threads when they are current (computed from the records as they are now),
    else None."""
    directory = Path(directory)
    print_ = fingerprint(stamps(directory))
    key = str(directory.resolve())
    with _cache_lock:
        cached = _cache.get(key)
    if cached and cached[0] == print_:
        return cached[1]
    data = _read(directory / THREADS_FILE)
    if not data or data.get("fingerprint") != print_:
        return None
    try:
        meetings = {sha: _facts(m) for sha, m in (data.get("meetings") or {}).items()}
    except _DAMAGED:
        return None
    threads = _thread_set(data, meetings)
    if threads is not None:
        _remember(directory, print_, threads)
    return threads


def threads_of(directory: Path, *, write: bool = True) -> ThreadSet:
    """The threads of the archive at `directory`: the stored ones when current, else computed
    (and stored, when `write`)."""
    found = load(directory)
    return found if found is not None else compute(directory, write=write)


def _file_print(path: Path) -> str | None:
    """The fingerprint a threads file was computed for, read from its head (the file starts
    with its version and fingerprint), when the file is whole; None otherwise."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
            handle.seek(-1, os.SEEK_END)
            last = handle.read(1)
    except OSError:
        return None
    match = _HEAD.match(head)
    if not match or int(match.group(1)) != VERSION or last != b"}":
        return None
    return match.group(2).decode("ascii")


def refresh(directory: Path) -> ThreadSet:
    """Bring the stored threads up to date with the records (after an ingest's last commit):
    nothing is computed when the file already is."""
    directory = Path(directory)
    current = fingerprint(stamps(directory))
    found = load(directory)
    if found is not None and _file_print(directory / THREADS_FILE) == current:
        return found
    return compute(directory, write=True)


def forget(directory: Path) -> None:
    """Drop the threads this process keeps in memory for `directory`."""
    with _cache_lock:
        _cache.pop(str(Path(directory).resolve()), None)


def rebuild(directory: Path) -> ThreadSet:
    """Compute the threads anew from every record (`archive reindex`)."""
    path = Path(directory) / THREADS_FILE
    forget(directory)
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return compute(directory, write=False)
    return compute(directory, write=True)


__all__ = [
    "THREADS_FILE",
    "VERSION",
    "compute",
    "fingerprint",
    "forget",
    "load",
    "rebuild",
    "refresh",
    "stamps",
    "threads_of",
]
