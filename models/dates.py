"""Dutch date recognition and normalization.

:func:`find_meeting_date` reads the meeting date from a minutes heading; :func:`parse_dates` finds
every date mention in running text ("25 maart", "medio april", "week 16", "Q3", "volgende week
maandag", "uiterlijk 1 mei", "15-07 12.00 uur") and normalizes it against the meeting's own date.
Calendar arithmetic lives in :mod:`models.datecalc`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from models.datecalc import (
    Period,
    day_period,
    holiday,
    iso_week_period,
    month_end,
    month_period,
    nearest_year,
    part_of,
    quarter_period,
    safe_date,
    year_period,
)

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6,
}  # fmt: skip

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_FULL_MON = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
)
_FULL_NAMES = frozenset(_FULL_MON.split("|"))
_WD = "|".join(WEEKDAYS)
_YEAR = r"(?:19|20)\d\d"
# A number after a date that counts something is not its year: "voor 25 maart 2000 plekken".
_UNITS = (
    r"plekken|plaatsen|opvangplekken|mensen|personen|vluchtelingen|asielzoekers|euro|woningen|"
    r"bedden|kinderen|inwoners|medewerkers|deelnemers|units|locaties|stuks|m2|km|uur|minuten"
)
_YEAR_OPT = rf"(?:\s+(?P<y>{_YEAR}|'\d\d)(?!\s*(?:{_UNITS})\b)(?![\d.,:]\d))?"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date mention: its character span in the text, and its normalized ISO `value`.

    `kind` is "date", "datetime", "interval", or "unresolved" (a relative date with no meeting
    date to resolve it against: `value` is then empty). `qualifier` keeps a leading "uiterlijk",
    "voor", "vanaf" ... as a plain word.
    """

    start: int
    end: int
    text: str
    value: str
    kind: str
    qualifier: str = ""

    @property
    def due(self) -> str:
        """The ISO day this mention points at as a deadline: the day, or an interval's end."""
        return due_date(self.value)


def due_date(value: str) -> str:
    """The ISO day of a date value as a deadline: the day itself, or an interval's last day.

    Empty for an unresolved value or one without a year.
    """
    if not value or not value[:1].isdigit():
        return ""
    return value.rsplit("/", 1)[-1][:10]


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    period: Period | None  # None: a relative date without a meeting date
    rule: str


_Handler = Callable[[re.Match[str], str, date | None], _Found | None]
_RULES: list[tuple[str, re.Pattern[str], _Handler]] = []

# Cheap tests that let most texts skip most rules: the speed of the whole pipeline hangs on it.
# A rule runs when the text has a digit (rules that need one) or one of its trigger words.
_MONTH_STEMS = ("jan", "feb", "maart", "mrt", "mar", "apr", "mei", "jun", "jul", "aug", "sep")
_MONTH_STEMS += ("okt", "oct", "nov", "dec")
_TRIGGERS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "day_month": (True, ()),
    "day_range": (True, ()),
    "numeric": (True, ()),
    "day_month_numeric": (True, ()),
    "year": (True, ()),
    "week": (True, ()),
    "quarter": (True, ()),
    "month": (False, _MONTH_STEMS),
    "month_range": (False, _MONTH_STEMS),
    "vague": (False, ("begin", "medio", "half", "midden", "eind", "ultimo", "helft")),
    "quarter_words": (False, ("kwartaal",)),
    "weekday": (False, ("dag",)),
    "relative": (
        False,
        ("vanda", "vanm", "vano", "vanav", "vann", "morgen", "gister", "week", "maand", "jaar"),
    ),
    "holiday": (False, ("koningsdag", "bevrijdingsdag", "kerst", "pasen", "paasdagen")),
    "season": (False, ("voorjaar", "lente", "zomer", "najaar", "herfst", "winter")),
}
_TRIGGERS["holiday"] = (False, (*_TRIGGERS["holiday"][1], "pinksteren", "hemelvaart"))
_TRIGGERS["holiday"] = (False, (*_TRIGGERS["holiday"][1], "jaarwisseling", "oud en", "nieuwjaar"))
_DIGIT = re.compile(r"\d")


