"""The contract: the JSON record of every entry, and the index documents of a meeting.

A *record* is what search, export and the web page hand out: one flat JSON object per entry
(besluit, knelpunt, actie, note), with its meeting and item around it. Records are built here
and nowhere else; :data:`RECORD_KEYS` lists every key one carries.

An *index document* is what a search backend indexes: one per entry, carrying its own text plus
the item title, toelichting and meeting title, so a word in any of them finds the entry. Items
without entries get one `item` document, and documents without a minutes table (a letter, a
report) one `page` document per page, so nothing that was extracted is unsearchable. Index
documents are plain dicts of the fields in :data:`FIELDS`, already computed (facet keys, days,
sort keys), so every backend indexes the same values; a backend only chooses how to store them.

Bump :data:`SCHEMA_VERSION` whenever records, fields or analysis change: an index built with
another version is rebuilt from the JSON records when it is opened, instead of failing on it.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any

from archive.index.analysis import (
    facet_key,
    key_words,
    municipality_of,
    normalize_role,
    split_owners,
)
from archive.index.dates import date_terms, days_of
from models.entities import ENTITY_KEYS, Entity
from pipeline.records import Entry, Item, Meeting

SCHEMA_VERSION = 5

# --- the records --------------------------------------------------------------------------------

# Every key of an entry record, in the order the record lists them. Search hits add `score`,
# `snippet`, `near_spellings` and `fuzzy`.
RECORD_KEYS: tuple[str, ...] = (
    "id",
    "source",
    "sha256",
    "meeting_title",
    "meeting_date",
    "meeting_date_guessed",  # the heading gave no year: it was taken from elsewhere
    "body",
    "item_nr",
    "item_title",
    "item_kind",  # "" for an agenda item, "action_list" for an action-list row, "annex"
    "item_fields",  # the item's own labelled fields ("portefeuillehouder": "…")
    "section",
    "kind",
    "code",  # the minutes' own code of the entry: "B-14", "A-21"
    "text",
    "list_items",
    "owner",  # as written
    "owners",  # the parties it names, one each
    "owner_redacted",
    "commitment",  # a toezegging: an action promised to another body
    "due_date",  # ISO day
    "due_text",  # the deadline as written ("z.s.m.", "week 20")
    "status",  # open, done, ongoing, dropped, unknown, or ""
    "status_text",  # the status as written
    "toelichting",
    "page",
    "ocr",
    *ENTITY_KEYS,  # the entry's own mentions: [{"text": …, "value": …, …}]
    "item_entities",  # the item's mentions, by entity key
)

# Kinds of indexed documents: entry kinds from the minutes, plus the two stand-ins.
DOC_ENTRY, DOC_ITEM, DOC_PAGE = "entry", "item", "page"


def _mentions(entities: dict[str, list[Entity]]) -> dict[str, list[dict[str, str]]]:
    return {key: [e.to_dict() for e in entities.get(key, [])] for key in ENTITY_KEYS}


def _base_record(meeting: Meeting) -> dict[str, Any]:
    """A record with every key: the meeting's facts filled in, the rest empty."""
    record: dict[str, Any] = dict.fromkeys(RECORD_KEYS, "")
    record.update(
        source=meeting.source,
        sha256=meeting.sha256,
        meeting_title=meeting.title,
        meeting_date=meeting.date.isoformat() if meeting.date else None,
        meeting_date_guessed=meeting.date_guessed,
        body=meeting.body,
        item_fields={},
        list_items=[],
        owners=[],
        owner_redacted=False,
        commitment=False,
        page=1,
        ocr=False,
        item_entities=_mentions({}),
        **_mentions({}),
    )
    return record


def _item_part(item: Item) -> dict[str, Any]:
    return {
        "item_nr": item.nr,
        "item_title": item.title,
        "item_kind": item.kind,
        "item_fields": dict(item.fields),
        "section": item.section,
        "toelichting": item.toelichting,
        "item_entities": _mentions(item.entities),
    }


