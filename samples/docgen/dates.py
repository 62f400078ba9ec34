"""Dutch dates as minutes write them, and the gold rule that resolves a written due date.

The draw picks a due day first and then writes it in one of the forms below; ``resolve_due``
reads the written form back by the convention of ``gold.py`` and the draw checks that both
agree, so the convention is executable and not just prose.
"""

from __future__ import annotations

import calendar
import random
import re
from datetime import date, timedelta

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

DUE_FORMS = ("date_dm", "date_numeric", "datetime", "weekday", "month_part", "week", "nondate")


def long_date(d: date, *, weekday: bool = False, year: bool = True) -> str:
    """"7 april 2022", "donderdag 7 april 2022", "7 april"."""
    text = f"{d.day} {MONTHS[d.month - 1]}"
    if year:
        text += f" {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def numeric_date(d: date, *, pad: bool = True, sep: str = "-") -> str:
    """"07-04-2022" or "7-4-2022"."""
    if pad:
        return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"
    return f"{d.day}{sep}{d.month}{sep}{d.year}"


def _first_on_or_after(meeting: date, month: int, day: int) -> date:
    for year in (meeting.year, meeting.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= meeting:
            return candidate
    raise ValueError(f"no {day}-{month} after {meeting}")


def _month_on_or_after(meeting: date, month: int) -> int:
    return meeting.year if month >= meeting.month else meeting.year + 1


def _sunday_of_week(meeting: date, week: int) -> date:
    """Sunday of ISO week ``week`` in the ISO year that puts it nearest the meeting."""
    best: date | None = None
    for year in (meeting.year - 1, meeting.year, meeting.year + 1):
        try:
            sunday = date.fromisocalendar(year, week, 7)
        except ValueError:
            continue
        if best is None or abs((sunday - meeting).days) < abs((best - meeting).days):
            best = sunday
    if best is None:
        raise ValueError(f"no week {week}")
    return best


_DM = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r")$")
_NUMERIC = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_DATETIME = re.compile(r"^(\d{1,2})-(\d{1,2}) \d{1,2}[.:]\d{2} uur$")
_PART = re.compile(r"^(medio|begin|eind) (" + "|".join(MONTHS) + r")$")
_WEEK = re.compile(r"^week (\d{1,2})$")


def resolve_due(text: str, meeting: date) -> str:
    """The ISO day a written due date stands for, or "" for a non-date (see ``gold.py``)."""
    t = text.strip().casefold()
    if m := _DM.match(t):
        return _first_on_or_after(meeting, MONTHS.index(m[2]) + 1, int(m[1])).isoformat()
    if m := _NUMERIC.match(t):
        return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    if m := _DATETIME.match(t):
        return _first_on_or_after(meeting, int(m[2]), int(m[1])).isoformat()
    if t in WEEKDAYS:
        ahead = (WEEKDAYS.index(t) - meeting.weekday() - 1) % 7 + 1
        return (meeting + timedelta(days=ahead)).isoformat()
    if m := _PART.match(t):
        month = MONTHS.index(m[2]) + 1
        year = _month_on_or_after(meeting, month)
        day = {"medio": 20, "begin": 10, "eind": calendar.monthrange(year, month)[1]}[m[1]]
        return date(year, month, day).isoformat()
    if m := _WEEK.match(t):
        return _sunday_of_week(meeting, int(m[1])).isoformat()
    return ""


def write_due(rng: random.Random, form: str, meeting: date, nondates: tuple[str, ...]) -> str:
    """A due date after ``meeting`` written in ``form``; "" never (non-dates come from the
    list)."""
    if form == "nondate":
        return rng.choice(nondates)
    if form == "weekday":
        return WEEKDAYS[rng.randrange(5)]
    if form == "month_part":
        month = (meeting.month - 1 + rng.randint(1, 4)) % 12
        return f"{rng.choice(('medio', 'begin', 'eind'))} {MONTHS[month]}"
    target = meeting + timedelta(days=rng.randint(3, 70))
    if form == "date_dm":
        return f"{target.day} {MONTHS[target.month - 1]}"
    if form == "date_numeric":
        return numeric_date(target, pad=rng.random() < 0.7)
    if form == "datetime":
        hour = rng.choice((9, 10, 12, 13, 16, 17))
        minutes = rng.choice(("00", "00", "30"))
        return f"{target.day:02d}-{target.month:02d} {hour}.{minutes} uur"
    if form == "week":
        return f"week {target.isocalendar()[1]}"
    raise ValueError(form)
