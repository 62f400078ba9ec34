"""Facets: `kind:`, `owner:`, `gemeente:`, `datum:` … and the same restrictions as options.

A facet means more than its literal value, so each one is expanded here into the query over the
index's facet keys themselves: `owner:DPG` also matches "directeur publieke gezondheid",
`gemeente:Westerwolde` the places in Westerwolde, `datum:2022-04` every day of April. Command
line options (`--kind`, `--owner`, `--since` …) arrive as :class:`Filters` and expand the same way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from archive.index.analysis import facet_key, normalize_role, places_in, split_owners, terms
from archive.index.contract import DOC_ENTRY
from archive.index.dates import range_terms, span_of
from archive.index.query.names import KIND_WORDS, STATUS_WORDS
from archive.index.query.syntax import QuerySyntaxError
from archive.index.query.tree import (
    NOTHING,
    Node,
    Phrase,
    Prefix,
    Term,
    all_of,
    either,
)


def _vocabulary_word(value: str, words: dict[str, str], what: str, choices: str) -> str:
    word = words.get(facet_key(value))
    if word is None:
        close = difflib.get_close_matches(facet_key(value), list(words), n=1, cutoff=0.6)
        raise QuerySyntaxError(
            f"Unknown {what} {value!r}: use {choices}.",
            suggestion=words[close[0]] if close else None,
        )
    return word


def kind_of(value: str) -> str:
    """The stored kind for a user's word (`B`, `besluiten`, `decision` → `besluit`)."""
    return _vocabulary_word(
        value, KIND_WORDS, "kind", "besluit, knelpunt, actie or note (or decision, issue, action)"
    )


def status_of(value: str) -> str:
    """The stored status for a user's word (`afgerond`, `done` → `done`)."""
    return _vocabulary_word(
        value, STATUS_WORDS, "status", "open, done, ongoing, dropped or unknown (or afgerond, …)"
    )


# --- dates ------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
# Bounds of an open date range: far enough for any minutes, few enough year terms.
_EARLIEST = date(1945, 1, 1)


def _day_span(text: str) -> tuple[date, date] | None:
    text = text.strip()
    if m := _DMY.match(text):  # Dutch order: 7-4-2022
        try:
            day = date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
        return day, day
    return span_of(text)


def parse_date_spec(text: str) -> tuple[date | None, date | None]:
    """`2022-04-07`, `2022-04`, `2022`, `7-4-2022`, or a range `A..B` with either end open.

    Returns (first day, last day); None for an open end.
    """
    text = text.strip()
    example = "use 2022-04-07, 2022-04, 2022 or a range such as 2022-04-01..2022-04-30"
    if ".." in text:
        start, _, end = text.partition("..")
        first = _day_span(start) if start.strip() else None
        last = _day_span(end) if end.strip() else None
        if (start.strip() and first is None) or (end.strip() and last is None):
            raise QuerySyntaxError(f"Not a date range: {text!r}; {example}.")
        if first is None and last is None:
            raise QuerySyntaxError(f"Empty date range; {example}.")
        lo, hi = (first[0] if first else None), (last[1] if last else None)
        if lo and hi and lo > hi:
            raise QuerySyntaxError(
                f"Date range {text!r} ends before it starts.", suggestion=f"{end}..{start}"
            )
        return lo, hi
    span = _day_span(text)
    if span is None:
        raise QuerySyntaxError(f"Not a date: {text!r}; {example}.")
    return span


def date_range(first: date | None, last: date | None) -> Node:
    """Documents about a day in first..last (either end open): the meeting date or a date
    tagged in the entry."""
    found = range_terms(first or _EARLIEST, last or date(date.today().year + 10, 12, 31))
    return either([Term("day", t) for t in found])


# --- facet queries ----------------------------------------------------------------------------


def text_query(field: str, text: str) -> Node:
    """`text` analyzed like the index: a term, a phrase, or nothing (stop words only)."""
    words = terms(text)
    if not words:
        return NOTHING
    if len(words) == 1:
        return Term(field, words[0])
    return Phrase(field, tuple(words))


def _mentioned(text: str) -> list[Node]:
    # Literal mentions count too: the tagger may have missed one.
    return [text_query("all", text)]


def _key_terms(field: str, keys: set[str]) -> list[Node]:
    out: list[Node] = []
    for key in sorted(k for k in keys if k):
        if key.endswith("*"):
            if len(key) > 2:
                out.append(Prefix(field, key[:-1]))
        else:
            out.append(Term(field, key))
    return out


def kind_query(value: str) -> Node:
    """`kind:` — one of the entry kinds (or `page`, `item`), in English or Dutch."""
    return Term("kind", kind_of(value))


def status_query(value: str) -> Node:
    """`status:` — open, done, ongoing, dropped or unknown, in English or Dutch."""
    return Term("status", status_of(value))


def code_query(value: str) -> Node:
    """`code:` — the minutes' own code of an entry (`B-14`; `A-*` for all A codes)."""
    return either(
        _key_terms(
            "code", {facet_key(value[:-1]) + "*" if value.endswith("*") else facet_key(value)}
        )
    )


