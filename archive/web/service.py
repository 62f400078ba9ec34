"""The one archive a web server shows: :class:`Archive` opened read-only, shared by requests.

Requests run on a thread pool; the search backend keeps one searcher between queries and
reopens it after each commit, so calls into the archive take a lock. That costs little: a
search is milliseconds of Python, and the GIL would serialise it anyway.

The server never writes: an index that would need rebuilding (written by another schema
version) is refused at start-up with the command that rebuilds it, instead of being rebuilt by
a process that promised to only read.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from archive import export
from archive.index import Archive, IndexStats, SearchResult, index_exists, lexicon
from archive.index.backend import DEFAULT_BACKEND, backend_class
from archive.index.query import Filters
from archive.web.params import ActionParams, SearchParams
from archive.web.views import facet_labels
from pipeline.errors import IndexUnavailableError, NotFoundError, UsageError
from pipeline.records import Item, Meeting

_SHA = frozenset("0123456789abcdef")
_MEETING_CACHE = 64  # parsed meeting records kept (a record with word boxes is ~100 KB)
_HASH_CHUNK = 1 << 20
_FACET_CACHE = 256  # facet counts of recent queries
_ACTION_CACHE = 8  # action lists of recent filters (a list of every action can be large)


def check_sha(sha256: str) -> str:
    """A full lowercase sha256, or a usage error: the only key a request may name a file by."""
    sha = (sha256 or "").lower()
    if len(sha) != 64 or not set(sha) <= _SHA:
        raise UsageError(f"Not a sha256: {sha256[:80]!r}.", hint="64 hexadecimal characters")
    return sha


def same_nr(nr: str, wanted: str) -> bool:
    """Item numbers compare as `archive show --item` compares them: `2.` is `2`."""
    return nr.rstrip(".").lower() == wanted.rstrip(".").lower()


def item_key(item: Item) -> str:
    """The item's part of a URL: its number, or `_` for an item without one."""
    return item.nr or "_"


def items_of(meeting: Meeting, key: str) -> list[Item]:
    """The items of `meeting` a URL key names (several when the minutes repeat a number)."""
    if key == "_":
        return [i for i in meeting.items if not i.nr]
    return [i for i in meeting.items if same_nr(i.nr, key)]


@dataclass
class MeetingSummary:
    """One line of the meetings list."""

    sha256: str
    title: str
    date: str | None
    body: str
    source: str
    pages: int
    items: int
    entries: int
    ocr_pages: list[int] = field(default_factory=list)
    review_pages: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingSummary:
        return cls(
            sha256=meeting.sha256,
            title=meeting.title,
            date=meeting.date.isoformat() if meeting.date else None,
            body=meeting.body,
            source=meeting.source,
            pages=meeting.page_count or len(meeting.pages),
            items=len(meeting.items),
            entries=sum(len(i.entries) for i in meeting.items),
            ocr_pages=[p.number for p in meeting.pages if p.ocr],
            review_pages=[p.number for p in meeting.pages if p.needs_review],
        )


@dataclass
class ActionList:
    """One page of the actions list, and what it was cut from."""

    records: list[dict[str, Any]]
    total: int
    page: int
    limit: int
    today: str
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # facet key → as written
    # The shown actions' threads (`archive actions --json` records, history included) by id,
    # and the series they belong to.
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    series: list[dict[str, Any]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))


def is_overdue(record: dict[str, Any], today: date) -> bool:
    """Due before `today` and neither done nor dropped (as of the action's last mention)."""
    due = str(record.get("due_date") or "")
    status = record.get("thread_status") or record.get("status")
    return bool(due) and due < today.isoformat() and status not in ("done", "dropped")


