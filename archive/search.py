"""Searching the archive: ranked hits with snippets, forgiving of OCR damage and typos.

A query runs as typed first. When it finds nothing, or very little, the words are widened to
their near spellings in the index (`Ter ApeI` → `Ter Apel`) and, if that finds more, those
results are shown and marked as fuzzy. Words the index has never seen get a "did you mean" from
the index's own vocabulary (unstemmed, accent-folded words of all searchable text).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from whoosh import highlight, sorting
from whoosh import query as wq
from whoosh.searching import Results, Searcher

from archive.analysis import dutch_analyzer, fold
from archive.index import ArchiveIndex
from archive.query import Filters, fuzzy_variant, parse_query, word_spans
from archive.schema import NAMED_TEXT_FIELDS, TEXT_FIELDS

# Fewer hits than this and the query is retried with fuzzy words.
FEW_HITS = 3
# Weight of exact matches over near spellings in a fuzzy retry.
EXACT_BOOST = 5.0
# Up to this many (estimated) matches, the hit count is made exact.
EXACT_COUNT_UPTO = 1000
SNIPPET_CHARS = 220
MARK = "**"  # snippets mark matched words as **word**

# relevance; date: newest meeting first; minutes: oldest first, in the order of the minutes.
Sort = Literal["relevance", "date", "minutes"]


@dataclass
class Hit:
    """One search hit: the entry's record (the JSON contract) plus score and snippet."""

    record: dict[str, Any]
    score: float | None  # None when sorted by date
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.record, "score": self.score, "snippet": self.snippet}


@dataclass
class SearchResult:
    """A page of hits and what happened to the query on the way."""

    query: str
    hits: list[Hit]
    total: int
    page: int = 1
    limit: int = 10
    fuzzy: bool = False  # the hits come from the fuzzy retry
    suggestion: str | None = None  # "did you mean", when some words are unknown to the index
    sort: str = "relevance"
    exact_total: bool = True  # False: `total` is Whoosh's estimate (a very common word)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit)) if self.limit else 1

    def records(self) -> list[dict[str, Any]]:
        """The hits as JSON contract records with `score`, `snippet` and `fuzzy`."""
        return [{**hit.to_dict(), "fuzzy": self.fuzzy} for hit in self.hits]

    def groups(self) -> Iterator[tuple[str, list[Hit]]]:
        """Hits grouped by meeting (sha256), groups in order of their best hit."""
        order: dict[str, list[Hit]] = {}
        for hit in self.hits:
            order.setdefault(hit.record["sha256"], []).append(hit)
        yield from order.items()


class _MarkFormatter(highlight.Formatter):
    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"{MARK}{highlight.get_text(text, token, replace)}{MARK}"


_FRAGMENTER = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
_WHOLE = highlight.WholeFragmenter()
_FORMATTER = _MarkFormatter()


def _shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mark(text: str, words: frozenset[str]) -> str:
    if not text or not words:
        return ""
    # A short text is shown whole; fragments only cut long ones down to size.
    fragmenter = _WHOLE if len(text) <= SNIPPET_CHARS * 1.5 else _FRAGMENTER
    marked = highlight.highlight(
        text, words, _analyzer(), fragmenter, _FORMATTER, top=2, order=highlight.FIRST
    )
    return " ".join(marked.split())


@functools.lru_cache(maxsize=1)
def _analyzer() -> Any:
    return dutch_analyzer()


def _snippet(record: dict[str, Any], words: frozenset[str]) -> str:
    """The entry's text with matched words marked; when the match is in the toelichting, the
    text is followed by the matching part of it, so a hit always shows what it says."""
    text = record.get("text") or ""
    if marked := _mark(text, words):
        return marked
    note = record.get("toelichting") or ""
    if marked := _mark(note, words):
        return f"{_shorten(text, 120)} · Toelichting: {marked}" if text else marked
    return _shorten(text) or _shorten(note)


def _matched_words(results: Results) -> frozenset[str]:
    """The index words the query matched in the text (prefixes and fuzzy words expanded)."""
    words = set()
    for fieldname in (*TEXT_FIELDS, *NAMED_TEXT_FIELDS):
        for _, word in results.query_terms(expand=True, fieldname=fieldname):
            words.add(word.decode("utf-8") if isinstance(word, bytes) else word)
    return frozenset(words)


