"""What the index holds: the Whoosh schema, its version, and the documents of a meeting.

One document per entry (besluit, knelpunt, actie, note) carries its own text plus the item title,
toelichting and meeting title, so a word in any of them finds the entry. Items without entries
get one `item` document, and documents without a minutes table (a letter, a report) one `page`
document per page, so nothing that was extracted is unsearchable.

Bump :data:`SCHEMA_VERSION` whenever fields or analysis change: an index built with another
version is rebuilt from the JSON records when it is opened, instead of failing on it.
"""

from __future__ import annotations

import json
import re
import zlib
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from whoosh import columns, fields, formats

from archive.analysis import (
    dutch_analyzer,
    facet_key,
    key_words,
    municipality_of,
    normalize_role,
    spelling_analyzer,
    split_owners,
)
from pipeline.records import ENTITY_KEYS, Entity, Meeting, entry_records

SCHEMA_VERSION = 3

# Kinds of indexed documents: entry kinds from the minutes, plus the two fallbacks.
DOC_ENTRY, DOC_ITEM, DOC_PAGE = "entry", "item", "page"

# Fields searched by words without a field name, and how much a match in each counts. Plain
# words search `all`: ONE field holding the entry text, its item title (twice: a title says
# most about an entry), toelichting, owner, section and meeting title. One field means one
# posting list per word, which lets Whoosh skip blocks that cannot reach the top hits; six
# fields made every common word walk six lists in full.
TEXT_FIELDS: dict[str, float] = {"all": 1.0}
# Text fields that can also be searched by name (`titel:`, `onderwerp:`).
NAMED_TEXT_FIELDS: tuple[str, ...] = ("item_title", "meeting_title")

# Facet fields: folded keys, matched whole.
FACET_FIELDS: tuple[str, ...] = (
    "owner_key",
    "role_key",
    "municipality_key",
    "place_key",
    "region_key",
    "org_key",
)

# Longest tagged date span expanded into days; a longer one keeps only its ends.
_MAX_SPAN_DAYS = 400


@dataclass(frozen=True, slots=True)
class Analyzed:
    """A field value already run through its field's analysis: Whoosh's posting tuples (term,
    frequency, weight, encoded positions). Worker processes analyse the documents they
    produce, so that the single index writer only files postings."""

    postings: tuple[tuple[bytes, int, float, bytes], ...]