def entry_record(meeting: Meeting, item: Item, n: int, entry: Entry) -> dict[str, Any]:
    """The record of entry `n` of `item`. Its word boxes stay in the meeting's own JSON record:
    they are large and only a viewer wants them."""
    return (
        _base_record(meeting)
        | _item_part(item)
        | {
            "id": f"{meeting.sha256}:{item.nr}:{n}",
            "kind": entry.kind,
            "code": entry.code,
            "text": entry.text,
            "list_items": list(entry.list_items),
            "owner": entry.owner,
            "owners": list(entry.owners),
            "owner_redacted": entry.owner_redacted,
            "commitment": entry.commitment,
            "due_date": entry.due,
            "due_text": entry.due_text,
            "status": entry.status,
            "status_text": entry.status_text,
            "page": entry.page,
            "ocr": any(p.ocr for p in meeting.pages if p.number == entry.page),
            **_mentions(entry.entities),
        }
    )


def item_record(meeting: Meeting, item: Item) -> dict[str, Any]:
    """The record standing in for an item without entries (kind `item`)."""
    return (
        _base_record(meeting)
        | _item_part(item)
        | {
            "id": f"{meeting.sha256}:{item.nr}:item",
            "kind": DOC_ITEM,
            "page": item.page,
            "ocr": any(p.ocr for p in meeting.pages if p.number == item.page),
            **_mentions(item.entities),
        }
    )


def page_record(meeting: Meeting, number: int, text: str = "", ocr: bool = False) -> dict[str, Any]:
    """The record of one page of a document without a minutes table (kind `page`)."""
    return _base_record(meeting) | {
        "id": f"{meeting.sha256}:p{number}",
        "kind": DOC_PAGE,
        "text": text,
        "page": number,
        "ocr": ocr,
    }


def entry_records(meeting: Meeting) -> list[dict[str, Any]]:
    """The records of every entry of a meeting, in the order of the minutes."""
    return [
        entry_record(meeting, item, n, entry)
        for item in meeting.items
        for n, entry in enumerate(item.entries)
    ]


