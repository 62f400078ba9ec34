"""The archive on disk: JSON records (ground truth) and the Whoosh index derived from them.

Layout of an index directory::

    records/<sha256>.json   one Meeting per source (archive.store)
    whoosh/                 the Whoosh index, plus `archive-schema.json` with its schema version
    write.lock              fcntl lock held by the one process that writes
    pending.json            sha256s of a write in progress (a journal for crash recovery)

Crash safety: a write journals the sha256s it touches, writes the records, then makes ONE
Whoosh commit (Whoosh swaps its table of contents atomically), then drops the journal. A process
killed at any moment leaves the last committed index, which opens and searches; the next writer
(or `recover()`) replays the journal. Both locks (ours and Whoosh's own) are `flock` locks, which
the kernel releases when the holder dies, so a crash never leaves a lock that blocks anyone.

Readers take no lock: a searcher sees the last commit, also while an ingest is running.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.query import Term
from whoosh.searching import Searcher
from whoosh.writing import CLEAR, SegmentWriter

from archive import whoosh_fixes
from archive.prepare import Prepared, prepare
from archive.schema import DOC_ENTRY, DOC_PAGE, SCHEMA_VERSION, build_schema
from archive.store import RecordStore
from pipeline.records import Meeting

whoosh_fixes.apply()

VERSION_FILE = "archive-schema.json"


class IndexUnavailableError(RuntimeError):
    """Base of the errors this module raises on purpose."""


class IndexLockedError(IndexUnavailableError):
    """Another process kept the write lock for longer than the timeout."""


def index_exists(directory: Path) -> bool:
    """True when `directory` holds an archive (records or a Whoosh index)."""
    directory = Path(directory)
    return (directory / "records").is_dir() or (directory / "whoosh").is_dir()


class _WriteLock:
    """An exclusive, re-entrant lock across processes and threads (`flock` on a file).

    The kernel drops an `flock` when its holder exits or is killed, so a lock file left behind
    by a crash is harmless: nothing needs clearing, the next writer simply gets the lock.
    """

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    def __enter__(self) -> _WriteLock:
        if not self._thread_lock.acquire(timeout=self.timeout):
            raise IndexLockedError(f"another thread holds {self.path}")
        if self._depth == 0:
            try:
                self._fd = self._acquire_file()
            except BaseException:
                self._thread_lock.release()
                raise
        self._depth += 1
        return self

    def _acquire_file(self) -> int:
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
                raise IndexLockedError(
                    f"the archive at {self.path.parent} is being written by another process"
                    + (f" (pid {holder})" if holder else "")
                    + f"; gave up after {self.timeout:.0f} s"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        # The pid is only informative (for the message above); the flock is the lock.
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


@dataclass
class IndexStats:
    """What is in the archive."""

    directory: str
    schema_version: int
    meetings: int = 0
    entries: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    items: int = 0
    pages: int = 0
    ocr_pages: int = 0
    needs_review: list[dict[str, Any]] = field(default_factory=list)
    without_table: int = 0  # documents without a minutes table, indexed page by page
    page_documents: int = 0
    indexed_documents: int = 0
    first_date: str | None = None
    last_date: str | None = None
    records_bytes: int = 0
    index_bytes: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class ArchiveIndex:
    """The record store and the Whoosh index of one archive directory, kept in agreement.

    Opening creates `<directory>/records` and `<directory>/whoosh` as needed; an index built
    with another :data:`~archive.schema.SCHEMA_VERSION` (or damaged beyond opening) is rebuilt
    from the records.
    """

    def __init__(self, directory: Path, *, lock_timeout: float = 300.0) -> None:
        self.directory = Path(directory).expanduser()
        self.store = RecordStore(self.directory)
        self.whoosh_path = self.directory / "whoosh"
        self.lock_timeout = lock_timeout
        self.store.path.mkdir(parents=True, exist_ok=True)
        self._lock = _WriteLock(self.directory / "write.lock", lock_timeout)
        self._pending_path = self.directory / "pending.json"
        self.rebuilt = False  # True when opening rebuilt the index (new schema, or damage)
        self._ix = self._open()

    # --- opening ------------------------------------------------------------------------------

    def _stored_version(self) -> int | None:
        try:
            data = json.loads((self.whoosh_path / VERSION_FILE).read_text(encoding="utf-8"))
            return int(data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _usable(self) -> whoosh_index.Index | None:
        """The Whoosh index if it exists, has our schema version and opens; else None."""
        if self._stored_version() != SCHEMA_VERSION:
            return None
        for attempt in range(4):
            try:
                ix = whoosh_index.open_dir(str(self.whoosh_path))
                ix.doc_count()  # reads the table of contents and the segments
                return ix
            except Exception:  # a writer may be swapping segments under us: try again
                time.sleep(0.05 * (attempt + 1))
        return None

    def _open(self) -> whoosh_index.Index:
        ix = self._usable()
        if ix is not None:
            return ix
        with self._lock:
            ix = self._usable()  # another process may have rebuilt it while we waited
            if ix is None:
                self._rebuild()
                self.rebuilt = True
                ix = whoosh_index.open_dir(str(self.whoosh_path))
        return ix

    def _rebuild(self) -> int:
        """Create the Whoosh index afresh from the records. Caller holds the lock."""
        with contextlib.suppress(FileNotFoundError):
            (self.whoosh_path / VERSION_FILE).unlink()
        if self.whoosh_path.exists():
            shutil.rmtree(self.whoosh_path)
        self.whoosh_path.mkdir(parents=True)
        self._ix = whoosh_index.create_in(str(self.whoosh_path), build_schema())
        count = self._write(self._stored(), merge=CLEAR)
        # The version is written last: a crash before this point means "rebuild again".
        _write_json(self.whoosh_path / VERSION_FILE, {"version": SCHEMA_VERSION})
        self._clear_pending()
        return count

    # --- reading ------------------------------------------------------------------------------

    @property
    def whoosh(self) -> whoosh_index.Index:
        """The underlying Whoosh index (for searching)."""
        return self._ix

    def open_searcher(self) -> Searcher:
        """A searcher on the last committed state; the caller closes it."""
        for attempt in range(5):
            try:
                return self._ix.searcher()
            except (OSError, whoosh_index.IndexError):
                # A commit in another process removed segment files between our reading its
                # table of contents and opening them: the next attempt reads the newer table.
                if attempt == 4:
                    raise
                time.sleep(0.02 * 2**attempt)
        raise AssertionError("unreachable")

    @contextlib.contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher on the last committed state, closed on exit."""
        searcher = self.open_searcher()
        try:
            yield searcher
        finally:
            searcher.close()

    def doc_count(self) -> int:
        """Number of live documents in the Whoosh index."""
        return self._ix.doc_count()

    def known(self) -> dict[str, str]:
        """sha256 → source path of every stored record."""
        return {m.sha256: m.source for m in self.store.meetings()}

    def get(self, sha256: str) -> Meeting | None:
        """The stored meeting of `sha256`."""
        return self.store.get(sha256)

    # --- writing ------------------------------------------------------------------------------

    def _writer(self) -> SegmentWriter:
        # We hold our own lock, so Whoosh's is free unless something outside the archive API
        # writes; its flock dies with its holder, so a timeout here means a live writer.
        return self._ix.writer(timeout=self.lock_timeout, limitmb=256)

    def _write(
        self,
        batch: Iterable[Prepared],
        *,
        delete: Iterable[str] = (),
        merge: Any = None,
    ) -> int:
        """One Whoosh commit: delete the documents of `delete` and of each meeting, add the
        meetings' documents. Returns the number of entry documents added."""
        writer = self._writer()
        count = 0
        try:
            for sha in delete:
                writer.delete_by_term("sha256", sha)
            for prepared in batch:
                if merge is not CLEAR:
                    writer.delete_by_term("sha256", prepared.meeting.sha256)
                for doc in prepared.documents:
                    writer.add_document(**doc)
                    count += doc["doc_type"] == DOC_ENTRY
            if merge is None:
                writer.commit()
            else:
                writer.commit(mergetype=merge)
        except BaseException:
            writer.cancel()
            raise
        return count

    def _stored(self, shas: Iterable[str] | None = None) -> Iterator[Prepared]:
        """The stored meetings (all, or those of `shas` that have a record), prepared one at
        a time so that a whole archive is never in memory at once."""
        meetings = self.store.meetings() if shas is None else map(self.store.get, shas)
        return (prepare(m, record=False) for m in meetings if m is not None)

    def add_meetings(self, meetings: Iterable[Meeting]) -> int:
        """Store each meeting's record, then index the batch in ONE commit (replacing the
        documents each sha256 had). Returns the number of entries indexed."""
        return self.add_prepared(prepare(m) for m in meetings)

    def add_prepared(self, batch: Iterable[Prepared]) -> int:
        """:meth:`add_meetings` for meetings already :func:`~archive.prepare.prepare`-d (by
        the ingest's workers)."""
        unique = list({p.meeting.sha256: p for p in batch}.values())  # one sha twice: last wins
        if not unique:
            return 0
        with self._lock:
            self._replay_pending()
            self._add_pending(p.meeting.sha256 for p in unique)
            for prepared in unique:
                self.store.put(prepared.meeting, prepared.record)
            count = self._write(unique)
            self._clear_pending()
        return count

    def remove(self, shas: Iterable[str]) -> None:
        """Forget sources: their records and their index documents."""
        shas = sorted(set(shas))
        if not shas:
            return
        with self._lock:
            self._replay_pending()
            self._add_pending(shas)
            for sha in shas:
                self.store.delete(sha)
            self._write([], delete=shas)
            self._clear_pending()

    def relocate(self, sha256: str, new_source: str) -> None:
        """A source file moved: update its path in the record and the index."""
        with self._lock:
            meeting = self.store.get(sha256)
            if meeting is None:
                raise KeyError(sha256)
            if meeting.source == new_source:
                return
            meeting.source = new_source
            self.add_meetings([meeting])

    def reindex(self) -> int:
        """Rebuild the whole Whoosh index from the records (no extraction). Searches keep
        seeing the old index until the single commit at the end. Returns the entry count."""
        with self._lock:
            if self._stored_version() != SCHEMA_VERSION:
                return self._rebuild()
            count = self._write(self._stored(), merge=CLEAR)
            self._clear_pending()
            return count

    def recover(self) -> None:
        """Make records and index agree after a crash: replay an interrupted write, index
        records the index lacks, drop documents whose record is gone. When they already
        agree this is a directory listing and a lexicon scan, and writes nothing."""
        with self._lock:
            self.store.clean_temp_files()
            self._replay_pending()
            stored = self.store.shas()
            indexed = self._indexed_shas()
            missing = sorted(stored - indexed)
            orphans = sorted(indexed - stored)
            if not missing and not orphans:
                return
            self._write(self._stored(missing), delete=orphans)

    def _indexed_shas(self) -> set[str]:
        with self.searcher() as searcher:
            reader = searcher.reader()
            # The lexicon still lists terms of deleted, not yet merged documents: check those
            # candidates against the live postings.
            shas = {t.decode("utf-8") for t in reader.lexicon("sha256")}
            live = set()
            for sha in shas:
                if any(True for _ in searcher.docs_for_query(Term("sha256", sha))):
                    live.add(sha)
            return live

    # --- the journal --------------------------------------------------------------------------

    def _pending(self) -> set[str]:
        try:
            return set(json.loads(self._pending_path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError):
            # A torn journal: we cannot know what it named, so check everything.
            return self.store.shas() | self._indexed_shas()

    def _add_pending(self, shas: Iterable[str]) -> None:
        _write_json(self._pending_path, sorted(self._pending() | set(shas)))

    def _clear_pending(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._pending_path.unlink()

    def _replay_pending(self) -> None:
        """Re-index (or drop) whatever an interrupted write was touching."""
        shas = self._pending()
        if not shas:
            self._clear_pending()
            return
        meetings = {sha: self.store.get(sha) for sha in sorted(shas)}
        gone = [sha for sha, meeting in meetings.items() if meeting is None]
        self._write(
            (prepare(m, record=False) for m in meetings.values() if m is not None), delete=gone
        )
        self._clear_pending()

    # --- stats --------------------------------------------------------------------------------

    def stats(self) -> IndexStats:
        """Counts over the records (meetings, entries by kind, pages, OCR, review) and sizes."""
        stats = IndexStats(directory=str(self.directory), schema_version=SCHEMA_VERSION)
        kinds: Counter[str] = Counter()
        dates = []
        for meeting in self.store.meetings():
            stats.meetings += 1
            stats.items += len(meeting.items)
            stats.pages += len(meeting.pages) or meeting.page_count
            if meeting.date:
                dates.append(meeting.date.isoformat())
            if not meeting.items:
                stats.without_table += 1
            for item in meeting.items:
                for entry in item.entries:
                    kinds[entry.kind] += 1
            for page in meeting.pages:
                stats.ocr_pages += page.ocr
                if page.needs_review:
                    stats.needs_review.append(
                        {
                            "source": meeting.source,
                            "sha256": meeting.sha256,
                            "page": page.number,
                            "note": page.note,
                        }
                    )
        stats.kinds = dict(sorted(kinds.items()))
        stats.entries = sum(kinds.values())
        stats.first_date = min(dates, default=None)
        stats.last_date = max(dates, default=None)
        with self.searcher() as searcher:
            stats.indexed_documents = searcher.doc_count()
            stats.page_documents = sum(
                1 for _ in searcher.docs_for_query(Term("doc_type", DOC_PAGE))
            )
        stats.records_bytes = self.store.size_bytes()
        stats.index_bytes = sum(f.stat().st_size for f in self.whoosh_path.iterdir() if f.is_file())
        return stats


def _write_json(path: Path, data: Any) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


__all__ = [
    "IndexUnavailableError",
    "ArchiveIndex",
    "IndexLockedError",
    "IndexStats",
    "index_exists",
]
