"""The Whoosh search backend: the contract's documents in a Whoosh index on disk.

Layout of its folder (`<index dir>/whoosh/`): Whoosh's segments and table of contents, plus
`archive-schema.json` with the contract's schema version, written last on a rebuild.

Whoosh swaps its table of contents atomically on each commit, so a process killed at any moment
leaves the last committed index, which opens and searches; its own writer lock is an `flock`,
which the kernel releases when the holder dies. Readers take no lock: a searcher sees the last
commit, also while another process writes.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.idsets import BitSet
from whoosh.searching import Results, Searcher
from whoosh.writing import CLEAR, SegmentWriter

from archive.atomic import atomic_write_json
from archive.index import lexicon
from archive.index.backend import FACETS, Found, Prepared, SearchPage, Sort
from archive.index.contract import (
    DOC_ENTRY,
    NAMED_TEXT_FIELDS,
    SCHEMA_VERSION,
    TEXT_FIELDS,
    meeting_documents,
)
from archive.index.query.tree import Node, Term
from archive.index.whoosh import fixes
from archive.index.whoosh.docsets import DocSets
from archive.index.whoosh.facets import FacetTables, count_segments
from archive.index.whoosh.schema import build_schema, whoosh_document
from archive.index.whoosh.translate import to_whoosh
from pipeline.records import Meeting

fixes.apply()
# The ingest's fork server imports this module once for all its workers: with the analysis's
# word list loaded here, every worker has it from the start, not inside its first document's
# deadline. Every search needs it too, for the words of the query.
lexicon.warm_up()

VERSION_FILE = "archive-schema.json"
# Up to this many (estimated) matches, the hit count is made exact.
EXACT_COUNT_UPTO = 1000
# Filters whose documents are kept for the open searcher (kinds, years, picked facets).
_FILTER_CACHE = 64
# The sort orders other than relevance, and the column each sorts on.
SORT_FIELDS = {"date": "sort_newest", "minutes": "sort_minutes"}
_SORT_COLUMNS = 64 * 2  # segments × sort columns kept


def prepare(meeting: Meeting) -> Prepared:
    """The meeting's documents for :meth:`WhooshBackend.write`, text fields analysed."""
    contract_documents = list(meeting_documents(meeting))
    entries = sum(1 for doc in contract_documents if doc["doc_type"] == DOC_ENTRY)
    documents = [whoosh_document(doc, analyse=True) for doc in contract_documents]
    return Prepared(meeting, documents, entries)


@dataclass
class _Run:
    """What one run of a query found: the page's hits, the count, the results for terms."""

    found: list[Found]
    total: int
    exact: bool
    results: Results | _QueryTerms | None  # what names the query's terms for the snippets