class _TakesAnalyzed:
    """Lets a Whoosh field type index :class:`Analyzed` values as they are."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Analyzed):
            return iter(value.postings)
        return super().index(value, **kwargs)  # type: ignore[misc]


class AnalyzedText(_TakesAnalyzed, fields.TEXT):
    """TEXT that also takes :class:`Analyzed` values."""


class AnalyzedVocabulary(_TakesAnalyzed, fields.FieldType):
    """Word presence only (no frequencies, positions or lengths), from text or
    :class:`Analyzed` values."""

    def __init__(self, analyzer: Any) -> None:
        super().__init__(formats.Existence(), analyzer=analyzer)


# Fields whose values workers analyse ahead of the writer: the ones with real text in them.
ANALYZED_FIELDS: tuple[str, ...] = ("all", "item_title", "meeting_title", "spell")


def build_schema() -> fields.Schema:
    """The Whoosh schema of :data:`SCHEMA_VERSION`."""
    text = dutch_analyzer()

    def keyword() -> fields.KEYWORD:
        # Facets filter; they need no length statistics for scoring (which cost index time).
        return fields.KEYWORD(commas=True, lowercase=False, scorable=False)

    return fields.Schema(
        id=fields.ID(unique=True),
        doc_type=fields.ID(),
        sha256=fields.ID(),
        source=fields.ID(),
        kind=fields.ID(),
        item_nr=fields.ID(),
        # The meeting date as day, month and year terms (for --since/--until).
        meeting_day=fields.KEYWORD(commas=True, scorable=False),
        # Days the document is about, plus their months and years, so that a date range is a
        # handful of terms (2021-01-01..2021-06-30 → six months) rather than one per day.
        day=keyword(),
        # One numeric column per sort order: sorting on a single column is several times
        # faster in Whoosh than on a tuple of columns. Columns only, not indexed: a NUMERIC
        # field would add 16 terms per document, a quarter of all postings, never searched.
        sort_minutes=fields.COLUMN(columns.NumericColumn("Q")),
        sort_newest=fields.COLUMN(columns.NumericColumn("Q")),
        all=AnalyzedText(analyzer=text),
        item_title=AnalyzedText(analyzer=text),
        meeting_title=AnalyzedText(analyzer=text),
        # A vocabulary for "did you mean", not for scoring.
        spell=AnalyzedVocabulary(spelling_analyzer()),
        record=fields.STORED(),
        **{name: keyword() for name in FACET_FIELDS},
    )


# --- dates ------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_YEAR = re.compile(r"^(\d{4})$")


def span_of(value: str) -> tuple[date, date] | None:
    """The days an ISO value covers: `2022-04-07`, `2022-04`, `2022`, or a range `a..b` / `a/b`
    of those. None when `value` is none of these."""
    value = (value or "").strip()
    for sep in ("..", "/"):
        if sep in value:
            start, _, end = value.partition(sep)
            first, last = span_of(start), span_of(end)
            if first and last and first[0] <= last[1]:
                return first[0], last[1]
            return None
    try:
        if m := _ISO_DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _ISO_MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, monthrange(year, month)[1])
        if m := _ISO_YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def date_terms(days: Iterable[str]) -> set[str]:
    """The `day` terms of ISO days: each day with its month and year (`2022-04-07`,
    `2022-04`, `2022`)."""
    terms: set[str] = set()
    for day in days:
        terms.update((day, day[:7], day[:4]))
    return terms


def range_terms(first: date, last: date) -> list[str]:
    """The fewest `day` terms that cover first..last: whole years, whole months, single days."""
    terms: list[str] = []
    day = first
    while day <= last:
        year_end = date(day.year, 12, 31)
        month_end = date(day.year, day.month, monthrange(day.year, day.month)[1])
        if day.month == 1 and day.day == 1 and year_end <= last:
            terms.append(str(day.year))
            day = year_end + timedelta(days=1)
        elif day.day == 1 and month_end <= last:
            terms.append(day.isoformat()[:7])
            day = month_end + timedelta(days=1)
        else:
            terms.append(day.isoformat())
            day += timedelta(days=1)
    return terms


_ORDINAL_SHIFT = 40
_MAX_ORDINAL = 1 << 20  # date.max.toordinal() is 3,652,059 < 2**22; real dates stay far below


def sort_keys(meeting: Meeting, order: int) -> tuple[int, int]:
    """(minutes order, newest-first order): meeting date, then meeting, then place in it."""
    ordinal = meeting.date.toordinal() if meeting.date else 0
    meeting_key = zlib.crc32(meeting.sha256.encode()) & 0xFFFF
    tail = (meeting_key << 24) | (order & 0xFFFFFF)
    return (ordinal << _ORDINAL_SHIFT) | tail, ((_MAX_ORDINAL - ordinal) << _ORDINAL_SHIFT) | tail


def days_of(values: Iterable[str]) -> set[str]:
    """ISO days covered by date values; long spans contribute only their first and last day."""
    days: set[str] = set()
    for value in values:
        span = span_of(value)
        if span is None:
            continue
        first, last = span
        if (last - first).days > _MAX_SPAN_DAYS:
            days.update((first.isoformat(), last.isoformat()))
            continue
        day = first
        while day <= last:
            days.add(day.isoformat())
            day += timedelta(days=1)
    return days


# --- documents --------------------------------------------------------------------------------


def _keys(mentions: Iterable[Entity]) -> set[str]:
    keys = set()
    for mention in mentions:
        for raw in (mention.value, mention.text):
            if raw and (key := facet_key(raw)):
                keys.add(key)
    return keys


def _facets(entities: list[dict[str, list[Entity]]], owner: str) -> dict[str, str]:
    """Facet fields from the entity lists of an entry and its item, and the owner cell."""

    def mentions(key: str) -> list[Entity]:
        return [m for group in entities for m in group.get(key, [])]

    owner_keys: set[str] = set()
    for part in [*split_owners(owner), owner] if owner else []:
        if key := facet_key(part):
            owner_keys.add(key)
            owner_keys.add(normalize_role(part, thorough=True))
            owner_keys.update(key_words(part))
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
    }
    return {name: ",".join(sorted(k for k in keys if k)) for name, keys in out.items()}


def _base_record(meeting: Meeting) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": meeting.source,
        "sha256": meeting.sha256,
        "meeting_title": meeting.title,
        "meeting_date": meeting.date.isoformat() if meeting.date else None,
        "body": meeting.body,
        "item_nr": "",
        "item_title": "",
        "section": "",
        "kind": "",
        "text": "",
        "owner": "",
        "due_date": "",
        "toelichting": "",
        "page": 1,
        "ocr": False,
    }
    record.update({key: [] for key in ENTITY_KEYS})
    return record


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
    parts = [
        record["item_title"],
        record["item_title"],
        record["text"],
        record["toelichting"],
        record["owner"],
        record["section"],
        record["meeting_title"],
    ]
    # Whoosh's default position gap between values is 0: a newline keeps the parts apart only
    # for the eye; phrase matches across two parts are rare enough to accept.
    all_text = "\n".join(p for p in parts if p)
    spell = " ".join(p for p in parts[1:] if p)
    doc = {
        "id": record["id"],
        "doc_type": doc_type,
        "sha256": meeting.sha256,
        "source": meeting.source,
        "kind": record["kind"],
        "item_nr": (record["item_nr"] or "").lower(),
        "meeting_day": ",".join(sorted(date_terms([meeting_day] if meeting_day else []))),
        "day": ",".join(sorted(date_terms(days))),
        "sort_minutes": minutes_key,
        "sort_newest": newest_key,
        "all": all_text,
        "item_title": record["item_title"],
        "meeting_title": record["meeting_title"],
        "spell": spell,
        "record": json.dumps(record, ensure_ascii=False, separators=(",", ":")),
        **_facets(entities, record["owner"]),
    }
    # Whoosh refuses empty values in some field types; leave such fields out.
    return {k: v for k, v in doc.items() if v != "" or k in ("id", "record")}


def meeting_documents(meeting: Meeting) -> Iterator[dict[str, Any]]:
    """The index documents of one meeting (keyword arguments for `writer.add_document`)."""
    records = iter(entry_records(meeting))
    for i, item in enumerate(meeting.items):
        for n, entry in enumerate(item.entries):
            record = next(records)
            yield _document(
                meeting,
                record,
                doc_type=DOC_ENTRY,
                order=i * 1000 + n,
                entities=[entry.entities, item.entities],
                extra_dates=[entry.due] if entry.due else (),
            )
        if not item.entries:
            record = _base_record(meeting) | {
                "id": f"{meeting.sha256}:{item.nr}:item",
                "item_nr": item.nr,
                "item_title": item.title,
                "section": item.section,
                "kind": "item",
                "toelichting": item.toelichting,
                "page": item.page,
                "ocr": any(p.ocr for p in meeting.pages if p.number == item.page),
            }
            for key in ENTITY_KEYS:
                record[key] = [e.to_dict() for e in item.entities.get(key, [])]
            yield _document(
                meeting, record, doc_type=DOC_ITEM, order=i * 1000, entities=[item.entities]
            )
    if meeting.items:
        return
    # No minutes table: the pages themselves are what there is to find.
    pages = [p for p in meeting.pages if p.text.strip()] or meeting.pages[:1]
    if not pages:
        record = _base_record(meeting) | {"id": f"{meeting.sha256}:p1", "kind": DOC_PAGE}
        yield _document(meeting, record, doc_type=DOC_PAGE, order=1, entities=[])
        return
    for page in pages:
        record = _base_record(meeting) | {
            "id": f"{meeting.sha256}:p{page.number}",
            "kind": DOC_PAGE,
            "text": page.text,
            "page": page.number,
            "ocr": page.ocr,
        }
        yield _document(meeting, record, doc_type=DOC_PAGE, order=page.number, entities=[])


__all__ = [
    "ANALYZED_FIELDS",
    "Analyzed",
    "AnalyzedText",
    "AnalyzedVocabulary",
    "DOC_ENTRY",
    "DOC_ITEM",
    "DOC_PAGE",
    "FACET_FIELDS",
    "NAMED_TEXT_FIELDS",
    "SCHEMA_VERSION",
    "TEXT_FIELDS",
    "build_schema",
    "date_terms",
    "days_of",
    "meeting_documents",
    "range_terms",
    "sort_keys",
    "span_of",
]
