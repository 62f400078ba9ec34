"""The archive on disk: JSON records (ground truth) and the search index derived from them.

Layout of an index directory::

    records/<sha256>.json   one Meeting per source (archive.index.store)
    <backend>/              the search backend's index (whoosh/ by default)
    write.lock              the lock held by the one process that writes (archive.lock)
    pending.json            sha256s of a write in progress (a journal for crash recovery)

Crash safety: a write journals the sha256s it touches, writes the records, then makes ONE
backend commit, then drops the journal. A process killed at any moment leaves the last committed
index, which opens and searches; the next writer (or :meth:`Archive.recover`) replays the
journal. The lock dies with its holder, so a crash never leaves a lock that blocks anyone.

Damage: a record that does not parse is skipped and listed (:meth:`Archive.damaged_records`,
with the source to ingest again); a search index that fails while it is read (a flipped bit in
a segment) is rebuilt from the records, as one of another schema version is on opening.
Everything the archive writes is private to its owner (:func:`archive.atomic.private_files`).

:class:`Archive` is the one object the command line, the exports and the web page use.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shlex
import struct
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from archive.atomic import atomic_write_json, private_dir, private_files
from archive.index.backend import (
    DEFAULT_BACKEND,
    FACETS,
    Prepared,
    SearchBackend,
    Sort,
    backend_class,
    prepare_stored,
    store_backend,
    stored_backend,
)
from archive.index.contract import DOC_PAGE, SCHEMA_VERSION
from archive.index.integrity import broken_file, seal
from archive.index.query import Filters, filter_tree, parse_query
from archive.index.query.tree import Term
from archive.index.search import SearchResult, search
from archive.index.stats import IndexStats
from archive.index.store import RecordStore
from archive.lock import FileLock
from pipeline.errors import ArchiveError, IndexUnavailableError, NotFoundError, UsageError
from pipeline.records import Meeting

T = TypeVar("T")

# What reading a damaged index raises: a flipped bit in a compressed block (zlib.error), in a
# packed number (struct.error), in a pickled value; a segment cut short (EOFError, IndexError).
# Not TypeError or AttributeError, which mean a bug, and no rebuild would mend.
INDEX_DAMAGE: tuple[type[BaseException], ...] = (
    zlib.error,
    struct.error,
    pickle.UnpicklingError,
    EOFError,
    IndexError,
    KeyError,
    ValueError,
    OverflowError,
    UnicodeDecodeError,
    OSError,
)

ENV_BACKEND = "ARCHIVE_BACKEND"
# Seconds a writer waits for another's commit. A commit takes seconds; whoever holds the lock
# longer is rebuilding a whole index, and is named in the error rather than waited for.
DEFAULT_LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class DamagedRecord:
    """A record under `records/` that cannot be read, and how to get it back."""

    sha256: str
    path: Path
    reason: str  # "empty", "not valid JSON, cut off after 120 bytes", …
    source: str | None = None  # the file it came from, when the search index still knows

    @property
    def recovery(self) -> str:
        """What restores the record: ingesting its source again."""
        if self.source:
            return f"ingest its source again: archive ingest {shlex.quote(self.source)}"
        return "ingest the folder its source is in again (the index no longer names it)"


class IndexDamagedError(IndexUnavailableError):
    """The search index failed while it was read, and could not be rebuilt from the records."""

    reason = "index-damaged"
    hint = "Rebuild it from the records: archive reindex"


def index_exists(directory: Path) -> bool:
    """True when `directory` holds an archive (records or a search index)."""
    directory = Path(directory)
    return (directory / "records").is_dir() or (directory / DEFAULT_BACKEND).is_dir()


class Archive:
    """The record store and the search index of one archive directory, kept in agreement.

    Opening creates `<directory>/records` and the backend's folder as needed; an index built
    with another :data:`~archive.index.contract.SCHEMA_VERSION` (or damaged beyond opening) is
    rebuilt from the records, and :attr:`rebuilt` says so.
    """

    def __init__(
        self,
        directory: Path,
        *,
        backend: str | None = None,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        self.directory = Path(directory).expanduser()
        self.store = RecordStore(self.directory)
        self.lock_timeout = lock_timeout
        try:
            if not self.directory.exists():
                private_dir(self.directory)
            private_dir(self.store.path)
        except OSError as exc:
            raise IndexUnavailableError(
                f"cannot create the archive at {self.directory} ({exc.strerror or exc})",
                hint=f"Check that {self.directory} is writable, or use another --index.",
            ) from exc
        self._lock = FileLock(
            self.directory / "write.lock",
            timeout=lock_timeout,
            busy=f"the archive at {self.directory} is being written by another process",
        )
        self._journal = _Journal(self.directory / "pending.json")
        # Named here (ingest --backend) > the environment > the one stored in the directory.
        chosen = backend or os.environ.get(ENV_BACKEND) or stored_backend(self.directory)
        cls = backend_class(chosen or DEFAULT_BACKEND)
        if backend:
            store_backend(self.directory, cls.name)
        self.backend: SearchBackend = cls(self.directory / cls.name)
        self.rebuilt = False  # True when the index was rebuilt (new schema, or damage)
        self.rebuilt_because = ""  # why, when it was damaged
        self._sources: dict[str, str | None] = {}  # sha256 of a damaged record → its source
        broken = broken_file(self.backend.directory)
        if broken or not self.backend.is_current():
            self._rebuild_on_opening(broken)

    def _rebuild_on_opening(self, broken: str | None) -> None:
        """Rebuild an index of another schema version, or a damaged one, from the records; a
        damaged index that cannot be rebuilt here (read-only, locked) says to reindex."""
        try:
            with self._lock, private_files():
                broken = broken_file(self.backend.directory)  # another process may have
                if broken or not self.backend.is_current():  # rebuilt it meanwhile
                    self.backend.close()
                    private_dir(self.backend.directory)
                    self.backend.rebuild(self._stored())
                    self._seal()
                    self._journal.clear()
                    self.rebuilt = True
                    if broken:
                        self.rebuilt_because = f"its file {broken} no longer matches its checksum"
        except (OSError, ArchiveError) as exc:
            if not broken:
                raise
            why = exc.message if isinstance(exc, ArchiveError) else (exc.strerror or str(exc))
            raise IndexDamagedError(
                f"the search index at {self.backend.directory} is damaged (its file {broken} "
                f"no longer matches its checksum) and cannot be rebuilt now: {why}"
            ) from exc

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the backend's open readers."""
        self.backend.close()

    @property
    def prepare(self) -> Any:
        """The backend's `prepare` (pure, picklable): what ingest workers run on a meeting."""
        return self.backend.prepare

    # --- reading ------------------------------------------------------------------------------

    def known(self) -> dict[str, str]:
        """sha256 → source path of every stored record."""
        return {m.sha256: m.source for m in self.store.meetings()}

    def get(self, sha256: str) -> Meeting | None:
        """The stored meeting of `sha256`."""
        return self.store.get(sha256)

    def find(self, key: str) -> Meeting:
        """The one meeting `key` names (a sha256 prefix, a source path or a file name).

        Raises :class:`~pipeline.errors.NotFoundError` for none, and
        :class:`~pipeline.errors.UsageError` naming the candidates for several.
        """
        found = self.store.find(key)
        if not found:
            for damaged in self.damaged_records():
                if damaged.source and _names(key, damaged.source, damaged.sha256):
                    raise NotFoundError(
                        f"the record of {damaged.source} is damaged ({damaged.reason})",
                        hint=f"To recover it, {damaged.recovery}",
                    )
            raise NotFoundError(
                f"No meeting in the archive matches {key!r}.",
                hint="archive search '…' to find it, then use its source or sha256",
            )
        if len(found) > 1:
            listing = "\n".join(f"  {m.sha256[:12]}  {m.source}" for m in found[:20])
            raise UsageError(
                f"{len(found)} meetings match {key!r}:\n{listing}", hint="a longer key"
            )
        return found[0]

    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        limit: int | None = 10,
        page: int = 1,
        sort: Sort = "relevance",
        fuzzy: bool = True,
        snippets: bool = True,
    ) -> SearchResult:
        """Run a user query (see :func:`archive.index.search.search`). Raises
        :class:`~archive.index.query.QuerySyntaxError` for bad syntax or a bad filter."""
        return self._reading(
            lambda: search(
                self.backend,
                text,
                filters=filters,
                limit=limit,
                page=page,
                sort=sort,
                fuzzy=fuzzy,
                snippets=snippets,
            )
        )

    def facets(
        self,
        text: str = "*",
        *,
        filters: Filters | None = None,
        names: Iterable[str] = FACETS,
        top: int = 20,
    ) -> dict[str, dict[str, int]]:
        """Counts per kind, body, year, owner role, municipality, organisation, status, OCR
        and review among the documents a query (and filters) find."""
        query, where = parse_query(text), filter_tree(filters)
        return self._reading(lambda: self.backend.facets(query, where, names=names, top=top))

    def _reading(self, read: Callable[[], T]) -> T:
        """`read` the search index; when it fails for any reason but the caller's own (a
        zlib error from a flipped bit, a segment cut short), rebuild the index from the records
        and read once more."""
        try:
            return read()
        except ArchiveError:
            raise
        except INDEX_DAMAGE:
            # Once more on a fresh view first: a commit in another process may have swapped
            # segments under the open one.
            self.backend.close()
        try:
            return read()
        except ArchiveError:
            raise
        except INDEX_DAMAGE as exc:
            damage = f"{type(exc).__name__}: {exc}"
            self.repair(damage)
            try:
                return read()
            except ArchiveError:
                raise
            except INDEX_DAMAGE as again:
                raise IndexDamagedError(
                    f"the search index at {self.backend.directory} cannot be read ({damage})"
                ) from again

    def repair(self, damage: str) -> None:
        """Rebuild the search index from the records, because of `damage` (said in
        :attr:`rebuilt_because`); an index that cannot be rebuilt here (read-only, locked)
        raises :class:`IndexDamagedError` with the hint to reindex."""
        self.backend.close()
        try:
            with self._lock, private_files():
                private_dir(self.backend.directory)
                self.backend.rebuild(self._stored())
                self._seal()
                self._journal.clear()
        except (OSError, ArchiveError) as exc:
            why = exc.message if isinstance(exc, ArchiveError) else (exc.strerror or str(exc))
            raise IndexDamagedError(
                f"the search index at {self.backend.directory} is damaged ({damage}) and "
                f"cannot be rebuilt now ({why})"
            ) from exc
        self.rebuilt = True
        self.rebuilt_because = damage

    # --- damaged records ----------------------------------------------------------------------

    def damaged_records(self, *, check: bool = False) -> list[DamagedRecord]:
        """The records found damaged so far, with the sources they came from; with `check`,
        also the records that look damaged at first sight (:meth:`RecordStore.suspects`),
        for commands that read no record themselves."""
        if check:
            for sha in self.store.suspects():
                self.store.get(sha)  # lists it when it is damaged indeed
        found = []
        for sha, reason in sorted(self.store.damaged.items()):
            if not self.store.file_of(sha).exists():
                continue  # deleted, or replaced by a good record meanwhile
            found.append(DamagedRecord(sha, self.store.file_of(sha), reason, self._source(sha)))
        return found

    def check_records(self) -> list[DamagedRecord]:
        """Read every record, and return those that are damaged (:meth:`damaged_records`)."""
        for _ in self.store.meetings():
            pass
        return self.damaged_records()

    def _source(self, sha256: str) -> str | None:
        """The source of `sha256` by the search index's word (its records keep the path); kept
        once found, since a reindex drops the documents of a meeting without a record."""
        if sha256 not in self._sources:
            self._sources[sha256] = self._indexed_source(sha256)
        return self._sources[sha256]

    def _indexed_source(self, sha256: str) -> str | None:
        try:
            page = self.backend.search(Term("sha256", sha256), limit=1, sort="minutes")
        except Exception:  # a damaged index as well: the source is then unknown
            return None
        return page.found[0].record.get("source") if page.found else None

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
        stats.indexed_documents = self._reading(self.backend.doc_count)
        stats.page_documents = self._reading(
            lambda: self.backend.doc_count(Term("doc_type", DOC_PAGE))
        )
        stats.indexed_meetings = len(self._reading(self.backend.sources))
        stats.records_bytes = self.store.size_bytes()
        stats.index_bytes = self.backend.size_bytes()
        stats.damaged_records = len(self.damaged_records())
        return stats

    # --- writing ------------------------------------------------------------------------------

    def _stored(
        self, shas: Iterable[str] | None = None, *, parallel: bool = False
    ) -> Iterator[Prepared]:
        """The stored meetings (all, or those of `shas` that have a record), prepared one at
        a time so that a whole archive is never in memory at once; with `parallel`, all of
        them read and prepared in worker processes (a reindex, records checked first)."""
        if parallel and shas is None:
            return prepare_stored(self.backend.prepare, self.directory, sorted(self.store.shas()))
        meetings = self.store.meetings() if shas is None else map(self.store.get, shas)
        return (self.backend.prepare(m) for m in meetings if m is not None)

    def add_meetings(self, meetings: Iterable[Meeting]) -> int:
        """Store each meeting's record, then index the batch in ONE commit (replacing the
        documents each sha256 had). Returns the number of entries indexed."""
        return self.add_prepared(self.backend.prepare(m) for m in meetings)

    def add_prepared(self, batch: Iterable[Prepared]) -> int:
        """:meth:`add_meetings` for meetings already prepared (by the ingest's workers)."""
        unique = list({p.meeting.sha256: p for p in batch}.values())  # one sha twice: last wins
        if not unique:
            return 0
        with self._lock, private_files():
            self._replay_pending()
            self._journal.add(p.meeting.sha256 for p in unique)
            # The records are written while the backend adds the documents (a record's time
            # is mostly the disk's sync, which lets the interpreter go), and the commit waits
            # for them: a crash still finds every record of a commit on disk, and the journal
            # names whatever was in flight. Leaving the block waits for the writes too.
            with ThreadPoolExecutor(1) as pool:
                records = pool.submit(self.store.put_many, [(p.meeting, p.record) for p in unique])
                count = self.backend.write(unique, before_commit=records.result)
            self._seal()
            self._journal.clear()
        return count

    def remove(self, shas: Iterable[str]) -> None:
        """Forget sources: their records and their index documents."""
        shas = sorted(set(shas))
        if not shas:
            return
        with self._lock, private_files():
            self._replay_pending()
            self._journal.add(shas)
            for sha in shas:
                self.store.delete(sha)
            self.backend.delete(shas)
            self._seal()
            self._journal.clear()

    def relocate(self, sha256: str, new_source: str) -> None:
        """A source file moved: update its path in the record and the index."""
        with self._lock, private_files():
            meeting = self.store.get(sha256)
            if meeting is None:
                raise KeyError(sha256)
            if meeting.source == new_source:
                return
            meeting.source = new_source
            self.add_meetings([meeting])

    def reindex(self) -> int:
        """Rebuild the whole index from the records (no extraction). Searches keep seeing the
        old index until the single commit at the end. Returns the entry count.

        A meeting whose record is damaged keeps the documents the index has of it (they are
        all that is left of it until its source is ingested again), unless the index itself
        has to be rebuilt.
        """
        with self._lock, private_files():
            private_dir(self.backend.directory)
            damaged = {d.sha256 for d in self.check_records()}  # their sources named first
            if not self.backend.is_current():
                count = self.backend.rebuild(self._stored(parallel=True))
            elif damaged:
                gone = self.backend.sources() - self.store.shas()
                count = self.backend.write(self._stored(parallel=True), delete=gone)
            else:
                try:
                    count = self.backend.write(self._stored(parallel=True), replace_all=True)
                except (OSError, ArchiveError):
                    raise
                except INDEX_DAMAGE:  # the old index is damaged: start afresh
                    self.backend.close()
                    count = self.backend.rebuild(self._stored())
            self._seal()
            self._journal.clear()
            return count

    def recover(self) -> None:
        """Make records and index agree after a crash: replay an interrupted write, index
        records the index lacks, drop documents whose record is gone. When they already
        agree this is a directory listing and a lexicon scan, and writes nothing."""
        with self._lock, private_files():
            self.store.clean_temp_files()
            self._replay_pending()
            stored = self.store.shas()
            indexed = self.backend.sources()
            missing = sorted(stored - indexed)
            orphans = sorted(indexed - stored)
            if not missing and not orphans:
                return
            self.backend.write(self._stored(missing), delete=orphans)
            self._seal()

    def _seal(self) -> None:
        """Checksum the index's new files (after a commit, under the lock)."""
        seal(self.backend.directory)

    def _replay_pending(self) -> None:
        """Re-index (or drop) whatever an interrupted write was touching."""
        shas = self._journal.read(everything=lambda: self.store.shas() | self.backend.sources())
        if not shas:
            self._journal.clear()
            return
        meetings = {sha: self.store.get(sha) for sha in sorted(shas)}
        gone = [sha for sha, meeting in meetings.items() if meeting is None]
        self.backend.write(
            (self.backend.prepare(m) for m in meetings.values() if m is not None), delete=gone
        )
        self._seal()
        self._journal.clear()


def _names(key: str, source: str, sha256: str) -> bool:
    """Whether `key` (as `archive show` takes it) names this source."""
    key = key.strip()
    if len(key) >= 6 and sha256.startswith(key.lower()):
        return True
    tail = key.replace("\\", "/").lstrip("./")
    return source == key or bool(tail) and source.replace("\\", "/").endswith("/" + tail)


class _Journal:
    """The sha256s of a write in progress, so that the next writer can replay it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, *, everything: Any) -> set[str]:
        try:
            return set(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError):
            # A torn journal: we cannot know what it named, so check everything.
            return set(everything())

    def add(self, shas: Iterable[str]) -> None:
        current = self.read(everything=set)
        atomic_write_json(self.path, sorted(current | set(shas)))

    def clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


__all__ = ["Archive", "DamagedRecord", "IndexDamagedError", "index_exists"]
