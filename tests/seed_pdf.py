"""Rebuild the example minutes page (plain text from a real PDF) as a ruled three-column PDF.

The seed text is what a plain extractor read from one page of real minutes: the item number
glued to the first line of its row, the title row on the line before it, an empty line after the
first line of each row, and the narrow Toelichting column interleaved with the middle column.
:func:`seed_spec` undoes that into a :class:`MinutesSpec`; :func:`build_seed_pdf` renders it.

Not a test module: tests import it (``from seed_pdf import build_seed_pdf, SEED_EXPECTED``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from samples.render import ItemRow, MinutesSpec, Row, ThemeRow, TitleRow, render_minutes
from tests.paths import SEED_PAGE

# Where the seed lives next to the repository; tests skip when it is absent.
DEFAULT_SEED_TXT = SEED_PAGE

SEED_BODY = "Veiligheidsregio Twente"
SEED_TITLE = "Verslag Bestuurlijk Afstemmingsoverleg Oekraïne"
SEED_DATE_LINE = "Datum: donderdag 24 maart 2022"

# "2.3 K: ..." but not "100.000 vluchtelingen"
_NUMBER_LINE = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\s+(.*)$")
_PREFIX = re.compile(r"^(?:[BK]:|A\s*>|A [^:]{1,60}:)")
_LIST_LINE = re.compile(r"^(?:\d+[.)]|[•\-–])\s")
# The Toelichting column wraps at ~35 characters, the middle one at ~57: a wrapped line that is
# this short can only come from the narrow column.
_NARROW = 40


@dataclass(frozen=True)
class ExpectedAction:
    """An action the seed page holds: item number, owner, and how its text starts."""

    nr: str
    owner: str
    text_start: str


@dataclass(frozen=True)
class SeedExpected:
    """What a correct pipeline reads from the rebuilt seed PDF."""

    body: str
    title: str
    date: str
    section: str
    items: tuple[tuple[str, str], ...]  # (nr, title)
    actions: tuple[ExpectedAction, ...]


SEED_EXPECTED = SeedExpected(
    body=SEED_BODY,
    title=SEED_TITLE,
    date="2022-03-24",
    section="Opvang vluchtelingen Oekraïne",
    items=(
        ("2.1", "Landelijk beeld"),
        ("2.2", "Stand van zaken opvang vluchtelingen Twente"),
        ("2.3", "Financiën"),
        ("2.4", "Coördinatiepunt COA (Opdracht B)"),
        ("2.5", "Overloop vluchtelingen Ter Apel"),
        ("2.6", "Overige thema’s"),
        ("2.7", "Communicatie"),
        ("2.8", "Vervolgafspraken"),
    ),
    actions=(
        ExpectedAction(
            "2.2",
            "Projectleider Oekraïne",
            "landelijk aandacht vragen voor soepelheid in wetgeving",
        ),
        ExpectedAction("2.3", "Projectleider Oekraïne", "Financiële regeling agenderen voor"),
        ExpectedAction("2.4", "Projectleider Oekraïne", "Opdracht B agenderen voor volgend"),
    ),
)


def _looks_like_title(text: str) -> bool:
    return bool(text) and len(text) <= 60 and not _PREFIX.match(text) and text[-1] not in ".,:;"


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line and _PREFIX.match(line) and current:
            # an entry prefix starts a paragraph even without an empty line before it
            paragraphs.append(current)
            current = [line]
        elif line:
            current.append(line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _is_toelichting(paragraph: list[str]) -> bool:
    if len(paragraph) < 2 or _PREFIX.match(paragraph[0]) or _LIST_LINE.match(paragraph[0]):
        return False
    return all(len(line) <= _NARROW for line in paragraph[:-1])


def _paragraph_text(paragraph: list[str]) -> str:
    """Wrapped lines become one line again; list lines and bullets stay lines of their own."""
    out: list[str] = []
    for line in paragraph:
        if not out or _LIST_LINE.match(line):
            out.append(line)
        else:
            out[-1] = f"{out[-1]} {line}"
    return "\n".join(out)


def _item_cells(first: str, body: list[str]) -> tuple[str, str]:
    """Middle and Toelichting cell text of one item from its lines in the seed."""
    lines = list(body)
    if first:
        # The extractor puts an empty line after the first line of every row; unless a new
        # entry or a list starts there, the paragraph simply goes on.
        while lines and not lines[0]:
            nxt = next((ln for ln in lines if ln), "")
            if nxt and (_PREFIX.match(nxt) or _LIST_LINE.match(nxt)):
                break
            lines.pop(0)
        lines.insert(0, first)
    middle: list[str] = []
    toelichting: list[str] = []
    for paragraph in _paragraphs(lines):
        target = toelichting if _is_toelichting(paragraph) else middle
        target.append(_paragraph_text(paragraph))
    return "\n\n".join(middle), "\n\n".join(toelichting)


def seed_spec(seed_txt: Path) -> MinutesSpec:
    """Parse the seed text into the spec of the page it was extracted from."""
    raw = [line.strip() for line in Path(seed_txt).read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(raw) if line.startswith("Nr ")) + 1
    lines = raw[start:]
    numbered = [i for i, line in enumerate(lines) if _NUMBER_LINE.match(line)]
    if not numbered:
        raise ValueError(f"{seed_txt}: no numbered items found")

    rows: list[Row] = []
    for k, i in enumerate(numbered):
        match = _NUMBER_LINE.match(lines[i])
        assert match is not None
        nr, rest = match.group(1), match.group(2).strip()
        before = lines[i - 1] if i > 0 else ""
        end = numbered[k + 1] if k + 1 < len(numbered) else len(lines)
        # the title row of the next item sits on the line right before its number
        if k + 1 < len(numbered) and lines[end - 1]:
            end -= 1
        if _looks_like_title(rest):
            # the number got glued to the title; the line above is then the theme row
            if before:
                rows.append(ThemeRow(before))
            rows.append(TitleRow(rest))
            first = ""
        else:
            if before:
                rows.append(TitleRow(before))
            first = rest
        middle, toelichting = _item_cells(first, lines[i + 1 : end])
        rows.append(ItemRow(nr, [middle, toelichting]))
    return MinutesSpec(body=SEED_BODY, title=SEED_TITLE, date_line=SEED_DATE_LINE, rows=rows)


def build_seed_pdf(seed_txt: Path, out: Path) -> Path:
    """Render the seed page as a ruled three-column minutes PDF at `out`."""
    return render_minutes(seed_spec(seed_txt), out)
