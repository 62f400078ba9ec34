"""The query parameters of the search and actions pages (and their API twins), bounded.

One model per kind of request, shared by the HTML pages and `/api/`, so a link copied from the
address bar and a script's request mean the same thing. Every string has a length limit and
every number a range: a request outside them is a usage error (HTTP 400), never work.
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from urllib.parse import urlencode

from pydantic import BaseModel, Field, field_validator

from archive.index.analysis import facet_key
from archive.index.backend import FACETS
from archive.index.query import Filters, QuerySyntaxError, kind_of, parse_date_spec, status_of

MAX_QUERY = 500  # characters of a query: longer than any a person types
MAX_VALUE = 200  # characters of one filter value
MAX_FACETS = 12  # facet values picked at once
MAX_PAGE = 1000

ShortText = Field(default=None, max_length=MAX_VALUE)
DateSpec = Field(default=None, max_length=40, description="2022-04-07, 2022-04, 2022 or 7-4-2022")


def parse_facet(raw: str) -> tuple[str, str]:
    """`body:ggd twente` → ("body", "ggd twente"); a usage error for an unknown facet name."""
    name, sep, value = raw.partition(":")
    if not sep or not value.strip():
        raise QuerySyntaxError(f"Not a facet value: {raw!r}; use name:value, e.g. kind:actie.")
    if name not in FACETS:
        raise QuerySyntaxError(f"Unknown facet {name!r}: use {', '.join(FACETS)}.")
    return name, value.strip()


def _day(value: str | None, name: str, *, end: bool) -> date | None:
    """The first (or with `end`, the last) day of a date spec; None for an empty one."""
    if not value or not value.strip():
        return None
    try:
        first, last = parse_date_spec(value)
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(f"{name}: {exc.message}") from exc
    return (last if end else first) or (first if end else last)


class Linkable(BaseModel):
    """Parameters that can be written back into a link, with some of them changed."""

    def link(self, **changes: object) -> str:
        """`?…` for these parameters with `changes` applied; defaults are left out, and a
        change of anything but the page goes back to page 1."""
        data = self.model_dump()
        if changes and "page" not in changes:
            changes["page"] = 1
        data.update(changes)
        defaults = type(self)().model_dump()
        pairs: list[tuple[str, object]] = []
        for key, value in data.items():
            if value == defaults.get(key) or value in (None, "", []):
                continue
            if isinstance(value, list):
                pairs += [(key, v) for v in value]
            elif isinstance(value, bool):
                pairs.append((key, "true"))
            else:
                pairs.append((key, value))
        return "?" + urlencode(pairs) if pairs else "?"


class SearchParams(Linkable):
    """A search: the query language of `archive search`, the same filter options, facets
    picked from the counts (`f=name:value`), sort, paging and the fuzzy switch."""

    q: str = Field(default="", max_length=MAX_QUERY, description="query, as `archive search`")
    kind: str | None = ShortText
    owner: str | None = ShortText
    municipality: str | None = ShortText
    role: str | None = ShortText
    org: str | None = ShortText
    status: str | None = ShortText
    since: str | None = DateSpec
    until: str | None = DateSpec
    f: list[str] = Field(
        default_factory=list,
        max_length=MAX_FACETS,
        description="facet values picked from the counts, `name:value` (body:ggd twente)",
    )
    sort: Literal["relevance", "date"] = "relevance"
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=10, ge=1, le=100)
    exact: bool = Field(default=False, description="no fuzzy retry when little is found")

    @field_validator("f")
    @classmethod
    def _short_facets(cls, values: list[str]) -> list[str]:
        if any(len(v) > MAX_VALUE for v in values):
            raise ValueError(f"a facet value is longer than {MAX_VALUE} characters")
        return values

    @property
    def query(self) -> str:
        """The query to run: `*` (everything the filters allow) when none was typed."""
        return self.q.strip() or "*"

    def facets(self) -> list[tuple[str, str]]:
        """The picked facet values, checked."""
        return [parse_facet(raw) for raw in self.f]

    def filters(self) -> Filters:
        """The options and picked facets as :class:`Filters`; raises
        :class:`QuerySyntaxError` for a value no facet knows or a date that is none."""
        for value, name, check in (
            (self.kind, "kind", kind_of),
            (self.status, "status", status_of),
        ):
            if value:
                try:
                    check(value)
                except QuerySyntaxError as exc:
                    raise QuerySyntaxError(f"{name}: {exc.message}", exc.suggestion) from exc
        since = _day(self.since, "since", end=False)
        until = _day(self.until, "until", end=True)
        if since and until and since > until:
            raise QuerySyntaxError("The date range ends before it starts.")
        return Filters(
            kind=self.kind or None,
            owner=self.owner or None,
            municipality=self.municipality or None,
            role=self.role or None,
            org=self.org or None,
            status=self.status or None,
            since=since,
            until=until,
            facets=tuple(dict.fromkeys(self.facets())),
        )

    def picked(self, name: str, value: str) -> bool:
        """Whether facet value `name:value` is among those picked."""
        return f"{name}:{value}" in self.f

    def toggled(self, name: str, value: str) -> str:
        """The link that picks facet value `name:value`, or drops it when it is picked."""
        raw = f"{name}:{value}"
        picked = [v for v in self.f if v != raw] if raw in self.f else [*self.f, raw]
        return self.link(f=picked)


ActionSort = Literal["date", "due"]


class ActionParams(Linkable):
    """The actions list: who, which body, due when, in what state, and the query language."""

    q: str = Field(default="", max_length=MAX_QUERY, description="query, as `archive search`")
    owner: str | None = Field(default=None, max_length=MAX_VALUE, description="owner or role")
    body: str | None = ShortText
    status: str | None = ShortText
    due_from: str | None = DateSpec
    due_until: str | None = DateSpec
    overdue: bool = Field(default=False, description="only actions due before today, not done")
    sort: ActionSort = Field(default="date", description="date: newest meeting first; due: soonest")
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    limit: int = Field(default=50, ge=1, le=500)

    def filters(self) -> Filters:
        """The index-side restrictions (owner or role, body, status) as :class:`Filters`."""
        if self.status:
            try:
                status_of(self.status)
            except QuerySyntaxError as exc:
                raise QuerySyntaxError(f"status: {exc.message}", exc.suggestion) from exc
        body = facet_key(self.body) if self.body else ""
        # An owner given here may be the owner as written or a role the entry names.
        return Filters(
            owner=self.owner or None,
            status=self.status or None,
            facets=(("body", body),) if body else (),
        )

    def due_range(self) -> tuple[date | None, date | None]:
        """The due-date bounds (first day, last day), either open."""
        first = _day(self.due_from, "due_from", end=False)
        last = _day(self.due_until, "due_until", end=True)
        if first and last and first > last:
            raise QuerySyntaxError("The due-date range ends before it starts.")
        return first, last


__all__ = [
    "MAX_FACETS",
    "MAX_QUERY",
    "MAX_VALUE",
    "ActionParams",
    "SearchParams",
    "parse_facet",
]