def _rule(name: str, pattern: str, flags: int = re.IGNORECASE):
    """Register a pattern with the handler that resolves its matches."""

    def register(handler: _Handler) -> _Handler:
        _RULES.append((name, re.compile(pattern, flags), handler))
        return handler

    return register


def _applies(name: str, lowered: str, has_digit: bool) -> bool:
    needs_digit, words = _TRIGGERS[name]
    if needs_digit:
        return has_digit
    return any(w in lowered for w in words)


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    return 2000 + int(raw[1:]) if raw.startswith("'") else int(raw)


def _before(text: str, start: int, width: int = 30) -> str:
    return text[max(0, start - width) : start]


_DIRECTION = re.compile(r"\s+(a\.s\.|aanstaande|jl\.|j\.l\.|jongstleden)(?!\w)", re.IGNORECASE)


def _direction(text: str, end: int) -> tuple[int, int]:
    """A trailing "a.s." (coming) or "jl." (past): (+1/-1/0, new end)."""
    m = _DIRECTION.match(text, end)
    if not m:
        return 0, end
    word = m[1].lower()
    return (1 if word.startswith("a") else -1), m.end()


# --- rules --------------------------------------------------------------------------------


@_rule(
    "day_month",
    rf"(?<![\w.,/-])(?:(?P<wd>{_WD})\s*,?\s+)?(?P<d>[0-3]?\d)(?:e|ste|de)?\s+(?P<m>{_MON})\b\.?"
    + _YEAR_OPT,
)
def _day_month(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    direction, end = _direction(text, m.end())
    weekday = WEEKDAYS[m["wd"].lower()] if m["wd"] else None
    try:
        period = day_period(
            ref,
            MONTHS[m["m"].lower()],
            int(m["d"]),
            _year(m["y"]),
            weekday=weekday,
            direction=direction,
        )
    except ValueError:
        return None
    if end == m.end() and text[end - 1] == "." and m["m"].lower() in _FULL_NAMES and not m["y"]:
        end -= 1  # the period after "7 april." ends the sentence; "7 apr." keeps its own
    return _Found(m.start(), end, period, "day_month")


@_rule(
    "day_range",
    rf"(?<![\w.,/-])(?:van\s+)?(?P<d1>[0-3]?\d)(?:\s+(?P<m1>{_MON})\b\.?)?\s*"
    rf"(?:t/m|tot\s+en\s+met|tot|-|–)\s*(?P<d2>[0-3]?\d)\s+(?P<m2>{_MON})\b\.?" + _YEAR_OPT,
)
def _day_range(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    m2 = MONTHS[m["m2"].lower()]
    m1 = MONTHS[m["m1"].lower()] if m["m1"] else m2
    year = _year(m["y"])
    try:
        last = day_period(ref, m2, int(m["d2"]), year)
        first_year = last.start.year - (1 if m1 > m2 else 0) if last.year_known else None
        first = day_period(None, m1, int(m["d1"]), first_year)
    except ValueError:
        return None
    if last.year_known and first.start > last.start:
        return None
    period = Period(first.start, last.end, last.year_known)
    end = m.end()
    if text[end - 1] == "." and m["m2"].lower() in _FULL_NAMES and not m["y"]:
        end -= 1
    return _Found(m.start(), end, period, "day_range")


@_rule(
    "numeric",
    rf"(?<![\w.,/-])(?:(?P<wd>{_WD})\s*,?\s+)?(?:(?P<d>[0-3]?\d)(?P<s>[-/.])(?P<m>[01]?\d)(?P=s)"
    r"(?P<y>(?:19|20)\d\d|\d\d(?!\d))|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))"
    r"(?![\d]|[.,/-]\d)",
)
def _numeric(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    if m["iy"]:
        y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        if m["s"] == "." and len(m["y"]) == 2:  # "2.4.22" is a version or paragraph number
            return None
        y = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
        mo, d = int(m["m"]), int(m["d"])
    day = safe_date(y, mo, d)
    if day is None:
        return None
    return _Found(m.start(), m.end(), Period(day, day), "numeric")


_TIME_AFTER = re.compile(
    r"\s*,?\s*(?:om\s+|vanaf\s+|van\s+)?(?P<h>[01]?\d|2[0-3])[.:](?P<mi>[0-5]\d)"
    r"(?:\s*(?:-|–|tot)\s*(?P<h2>[01]?\d|2[0-3])[.:](?P<mi2>[0-5]\d))?\s*(?:uur\b|u\b)"
    r"|\s*,?\s*om\s+(?P<h3>[01]?\d|2[0-3])(?:[.:](?P<mi3>[0-5]\d))?(?:\s*uur\b|(?=[\s,.;]|$))"
    r"|\s+(?P<h4>[01]?\d|2[0-3]):(?P<mi4>[0-5]\d)\b",
    re.IGNORECASE,
)
_DAY_CONTEXT = re.compile(
    rf"(?:\b(?:op|per|vanaf|voor|vóór|uiterlijk|tot|t/m|d\.d\.|dd|datum|{_WD})\s*:?\s*)$",
    re.IGNORECASE,
)


@_rule("day_month_numeric", r"(?<![\w.,/-])(?P<d>[0-3]?\d)-(?P<m>0?[1-9]|1[0-2])(?![\d]|[.,/-]\d)")
def _day_month_numeric(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    # "15-07" is a date only next to a time or after "op", "per", "uiterlijk" ...; bare it is as
    # likely a range of numbers.
    if not (_TIME_AFTER.match(text, m.end()) or _DAY_CONTEXT.search(_before(text, m.start()))):
        return None
    try:
        period = day_period(ref, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Found(m.start(), m.end(), period, "day_month_numeric")


@_rule("month", rf"(?<![\w-])(?P<m>{_FULL_MON})(?![\w-])" + _YEAR_OPT)
def _month(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    direction, end = _direction(text, m.end())
    period = month_period(ref, MONTHS[m["m"].lower()], _year(m["y"]), direction)
    return _Found(m.start(), end, period, "month")


@_rule(
    "month_range",
    rf"(?<![\w-])(?P<m1>{_FULL_MON})\s*(?:t/m|tot\s+en\s+met|-|–)\s*(?P<m2>{_FULL_MON})(?![\w-])"
    + _YEAR_OPT,
)
def _month_range(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    m1, m2 = MONTHS[m["m1"].lower()], MONTHS[m["m2"].lower()]
    last = month_period(ref, m2, _year(m["y"]))
    first_year = last.start.year - (1 if m1 > m2 else 0)
    first = month_period(None, m1, first_year if last.year_known else None)
    return _Found(m.start(), m.end(), Period(first.start, last.end, last.year_known), "month_range")


_PARTS = {
    "begin": "begin", "medio": "medio", "half": "medio", "midden": "medio", "eind": "eind",
    "einde": "eind", "ultimo": "eind",
}  # fmt: skip


@_rule(
    "vague",
    r"(?<![\w-])(?P<v>begin|medio|half|midden|eind|einde|ultimo"
    r"|(?:aan\s+)?het\s+(?:begin|eind|einde)(?=\s+van)"
    r"|(?:de\s+)?(?:eerste|tweede)\s+helft)(?:\s+van)?\s+(?:de\s+maand\s+)?"
    rf"(?:(?P<m>{_FULL_MON})(?![\w-])(?:\s+(?P<y>{_YEAR}))?|(?P<yo>{_YEAR})(?![\d.,]\d)"
    r"|(?P<rel>(?:dit|volgend|komend|vorig|het)\s+jaar|(?:deze|volgende|komende|vorige|de)\s+"
    r"(?:maand|week)))",
)
def _vague(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    word = m["v"].lower().split()[-1]
    part = {"helft": "h1" if "eerste" in m["v"].lower() else "h2"}.get(word, _PARTS.get(word))
    if part is None:
        return None
    if m["v"].lower() == "half" and not m["m"]:
        return None  # "half dit jaar" is not said; "half" alone is an ordinary word
    if m["m"]:
        base: Period | None = month_period(ref, MONTHS[m["m"].lower()], _year(m["y"]))
    elif m["yo"]:
        base = year_period(int(m["yo"]))
    else:
        base = _relative_period(m["rel"].lower(), ref) if ref else None
    if base is None:
        return _Found(m.start(), m.end(), None, "vague")
    return _Found(m.start(), m.end(), part_of(base, part), "vague")


@_rule(
    "week",
    r"(?<![\w-])(?:week|wk\.?)\s*(?P<w>[1-5]?\d)(?!\d)(?:\s*(?:t/m|-|–|tot\s+en\s+met)\s*"
    rf"(?P<w2>[1-5]?\d)(?!\d))?(?:\s+(?:van\s+)?(?P<y>{_YEAR}))?(?![\d.,]\d)",
)
def _week(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    if re.search(r"\b(?:per|keer|x|elke|iedere)\s*$", _before(text, m.start()), re.IGNORECASE):
        return None
    first = iso_week_period(ref, int(m["w"]), _year(m["y"]))
    if first is None:
        return None if ref or m["y"] else _Found(m.start(), m.end(), None, "week")
    period = first
    if m["w2"]:
        last = iso_week_period(None, int(m["w2"]), first.start.isocalendar()[0])
        if last is None or last.start < first.start:
            return None
        period = Period(first.start, last.end)
    return _Found(m.start(), m.end(), period, "week")


_ORDINALS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4}
_ORDINALS |= {"4e": 4, "laatste": 4}


@_rule("quarter", rf"(?<![\w-])Q(?P<q>[1-4])(?:[\s-]+(?P<y>{_YEAR}|'\d\d))?(?![\w-])", 0)
def _quarter(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    period = quarter_period(ref, int(m["q"]), _year(m["y"]))
    return _Found(m.start(), m.end(), period, "quarter")


@_rule(
    "quarter_words",
    r"(?<![\w-])(?:het\s+)?(?P<o>eerste|tweede|derde|vierde|laatste|[1-4]e)\s+kwartaal"
    rf"(?:\s+(?:van\s+)?(?P<y>{_YEAR}))?(?![\w-])",
)
def _quarter_words(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    period = quarter_period(ref, _ORDINALS[m["o"].lower()], _year(m["y"]))
    return _Found(m.start(), m.end(), period, "quarter")


_RECURRING = re.compile(r"\b(?:elke|iedere|ieder|alle|op\s+de|wekelijks(?:\s+op)?)\s*$", re.I)


@_rule(
    "weekday",
    r"(?<![\w-])(?:(?P<wk>volgende|vorige|deze|komende)\s+week\s+|"
    r"(?P<mod>volgende|komende|aanstaande|vorige|afgelopen)\s+)?"
    rf"(?P<wd>{_WD})(?P<part>ochtend|middag|avond|nacht)?(?![\w-])",
)
def _weekday(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    if _RECURRING.search(_before(text, m.start())):
        return None  # "elke maandag" is a habit, not a date
    direction, end = _direction(text, m.end())
    if ref is None:
        return _Found(m.start(), end, None, "weekday")
    wd = WEEKDAYS[m["wd"].lower()]
    wk = (m["wk"] or "").lower()
    mod = (m["mod"] or "").lower()
    if wk:
        week_start = ref - timedelta(days=ref.weekday())
        shift = {"volgende": 7, "komende": 7, "vorige": -7, "deze": 0}[wk]
        day = week_start + timedelta(days=shift + wd)
    elif mod in ("vorige", "afgelopen") or direction < 0:
        day = ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    else:
        day = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    return _Found(m.start(), end, Period(day, day), "weekday")


_RELATIVE_WORDS = (
    r"vandaag|vanmorgen|vanochtend|vanmiddag|vanavond|vannacht|overmorgen|eergisteren|"
    r"gister(?:en)?(?:ochtend|middag|avond|nacht)?|morgen(?:ochtend|middag|avond|vroeg)?|"
    r"(?:deze|volgende|komende|vorige|afgelopen)\s+(?:week|maand)|"
    r"(?:dit|volgend|komend|vorig)\s+(?:jaar|weekend)|(?:het\s+)?komende\s+weekend"
)
_DAY_OFFSETS = {
    "vandaag": 0, "vanmorgen": 0, "vanochtend": 0, "vanmiddag": 0, "vanavond": 0, "vannacht": 0,
    "morgen": 1, "overmorgen": 2, "gisteren": -1, "eergisteren": -2,
}  # fmt: skip


def _relative_period(phrase: str, ref: date) -> Period | None:
    """Resolve "vandaag", "volgende week", "dit jaar", "de maand" ... against the meeting date."""
    words = phrase.split()
    head = words[-1]
    for stem, key in (("morgen", "morgen"), ("gister", "gisteren")):
        if head.startswith(stem) and head not in _DAY_OFFSETS:
            head = key  # "morgenochtend" is tomorrow, "gisteravond" yesterday
    if head in _DAY_OFFSETS:
        day = ref + timedelta(days=_DAY_OFFSETS[head])
        return Period(day, day)
    mod = words[0] if len(words) > 1 else "deze"
    step = {"volgende": 1, "volgend": 1, "komende": 1, "komend": 1, "vorige": -1, "vorig": -1}
    shift = step.get(mod, 0)
    if head == "week":
        if mod == "afgelopen":
            return Period(ref - timedelta(days=7), ref - timedelta(days=1))
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        return Period(monday, monday + timedelta(days=6))
    if head == "weekend":
        saturday = ref + timedelta(days=(5 - ref.weekday()) % 7)
        if ref.weekday() == 6:
            saturday = ref - timedelta(days=1)
        if mod in ("volgend",):
            saturday += timedelta(weeks=1)
        return Period(saturday, saturday + timedelta(days=1))
    if head == "maand":
        if mod == "afgelopen":
            shift = -1
        index = ref.year * 12 + ref.month - 1 + shift
        y, mo = divmod(index, 12)
        return Period(date(y, mo + 1, 1), month_end(y, mo + 1))
    if head == "jaar":
        return year_period(ref.year + shift)
    return None


@_rule("relative", rf"(?<![\w-])(?P<r>{_RELATIVE_WORDS})(?![\w-])")
def _relative(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    phrase = " ".join(m["r"].lower().split())
    if phrase.startswith("morgen") and re.search(
        r"\b(?:de|'s|goede|een|deze)\s*$", _before(text, m.start()), re.IGNORECASE
    ):
        return None  # "de morgen", "'s morgens": the morning, not tomorrow
    if phrase.startswith("het "):
        phrase = phrase[4:]
    period = _relative_period(phrase, ref) if ref else None
    return _Found(m.start(), m.end(), period, "relative")


_HOLIDAYS = {
    "koningsdag": "koningsdag", "bevrijdingsdag": "bevrijdingsdag", "kerst": "kerst",
    "kerstmis": "kerst", "kerstdagen": "kerst", "pasen": "pasen", "paasdagen": "pasen",
    "pinksteren": "pinksteren", "hemelvaart": "hemelvaart", "hemelvaartsdag": "hemelvaart",
    "jaarwisseling": "jaarwisseling", "oud en nieuw": "jaarwisseling",
    "nieuwjaarsdag": "nieuwjaarsdag",
}  # fmt: skip


@_rule(
    "holiday",
    r"(?<![\w-])(?P<h>koningsdag|bevrijdingsdag|(?:de\s+)?kerst(?:mis|dagen)?|pasen|paasdagen|"
    r"pinksteren|hemelvaart(?:sdag)?|(?:de\s+)?jaarwisseling|oud\s+en\s+nieuw|nieuwjaarsdag)"
    r"(?![\w-])" + _YEAR_OPT,
)
def _holiday(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    name = _HOLIDAYS[" ".join(m["h"].lower().split()).removeprefix("de ")]
    year = _year(m["y"])
    if year is None and ref is not None:
        year = nearest_year(ref, lambda y: holiday(name, y).start)
    if year is None:
        return _Found(m.start(), m.end(), None, "holiday")
    return _Found(m.start(), m.end(), holiday(name, year), "holiday")


_SEASONS = {
    "voorjaar": ((3, 21), (6, 20)), "lente": ((3, 21), (6, 20)), "zomer": ((6, 21), (9, 22)),
    "najaar": ((9, 23), (12, 20)), "herfst": ((9, 23), (12, 20)), "winter": ((12, 21), (3, 20)),
}  # fmt: skip


@_rule(
    "season",
    r"(?<![\w-])(?:(?P<det>de|deze|dit|het|komende|komend|afgelopen|volgende|volgend|vorige|vorig)"
    r"\s+)?(?P<s>voorjaar|lente|zomer|najaar|herfst|winter)(?![\w-])"
    rf"(?:\s+(?:van\s+)?(?P<y>{_YEAR})(?![\d.,]\d))?",
)
def _season(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    if not (m["det"] or m["y"]):
        return None  # a bare "zomer" is too vague to be a date mention
    (m1, d1), (m2, d2) = _SEASONS[m["s"].lower()]
    det = (m["det"] or "").lower()
    direction = 1 if det.startswith(("komend", "volgend")) else -1 if det else 0
    direction = -1 if det in ("afgelopen", "vorige", "vorig") else direction
    if det in ("de", "deze", "dit", "het"):
        direction = 0
    year = _year(m["y"])
    if year is None and ref is not None:
        year = nearest_year(ref, lambda y: date(y, m1, d1) + timedelta(days=45), None, direction)
        if year is None:
            year = nearest_year(ref, lambda y: date(y, m1, d1) + timedelta(days=45))
    start = m.start()
    if year is None:
        return _Found(start, m.end(), None, "season")
    end_year = year + 1 if m2 < m1 else year
    return _Found(start, m.end(), Period(date(year, m1, d1), date(end_year, m2, d2)), "season")


_YEAR_CONTEXT = re.compile(r"\b(?:in|sinds|vanaf|tot|na|per|jaar|jaren|t/m)\s+$", re.IGNORECASE)


@_rule("year", rf"(?<![\w.,/-])(?P<y>20[0-3]\d)(?![\d]|[.,/-]\d)(?!\s*(?:{_UNITS})\b)")
def _year_alone(m: re.Match[str], text: str, ref: date | None) -> _Found | None:
    if not _YEAR_CONTEXT.search(_before(text, m.start())):
        return None  # a bare four-digit number is as likely a count
    return _Found(m.start(), m.end(), year_period(int(m["y"])), "year")


# --- assembling mentions ------------------------------------------------------------------

_QUALIFIER = re.compile(
    r"(?:^|(?<=[\s(]))(?P<q>uiterlijk(?:\s+op)?|vóór|voor|vanaf|per|tot\s+en\s+met|t/m|tot|na|"
    r"sinds|rond|omstreeks|niet\s+later\s+dan)\s+$",
    re.IGNORECASE,
)
_QUALIFIER_NAMES = {"vóór": "voor", "t/m": "tot en met", "uiterlijk op": "uiterlijk"}
_RANGE_JOIN = re.compile(r"\s*(?:t/m|tot\s+en\s+met|tot|-|–)\s*$", re.IGNORECASE)
_NOT_A_DATE_BEFORE = re.compile(
    r"\b(?:agendapunt|punt|artikel|art\.|nr\.?|nummer|versie|hoofdstuk|pagina|blz\.?|bijlage)\s*$",
    re.IGNORECASE,
)


def _candidates(text: str, ref: date | None) -> list[_Found]:
    found: list[_Found] = []
    lowered = text.lower()
    has_digit = _DIGIT.search(text) is not None
    for name, pattern, handler in _RULES:
        if not _applies(name, lowered, has_digit):
            continue
        for m in pattern.finditer(text):
            hit = handler(m, text, ref)
            if hit is not None and not _NOT_A_DATE_BEFORE.search(_before(text, hit.start)):
                found.append(hit)
    # Longest first, then leftmost: "donderdag 7 april 2022" beats "april" and "donderdag".
    found.sort(key=lambda f: (f.start - f.end, f.start))
    chosen: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for f in found:
        if all(f.end <= s or f.start >= e for s, e in taken):
            chosen.append(f)
            taken.append((f.start, f.end))
    return sorted(chosen, key=lambda f: f.start)


def _with_time(f: _Found, text: str) -> _Found:
    if f.period is None or not f.period.is_day:
        return f
    m = _TIME_AFTER.match(text, f.end)
    if not m:
        return f
    hour = m["h"] or m["h3"] or m["h4"]
    minute = m["mi"] or m["mi3"] or m["mi4"] or "0"
    time_end = (int(m["h2"]), int(m["mi2"])) if m["h2"] else None
    p = f.period
    period = Period(p.start, p.end, p.year_known, (int(hour), int(minute)), time_end)
    return _Found(f.start, m.end(), period, f.rule)


def _join_ranges(found: list[_Found], text: str) -> list[_Found]:
    """Merge "14-04-2022 t/m 18-04-2022" and "maandag t/m woensdag" into one interval."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.period is not None
            and f.period is not None
            and _RANGE_JOIN.fullmatch(text[prev.end : f.start])
            and prev.period.start <= f.period.start
            and prev.period.time is None
            and f.period.time is None
        ):
            period = Period(prev.period.start, f.period.end, f.period.year_known)
            out[-1] = _Found(prev.start, f.end, period, "range")
            continue
        out.append(f)
    return out


def parse_dates(text: str, ref: date | None = None) -> list[DateMention]:
    """Find and normalize the date mentions in `text`, resolved against the meeting date `ref`.

    Dates without a year take the year that puts them nearest to `ref` (so "6 januari" in a
    December meeting is next January); relative dates ("maandag", "vanmorgen", "volgende week")
    count from `ref`. Without `ref` such mentions are still found, with an empty value.
    """
    mentions: list[DateMention] = []
    found = _join_ranges([_with_time(f, text) for f in _candidates(text, ref)], text)
    for f in found:
        start, qualifier = f.start, ""
        q = _QUALIFIER.search(_before(text, start, 25))
        if q:
            start -= len(q.group(0))
            word = " ".join(q["q"].lower().split())
            qualifier = _QUALIFIER_NAMES.get(word, word)
        if f.period is None:
            value, kind = "", "unresolved"
        else:
            value = f.period.iso()
            kind = "interval" if "/" in value else "datetime" if "T" in value else "date"
        mentions.append(DateMention(start, f.end, text[start : f.end], value, kind, qualifier))
    return mentions


# --- the meeting date ---------------------------------------------------------------------

# At the start of a line the colon is optional ("Datum 24 maart 2022"); mid-line it is required
# so that a sentence mentioning "datum" does not count as a label.
_DATE_LABEL = re.compile(
    r"^\s*(?:vergader)?datum(?:\s+(?:van\s+de\s+)?(?:vergadering|overleg|bijeenkomst))?\s*[:.]?"
    r"|\b(?:vergader)?datum(?:\s+(?:van\s+de\s+)?(?:vergadering|overleg|bijeenkomst))?\s*:",
    re.IGNORECASE,
)


def _full_dates(text: str) -> list[date]:
    """Every single day with an explicit year in `text`, in text order."""
    return [
        f.period.start
        for f in _candidates(text, None)
        if f.period is not None and f.period.is_day and f.period.year_known
    ]


def find_meeting_date(text: str) -> date | None:
    """Find the meeting date in the heading text of minutes.

    A date on a line labelled "Datum", "Vergaderdatum" or "Datum vergadering" wins; otherwise the
    first full date (with a year) in the text. Returns None when there is no full date.
    """
    lines = text.splitlines()
    for i, line in enumerate(lines):
        label = _DATE_LABEL.search(line)
        if not label:
            continue
        # The value may sit on the next line when the heading is a two-column table.
        for candidate in (line[label.end() :], *lines[i + 1 : i + 2]):
            dates = _full_dates(candidate)
            if dates:
                return dates[0]
    dates = _full_dates(text)
    return dates[0] if dates else None