class WhooshBackend:
    """The contract's documents in Whoosh (a :class:`~archive.index.backend.SearchBackend`).

    Keeps one searcher open between queries, refreshed to the last commit before each, so a
    long-running caller pays for opening only once.
    """

    name: ClassVar[str] = "whoosh"
    prepare = staticmethod(prepare)

    def __init__(self, directory: Path, *, writer_timeout: float = 300.0) -> None:
        self.directory = Path(directory)
        self.writer_timeout = writer_timeout
        self._ix: whoosh_index.Index | None = None
        self._searcher: Searcher | None = None
        self._near_cache: dict[tuple[str, str, int], list[str]] = {}
        self._years_cache: list[str] | None = None
        self._facet_tables = FacetTables()  # per-segment facet values, reused by every search
        self._docsets = DocSets()  # per-segment posting ids of terms, for facets and filters
        # The documents of recent filters, as global numbers of the open searcher.
        self._filters: OrderedDict[str, BitSet] = OrderedDict()
        self._sort_columns: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    # --- opening ------------------------------------------------------------------------------

    def _stored_version(self) -> int | None:
        try:
            data = json.loads((self.directory / VERSION_FILE).read_text(encoding="utf-8"))
            return int(data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def is_current(self) -> bool:
        if self._stored_version() != SCHEMA_VERSION:
            return False
        for attempt in range(4):
            try:
                ix = whoosh_index.open_dir(str(self.directory))
                ix.doc_count()  # reads the table of contents and the segments
                self._ix = ix
                return True
            except Exception:  # a writer may be swapping segments under us: try again
                time.sleep(0.05 * (attempt + 1))
        return False

    def rebuild(self, batch: Iterable[Prepared]) -> int:
        self.close()
        with contextlib.suppress(FileNotFoundError):
            (self.directory / VERSION_FILE).unlink()
        if self.directory.exists():
            shutil.rmtree(self.directory)
        self.directory.mkdir(parents=True)
        self._ix = whoosh_index.create_in(str(self.directory), build_schema())
        count = self._commit(batch, merge=CLEAR)
        # The version is written last: a crash before this point means "rebuild again".
        atomic_write_json(self.directory / VERSION_FILE, {"version": SCHEMA_VERSION})
        return count

    @property
    def _index(self) -> whoosh_index.Index:
        if self._ix is None and not self.is_current():
            raise FileNotFoundError(f"no current Whoosh index in {self.directory}")
        assert self._ix is not None
        return self._ix

    # --- writing ------------------------------------------------------------------------------

    def write(
        self,
        batch: Iterable[Prepared],
        *,
        delete: Iterable[str] = (),
        replace_all: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> int:
        merge = CLEAR if replace_all else None
        return self._commit(batch, delete=delete, merge=merge, before_commit=before_commit)

    def delete(self, shas: Iterable[str]) -> None:
        self._commit([], delete=shas)

    def _writer(self) -> SegmentWriter:
        # The archive holds its own lock, so Whoosh's is free unless something outside the
        # archive writes; its flock dies with its holder, so a timeout here means a live writer.
        return self._index.writer(timeout=self.writer_timeout, limitmb=256)

    def _commit(
        self,
        batch: Iterable[Prepared],
        *,
        delete: Iterable[str] = (),
        merge: Any = None,
        before_commit: Callable[[], None] | None = None,
    ) -> int:
        """One Whoosh commit: delete the documents of `delete` and of each meeting (unless the
        commit clears everything), add the meetings' documents. Returns the entries added."""
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
                count += prepared.entries
            if before_commit is not None:
                before_commit()
            if merge is None:
                writer.commit()
            else:
                writer.commit(mergetype=merge)
        except BaseException:
            # Cancelling flushes too, and fails the same way on a full disk, before it lets go
            # of Whoosh's lock: held on, that lock would stop every later writer.
            with contextlib.suppress(Exception):
                writer.cancel()
            if writer.writelock is not None:
                with contextlib.suppress(Exception):
                    writer.writelock.release()
            raise
        return count

    # --- reading ------------------------------------------------------------------------------

    def _open_searcher(self) -> Searcher:
        """A searcher on the last committed state; the caller closes it."""
        for attempt in range(5):
            try:
                return self._index.searcher()
            except (OSError, whoosh_index.IndexError):
                # A commit in another process removed segment files between our reading its
                # table of contents and opening them: the next attempt reads the newer table.
                if attempt == 4:
                    raise
                time.sleep(0.02 * 2**attempt)
        raise AssertionError("unreachable")

    def _current(self) -> Searcher:
        """The open searcher, refreshed to the last commit."""
        if self._searcher is None:
            self._searcher = self._open_searcher()
        elif not self._searcher.up_to_date():
            # Reopened, not `refresh()`-ed: Whoosh's refresh reuses the old segment readers and
            # keeps segments the new commit dropped, so replaced documents would show twice.
            self._searcher.close()
            self._searcher = self._open_searcher()
            self._near_cache.clear()  # the vocabulary may have changed
            self._years_cache = None
            self._filters.clear()  # global document numbers change with the segments
        return self._searcher

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._filters.clear()

    def sources(self) -> set[str]:
        searcher = self._current()
        reader = searcher.reader()
        # The lexicon still lists terms of deleted, not yet merged documents: check those
        # candidates against the live postings.
        shas = {t.decode("utf-8") for t in reader.lexicon("sha256")}
        return {
            sha
            for sha in shas
            if any(True for _ in searcher.docs_for_query(wq.Term("sha256", sha)))
        }

    def doc_count(self, query: Node | None = None) -> int:
        searcher = self._current()
        if query is None:
            return searcher.doc_count()
        if isinstance(query, Term):
            # The search asks this for every widened word: the lexicon's count is exact while
            # no document is deleted (deleted ones stay counted until their segment merges).
            reader = searcher.reader()
            if not reader.has_deletions():
                return reader.doc_frequency(query.field, query.text)
        # Counted from the posting ids (kept per segment), less the deleted documents: after a
        # meeting is replaced, walking the postings here cost more than the search itself.
        return len(self._docsets.docnums(searcher, to_whoosh(query)))

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.directory.iterdir() if f.is_file())

    # --- searching ----------------------------------------------------------------------------

    def search(
        self,
        query: Node,
        filter: Node | None = None,
        *,
        limit: int | None = 10,
        page: int = 1,
        sort: Sort = "relevance",
    ) -> SearchPage:
        q = to_whoosh(query)
        filter_q = to_whoosh(filter) if filter is not None else None
        run = self._run(q, filter_q, limit, max(1, page), sort)
        return SearchPage(run.found, run.total, run.exact, _terms_of(run.results))

    def _run(
        self, q: wq.Query, filter_q: wq.Query | None, limit: int | None, page: int, sort: str
    ) -> _Run:
        searcher = self._current()
        wanted = None if limit is None else page * limit
        start = 0 if limit is None else (page - 1) * limit
        if isinstance(q, wq.Every) and filter_q is not None:
            # Everything, filtered: walk the filter's documents, not the whole index.
            q, filter_q = filter_q, None
        if sort == "date" and wanted is not None:
            run = self._newest_first(q, filter_q, wanted, start)
            if run is not None:
                return run
        if sort in SORT_FIELDS:
            docs, total, exact, terms = self._sorted(searcher, q, filter_q, sort, wanted)
            return _Run(_records(searcher, docs[start:]), total, exact, terms)
        results = searcher.search(
            q, limit=wanted, filter=self._allowed(searcher, filter_q), scored=True
        )
        total, exact = _count(results, wanted)
        scored = sort == "relevance"
        found = [_found(hit["record"], hit.score if scored else None) for hit in results[start:]]
        return _Run(found, total, exact, results)

    def _sorted(
        self,
        searcher: Searcher,
        q: wq.Query,
        filter_q: wq.Query | None,
        sort: str,
        limit: int | None,
    ) -> tuple[list[int], int, bool, Results | _QueryTerms]:
        """The first `limit` (None: all) documents `q` and the filter match, in the order of
        `sort`, as global numbers; how many match, whether that is exact, and what names the
        query's terms. In Whoosh's order (by the sort column, then by document number), but
        found with numpy: the matches from :class:`DocSets`, their keys from the segment's
        sort column kept as an array. Whoosh's sorting collector walks and keys every match in
        Python; here only the shown page's stored records are read."""
        fast = self._sorted_numpy(searcher, q, filter_q, SORT_FIELDS[sort], limit)
        if fast is not None:
            docs, total = fast
            return docs, total, True, _QueryTerms(q, searcher)
        results = searcher.search(
            q,
            limit=limit,
            filter=self._allowed(searcher, filter_q),
            sortedby=_sortedby(sort),
            scored=False,
        )
        total, exact = _count(results, limit)
        return [hit.docnum for hit in results], total, exact, results

    def _sorted_numpy(
        self,
        searcher: Searcher,
        q: wq.Query,
        filter_q: wq.Query | None,
        field: str,
        limit: int | None,
    ) -> tuple[list[int], int] | None:
        """:meth:`_sorted` with numpy: the first documents and the count; None when the index
        has no column `field` (Whoosh then sorts on its postings)."""
        if not searcher.reader().has_column(field):
            return None
        wanted = q if filter_q is None else wq.And([q, filter_q])
        docs, keys = [], []
        for sub, offset, local in self._docsets.per_segment(searcher, wanted):
            if len(local):
                docs.append(local.astype(np.int64) + offset)
                keys.append(self._sort_column(sub, field)[local])
        if not docs:
            return [], 0
        every, by_key = np.concatenate(docs), np.concatenate(keys)
        order = np.lexsort((every, by_key))
        shown = order if limit is None else order[:limit]
        return every[shown].tolist(), len(every)

    def _sort_column(self, segment_searcher: Searcher, field: str) -> np.ndarray:
        """One segment's sort keys of `field` by document, as Whoosh's sorting collector reads
        them (its column reader's `sort_key`); kept, bounded: a segment never changes."""
        segment = segment_searcher.reader().segment()
        key = (segment.segment_id(), field) if segment is not None else None
        found = self._sort_columns.get(key) if key is not None else None
        if found is not None:
            self._sort_columns.move_to_end(key)
            return found
        column = segment_searcher.reader().column_reader(field, reverse=False, translate=False)
        count = segment_searcher.doc_count_all()
        found = np.fromiter((column.sort_key(d) for d in range(count)), np.uint64, count)
        if key is not None:
            self._sort_columns[key] = found
            while len(self._sort_columns) > _SORT_COLUMNS:
                self._sort_columns.popitem(last=False)
        return found

    def _allowed(self, searcher: Searcher, filter_q: wq.Query | None) -> Any:
        """What Whoosh is given as the filter of a search: the filter's documents as a bit
        set, found with numpy (:class:`DocSets`) and kept for the open searcher, instead of
        the query, which Whoosh would walk document by document on every search. A filter
        that matches nothing stays a query: Whoosh takes an empty set for no filter at all."""
        if filter_q is None:
            return None
        key = repr(filter_q)
        found = self._filters.get(key)
        if found is not None:
            self._filters.move_to_end(key)
            return found
        docs = self._docsets.docnums(searcher, filter_q)
        if not len(docs):
            return filter_q
        mask = np.zeros(searcher.doc_count_all(), dtype=bool)
        mask[docs] = True
        found = BitSet()
        found.bits = array("B", np.packbits(mask, bitorder="little").tobytes())
        self._filters[key] = found
        while len(self._filters) > _FILTER_CACHE:
            self._filters.popitem(last=False)
        return found

    def _years(self) -> list[str]:
        """Years with meetings in the index, newest first."""
        if self._years_cache is None:
            reader = self._current().reader()
            years = {t.decode() for t in reader.lexicon("meeting_day") if len(t) == 4}
            self._years_cache = sorted(years, reverse=True)
        return self._years_cache

    def _newest_first(
        self, q: wq.Query, filter_q: wq.Query | None, wanted: int, start: int
    ) -> _Run | None:
        """Newest first without sorting every match: search year by year from the newest and
        stop once the page is full. None when that would not save work (then sort all)."""
        years = self._years()
        if len(years) < 2:
            return None
        searcher = self._current()
        found: list[int] = []
        total = 0
        for n, year in enumerate(years):
            window = wq.Term("meeting_day", year)
            within = window if filter_q is None else wq.And([filter_q, window])
            query, within = (within, None) if isinstance(q, wq.Every) else (q, within)
            docs, count, _, results = self._sorted(
                searcher, query, within, "date", wanted - len(found)
            )
            total += count
            found += docs
            if len(found) >= wanted:
                shown = _records(searcher, found[start:])
                if n == len(years) - 1:
                    return _Run(shown, total, True, results)
                # The years not searched hold about as many matches as those searched.
                estimate = round(total * len(years) / (n + 1))
                if estimate <= EXACT_COUNT_UPTO:
                    # Few enough to count: an estimate can be far off (46 for 34).
                    allowed = self._allowed(searcher, filter_q)
                    every = searcher.search(q, limit=1, filter=allowed, scored=False)
                    count, exact = _count(every, None)
                    return _Run(shown, count, exact, results)
                return _Run(shown, max(estimate, total), False, results)
        return None  # fewer than a page in all years: undated meetings may follow; sort all

    def near_words(self, field: str, word: str, maxdist: int) -> list[str]:
        key = (field, word, maxdist)
        if key not in self._near_cache:
            found: set[str] = set()
            # Whoosh's fast edit-distance walk works per segment; over several segments it
            # falls back to comparing every word. So ask each segment and merge.
            for leaf, _ in self._current().reader().leaf_readers():
                found.update(leaf.terms_within(field, word, maxdist, prefix=1))
            self._near_cache[key] = sorted(found)
        return self._near_cache[key]

    def suggest(self, word: str) -> str | None:
        reader = self._current().reader()
        if reader.doc_frequency("spell", word):
            return None
        for distance in (1, 2) if len(word) > 4 else (1,):
            near = [w for w in self.near_words("spell", word, distance) if w != word]
            if near:
                return max(near, key=lambda w: (reader.doc_frequency("spell", w), w))
        return None

    def facets(
        self,
        query: Node,
        filter: Node | None = None,
        *,
        names: Iterable[str] = FACETS,
        top: int = 20,
    ) -> dict[str, dict[str, int]]:
        names = list(names)
        q = to_whoosh(query)
        filter_q = to_whoosh(filter) if filter is not None else None
        if isinstance(q, wq.Every) and filter_q is not None:
            q, filter_q = filter_q, None
        searcher = self._current()
        wanted = wq.And([q, filter_q]) if filter_q is not None else q
        segments = [(sub, docs) for sub, _, docs in self._docsets.per_segment(searcher, wanted)]
        counted = count_segments(segments, [FACETS[n] for n in names], self._facet_tables)
        out: dict[str, dict[str, int]] = {}
        for name in names:
            counts = {key: n for key, n in counted[FACETS[name]].items() if key}
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            out[name] = dict(ranked)
        return out


# --- helpers --------------------------------------------------------------------------------


def _found(stored: str, score: float | None) -> Found:
    return Found(json.loads(stored), score)


def _records(searcher: Searcher, docnums: list[int]) -> list[Found]:
    """The stored records of documents (global numbers), unscored."""
    return [_found(searcher.stored_fields(d)["record"], None) for d in docnums]


class _QueryTerms:
    """The query's terms as a search's results name them, without the results."""

    def __init__(self, q: wq.Query, searcher: Searcher) -> None:
        self.q, self.searcher = q, searcher

    def query_terms(self, expand: bool = False, fieldname: str | None = None) -> Any:
        return self.q.existing_terms(self.searcher.reader(), fieldname=fieldname, expand=expand)


def _sortedby(sort: str) -> Any:
    return sorting.FieldFacet(SORT_FIELDS[sort]) if sort in SORT_FIELDS else None


def _count(results: Results, wanted: int | None) -> tuple[int, bool]:
    """The number of matching documents, and whether it is exact."""
    if results.has_exact_length():
        return len(results), True
    if wanted is not None and results.scored_length() < wanted:
        # The heap never filled, so no block was skipped: every match was collected.
        return results.scored_length(), True
    estimate = results.estimated_length()
    if estimate <= EXACT_COUNT_UPTO:
        return len(results), True
    # Counting tens of thousands of matches would cost more than the search itself.
    return max(estimate, results.scored_length()), False


def _terms_of(results: Results | _QueryTerms | None) -> Callable[[], frozenset[str]]:
    """The index words a run matched in the text fields, computed when first asked for."""

    @cache
    def terms() -> frozenset[str]:
        if results is None:
            return frozenset()
        words = set()
        for fieldname in (*TEXT_FIELDS, *NAMED_TEXT_FIELDS):
            for _, word in results.query_terms(expand=True, fieldname=fieldname):
                words.add(word.decode("utf-8") if isinstance(word, bytes) else word)
        return frozenset(words)

    return terms


__all__ = ["VERSION_FILE", "WhooshBackend", "prepare"]
