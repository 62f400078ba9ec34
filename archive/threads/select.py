"""Choosing actions over time: the threads whose mentions a search selects, by status, due
date and group; and thread facts added to the records of an export.

The filters are the search's own (:class:`~archive.index.query.Filters`: owner, role,
municipality, organisation, dates, a query), run over the actie entries; a thread is selected
when any of its mentions is found. The status filter is the thread's (its status as of its
last mention), not the entry's: an action set "open" and closed three meetings later is done.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from archive.index.analysis import facet_key, normalize_role, split_owners
from archive.index.query import Filters, status_of
from archive.threads.model import CLOSED, Thread, ThreadSet

if TYPE_CHECKING:
    from archive.index import Archive

GROUPINGS = ("owner", "role", "body", "municipality", "series")
# What `archive actions` shows without --status: what still has to be done.
OPEN_STATUSES = frozenset({"open", "ongoing", "unknown"})


@dataclass
class Listed:
    """One selected action: its thread, whether it is overdue, the records of its mentions
    the search found, and the groups it falls in."""

    thread: Thread
    overdue: bool
    records: list[dict[str, Any]] = field(default_factory=list)

    def groups(self, by: str, series_label: str = "") -> list[tuple[str, str]]:
        """(key, label) of each group of kind `by` this action belongs to."""
        if by == "owner":
            owner = self.thread.owner
            return [(facet_key(owner), owner)] if owner else [("", "")]
        if by == "role":
            parts = split_owners(self.thread.owner) if self.thread.owner else []
            roles = {normalize_role(p, thorough=True): p for p in parts}
            return sorted(roles.items()) or [("", "")]
        if by == "body":
            return [(facet_key(self.thread.body), self.thread.body)]
        if by == "series":
            return [(self.thread.series, series_label or self.thread.series)]
        if by == "municipality":
            found: dict[str, str] = {}
            for record in self.records:
                for mention in record.get("municipalities") or []:
                    name = str(mention.get("value") or mention.get("text") or "")
                    found.setdefault(facet_key(name), name)
                for mention in record.get("places") or []:
                    name = str(mention.get("municipality") or "")
                    if name:
                        found.setdefault(facet_key(name), name)
            return sorted(found.items()) or [("", "")]
        raise ValueError(f"no grouping {by!r}")


def select(
    archive: Archive,
    threads: ThreadSet,
    *,
    query: str | None = None,
    filters: Filters | None = None,
    every: bool = False,
    overdue: bool = False,
    today: date | None = None,
) -> list[Listed]:
    """The actions (threads) the query and filters select, newest activity first.

    Without a status in `filters`, and without `every`, only the actions still to be done
    (open, ongoing, unknown); `overdue` keeps those due before `today` and not closed.
    Raises :class:`~archive.index.query.QuerySyntaxError` for a bad query or filter."""
    today = today or date.today()
    filters = filters or Filters()
    wanted = status_of(filters.status) if filters.status else None
    search_filters = dataclasses.replace(filters, kind="actie", status=None, entries_only=True)
    result = archive.search(
        query or "*", filters=search_filters, limit=None, sort="minutes", fuzzy=False,
        snippets=False,
    )
    found: dict[str, Listed] = {}
    iso = today.isoformat()
    for hit in result.hits:
        record = hit.record
        thread = threads.thread_of(record["id"], record.get("text"))
        if thread is None:
            continue
        listed = found.get(thread.thread_id)
        if listed is None:
            listed = found[thread.thread_id] = Listed(thread, thread.overdue(iso))
        listed.records.append(record)
    out = []
    for listed in found.values():
        status = listed.thread.status
        if wanted is not None and status != wanted:
            continue
        if wanted is None and not every and not overdue and status not in OPEN_STATUSES:
            continue
        if overdue and not listed.overdue:
            continue
        out.append(listed)
    out.sort(key=lambda x: (x.thread.last_seen or "", x.thread.first_seen or ""), reverse=True)
    return out


def grouped(
    listed: Iterable[Listed], by: str, threads: ThreadSet
) -> list[tuple[str, list[Listed]]]:
    """The actions per group (an action in several groups is in each), groups by name."""
    labels = {s.key: s.label for s in threads.series}
    groups: dict[str, tuple[str, list[Listed]]] = {}
    for item in listed:
        for key, label in item.groups(by, labels.get(item.thread.series, "")):
            groups.setdefault(key, (label, []))[1].append(item)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0]))
    return [(label, items) for _, (label, items) in ordered]


def history(thread: Thread) -> list[dict[str, Any]]:
    """A thread's mentions in date order, each with the link that brought it in."""
    out = []
    for mention in thread.mentions:
        link = thread.link_of(mention.id)
        out.append(
            {
                "id": mention.id,
                "date": mention.meeting_date,
                "meeting_title": mention.meeting_title,
                "sha256": mention.sha256,
                "source": mention.source,
                "item_nr": mention.item_nr,
                "item_title": mention.item_title,
                "action_list": mention.row,
                "kind": mention.kind,
                "role": mention.role,
                "code": mention.code,
                "text": mention.text,
                "owner": mention.owner,
                "due": mention.due,
                "due_text": mention.due_text,
                "status": mention.status,
                "status_text": mention.status_text,
                "page": mention.page,
                "link": (
                    {"to": link.to, "score": link.score, "evidence": list(link.evidence)}
                    if link
                    else None
                ),
            }
        )
    return out


def thread_record(thread: Thread, *, today: date | None = None,
                  series_label: str = "") -> dict[str, Any]:
    """A thread as `archive actions --json` prints it."""
    iso = (today or date.today()).isoformat()
    latest = thread.latest
    return {
        "thread_id": thread.thread_id,
        "status": thread.status,
        "status_date": thread.status_date,
        "overdue": thread.overdue(iso),
        "due": thread.due,
        "due_text": thread.due_text,
        "owner": thread.owner,
        "code": thread.code,
        "text": thread.text,
        "latest_text": latest.text,
        "body": thread.body,
        "series": thread.series,
        "series_label": series_label,
        "first_seen": thread.first_seen,
        "last_seen": thread.last_seen,
        "origin": thread.origin,
        "mentions": len(thread.mentions),
        "history": history(thread),
        "candidates": [
            {"mention": c.mention, "to": c.to, "score": c.score, "evidence": list(c.evidence)}
            for c in thread.candidates
        ],
    }


def annotate(records: Iterable[dict[str, Any]], threads: ThreadSet) -> None:
    """Add to each actie record its thread: `thread`, `thread_status`, `first_seen`,
    `last_seen` (records of entries in no thread get empty values)."""
    for record in records:
        thread = threads.thread_of(record.get("id", ""), record.get("text"))
        record["thread"] = thread.thread_id if thread else ""
        record["thread_status"] = thread.status if thread else ""
        record["first_seen"] = thread.first_seen if thread else ""
        record["last_seen"] = thread.last_seen if thread else ""


def is_closed(status: str) -> bool:
    return status in CLOSED


__all__ = [
    "GROUPINGS",
    "OPEN_STATUSES",
    "Listed",
    "annotate",
    "grouped",
    "history",
    "is_closed",
    "select",
    "thread_record",
]
