"""Series: the meetings of one body and kind of meeting, in date order, and the gaps in them.

The body is the one the reader found in the heading; the kind of meeting is what the title
says once the document words ("Verslag", "Notulen van de", "Besluitenlijst"), dates and the
body's own name are taken out: "Verslag Technisch Overleg Digikoppeling" → "technisch overleg
digikoppeling". A title that names no kind ("Verslag van de vergadering van 3 maart 2022")
joins the one kind its body has, when it has one.

The cadence is the median interval between meetings, snapped to a weekly, two-, three-, four-
or six-weekly, monthly or quarterly rhythm when it is near one; an interval of one and a half
times the cadence or more is a gap of as many meetings as fit in it, unless it is so long
that the series paused (eight times its cadence and four months).
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from archive.index.analysis import facet_key, fold
from archive.threads.model import Gap, Series, SeriesMeeting

_DOC_WORDS = re.compile(
    r"^(?:(?:concept|definitief|openbaar|openbare|versie|verslag|notulen|besluitenlijst|"
    r"besluiten|actielijst|actiepunten|verkort|samenvatting)\b[\s:–-]*)+"
    r"(?:(?:van|der|de|het)\b\s*)*"
)
_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december "
    "jan feb mrt apr jun jul aug sep sept okt nov dec"
).split()
_DATE_WORDS = re.compile(
    r"\b(?:d\.?\s?d\.?|gehouden op|op|van)?\s*"
    r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+)?"
    r"\d{1,2}(?:e|ste|de)?\s+(?:" + "|".join(_MONTHS) + r")\.?(?:\s+\d{4})?"
    r"|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b(?:19|20)\d{2}(?:[-/.]\d{1,2}){0,2}\b"
)
_GENERIC = frozenset({"", "vergadering", "overleg", "bijeenkomst", "meeting", "vergadering van"})

# Named rhythms: (days, name, tolerance in days per interval). A monthly meeting ("the first
# Tuesday") moves by up to five days; the others keep their weekday, give or take a day.
CADENCES: tuple[tuple[float, str, float], ...] = (
    (7, "weekly", 1),
    (14, "every 2 weeks", 1),
    (21, "every 3 weeks", 1),
    (28, "every 4 weeks", 1),
    (30.44, "monthly", 5),
    (42, "every 6 weeks", 2),
    (91.3, "quarterly", 10),
)
GAP_FACTOR = 1.5
# A longer silence is a pause of the series (a summer recess, a body dormant for years), not a
# run of meetings missing from the archive.
BREAK_FACTOR, BREAK_DAYS = 8, 120


def kind_of(title: str, body: str = "") -> str:
    """The kind of meeting a title names, folded: "Verslag van de Stuurgroep Woningbouw d.d.
    3 maart 2022" → "stuurgroep woningbouw"."""
    text = fold(title or "")
    text = _DATE_WORDS.sub(" ", text)
    text = re.sub(r"[^\w\s&]", " ", text)
    text = " ".join(text.split())
    text = _DOC_WORDS.sub("", text).strip()
    text = re.sub(r"\b(?:van|op|d d)\s*$", "", text).strip()
    body_key = " ".join(re.sub(r"[^\w\s&]", " ", fold(body or "")).split())
    if body_key and text.endswith(body_key) and text != body_key:
        text = text[: -len(body_key)].strip()
    return text


def series_key(body: str, kind: str) -> str:
    """A short, stable name for a series (its body and kind)."""
    digest = hashlib.sha1(f"{facet_key(body)}|{kind}".encode()).hexdigest()[:10]
    return f"s{digest}"