def _sortedby(sort: str) -> Any:
    if sort == "date":
        return sorting.FieldFacet("sort_newest")
    if sort == "minutes":
        return sorting.FieldFacet("sort_minutes")
    return None


@dataclass
class _Found:
    """What one run of a query found: the page's (stored record, score) rows and the count."""

    results: Results | None  # for the query's matched words (snippets)
    rows: list[tuple[str, float | None]]
    total: int
    exact: bool


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


class ArchiveSearch:
    """Searches one archive through a searcher that stays open between queries (refreshed to
    the last commit before each), so a long-running caller pays for opening only once."""

    def __init__(self, index: ArchiveIndex | Path) -> None:
        self.index = index if isinstance(index, ArchiveIndex) else ArchiveIndex(Path(index))
        self._searcher: Searcher | None = None
        self._near_cache: dict[tuple[str, str, int], list[str]] = {}
        self._years_cache: list[str] | None = None

    def __enter__(self) -> ArchiveSearch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def searcher(self) -> Searcher:
        """The open searcher, refreshed to the last commit."""
        if self._searcher is None:
            self._searcher = self.index.open_searcher()
        elif not self._searcher.up_to_date():
            old = self._searcher
            # Whoosh cannot reuse the reader of an empty index (EmptyReader.segments() is
            # None), so a searcher opened before the first commit is reopened instead.
            if old.reader().segments():
                self._searcher = old.refresh()
            else:
                old.close()
                self._searcher = self.index.open_searcher()
            self._near_cache.clear()  # the vocabulary may have changed
            self._years_cache = None
        return self._searcher

    def _run(
        self, q: wq.Query, filter_q: wq.Query | None, limit: int | None, page: int, sort: str
    ) -> _Found:
        searcher = self.searcher()
        wanted = None if limit is None else page * limit
        start = 0 if limit is None else (page - 1) * limit
        if isinstance(q, wq.Every) and filter_q is not None:
            # Everything, filtered: walk the filter's documents, not the whole index.
            q, filter_q = filter_q, None
        if sort == "date" and wanted is not None:
            found = self._newest_first(q, filter_q, wanted, start)
            if found is not None:
                return found
        sortedby = _sortedby(sort)
        results = searcher.search(
            q, limit=wanted, filter=filter_q, sortedby=sortedby, scored=sortedby is None
        )
        total, exact = _count(results, wanted)
        scored = sort == "relevance"
        # Sorted otherwise, Whoosh reports the sort key as the score: there is no relevance.
        rows = [(hit["record"], hit.score if scored else None) for hit in results[start:]]
        return _Found(results, rows, total, exact)

    def _years(self) -> list[str]:
        """Years with meetings in the index, newest first."""
        if self._years_cache is None:
            reader = self.searcher().reader()
            years = {t.decode() for t in reader.lexicon("meeting_day") if len(t) == 4}
            self._years_cache = sorted(years, reverse=True)
        return self._years_cache

    def _newest_first(
        self, q: wq.Query, filter_q: wq.Query | None, wanted: int, start: int
    ) -> _Found | None:
        """Newest first without sorting every match: search year by year from the newest and
        stop once the page is full. None when that would not save work (then sort all)."""
        years = self._years()
        if len(years) < 2:
            return None
        searcher = self.searcher()
        rows: list[tuple[str, float | None]] = []
        total = 0
        results = None
        for n, year in enumerate(years):
            window = wq.Term("meeting_day", year)
            within = window if filter_q is None else wq.And([filter_q, window])
            query, within = (within, None) if isinstance(q, wq.Every) else (q, within)
            results = searcher.search(
                query,
                limit=wanted - len(rows),
                filter=within,
                sortedby=_sortedby("date"),
                scored=False,
            )
            total += len(results)
            rows += [(hit["record"], None) for hit in results]
            if len(rows) >= wanted:
                if n == len(years) - 1:
                    return _Found(results, rows[start:], total, True)
                # The years not searched hold about as many matches as those searched.
                estimate = round(total * len(years) / (n + 1))
                return _Found(results, rows[start:], max(estimate, total), False)
        return None  # fewer than a page in all years: undated meetings may follow; sort all

    def search(
        self,
        text: str,
        *,
        filters: Filters | None = None,
        limit: int | None = 10,
        page: int = 1,
        sort: Sort = "relevance",
        fuzzy: bool = True,
        entries_only: bool = False,
        snippets: bool = True,
    ) -> SearchResult:
        """Run a user query. Raises :class:`~archive.query.QuerySyntaxError` for bad syntax.

        `limit=None` returns every hit (export); `entries_only` leaves out the `item` and `page`
        documents that stand in for items without entries and documents without a table.
        """
        page = max(1, page)
        q = parse_query(text)
        filter_parts = [p for p in ((filters or Filters()).query(),) if p is not None]
        if entries_only:
            filter_parts.append(wq.Term("doc_type", "entry"))
        filter_q = None
        if filter_parts:
            filter_q = filter_parts[0] if len(filter_parts) == 1 else wq.And(filter_parts)

        found = self._run(q, filter_q, limit, page, sort)
        used_fuzzy = False
        suggestion = None
        if found.total < FEW_HITS:
            suggestion = self.suggest(text)
            if fuzzy and (wide := fuzzy_variant(q, self._near_words)) is not None:
                if found.total:
                    # Exact matches stay on top; near spellings come after them.
                    wide = wq.Or([q.with_boost(EXACT_BOOST), wide])
                wider = self._run(wide, filter_q, limit, page, sort)
                if wider.total > found.total:
                    found, used_fuzzy = wider, True

        words = _matched_words(found.results) if snippets and found.rows else frozenset()
        hits = []
        for stored, raw_score in found.rows:
            record = json.loads(stored)
            score = round(float(raw_score), 4) if raw_score else None
            snippet = _snippet(record, words) if snippets else ""
            hits.append(Hit(record=record, score=score, snippet=snippet))
        return SearchResult(
            query=text,
            hits=hits,
            total=found.total,
            page=page,
            limit=limit or max(found.total, 1),
            fuzzy=used_fuzzy,
            suggestion=suggestion,
            sort=sort,
            exact_total=found.exact,
        )

    def _near_words(self, fieldname: str, word: str, maxdist: int) -> list[str]:
        """Words of a field within `maxdist` edits of `word` (sharing its first letter)."""
        key = (fieldname, word, maxdist)
        if key not in self._near_cache:
            found: set[str] = set()
            # Whoosh's fast edit-distance walk works per segment; over several segments it
            # falls back to comparing every word. So ask each segment and merge.
            for leaf, _ in self.searcher().reader().leaf_readers():
                found.update(leaf.terms_within(fieldname, word, maxdist, prefix=1))
            self._near_cache[key] = sorted(found)
        return self._near_cache[key]

    def suggest(self, text: str) -> str | None:
        """`text` with each word the index has never seen replaced by its nearest word in the
        index vocabulary (the most frequent at the smallest distance); None when there is
        nothing to correct."""
        reader = self.searcher().reader()
        pieces, last, changed = [], 0, False
        for start, end in word_spans(text):
            word = text[start:end]
            key = fold(word)
            if reader.doc_frequency("spell", key):
                continue
            best = None
            for distance in (1, 2) if len(key) > 4 else (1,):
                near = [w for w in self._near_words("spell", key, distance) if w != key]
                if near:
                    best = max(near, key=lambda w: (reader.doc_frequency("spell", w), w))
                    break
            if best is None:
                continue
            pieces += [text[last:start], _same_case(word, best)]
            last, changed = end, True
        if not changed:
            return None
        return "".join([*pieces, text[last:]])


def _same_case(original: str, word: str) -> str:
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def search(
    index: ArchiveIndex | Path,
    text: str,
    *,
    filters: Filters | None = None,
    limit: int | None = 10,
    page: int = 1,
    sort: Sort = "relevance",
    fuzzy: bool = True,
) -> SearchResult:
    """One query against an archive (opens and closes a searcher)."""
    with ArchiveSearch(index) as archive:
        return archive.search(text, filters=filters, limit=limit, page=page, sort=sort, fuzzy=fuzzy)


__all__ = ["MARK", "ArchiveSearch", "Hit", "SearchResult", "search"]
