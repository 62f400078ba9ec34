"""Days as the index sees them: ISO spans, the day/month/year terms of a document, and the
fewest terms that cover a range (so a date range is a handful of terms, not one per day)."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, timedelta

# Longest tagged date span expanded into days; a longer one keeps only its ends.
MAX_SPAN_DAYS = 400

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


def days_of(values: Iterable[str]) -> set[str]:
    """ISO days covered by date values; long spans contribute only their first and last day."""
    days: set[str] = set()
    for value in values:
        span = span_of(value)
        if span is None:
            continue
        first, last = span
        if (last - first).days > MAX_SPAN_DAYS:
            days.update((first.isoformat(), last.isoformat()))
            continue
        day = first
        while day <= last:
            days.add(day.isoformat())
            day += timedelta(days=1)
    return days


__all__ = ["MAX_SPAN_DAYS", "date_terms", "days_of", "range_terms", "span_of"]
