"""Calendar arithmetic behind date normalization: year inference, weeks, parts of a period.

Values follow ISO 8601: a date ``2022-03-25``, a date-time ``2022-03-25T12:00``, an interval
``2022-04-11/2022-04-20``. Without a year (no meeting date to infer it from) a day is written
``--03-25`` and a month ``--04-01/--04-30``, the ISO truncated forms.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

# Any leap year: lets "29 februari" and month lengths work when the year is unknown.
_LEAP = 2000


@dataclass(frozen=True, slots=True)
class Period:
    """A resolved date or interval; `year_known` is False when no year could be inferred."""

    start: date
    end: date
    year_known: bool = True
    time: tuple[int, int] | None = None
    time_end: tuple[int, int] | None = None

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    def iso(self) -> str:
        """The ISO 8601 value of this period."""
        if self.is_day:
            day = _fmt(self.start, self.year_known)
            if self.time is None:
                return day
            if self.time_end is None:
                return f"{day}T{self.time[0]:02d}:{self.time[1]:02d}"
            return (
                f"{day}T{self.time[0]:02d}:{self.time[1]:02d}/"
                f"{day}T{self.time_end[0]:02d}:{self.time_end[1]:02d}"
            )
        return f"{_fmt(self.start, self.year_known)}/{_fmt(self.end, self.year_known)}"


def _fmt(d: date, year_known: bool) -> str:
    return d.isoformat() if year_known else f"--{d.month:02d}-{d.day:02d}"


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)``, or None when that day does not exist."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def nearest_year(
    ref: date, build: Callable[[int], date | None], weekday: int | None = None, direction: int = 0
) -> int | None:
    """The year (ref's, the one before or after) that puts `build(year)` nearest to `ref`.

    `build(year)` returns the anchor date for that year or None. A weekday given with the date
    ("donderdag 7 april") must match, which settles the year across a year boundary. `direction`
    +1 keeps anchors on or after ref ("a.s."), -1 on or before it ("jl."). Ties go to the future:
    minutes mostly plan ahead.
    """
    best: tuple[int, int, int] | None = None
    for year in (ref.year, ref.year + 1, ref.year - 1):
        anchor = build(year)
        if anchor is None or (weekday is not None and anchor.weekday() != weekday):
            continue
        delta = (anchor - ref).days
        if direction > 0 and delta < 0 or direction < 0 and delta > 0:
            continue
        key = (abs(delta), 0 if delta >= 0 else 1, year)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def day_period(ref: date | None, month: int, day: int, year: int | None = None, **kw) -> Period:
    """A day without a year resolves to the occurrence nearest to the meeting."""
    weekday = kw.get("weekday")
    direction = kw.get("direction", 0)
    if year is None and ref is not None:
        # Relax the constraints one by one: a weekday that fits no nearby year, or contradicts
        # "jl."/"a.s.", still leaves the day and month to trust.
        for wd, dr in ((weekday, direction), (weekday, 0), (None, direction), (None, 0)):
            year = nearest_year(ref, lambda y: safe_date(y, month, day), wd, dr)
            if year is not None:
                break
    if year is None:
        d = safe_date(_LEAP, month, day)
        if d is None:
            raise ValueError("no such day")
        return Period(d, d, year_known=False)
    d = safe_date(year, month, day)
    if d is None:
        raise ValueError("no such day")
    return Period(d, d)


def month_period(ref: date | None, month: int, year: int | None = None, direction: int = 0):
    """A whole month; without a year, the one whose middle is nearest to the meeting."""
    if year is None and ref is not None:
        year = nearest_year(ref, lambda y: date(y, month, 15), None, direction)
    if year is None:
        return Period(date(_LEAP, month, 1), month_end(_LEAP, month), year_known=False)
    return Period(date(year, month, 1), month_end(year, month))


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def quarter_period(ref: date | None, quarter: int, year: int | None = None) -> Period | None:
    first = 3 * (quarter - 1) + 1
    if year is None and ref is not None:
        year = nearest_year(ref, lambda y: date(y, first + 1, 15))
    if year is None:
        return None
    return Period(date(year, first, 1), month_end(year, first + 2))


def iso_week_period(ref: date | None, week: int, year: int | None = None) -> Period | None:
    """ISO week `week`; without a year, the one nearest to the meeting."""

    def monday(y: int) -> date | None:
        try:
            return date.fromisocalendar(y, week, 1)
        except ValueError:
            return None

    if year is None and ref is not None:
        year = nearest_year(ref, lambda y: (monday(y) or date(y, 1, 1)) + timedelta(days=3))
        # a week 53 that this year does not have
        if year is not None and monday(year) is None:
            return None
    if year is None or monday(year) is None:
        return None
    start = monday(year)
    return Period(start, start + timedelta(days=6))


def part_of(period: Period, part: str) -> Period:
    """The begin/medio/eind third, or first/second half, of a month, year or week.

    A month splits at the 10th and 20th ("medio april" = 11–20 April); a year into four-month
    thirds; a week into Mon–Tue, Wed–Thu and Fri–Sun.
    """
    s, e = period.start, period.end
    span = (e - s).days + 1
    if span == 7:
        bounds = {"begin": (0, 1), "medio": (2, 3), "eind": (4, 6), "h1": (0, 3), "h2": (4, 6)}
        a, b = bounds[part]
        return Period(s + timedelta(days=a), s + timedelta(days=b), period.year_known)
    if s.month == e.month:  # a month
        last = e.day
        bounds = {"begin": (1, 10), "medio": (11, 20), "eind": (21, last)}
        bounds |= {"h1": (1, 15), "h2": (16, last)}
        a, b = bounds[part]
        return Period(s.replace(day=a), s.replace(day=b), period.year_known)
    # a year (or a longer period): parts by months
    y = s.year
    months = {"begin": (1, 4), "medio": (5, 8), "eind": (9, 12), "h1": (1, 6), "h2": (7, 12)}
    a, b = months[part]
    return Period(date(y, a, 1), month_end(y, b), period.year_known)


def easter(year: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday(name: str, year: int) -> Period:
    """Dutch public holidays as days or short intervals."""
    if name == "koningsdag":
        d = date(year, 4, 27)
        return (
            Period(d - timedelta(days=1), d - timedelta(days=1))
            if d.weekday() == 6
            else Period(d, d)
        )
    if name == "bevrijdingsdag":
        return Period(date(year, 5, 5), date(year, 5, 5))
    if name == "kerst":
        return Period(date(year, 12, 25), date(year, 12, 26))
    if name == "jaarwisseling":
        return Period(date(year, 12, 31), date(year + 1, 1, 1))
    if name == "nieuwjaarsdag":
        return Period(date(year, 1, 1), date(year, 1, 1))
    e = easter(year)
    if name == "pasen":
        return Period(e, e + timedelta(days=1))
    if name == "hemelvaart":
        d = e + timedelta(days=39)
        return Period(d, d)
    if name == "pinksteren":
        return Period(e + timedelta(days=49), e + timedelta(days=50))
    raise KeyError(name)