class WebArchive:
    """What the pages and the API ask of the archive, each call under one lock."""

    def __init__(self, directory: Path, *, backend: str | None = None) -> None:
        self.directory = Path(directory).expanduser()
        if not index_exists(self.directory):
            raise IndexUnavailableError(
                f"No archive at {self.directory}.",
                hint=f"archive ingest PATH... --index {self.directory}",
            )
        name = backend or os.environ.get("ARCHIVE_BACKEND") or DEFAULT_BACKEND
        probe = backend_class(name)(self.directory / name)
        if not probe.is_current():
            raise IndexUnavailableError(
                f"The search index at {self.directory} must be rebuilt first (another schema "
                "version, or damaged); the server only reads.",
                hint=f"archive reindex --index {self.directory}",
            )
        probe.close()
        self.archive = Archive(self.directory, backend=name)
        # Snippets read the words of hits for their compound parts and near spellings: the
        # sorted word list and the word set that takes are made now, not in the first search.
        lexicon.has_prefix("a")
        lexicon.common_set()
        self._lock = threading.RLock()
        self._meetings: OrderedDict[str, tuple[int, Meeting]] = OrderedDict()
        self._summaries: tuple[int, list[MeetingSummary]] | None = None
        self._verified: dict[str, tuple[str, int, int]] = {}
        self._facets: OrderedDict[tuple, tuple[tuple[int, int], dict]] = OrderedDict()
        self._actions: OrderedDict[tuple, tuple[tuple[int, int], list[dict]]] = OrderedDict()

    def close(self) -> None:
        """Let go of the index's readers."""
        with self._lock:
            self.archive.close()

    # --- search -----------------------------------------------------------------------------

    def search(self, params: SearchParams) -> SearchResult:
        """The page of hits `params` ask for (fuzzy retry and "did you mean" as the CLI)."""
        filters = params.filters()
        with self._lock:
            return self.archive.search(
                params.query,
                filters=filters,
                limit=params.limit,
                page=params.page,
                sort=params.sort,
                fuzzy=not params.exact,
            )

    def generation(self) -> tuple[int, int]:
        """Changes with every commit of the index and every record written: the folders'
        modification times (a commit adds files to the index folder, a record is renamed
        into the records folder)."""
        stamps = []
        for folder in (self.directory / self.archive.backend.name, self.archive.store.path):
            try:
                stamps.append(folder.stat().st_mtime_ns)
            except OSError:
                stamps.append(-1)
        return stamps[0], stamps[1]

    def facets(self, params: SearchParams, *, top: int = 12) -> dict[str, dict[str, int]]:
        """The facet counts among everything the query and filters find. Kept until the
        next commit: paging, sorting and coming back to a query do not count again."""
        filters = params.filters()
        key = (params.query, filters, top)
        generation = self.generation()
        with self._lock:
            cached = self._facets.get(key)
            if cached and cached[0] == generation:
                self._facets.move_to_end(key)
                return cached[1]
            counts = self.archive.facets(params.query, filters=filters, top=top)
            self._facets[key] = (generation, counts)
            while len(self._facets) > _FACET_CACHE:
                self._facets.popitem(last=False)
            return counts

    def stats(self) -> IndexStats:
        """The archive in numbers (`archive stats`)."""
        with self._lock:
            return self.archive.stats()

    def stats_record(self) -> dict[str, Any]:
        """The numbers and the series, as `archive stats --json` prints them."""
        from archive.threads import threads_of

        numbers = self.stats().to_dict()
        with self._lock:
            series = threads_of(self.directory, write=False).series_records()
        return {**numbers, "series": series}

    # --- meetings ---------------------------------------------------------------------------

    def _record_version(self, sha: str) -> int:
        try:
            return (self.archive.store.path / f"{sha}.json").stat().st_mtime_ns
        except OSError:
            return -1

    def meeting(self, sha256: str) -> Meeting:
        """The stored meeting record of `sha256` (kept parsed while the file is unchanged)."""
        sha = check_sha(sha256)
        version = self._record_version(sha)
        with self._lock:
            cached = self._meetings.get(sha)
            if cached and cached[0] == version:
                self._meetings.move_to_end(sha)
                return cached[1]
            meeting = self.archive.get(sha) if version >= 0 else None
            if meeting is None:
                self._meetings.pop(sha, None)
                raise NotFoundError(f"No meeting {sha[:12]}… in the archive.")
            self._meetings[sha] = (version, meeting)
            while len(self._meetings) > _MEETING_CACHE:
                self._meetings.popitem(last=False)
            return meeting

    def items(self, sha256: str, key: str) -> tuple[Meeting, list[Item]]:
        """The meeting and its items of number `key` (`_`: the items without a number)."""
        meeting = self.meeting(sha256)
        found = items_of(meeting, key)
        if not found:
            raise NotFoundError(f"No item {key[:40]} in {Path(meeting.source).name}.")
        return meeting, found

    def meetings(self) -> list[MeetingSummary]:
        """Every meeting, newest first; re-read only when the records folder changed."""
        try:
            version = self.archive.store.path.stat().st_mtime_ns
        except OSError:
            version = -1
        with self._lock:
            if self._summaries and self._summaries[0] == version:
                return self._summaries[1]
            summaries = [MeetingSummary.of(m) for m in self.archive.store.meetings()]
            summaries.sort(key=lambda s: (s.date or "", s.title), reverse=True)
            self._summaries = (version, summaries)
            return summaries

    def source_file(self, sha256: str) -> tuple[Meeting, Path]:
        """The original file of a meeting: the path its record names, and only when the file
        there still has the record's sha256 (a changed or replaced file is not served)."""
        meeting = self.meeting(sha256)
        path = Path(meeting.source)
        try:
            stat = path.stat()
        except OSError as exc:
            raise NotFoundError(
                f"The original file of {meeting.sha256[:12]}… is no longer at {path.name}."
            ) from exc
        seen = self._verified.get(meeting.sha256)
        if seen != (str(path), stat.st_size, stat.st_mtime_ns):
            digest = hashlib.sha256()
            with path.open("rb") as fh:
                while block := fh.read(_HASH_CHUNK):
                    digest.update(block)
            if digest.hexdigest() != meeting.sha256:
                raise NotFoundError(
                    f"The file at {path.name} has changed since it was ingested.",
                    hint="archive ingest it again",
                )
            self._verified[meeting.sha256] = (str(path), stat.st_size, stat.st_mtime_ns)
        return meeting, path

    # --- actions ----------------------------------------------------------------------------

    def action_records(self, params: ActionParams, *, today: date | None = None) -> list[dict]:
        """Every action the parameters select, as the export's records (due dates filled in)
        with `overdue` added, in the order asked for."""
        today = today or date.today()
        filters: Filters = params.filters()
        first, last = params.due_range()
        with self._lock:
            records = export.export_records(
                self.archive, "actions", query=params.q.strip() or None, filters=filters
            )
        out = []
        for record in records:
            due = str(record.get("due_date") or "")
            if (first or last) and not due:
                continue
            if first and due < first.isoformat():
                continue
            if last and due > last.isoformat():
                continue
            record["overdue"] = is_overdue(record, today)
            if params.overdue and not record["overdue"]:
                continue
            out.append(record)
        if params.sort == "due":
            # Soonest first; undated actions last, in the order of the minutes.
            out.sort(key=lambda r: (not r.get("due_date"), r.get("due_date") or ""))
        else:
            # Newest meeting first; a stable sort keeps each meeting in the order of its minutes.
            out.sort(key=lambda r: r.get("meeting_date") or "", reverse=True)
        return out

    def actions(self, params: ActionParams, *, today: date | None = None) -> ActionList:
        """One page of :meth:`action_records`; the whole list is kept until the next commit,
        so paging through it does not export it again."""
        today = today or date.today()
        key = (params.model_copy(update={"page": 1, "limit": 1}).model_dump_json(), today)
        generation = self.generation()
        with self._lock:
            cached = self._actions.get(key)
        if cached and cached[0] == generation:
            records = cached[1]
        else:
            records = self.action_records(params, today=today)
            with self._lock:
                self._actions[key] = (generation, records)
                while len(self._actions) > _ACTION_CACHE:
                    self._actions.popitem(last=False)
        start = (params.page - 1) * params.limit
        shown = records[start : start + params.limit]
        bodies = [{"body": body} for body in {r.get("body") or "" for r in records}]
        threads, series = self._threads_of(shown, today)
        return ActionList(
            records=shown,
            total=len(records),
            page=params.page,
            limit=params.limit,
            today=today.isoformat(),
            labels=facet_labels([*bodies, *shown]),
            threads=threads,
            series=series,
        )

    def series_of(self, sha256: str) -> dict[str, Any] | None:
        """The series a meeting belongs to (`Series.to_dict()`) with its place in it."""
        from archive.threads import threads_of

        with self._lock:
            series = threads_of(self.directory, write=False).series_of(sha256)
        if series is None:
            return None
        return {**series.to_dict(), "position": series.position(sha256)}

    def _threads_of(
        self, records: list[dict[str, Any]], today: date
    ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
        """The threads of the shown actions, and their series (computed in memory when the
        stored threads are not current: the server never writes)."""
        from archive.threads import threads_of
        from archive.threads.select import thread_record

        with self._lock:
            threads = threads_of(self.directory, write=False)
        labels = {s.key: s.label for s in threads.series}
        out: dict[str, dict[str, Any]] = {}
        for record in records:
            thread = threads.get(record.get("thread") or "")
            if thread is not None and thread.thread_id not in out:
                label = labels.get(thread.series, "")
                out[thread.thread_id] = thread_record(thread, today=today, series_label=label)
        keys = {t["series"] for t in out.values()}
        return out, [s.to_dict() for s in threads.series if s.key in keys]


__all__ = [
    "ActionList",
    "MeetingSummary",
    "WebArchive",
    "check_sha",
    "is_overdue",
    "item_key",
    "items_of",
    "same_nr",
]
