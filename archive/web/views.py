"""What the templates show, shaped from the archive's records: hits grouped by meeting and
item, links to where an entry stands, facet labels, snippets with their marks.

Plain functions of plain data; the templates only lay them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from archive.index import MARK, Hit, SearchResult
from archive.index.analysis import facet_key
from archive.web.i18n import Messages
from pipeline.records import Entry, Item, Meeting


def marked(snippet: str) -> Markup:
    """A snippet with its **matched** words in `<mark>`, everything else escaped."""
    parts = (snippet or "").split(MARK)
    if len(parts) % 2 == 0:  # an unpaired mark: the text itself had "**"
        parts = [MARK.join(parts)]
    return Markup("").join(
        Markup("<mark>{}</mark>").format(part) if n % 2 else escape(part)
        for n, part in enumerate(parts)
    )


def item_url(sha256: str, nr: str, **query: Any) -> str:
    """The item view of item `nr` of a meeting (`_` for an item without a number)."""
    path = f"/meeting/{sha256}/item/{quote(nr or '_', safe='')}"
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{path}?{urlencode(query)}" if query else path


def entry_number(record: dict[str, Any]) -> int | None:
    """The entry's position in its item, from its record id (`sha:nr:3` → 3)."""
    tail = str(record.get("id") or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def hit_url(record: dict[str, Any], query: str = "") -> str:
    """Where a hit stands: its entry in the item view, or the page of a document without a
    table."""
    sha = record.get("sha256") or ""
    if record.get("kind") == "page":
        return f"/meeting/{sha}#page-{record.get('page') or 1}"
    n = entry_number(record)
    url = item_url(sha, record.get("item_nr") or "", entry=n, q=query if query != "*" else None)
    return f"{url}#entry-{n}" if n is not None else url


@dataclass
class ItemGroup:
    """The hits of one item, in rank order."""

    nr: str
    title: str
    section: str
    hits: list[tuple[int, Hit]] = field(default_factory=list)


@dataclass
class MeetingGroup:
    """The hits of one meeting, by item, in the order of their best hit."""

    record: dict[str, Any]
    items: list[ItemGroup] = field(default_factory=list)


def group_hits(result: SearchResult) -> list[MeetingGroup]:
    """Hits grouped by meeting, then by item, each group where its best hit ranks; every hit
    keeps its number in the ranking."""
    first = (result.page - 1) * result.limit + 1
    numbered = {id(hit): first + n for n, hit in enumerate(result.hits)}
    groups = []
    for _, hits in result.groups():
        group = MeetingGroup(record=hits[0].record)
        by_item: dict[tuple[str, str], ItemGroup] = {}
        for hit in hits:
            rec = hit.record
            key = (rec.get("item_nr") or "", rec.get("item_title") or "")
            if key not in by_item:
                by_item[key] = ItemGroup(key[0], key[1], rec.get("section") or "")
                group.items.append(by_item[key])
            by_item[key].hits.append((numbered[id(hit)], hit))
        groups.append(group)
    return groups


_MENTIONS = ("places", "municipalities", "regions", "roles", "orgs")


def mentions(record: dict[str, Any], limit: int = 6) -> list[str]:
    """What an entry names, so a facet hit shows why it matched ("Ter Apel → Westerwolde")."""
    seen: list[str] = []
    for key in _MENTIONS:
        for mention in record.get(key) or []:
            label = mention.get("text") or mention.get("value") or ""
            home = (mention.get("extra") or mention).get("municipality")
            if key == "places" and home:
                label = f"{label} → {home}"
            if label and label not in seen:
                seen.append(label)
    return seen[:limit]


def facet_labels(records: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Readable labels for facet keys, from the records at hand: the key of `GGD Twente` is
    `ggd twente`, and the records say how it is written."""
    labels: dict[tuple[str, str], str] = {}

    def add(facet: str, raw: str) -> None:
        if raw and (key := facet_key(raw)):
            labels.setdefault((facet, key), raw)

    for record in records:
        add("body", record.get("body") or "")
        for group in (record, record.get("item_entities") or {}):
            for m in group.get("municipalities") or []:
                add("municipality", m.get("value") or "")
                add("municipality", m.get("text") or "")
            for m in group.get("places") or []:
                home = (m.get("extra") or m).get("municipality")
                if home:
                    add("municipality", home)
            for m in group.get("orgs") or []:
                add("org", m.get("value") or "")
    return labels


def facet_label(t: Messages, name: str, value: str, labels: dict[tuple[str, str], str]) -> str:
    """The label of one facet value in the page's language."""
    if name == "kind":
        return t(f"kind.{value}") if t.has(f"kind.{value}") else value
    if name == "status":
        return t(f"status.{value}") if t.has(f"status.{value}") else value
    if name in ("ocr", "review"):
        return t(f"facet.{name}.{value}") if t.has(f"facet.{name}.{value}") else value
    if found := labels.get((name, value)):
        return found
    # A key is folded to lower case; short ones are abbreviations (COA, IND, GGD).
    if len(value) <= 4 and value.isalpha():
        return value.upper()
    return value[:1].upper() + value[1:]


def entry_pages(entry: Entry) -> list[int]:
    """The pages an entry's words are on (its own page when it has no boxes)."""
    pages = sorted({int(b[0]) for b in entry.boxes})
    return pages or [entry.page]


def item_pages(items: Iterable[Item]) -> list[int]:
    """The pages an item's entries are on, or the item's own page."""
    pages: set[int] = set()
    for item in items:
        for entry in item.entries:
            pages.update(entry_pages(entry))
        if not item.entries:
            pages.add(item.page)
    return sorted(pages)


def review_pages(meeting: Meeting) -> set[int]:
    """Numbers of the pages OCR flagged for review."""
    return {p.number for p in meeting.pages if p.needs_review}


__all__ = [
    "ItemGroup",
    "MeetingGroup",
    "entry_number",
    "entry_pages",
    "facet_label",
    "facet_labels",
    "group_hits",
    "hit_url",
    "item_pages",
    "item_url",
    "marked",
    "mentions",
    "review_pages",
]
