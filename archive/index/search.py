"""Searching the archive: ranked hits with snippets, forgiving of compounds, OCR damage and typos.

Each word of a query also finds, at lower weights, the compounds it is part of, the parts of
a compound, and near spellings the analysis recognised in the documents (a misspelling such as
"openstenstelling", a linking s too few): see :mod:`archive.index.query.expand`. A hit that
matched a word only through a near spelling says so (`near_spellings`).

When that finds nothing, or very little, the words are widened to their near spellings in the
index (`Ter ApeI` → `Ter Apel`) and, if that finds more, those results are shown and marked as
fuzzy. Words the index has never seen get a "did you mean" from the index's own vocabulary
(unstemmed, accent-folded words of all searchable text).

Backend-independent: the query is parsed once into a neutral tree, and the backend only runs
trees, looks up near words and names the words it knows.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from archive.index.analysis import _normal, fold, term, tokens
from archive.index.backend import SearchBackend, SearchPage, Sort
from archive.index.compounds import NEAR, PART, index_terms
from archive.index.contract import searchable_text
from archive.index.query import Filters, filter_tree, fuzzy_variant, parse_query, word_spans
from archive.index.query.expand import Expansion, WordMatch, expand
from archive.index.query.fuzzy import max_distance
from archive.index.query.tree import Or, Term, with_boost
from archive.index.snippets import snippet

# Fewer hits than this and the query is retried with fuzzy words.
FEW_HITS = 3
# Weight of exact matches over near spellings in a fuzzy retry.
EXACT_BOOST = 5.0


@dataclass
class Hit:
    """One search hit: the entry's record (the JSON contract) plus score and snippet, and the
    words of the entry that matched a query word only as a near spelling of it."""

    record: dict[str, Any]
    score: float | None  # None when sorted by date
    snippet: str
    near_spellings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.record,
            "score": self.score,
            "snippet": self.snippet,
            "near_spellings": self.near_spellings,
        }


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
    exact_total: bool = True  # False: `total` is the backend's estimate (a very common word)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit)) if self.limit else 1

    def records(self) -> list[dict[str, Any]]:
        """The hits as JSON contract records with `score`, `snippet`, `near_spellings` and
        `fuzzy`."""
        return [{**hit.to_dict(), "fuzzy": self.fuzzy} for hit in self.hits]

    def groups(self) -> Iterator[tuple[str, list[Hit]]]:
        """Hits grouped by meeting (sha256), groups in order of their best hit."""
        order: dict[str, list[Hit]] = {}
        for hit in self.hits:
            order.setdefault(hit.record["sha256"], []).append(hit)
        yield from order.items()


def search(
    backend: SearchBackend,
    text: str,
    *,
    filters: Filters | None = None,
    limit: int | None = 10,
    page: int = 1,
    sort: Sort = "relevance",
    fuzzy: bool = True,
    snippets: bool = True,
) -> SearchResult:
    """Run a user query. Raises :class:`~archive.index.query.QuerySyntaxError` for bad syntax.

    `limit=None` returns every hit (export).
    """
    page = max(1, page)
    query = parse_query(text)
    restrict = filter_tree(filters)
    expansion = expand_query(backend, query, text, near=fuzzy)
    found = backend.search(expansion.tree, restrict, limit=limit, page=page, sort=sort)
    used_fuzzy = False
    suggestion = None
    if found.total < FEW_HITS or expansion.repaired:
        suggestion = suggest(backend, text)
    if found.total < FEW_HITS and fuzzy:
        looked_up: dict[str, set[str]] = {}
        written = words_as_typed(text)

        def near_words(field_name: str, word: str, maxdist: int) -> list[str]:
            near = set(backend.near_words(field_name, word, maxdist))
            # Damage at the end of a word keeps it from its stem ("houdcn" is no "houd"): the
            # words as written (the vocabulary) are near where the stems are not.
            for typed in written.get(word, ()):
                found = backend.near_words("spell", typed, max_distance(typed))
                near.update(term(w) for w in found)
                # Two letters swapped is one slip, though two edits ("welkmo" for "welkom").
                for swapped in _swaps(typed):
                    if backend.doc_count(Term("spell", swapped)):
                        near.add(term(swapped))
            looked_up.setdefault(word, set()).update(near)
            return sorted(near)

        if (wide := fuzzy_variant(query, near_words, written)) is not None:
            if found.total:
                # Exact matches stay on top; near spellings come after them.
                wide = Or((with_boost(expansion.tree, EXACT_BOOST), wide))
            wider = backend.search(wide, restrict, limit=limit, page=page, sort=sort)
            if wider.total > found.total:
                found, used_fuzzy = wider, True
                for word, near in looked_up.items():
                    match = expansion.words.setdefault(word, WordMatch({word}))
                    match.near.update(near - match.direct)
    return SearchResult(
        query=text,
        hits=_hits(found, snippets, expansion),
        total=found.total,
        page=page,
        limit=limit or max(found.total, 1),
        fuzzy=used_fuzzy,
        suggestion=suggestion,
        sort=sort,
        exact_total=found.exact,
    )


def _swaps(word: str) -> set[str]:
    """`word` with two neighbouring letters swapped, each way it can be."""
    if len(word) < 4:
        return set()
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return swapped - {word}


def words_as_typed(text: str) -> dict[str, set[str]]:
    """The folded words of a query as typed, by their index term (`houdcn` → {"houdcn"})."""
    out: dict[str, set[str]] = {}
    for token in tokens(text):
        out.setdefault(token.text, set()).add(fold(text[token.start : token.end]))
    return out


def expand_query(backend: SearchBackend, query: Any, text: str, *, near: bool) -> Expansion:
    """`query` (parsed from `text`) with its plain words widened to compounds and, with
    `near`, near spellings (:func:`archive.index.query.expand.expand`)."""
    words = [text[start:end] for start, end in word_spans(text)]
    if not words:
        return Expansion(query)

    def frequency(field_name: str, term: str) -> int:
        return backend.doc_count(Term(field_name, term))

    return expand(query, words, frequency, backend.doc_count(), near=near)


def near_spellings(record: dict[str, Any], words: dict[str, WordMatch]) -> list[str]:
    """The words of a hit that matched a query word only as a near spelling of it, as written
    in the entry ("openstenstelling" for the query word "openstelling")."""
    wanted = {term for match in words.values() for term in match.near}
    if not wanted:
        return []
    text = searchable_text(record)
    # Words are read for their parts and keys only when they hold the first letters of a term
    # looked for: reading every word of every hit would cost more than the search.
    wanted |= {term for match in words.values() for term in match.direct}
    starts = {t[1:3] for t in wanted if t[:1] in (PART, NEAR)}
    held: dict[str, list[str]] = {}
    for token in tokens(text):
        written = text[token.start : token.end]
        held.setdefault(token.text, []).append(written)
        lower = written.lower()
        if starts and any(start in lower for start in starts):
            for extra in index_terms(_normal(written))[1:]:
                held.setdefault(extra, []).append(written)
    out: list[str] = []
    for match in words.values():
        if match.direct & held.keys():
            continue  # the word itself is there too: no need of a near spelling
        for near_term in sorted(match.near & held.keys()):
            out += held[near_term]
    return list(dict.fromkeys(out))


def _hits(found: SearchPage, snippets: bool, expansion: Expansion) -> list[Hit]:
    matched = found.matched if snippets and found.found else frozenset()
    return [
        Hit(
            record=f.record,
            score=round(float(f.score), 4) if f.score else None,
            snippet=snippet(f.record, matched) if snippets else "",
            near_spellings=near_spellings(f.record, expansion.words),
        )
        for f in found.found
    ]


def suggest(backend: SearchBackend, text: str) -> str | None:
    """`text` with each word the index has never seen replaced by its nearest word in the
    index vocabulary; None when there is nothing to correct."""
    pieces, last, changed = [], 0, False
    for start, end in word_spans(text):
        word = text[start:end]
        best = backend.suggest(fold(word))
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


__all__ = [
    "EXACT_BOOST",
    "FEW_HITS",
    "Hit",
    "SearchResult",
    "expand_query",
    "near_spellings",
    "search",
    "suggest",
]
