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

:class:`Archive` is the one object the command line, the exports and the web page use.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from archive.atomic import atomic_write_json
from archive.index.backend import (
    DEFAULT_BACKEND,
    FACETS,
    Prepared,
    SearchBackend,
    Sort,
    backend_class,
)
from archive.index.contract import DOC_PAGE, SCHEMA_VERSION
from archive.index.query import Filters, filter_tree, parse_query
from archive.index.query.tree import Term
from archive.index.search import SearchResult, search
from archive.index.stats import IndexStats
from archive.index.store import RecordStore
from archive.lock import FileLock
from pipeline.errors import IndexUnavailableError, NotFoundError, UsageError
from pipeline.records import Meeting

ENV_BACKEND = "ARCHIVE_BACKEND"
DEFAULT_LOCK_TIMEOUT = 300.0  # seconds a writer waits for another to finish


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
            self.store.path.mkdir(parents=True, exist_ok=True)
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
        cls = backend_class(backend or os.environ.get(ENV_BACKEND) or DEFAULT_BACKEND)
        self.backend: SearchBackend = cls(self.directory / cls.name)
        self.rebuilt = False  # True when opening rebuilt the index (new schema, or damage)
        if not self.backend.is_current():
            with self._lock:
                if not self.backend.is_current():  # another process may have rebuilt it
                    self.backend.rebuild(self._stored())
                    self._journal.clear()
                    self.rebuilt = True

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
        return search(
            self.backend,
            text,
            filters=filters,
            limit=limit,
            page=page,
            sort=sort,
            fuzzy=fuzzy,
            snippets=snippets,
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
        return self.backend.facets(parse_query(text), filter_tree(filters), names=names, top=top)

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
        stats.indexed_documents = self.backend.doc_count()
        stats.page_documents = self.backend.doc_count(Term("doc_type", DOC_PAGE))
        stats.records_bytes = self.store.size_bytes()
        stats.index_bytes = self.backend.size_bytes()
        return stats

    # --- writing ------------------------------------------------------------------------------

    def _stored(self, shas: Iterable[str] | None = None) -> Iterator[Prepared]:
        """The stored meetings (all, or those of `shas` that have a record), prepared one at
        a time so that a whole archive is never in memory at once."""
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
        with self._lock:
            self._replay_pending()
            self._journal.add(p.meeting.sha256 for p in unique)
            for prepared in unique:
                self.store.put(prepared.meeting, prepared.record)
            count = self.backend.write(unique)
            self._journal.clear()
        return count

    def remove(self, shas: Iterable[str]) -> None:
        """Forget sources: their records and their index documents."""
        shas = sorted(set(shas))
        if not shas:
            return
        with self._lock:
            self._replay_pending()
            self._journal.add(shas)
            for sha in shas:
                self.store.delete(sha)
            self.backend.delete(shas)
            self._journal.clear()

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
        """Rebuild the whole index from the records (no extraction). Searches keep seeing the
        old index until the single commit at the end. Returns the entry count."""
        with self._lock:
            if not self.backend.is_current():
                count = self.backend.rebuild(self._stored())
            else:
                count = self.backend.write(self._stored(), replace_all=True)
            self._journal.clear()
            return count

    def recover(self) -> None:
        """Make records and index agree after a crash: replay an interrupted write, index
        records the index lacks, drop documents whose record is gone. When they already
        agree this is a directory listing and a lexicon scan, and writes nothing."""
        with self._lock:
            self.store.clean_temp_files()
            self._replay_pending()
            stored = self.store.shas()
            indexed = self.backend.sources()
            missing = sorted(stored - indexed)
            orphans = sorted(indexed - stored)
            if not missing and not orphans:
                return
            self.backend.write(self._stored(missing), delete=orphans)

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
        self._journal.clear()


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


__all__ = ["Archive", "index_exists"]