def owner_query(value: str) -> Node:
    """`owner:` — the owner cell, also by normalized role (`DPG` → directeur publieke …)."""
    if value.endswith("*"):
        return either(_key_terms("owner_key", {facet_key(value[:-1]) + "*"}))
    keys = {facet_key(value), normalize_role(value)}
    for part in split_owners(value):
        keys |= {facet_key(part), normalize_role(part)}
    return either(_key_terms("owner_key", keys))


def role_query(value: str) -> Node:
    """`role:` — a role mentioned in the entry or owning it, normalized."""
    keys = {facet_key(value), normalize_role(value)}
    return either(
        [*_key_terms("role_key", keys), *_key_terms("owner_key", keys), *_mentioned(value)]
    )


def municipality_query(value: str) -> Node:
    """`gemeente:` — the municipality, or any place inside it (`Westerwolde` → Ter Apel)."""
    key = facet_key(value)
    places = set(places_in(value)) | {key}
    return either(
        [
            *_key_terms("municipality_key", {key}),
            *_key_terms("place_key", places),
            *_mentioned(value),
        ]
    )


def place_query(value: str) -> Node:
    """`plaats:` — a tagged or mentioned place."""
    return either([*_key_terms("place_key", {facet_key(value)}), *_mentioned(value)])


def region_query(value: str) -> Node:
    """`regio:` — a tagged or mentioned region."""
    return either([*_key_terms("region_key", {facet_key(value)}), *_mentioned(value)])


def org_query(value: str) -> Node:
    """`org:` — a tagged or mentioned organisation."""
    return either([*_key_terms("org_key", {facet_key(value)}), *_mentioned(value)])


_ITEM_NR = re.compile(r"^\d+[a-z]?(\.\d+[a-z]?)*\.?$", re.IGNORECASE)


def item_query(value: str) -> Node:
    """`item:` — an item number (`3`, `2.1`; `3` also finds 3.1, 3.2) or words of its title."""
    if _ITEM_NR.match(value):
        nr = value.rstrip(".").lower()
        return either([Term("item_nr", nr), Prefix("item_nr", nr + ".")])
    return text_query("item_title", value)


def date_query(value: str) -> Node:
    """`datum:` — a day, month, year or range overlapping the meeting date or a tagged date."""
    return date_range(*parse_date_spec(value))


FACET_QUERIES: dict[str, Callable[[str], Node]] = {
    "kind": kind_query,
    "owner": owner_query,
    "municipality": municipality_query,
    "place": place_query,
    "region": region_query,
    "role": role_query,
    "org": org_query,
    "item": item_query,
    "date": date_query,
    "status": status_query,
    "code": code_query,
}


# --- filters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Restrictions given as command-line options (or web form fields) rather than in the
    query: plain values, checked and expanded by :func:`filter_tree`."""

    kind: str | None = None
    owner: str | None = None
    municipality: str | None = None
    role: str | None = None
    org: str | None = None
    status: str | None = None
    code: str | None = None
    since: date | None = None
    until: date | None = None
    kinds: tuple[str, ...] = ()  # several kinds at once (export entries of a few kinds)
    entries_only: bool = False  # leave out the stand-ins for items and pages without entries
    # Exact facet values as counted by `facets()`, (facet name, value) pairs such as
    # ("body", "ggd twente"): a drill-down on a count, matched as the key it was counted under.
    facets: tuple[tuple[str, str], ...] = ()


def filter_tree(filters: Filters | None) -> Node | None:
    """The filters as one query tree, or None when nothing is restricted.

    Raises :class:`QuerySyntaxError` for a value no facet knows (`--kind besluitt`).
    """
    if filters is None:
        return None
    parts: list[Node] = []
    for value, facet in (
        (filters.kind, kind_query),
        (filters.owner, owner_query),
        (filters.municipality, municipality_query),
        (filters.role, role_query),
        (filters.org, org_query),
        (filters.status, status_query),
        (filters.code, code_query),
    ):
        if value:
            parts.append(facet(value))
        if facet is kind_query and filters.kinds:
            parts.append(either([Term("kind", kind_of(k)) for k in filters.kinds]))
    if filters.since or filters.until:
        # Like `datum:`: the meeting date or any date tagged in the entry.
        parts.append(date_range(filters.since, filters.until))
    if filters.entries_only:
        parts.append(Term("doc_type", DOC_ENTRY))
    if filters.facets:
        # Imported here: the backend seam imports the query tree, which imports this module.
        from archive.index.backend import FACETS

        for name, value in filters.facets:
            if name not in FACETS:
                raise QuerySyntaxError(
                    f"Unknown facet {name!r}: use {', '.join(FACETS)}.",
                    suggestion=next(iter(difflib.get_close_matches(name, FACETS, n=1)), None),
                )
            parts.append(Term(FACETS[name], value))
    return all_of(parts) if parts else None


__all__ = [
    "FACET_QUERIES",
    "Filters",
    "date_range",
    "filter_tree",
    "kind_of",
    "parse_date_spec",
    "status_of",
    "text_query",
]
