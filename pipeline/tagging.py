"""Entity tagging of a meeting: every entry and item gets its dates, roles and places.

Texts are kept as written; only the entity lists (and an action's empty due date) are filled.
All texts of a meeting go through the language pipeline in one batch.
"""

from __future__ import annotations

import re
from datetime import date

from models.dates import due_date, parse_dates
from models.nlp import empty_entities, tag_texts
from pipeline.records import ENTITY_KEYS, Entity, Entry, Meeting


def _item_text(title: str, toelichting: str) -> str:
    return "\n".join(part for part in (title, toelichting) if part)


def _owner_entities(owner: str, found: dict[str, list[Entity]]) -> dict[str, list[Entity]]:
    """The owner of an action as entities: its role, or the owner itself as an unknown role."""
    out = empty_entities()
    for key in ENTITY_KEYS:
        for e in found[key]:
            extra = {**e.extra, "source": "owner"} if key == "roles" else dict(e.extra)
            out[key].append(Entity(e.text, e.value, extra))
    if not out["roles"] and owner.strip():
        clean = " ".join(owner.split())
        out["roles"].append(Entity(clean, clean, {"source": "owner", "known": "false"}))
    return out


# A deadline by the clock alone ("uiterlijk 16.00 uur") falls on the day of the meeting; a
# time without a deadline word ("elke ochtend om 07.00 uur") is a routine, not a due date.
_CLOCK_DEADLINE = re.compile(
    r"\b(?:uiterlijk|vóór|voor)\s+(?:[01]?\d|2[0-3])[.:][0-5]\d\s*(?:uur|u)\b",
    re.IGNORECASE,
)


# A season is no deadline: "voor de zomer" keeps its words and gets no day.
_SEASON = re.compile(r"\b(?:zomer|winter|lente|voorjaar|najaar|herfst)\w*\b", re.IGNORECASE)
_YEAR_WRITTEN = re.compile(r"\b(?:19|20)\d\d\b|'\d\d\b|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")


def _deadline(text: str, value: str, meeting: Meeting) -> str:
    """The ISO day a date mention sets as a deadline, or "". Written without a year, a
    deadline lies ahead: "22-03" in May is next March, "begin januari" next January."""
    if _SEASON.search(text):
        return ""
    due = due_date(value)
    if not due or meeting.date is None or _YEAR_WRITTEN.search(text):
        return due
    day = date.fromisoformat(due)
    while day < meeting.date:
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:  # 29 February
            day = day.replace(year=day.year + 1, day=28)
    return day.isoformat()


def _due(entry: Entry, meeting: Meeting) -> str:
    """The action's deadline as an ISO day: from a due column's text when the table had
    one ("14-10-2022", "week 42"), else from the action's own first dated mention, else the
    meeting's day when the action has only a time ("uiterlijk 16.00 uur"). Text that names
    no day ("z.s.m.", "voor de zomer") stays as written in `due_text` with no day."""
    if entry.due and not entry.due[:4].isdigit():
        entry.due_text = entry.due_text or entry.due
        found = parse_dates(entry.due, meeting.date)
        days = [d for m in found if (d := _deadline(m.text, m.value, meeting))]
        return days[0] if days else ""
    if entry.due:
        return entry.due
    for e in entry.entities["dates"]:
        day = _deadline(e.text, e.value, meeting)
        if day:
            entry.due_text = entry.due_text or e.text
            return day
    if meeting.date and _CLOCK_DEADLINE.search(entry.text):
        return meeting.date.isoformat()
    return ""


def tag_meeting(meeting: Meeting) -> Meeting:
    """Fill ``entities`` of every entry and item, and ``due`` of actions that have none.

    Dates resolve against ``meeting.date``; without it, dates keep only the year the text gives.
    An action's due date is its own first dated mention (an interval's last day).
    """
    texts: list[str] = []
    for item in meeting.items:
        texts.append(_item_text(item.title, item.toelichting))
        for entry in item.entries:
            texts.append(entry.text)
            if entry.kind == "actie" and entry.owner.strip():
                texts.append(entry.owner)
    results = iter(tag_texts(texts, meeting.date))
    for item in meeting.items:
        item.entities = next(results)
        for entry in item.entries:
            entry.entities = next(results)
            if entry.kind == "actie":
                entry.due = _due(entry, meeting)
            if entry.kind == "actie" and entry.owner.strip():
                owner = _owner_entities(entry.owner, next(results))
                for key in ENTITY_KEYS:
                    entry.entities[key].extend(owner[key])
    return meeting