def record_json(record: dict[str, Any]) -> str:
    """A record as the compact JSON the index stores."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# --- the index documents ------------------------------------------------------------------


class FieldKind(StrEnum):
    """How a backend stores a field of the index documents."""

    ID = "id"  # one exact value, filtered on (a str)
    KEYWORD = "keyword"  # several exact values, filtered on and counted (a tuple of str)
    TEXT = "text"  # analysed text with positions, scored (a str; see `analysis.tokens`)
    VOCABULARY = "vocabulary"  # words for "did you mean" only (a str; `analysis.spelling_words`)
    SORT = "sort"  # an unsigned 64-bit sort key, never searched (an int)
    STORED = "stored"  # returned with a hit, never searched (the record's JSON)


# Facet fields: folded keys, matched whole.
FACET_FIELDS: tuple[str, ...] = (
    "owner_key",
    "role_key",
    "municipality_key",
    "place_key",
    "region_key",
    "org_key",
)

FIELDS: dict[str, FieldKind] = {
    "id": FieldKind.ID,  # unique
    "doc_type": FieldKind.ID,  # entry | item | page
    "sha256": FieldKind.ID,
    "source": FieldKind.ID,
    "kind": FieldKind.ID,
    "item_nr": FieldKind.ID,  # lowercased
    "status": FieldKind.ID,
    "code": FieldKind.ID,  # folded
    "body": FieldKind.ID,  # folded
    "year": FieldKind.ID,  # of the meeting
    "ocr": FieldKind.ID,  # "yes" when the document's page was OCR'd; absent otherwise
    "review": FieldKind.ID,  # "yes" when that page needs review; absent otherwise
    # The meeting date as day, month and year terms (for --since/--until).
    "meeting_day": FieldKind.KEYWORD,
    # Days the document is about, plus their months and years, so that a date range is a
    # handful of terms (2021-01-01..2021-06-30 → six months) rather than one per day.
    "day": FieldKind.KEYWORD,
    "sort_minutes": FieldKind.SORT,  # oldest first, in the order of the minutes
    "sort_newest": FieldKind.SORT,  # newest meeting first
    # Plain words search `all`: ONE field holding the entry text, its item title (twice: a
    # title says most about an entry), toelichting, owner, section and meeting title. One
    # field means one posting list per word, which lets a backend skip blocks that cannot
    # reach the top hits; six fields made every common word walk six lists in full.
    "all": FieldKind.TEXT,
    "item_title": FieldKind.TEXT,
    "meeting_title": FieldKind.TEXT,
    "spell": FieldKind.VOCABULARY,
    "record": FieldKind.STORED,
    **dict.fromkeys(FACET_FIELDS, FieldKind.KEYWORD),
    "owner_role": FieldKind.KEYWORD,  # the normalized role of each owner (a facet to count)
}

# Fields searched by words without a field name, and how much a match in each counts.
TEXT_FIELDS: dict[str, float] = {"all": 1.0}
# Text fields that can also be searched by name (`titel:`, `onderwerp:`).
NAMED_TEXT_FIELDS: tuple[str, ...] = ("item_title", "meeting_title")

_ORDINAL_SHIFT = 40
_MAX_ORDINAL = 1 << 20  # date.max.toordinal() is 3,652,059 < 2**22; real dates stay far below


def sort_keys(meeting: Meeting, order: int) -> tuple[int, int]:
    """(minutes order, newest-first order): meeting date, then meeting, then place in it."""
    ordinal = meeting.date.toordinal() if meeting.date else 0
    meeting_key = zlib.crc32(meeting.sha256.encode()) & 0xFFFF
    tail = (meeting_key << 24) | (order & 0xFFFFFF)
    return (ordinal << _ORDINAL_SHIFT) | tail, ((_MAX_ORDINAL - ordinal) << _ORDINAL_SHIFT) | tail


def _keys(mentions: Iterable[Entity]) -> set[str]:
    keys = set()
    for mention in mentions:
        for raw in (mention.value, mention.text):
            if raw and (key := facet_key(raw)):
                keys.add(key)
    return keys


def _facets(
    entities: list[dict[str, list[Entity]]], owner: str, owners: list[str]
) -> dict[str, tuple[str, ...]]:
    """Facet fields from the entity lists of an entry and its item, and the owner cell."""

    def mentions(key: str) -> list[Entity]:
        return [m for group in entities for m in group.get(key, [])]

    owner_keys: set[str] = set()
    for part in [*split_owners(owner), owner] if owner else []:
        if key := facet_key(part):
            owner_keys.add(key)
            owner_keys.add(normalize_role(part, thorough=True))
            owner_keys.update(key_words(part))
    roles = {normalize_role(part, thorough=True) for part in owners or split_owners(owner)}
    municipalities = _keys(mentions("municipalities"))
    for place in mentions("places"):
        home = place.extra.get("municipality") or municipality_of(place.value or place.text)
        if home:
            municipalities.add(facet_key(home))
    out = {
        "owner_key": owner_keys,
        "role_key": _keys(mentions("roles")),
        "municipality_key": municipalities,
        "place_key": _keys(mentions("places")),
        "region_key": _keys(mentions("regions")),
        "org_key": _keys(mentions("orgs")),
        "owner_role": roles,
    }
    return {name: tuple(sorted(k for k in keys if k)) for name, keys in out.items()}


def searchable_parts(record: dict[str, Any]) -> list[str]:
    """The texts of a record that plain words search (the `all` field), in its order: the
    item title twice (a title says most about an entry), the text, toelichting, owner,
    section and meeting title."""
    return [
        record["item_title"],
        record["item_title"],
        record["text"],
        record["toelichting"],
        record["owner"],
        record["section"],
        record["meeting_title"],
    ]


def searchable_text(record: dict[str, Any]) -> str:
    """What plain words search in a record, as one text (the `all` field)."""
    return "\n".join(p for p in searchable_parts(record) if p)


def _document(
    meeting: Meeting,
    record: dict[str, Any],
    *,
    doc_type: str,
    order: int,
    entities: list[dict[str, list[Entity]]],
    extra_dates: Iterable[str] = (),
) -> dict[str, Any]:
    meeting_day = meeting.date.isoformat() if meeting.date else ""
    minutes_key, newest_key = sort_keys(meeting, order)
    dates = [m.value for group in entities for m in group.get("dates", [])]
    days = days_of([*dates, *extra_dates])
    if meeting_day:
        days.add(meeting_day)
    parts = searchable_parts(record)
    # Parts are joined without a position gap: a newline keeps them apart only for the eye;
    # phrase matches across two parts are rare enough to accept.
    review = any(p.needs_review for p in meeting.pages if p.number == record["page"])
    doc = {
        "id": record["id"],
        "doc_type": doc_type,
        "sha256": meeting.sha256,
        "source": meeting.source,
        "kind": record["kind"],
        "item_nr": (record["item_nr"] or "").lower(),
        "status": record["status"],
        "code": facet_key(record["code"]),
        "body": facet_key(meeting.body),
        "year": meeting_day[:4],
        "ocr": "yes" if record["ocr"] else "",
        "review": "yes" if review else "",
        "meeting_day": tuple(sorted(date_terms([meeting_day] if meeting_day else []))),
        "day": tuple(sorted(date_terms(days))),
        "sort_minutes": minutes_key,
        "sort_newest": newest_key,
        "all": searchable_text(record),
        "item_title": record["item_title"],
        "meeting_title": record["meeting_title"],
        "spell": " ".join(p for p in parts[1:] if p),
        "record": record_json(record),
        **_facets(entities, record["owner"], record["owners"]),
    }
    # An empty value is an absent one, in every backend.
    return {k: v for k, v in doc.items() if v not in ("", ()) or k in ("id", "record")}


def meeting_documents(meeting: Meeting) -> Iterator[dict[str, Any]]:
    """The index documents of one meeting, in the order of the minutes."""
    for i, item in enumerate(meeting.items):
        for n, entry in enumerate(item.entries):
            yield _document(
                meeting,
                entry_record(meeting, item, n, entry),
                doc_type=DOC_ENTRY,
                order=i * 1000 + n,
                entities=[entry.entities, item.entities],
                extra_dates=[entry.due] if entry.due else (),
            )
        if not item.entries:
            record = item_record(meeting, item)
            yield _document(
                meeting, record, doc_type=DOC_ITEM, order=i * 1000, entities=[item.entities]
            )
    if meeting.items:
        return
    # No minutes table: the pages themselves are what there is to find.
    pages = [p for p in meeting.pages if p.text.strip()] or meeting.pages[:1]
    if not pages:
        yield _document(meeting, page_record(meeting, 1), doc_type=DOC_PAGE, order=1, entities=[])
        return
    for page in pages:
        record = page_record(meeting, page.number, page.text, page.ocr)
        yield _document(meeting, record, doc_type=DOC_PAGE, order=page.number, entities=[])


__all__ = [
    "DOC_ENTRY",
    "DOC_ITEM",
    "DOC_PAGE",
    "FACET_FIELDS",
    "FIELDS",
    "NAMED_TEXT_FIELDS",
    "RECORD_KEYS",
    "SCHEMA_VERSION",
    "TEXT_FIELDS",
    "FieldKind",
    "entry_record",
    "entry_records",
    "item_record",
    "meeting_documents",
    "page_record",
    "record_json",
    "searchable_parts",
    "searchable_text",
    "sort_keys",
]
