"""The meeting's own facts from the top of its first page: title, body, date and labelled
fields ("Datum:", "Locatie:", "Aanwezig:").

The date is the meeting's, taken by rank: a "Vergaderdatum" line, the date in the title
("d.d. 18 maart 2024", "vergadering van donderdag 2 april 2009"), "gehouden op …", a plain
"Datum:" line; never a letter date ("Den Haag, 3 april 2009") when anything better is there.
A day and month without a year take the year from the running header or footer, else from the
dates in the document, and the meeting says it had to guess.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from models.dates import parse_dates
from pipeline.layout.lines import is_page_number
from pipeline.records import Line

TITLE_WORDS = re.compile(
    r"\b(?:verslag|notulen|besluitenlijst|besluiten(?:-|\s+en\s+)actielijst|actielijst|"
    r"actiepuntenlijst|vergadering|procedurevergadering|overleg|bijeenkomst|werksessie|"
    r"beraad|sessie|agenda|procès-verbaal|kernteamoverleg|actiepunten|besprekingsverslag)\b",
    re.IGNORECASE,
)
BODY_START = re.compile(
    r"^(?:Veiligheidsregio|Gemeente|Gemeentelijk|Provincie|Waterschap|Hoogheemraadschap|GGD|"
    r"Regio|Regionaal|Ministerie|Politie|Omgevingsdienst|Brandweer|Gemeenteraad|Raad\s+van|"
    r"College\s+van|Provinciale\s+Staten|Gedeputeerde\s+Staten|Tweede\s+Kamer|Eerste\s+Kamer|"
    r"Rijkswaterstaat|Stichting|Vereniging|Kennisplatform|Dienst|Inspectie|Rijksdienst|"
    r"Staatssecretaris|Commissie|Stuurgroep|Directie|Wetterskip|Samenwerkingsverband|"
    r"Gemeenschappelijke\s+regeling|Veiligheidsberaad|Nationaal)\b"
)
_LABELLED = re.compile(r"^(?P<label>[A-Za-zëé()/ ]{2,32}?)\s*:\s*(?P<value>.*)$")
_STAMPS = re.compile(
    r"^(?:concept|definitief|vertrouwelijk|openbaar|intern|niet\s+openbaar|ter\s+\w+|"
    r"conceptverslag|versie\s+[\d.]+|v\s?\d[\d.]*|nr\.?\s*\d+|kenmerk.*)$",
    re.IGNORECASE,
)
_BODY_LABELS = {"organisatie", "orgaan", "gremium", "voortouwcommissie", "commissie", "overleg"}
_TITLE_LABELS = {"document", "titel", "onderwerp vergadering", "vergadering"}
_FACT_LABELS = {
    "datum", "vergaderdatum", "tijd", "locatie", "plaats", "vergaderplaats", "aanwezig",
    "aanwezigen", "afwezig", "afwezigen", "notulist", "notulen", "voorzitter", "secretaris",
    "betreft", "kopie aan", "deelnemers", "afgemeld", "verhinderd", "met kennisgeving afwezig",
    "gasten", "te gast", "verslag", "volgende vergadering", "kenmerk", "status",
}  # fmt: skip
# The words before a date that make it the meeting's, strongest first.
_MEETING = r"(?:vergadering|overleg|bijeenkomst|sessie|beraad)"
_DATE_CUES: list[tuple[int, re.Pattern[str]]] = [
    (6, re.compile(rf"\b(?:vergaderdatum|datum\s+(?:van\s+de\s+)?{_MEETING})\b", re.I)),
    (5, re.compile(r"\bd\.\s?d\.?\s*$|\bgehouden\s+op\b|\bvergadering\s+van\s*(?:\w+dag\s*)?$"
                   r"|\bter\s+bespreking\s+(?:op\s+)?(?:\w+dag\s*)?$", re.I)),
    (4, re.compile(rf"\b{_MEETING}\s+(?:van|op)\s*(?:\w+dag\s*)?$", re.I)),
    (3, re.compile(r"^\s*datum\s*[:.]?\s*$", re.I)),
]
# Dates a heading gives for the document rather than the meeting: when it was sent, printed,
# registered, drawn up or brought up to date ("Kenmerk en datum: 27-04-2018", "Datum
# verzending: …", "Geactualiseerd 25-9").
_DOCUMENT_DATE = re.compile(
    r"\b(?:verzend\w*|verzonden|verstuurd|kenmerk|afdruk\w*|print\w*|documentdatum|"
    r"geactualiseerd|bijgewerkt|laatst\s+gewijzigd|versie|"
    r"datum\s+(?:verzending|brief|document|opmaak|afdruk|concept))\b[^:\d]{0,20}[:.]?\s*"
    r"(?:\w+dag\s*)?$",
    re.I,
)
_LETTER_DATE = re.compile(r"^[A-Z][\w'’\- ]{1,30},\s*(?:\w+dag\s+)?\d")
_NUMERIC = re.compile(r"\b(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{4})\b")
_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})[-/](\d{1,2})(?![\d/.-])")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


@dataclass
class Facts:
    """The meeting facts found in the heading and the lines they used."""

    title: str = ""
    body: str = ""
    date: date | None = None
    date_guessed: bool = False
    fields: dict[str, str] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # ids of lines spent on title, body, date


_WRAPPED_YEAR = re.compile(r"(?:19[5-9]\d|20[0-4]\d)[.,]?")  # a title's year on a line of its own


def _size(line: Line) -> float:
    return line.size or (line.bottom - line.top)


def _labelled(line: Line) -> tuple[str, str] | None:
    m = _LABELLED.match(line.text)
    if not m:
        return None
    return m.group("label").strip().lower(), m.group("value").strip()


def read_heading(heading: list[Line], furniture: list[Line], all_lines: list[Line]) -> Facts:
    """Title, body, date and labelled fields of a meeting from its heading lines, with the
    running headers and footers (`furniture`) and the whole text as places to find a year."""
    facts = Facts()
    _read_fields(heading, facts)
    _read_title(heading, facts)
    _read_body(heading, furniture, facts)
    _read_date(heading, furniture, all_lines, facts)
    return facts


def _read_fields(heading: list[Line], facts: Facts) -> None:
    """Labelled lines ("Locatie: Zwolle"), their value running on into unlabelled lines below.

    A label alone on its line (a two-column heading) takes the line beside or below it.
    """
    current: str | None = None
    for line in heading:
        found = _labelled(line)
        known = _FACT_LABELS | _BODY_LABELS | _TITLE_LABELS
        if found and (found[0] in known or len(found[0]) <= 20):
            label, value = found
            facts.fields[label] = value
            current = label
            continue
        if current and line.text[:1].islower():
            facts.fields[current] = f"{facts.fields[current]} {line.text}".strip()
        else:
            current = None


def _read_title(heading: list[Line], facts: Facts) -> None:
    """The title: the largest line that names a kind of meeting (a wrapped title is two lines
    of one size), else a "Document:"/"Titel:" value, else the largest line."""
    candidates = [
        ln
        for ln in heading[:25]
        if ln.text.strip()
        and not _labelled(ln)
        and not _STAMPS.match(ln.text.strip())
        and not is_page_number(ln.text)
        and not _LETTER_DATE.match(ln.text)
        and any(c.isalpha() for c in ln.text)
    ]
    for label in ("document", "titel"):
        if facts.fields.get(label) and TITLE_WORDS.search(facts.fields[label]):
            facts.title = facts.fields[label]  # "Document: Besluitenlijst van de …"
            return
    named = [ln for ln in candidates if TITLE_WORDS.search(ln.text)]
    pick: Line | None = None
    if named:
        biggest = max(_size(ln) for ln in named)
        pick = next(ln for ln in named if _size(ln) >= biggest - 0.5)
        # A title line that only names the body ("Gemeente X") gives way to one that names
        # the meeting, when both are as large.
    else:
        for label in _TITLE_LABELS:
            if facts.fields.get(label):
                facts.title = facts.fields[label]
                return
        if candidates:
            biggest = max(_size(ln) for ln in candidates)
            big = [ln for ln in candidates if _size(ln) >= biggest - 0.5]
            pick = next((ln for ln in big if not BODY_START.match(ln.text)), big[0])
    if pick is None:
        return
    lines = _wrapped(pick, candidates, heading)
    facts.title = " ".join(ln.text.strip() for ln in lines)
    facts.used |= {id(ln) for ln in lines}


def _wrapped(pick: Line, candidates: list[Line], heading: list[Line]) -> list[Line]:
    """The title line with the lines it wraps onto (and a first line it continues): same size
    and weight, directly above or below. A wrapped-off year ("2009") is no candidate of its
    own (it has no letter) but goes on the title all the same."""
    i = candidates.index(pick)
    lines = [pick]
    height = pick.bottom - pick.top
    # OCR measures a line's size from its own ink: two lines of one size differ by up to a
    # point at title sizes.
    ocr = any(w.conf is not None for w in pick.words)
    slack = max(0.6, 0.08 * _size(pick)) if ocr else 0.6
    at = next(n for n, ln in enumerate(heading) if ln is pick)
    following = [
        ln
        for ln in heading[at + 1 : at + 3]
        if ln in candidates or _WRAPPED_YEAR.fullmatch(ln.text.strip())
    ]
    for nxt in following:
        last = lines[-1]
        digits_only = not any(c.isalpha() for c in nxt.text)
        bold = nxt.bold or (digits_only and all(w.bold for w in nxt.words))
        if (
            nxt.page == last.page
            and abs(_size(nxt) - _size(pick)) <= slack
            # OCR tells bold from regular by the strokes, too few in four digits alone.
            and (bold == pick.bold or ocr and digits_only)
            and 0 <= nxt.top - last.bottom <= height * 0.9
            and not BODY_START.match(nxt.text)
        ):
            lines.append(nxt)
        else:
            break
    if i > 0:
        prev = candidates[i - 1]
        if (
            prev.page == pick.page
            and abs(_size(prev) - _size(pick)) <= slack
            and prev.bold == pick.bold
            and 0 <= pick.top - prev.bottom <= height * 0.9
            and not BODY_START.match(prev.text)
            and len(prev.text.split()) <= 3
        ):
            lines.insert(0, prev)  # "Verslag" above "BGT Werksessie – Thema Techniek"
    return lines


def _read_body(heading: list[Line], furniture: list[Line], facts: Facts) -> None:
    """The organisation or committee: a labelled line, the letterhead, a running header that
    names one, or else the gremium the title names ("Verslag Technisch Overleg X" → the
    Technisch Overleg X)."""
    for label in ("organisatie", "orgaan", "gremium", "voortouwcommissie", "commissie"):
        if facts.fields.get(label):
            facts.body = facts.fields[label]
            return
    for line in heading[:12]:
        if id(line) in facts.used:
            continue
        text = line.text.strip()
        if BODY_START.match(text) and len(text) <= 90 and not TITLE_WORDS.match(text):
            facts.body = _first_part(text)
            facts.used.add(id(line))
            return
    for line in furniture:
        for part in _PARTS.split(line.text):
            if BODY_START.match(part.strip()) and len(part) <= 90:
                facts.body = part.strip()
                return
    letterhead = _letterhead(heading, facts)
    if letterhead is not None:
        facts.body = _first_part(letterhead.text)
        facts.used.add(id(letterhead))
        return
    body = _gremium(facts.title)
    facts.body = "" if body.lower() in _NO_BODY else body


# What a title names when it names no body ("Verslag van de vergadering van 6 mei").
_NO_BODY = {"vergadering", "overleg", "bijeenkomst", "sessie", "werksessie"}


def _letterhead(heading: list[Line], facts: Facts) -> Line | None:
    """A name set above the title, bold and apart from it, that is no title, label, stamp or
    date itself: the letterhead of the body ("Beleidsteam Hoogwater Zwolle" over "Verslag …"),
    whatever words its name starts with."""
    title_at = next((n for n, ln in enumerate(heading) if id(ln) in facts.used), None)
    if title_at is None:
        return None
    # Set larger than the heading's text, by its boxes (font sizes in a PDF can all read 1):
    # a bold label in the margin ("Contactpersoon") is no letterhead.
    # Measured against the heading's plain text (its bold lines are titles and sections). A
    # name without descenders ("Crisisteam Hof van Twente") has a box no taller than the
    # text's: its type size, where the PDF gives one, speaks for it then.
    plain = [ln for ln in heading if not ln.bold] or heading
    usual = statistics.median(ln.bottom - ln.top for ln in plain)
    usual_size = statistics.median(ln.size for ln in plain)
    for line in heading[:title_at]:
        text = line.text.strip()
        if (
            line.bold
            and (line.bottom - line.top >= usual * 1.1 or line.size >= usual_size * 1.1)
            and 1 <= len(text.split()) <= 8
            and not TITLE_WORDS.search(text)
            and not _labelled(line)
            and not _STAMPS.match(text)
            and not _LETTER_DATE.match(text)
            and not any(c.isdigit() for c in text)
        ):
            return line
    return None


# The parts of a letterhead or running header: "Ministerie van … – 25 december 2017", the dash
# read as a hyphen by OCR.
_PARTS = re.compile(r"\s+[|–—-]\s+")


def _first_part(text: str) -> str:
    return _PARTS.split(text)[0].strip()


_TITLE_LEAD = re.compile(
    r"^(?:concept[- ]?)?(?:verslag|notulen|besluitenlijst|actielijst|besluiten-\s*en\s*actielijst)"
    r"(?:\s+(?:van|bij))?(?:\s+(?:de|het))?\s+",
    re.IGNORECASE,
)
_TITLE_TAIL = re.compile(
    r"\s*(?:[-–—,]\s*)?(?:\bd\.\s?d\.?|\bvan\b|\bop\b|\bgehouden\b)?\s*(?:\w+dag\s+)?"
    r"\d{1,2}(?:\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}|\s+\w+(?:\s+\d{4})?)\s*(?:[-–—].*)?$",
    re.IGNORECASE,
)


def _gremium(title: str) -> str:
    """The meeting body a title names, without its lead word and date."""
    body = _TITLE_LEAD.sub("", title.strip())
    body = _TITLE_TAIL.sub("", body).strip(" -–—,")
    return body if body and body != title.strip() else ""


def _read_date(heading: list[Line], furniture: list[Line], all_lines: list[Line], facts: Facts):
    best: tuple[int, int, date | None, tuple[int, int] | None] | None = None
    texts = [ln.text for ln in heading]
    title = facts.title
    sources = [(title, True)] + [(t, False) for t in texts]
    for order, (text, is_title) in enumerate(sources):
        if not text:
            continue
        for rank, when, day_month in _dates_in(text, is_title, texts, order - 1):
            key = (rank, -order)
            if best is None or key > (best[0], best[1]):
                best = (rank, -order, when, day_month)
    if best is None:
        return
    _, _, when, day_month = best
    if when is not None:
        facts.date = when
        return
    if day_month is not None:
        year = _year_from(furniture, all_lines, day_month)
        if year is not None:
            try:
                facts.date = date(year, day_month[1], day_month[0])
                facts.date_guessed = True
            except ValueError:
                pass


def _dates_in(text: str, is_title: bool, lines: list[str], index: int):
    """(rank, date or None, (day, month) or None) for each date a heading line gives."""
    # "Den Haag, 3 april 2009": the letter's date ranks below every other date.
    rank_floor = 0 if _LETTER_DATE.match(text) and not is_title else 1
    out = []
    found = []
    for m in parse_dates(text):
        found.append((m.start, m.value, m.kind))
    for m in _NUMERIC.finditer(text):
        try:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        found.append((m.start(), d.isoformat(), "date"))
    for start, value, kind in found:
        when: date | None = None
        day_month: tuple[int, int] | None = None
        iso = value[:10]
        if re.match(r"^\d{4}-\d{2}-\d{2}$", iso) and kind in ("date", "datetime", "interval"):
            when = date.fromisoformat(iso)
        elif re.match(r"^--\d{2}-\d{2}$", value[:7]):
            day_month = (int(value[5:7]), int(value[2:4]))
        else:
            continue
        before = text[:start]
        rank = _cue_rank(before, lines, index)
        if is_title:
            rank = max(rank, 4)
        rank = max(rank, rank_floor) if rank_floor else 0
        out.append((rank * 2 + (1 if when else 0), when, day_month))
    for m in _DAY_MONTH.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            rank = _cue_rank(text[: m.start()], lines, index)
            cue = re.search(r"\bbespreking\b|\bvergadering\b", text[: m.start()], re.I)
            if is_title or rank or cue:
                out.append((max(rank, 2) * 2, None, (day, month)))
    return out


def _cue_rank(before: str, lines: list[str], index: int) -> int:
    if _DOCUMENT_DATE.search(before):
        return 0
    for rank, cue in _DATE_CUES:
        if cue.search(before):
            return rank
    # A label on its own line, the date below it (a two-column heading).
    if not before.strip() and 0 < index < len(lines):
        if _DOCUMENT_DATE.search(lines[index - 1]):
            return 0
        for rank, cue in _DATE_CUES:
            if cue.search(lines[index - 1]):
                return rank
    if re.search(r"\bdatum\b\s*[:.]?\s*(?:\w+dag\s*)?$", before, re.I):
        return 3
    return 1 if not before.strip() else 1


def _year_from(furniture: list[Line], lines: list[Line], day_month: tuple[int, int]) -> int | None:
    """The year of a day and month written without one: from the running header or footer,
    else the year most dates in the document carry."""
    for line in furniture:
        for m in parse_dates(line.text):
            if re.match(r"^\d{4}-\d{2}-\d{2}", m.value):
                return int(m.value[:4])
        years = _YEAR.findall(line.text)
        if years:
            return int(years[0])
    counts: Counter[int] = Counter()
    for line in lines:
        for m in _NUMERIC.finditer(line.text):
            counts[int(m.group(3))] += 1
        for y in _YEAR.findall(line.text):
            counts[int(y)] += 1
    return counts.most_common(1)[0][0] if counts else None