def group(meetings: Iterable[SeriesMeeting], bodies: dict[str, str]) -> list[Series]:
    """The series of `meetings` (`bodies`: sha256 → the body the reader found), each in date
    order (undated meetings last), the series by body and kind."""
    by_body: dict[str, list[tuple[str, SeriesMeeting]]] = defaultdict(list)
    shown_body: dict[str, str] = {}
    for meeting in meetings:
        body = bodies.get(meeting.sha256, "")
        key = facet_key(body)
        shown_body.setdefault(key, body)
        by_body[key].append((kind_of(meeting.title, body), meeting))
    out = []
    for body_key, members in by_body.items():
        kinds = {k for k, _ in members if k not in _GENERIC}
        lone = next(iter(kinds)) if len(kinds) == 1 else None
        by_kind: dict[str, list[SeriesMeeting]] = defaultdict(list)
        shown_kind: dict[str, str] = {}
        for kind, meeting in members:
            chosen = lone if (kind in _GENERIC and lone is not None) else kind
            by_kind[chosen].append(meeting)
            if kind == chosen:
                shown_kind.setdefault(chosen, _shown_kind(meeting.title, shown_body[body_key]))
        for kind, listed in by_kind.items():
            listed.sort(key=lambda m: (m.date or "9999", m.sha256))
            body = shown_body[body_key]
            label = _label(body, shown_kind.get(kind, kind))
            series = Series(
                key=series_key(body, kind), body=body, kind=kind, label=label, meetings=listed
            )
            measure(series)
            out.append(series)
    out.sort(key=lambda s: (facet_key(s.body), s.kind))
    return out


def _shown_kind(title: str, body: str) -> str:
    """The kind as the title writes it (capitals kept), for labels."""
    text = _DATE_WORDS.sub(" ", title or "")
    text = " ".join(text.split())
    stripped = re.sub(
        r"^(?:(?:Concept|Definitief|Openbaar|Versie|Verslag|Notulen|Besluitenlijst|Besluiten|"
        r"Actielijst|Actiepunten)\b[\s:–-]*)+(?:(?:van|der|de|het)\b\s*)*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    stripped = re.sub(r"\s*\b(?:d\.?\s?d\.?|van|op)\s*$", "", stripped).strip(" ,.:–-")
    return stripped or text


def _label(body: str, kind: str) -> str:
    if not kind or fold(kind) in _GENERIC:
        return body or kind or "?"
    if not body or fold(body) in fold(kind):
        return kind
    if fold(kind) in fold(body):
        return body
    return f"{body} – {kind}"


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def cadence_of(intervals: list[int]) -> tuple[int, str]:
    """The rhythm of a series from the days between its meetings: (days, name); (0, "") for
    fewer than two intervals, (median, "irregular") when no rhythm fits.

    The rhythm is the shortest one that at least 80% of the intervals are a whole number of
    (within its tolerance), and that a third of them are one of: a biweekly series has every
    interval a multiple of seven days too, but none of seven."""
    if len(intervals) < 2:
        return 0, ""
    for days, name, tolerance in CADENCES:
        multiples = [max(1, round(d / days)) for d in intervals]
        fits = sum(abs(d - n * days) <= tolerance * n for d, n in zip(intervals, multiples,
                                                                       strict=True))
        ones = sum(abs(d - days) <= tolerance for d in intervals)
        if fits >= 0.8 * len(intervals) and ones >= len(intervals) / 3:
            return round(days), name
    return int(statistics.median(intervals)), "irregular"


def measure(series: Series) -> None:
    """Fill in the cadence, the gaps and the meetings per year of a series."""
    days = [d for d in (_day(m.date) for m in series.meetings) if d]
    unique = sorted(set(days))
    intervals = [(b - a).days for a, b in zip(unique, unique[1:], strict=False)]
    series.cadence_days, series.cadence = cadence_of(intervals)
    series.gaps = []
    if series.cadence_days and series.cadence != "irregular":
        step = series.cadence_days
        for a, b in zip(unique, unique[1:], strict=False):
            gap = (b - a).days
            if gap < GAP_FACTOR * step or gap > max(BREAK_FACTOR * step, BREAK_DAYS):
                continue  # on time, or a pause of the whole series rather than missed meetings
            exact = next(c[0] for c in CADENCES if round(c[0]) == step)
            missing = round(gap / exact) - 1
            if missing < 1:
                continue
            expected = [
                (a + timedelta(days=round(exact * n))).isoformat() for n in range(1, missing + 1)
            ]
            series.gaps.append(Gap(a.isoformat(), b.isoformat(), missing, expected))
    years: dict[str, dict[str, int]] = {}
    for day in unique:
        years.setdefault(str(day.year), {"held": 0, "expected": 0})["held"] += 1
    for gap in series.gaps:
        for expected in gap.expected:
            years.setdefault(expected[:4], {"held": 0, "expected": 0})["expected"] += 1
    for numbers in years.values():
        numbers["expected"] += numbers["held"]
    series.years = dict(sorted(years.items()))


__all__ = ["CADENCES", "cadence_of", "group", "kind_of", "measure", "series_key"]
