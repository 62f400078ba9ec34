"""Item numbers and row codes too long for a narrow number column, broken over two lines of
their cell (or over a page end), are one number, not a new row or a theme row."""

from __future__ import annotations

import pytest

from pipeline.extract.document import Document
from pipeline.layout.numbers import is_broken_number
from pipeline.layout.table import find_layout
from pipeline.records import Page, Word
from pipeline.structure.meeting import build_meeting
from tests.pipeline.boxes import words


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [("2.1.", "3", True), ("jan12/", "30", True), ("aug1", "3/12", True), ("jun13", "/17", True),
     ("1.5.1", "0", True), ("2.", "Opening", False), ("Besluit:", "1", False),
     ("3.1", "De", False), ("4.", "5.", False), ("12", "a", True), ("12", "de", False),
     ("3.5.", "10", True), ("2.1.", "3.", False), ("10", "11", False), ("2", "3", False),
     ("1.1.", "2", True), ("XVI", "I", True), ("XXI", "II", True), ("IX", "X", False),
     ("XX", "XXI", False), ("I", "I", False)],
)
def test_broken_number_pieces(head: str, tail: str, joined: bool) -> None:
    assert is_broken_number(head, tail) is joined


def _page(number: int, rows: list[tuple[str, str, str]], top: float = 100.0) -> Page:
    """A page of a three-column table: header, then rows whose number cell may hold two
    lines (the number's head filling the narrow cell, its tail under it)."""
    out = words("Nr", 40, top, bold=True) + words("Onderwerp", 80, top, bold=True)
    out += words("Besluit", 240, top, bold=True)
    y = top + 20
    for nr, subject, decision in rows:
        head, *tails = nr.split("|")
        # The head ends at x 70: within the cell padding of a column that ends at x 80.
        out += words(head, 70 - 5 * len(head), y) + words(subject, 80, y)
        out += words(decision, 240, y)
        for n, tail in enumerate(tails, 1):
            out += words(tail, 70 - 5 * len(tail) if n < len(tails) else 40, y + 12 * n)
        y += 36 + 12 * max(0, len(tails) - 1)
    return Page(number=number, width=595, height=842, words=out)


def _read(pages: list[Page]) -> list[tuple[str, str]]:
    doc = Document(path="t.pdf", sha256="0" * 64, pages=pages)
    meeting = build_meeting(doc, find_layout(pages))
    return [(it.nr, it.title) for it in meeting.items]


def test_number_broken_after_a_dot_is_one_item() -> None:
    page = _page(1, [("2.1.|1", "Opening", "De voorzitter opent."),
                     ("2.1.|2", "Verslag", "Het verslag wordt vastgesteld."),
                     ("2.1.|3", "Vervoer", "Besluit: extra bussen.")])
    assert _read([page]) == [("2.1.1", "Opening"), ("2.1.2", "Verslag"), ("2.1.3", "Vervoer")]


def test_code_broken_inside_and_after_a_slash() -> None:
    page = _page(1, [("jan12/|30", "Huur", "Actie: huur afstemmen."),
                     ("aug1|3/12", "Bussen", "Actie: bussen aanvragen."),
                     ("jun13|/17", "Brief", "Actie: brief versturen.")])
    assert [nr for nr, _ in _read([page])] == ["jan12/30", "aug13/12", "jun13/17"]


def test_a_roman_number_broken_over_two_lines_or_three_is_one_item() -> None:
    page = _page(1, [("XVI", "Onderhoud", "De voorzitter opent."),
                     ("XVI|I", "Verslag", "Het verslag wordt vastgesteld."),
                     ("XX|XVI|II", "Vervoer", "Besluit: extra bussen.")])
    assert [nr for nr, _ in _read([page])] == ["XVI", "XVII", "XXXVIII"]


def test_number_broken_over_a_page_end() -> None:
    first = _page(1, [("3.5.|9", "Brievenlijst", "Besluit: akkoord."), ("3.5.", "Rondvraag", "")])
    second = Page(number=2, width=595, height=842,
                  words=words("10", 40, 60) + words("Geen vragen.", 80, 60))
    second.words += words("Nr", 40, 40, bold=True) + words("Onderwerp", 80, 40, bold=True)
    second.words += words("Besluit", 240, 40, bold=True)
    assert [nr for nr, _ in _read([first, second])] == ["3.5.9", "3.5.10"]


def test_unnumbered_headings_above_an_action_list_are_items() -> None:
    """Narrative minutes under bold headings without numbers, an action list after them:
    the headings are items, not the meeting's heading block."""
    out = words("Besluitenlijst van de vergadering van 3 mei 2024", 40, 60, size=14, bold=True)
    y = 100.0
    for title, text in [("Beeldvorming", "De bereikbaarheid van de opvang is slecht."),
                        ("Infectieziekten", "De stuurgroep gaat akkoord met de planning."),
                        ("Brievenlijst", "Over de brief is gesproken in het vooroverleg.")]:
        out += words(title, 40, y, bold=True) + words(text, 40, y + 14)
        y += 40
    out += words("Nr", 40, y, bold=True) + words("Actie", 80, y, bold=True)
    out += words("Wie", 300, y, bold=True)
    for n in (1, 2):
        y += 16
        out += words(f"A{n}", 40, y) + words("Brief versturen", 80, y) + words("secretaris", 300, y)
    items = _read([Page(number=1, width=595, height=842, words=out)])
    assert [t for _, t in items][:3] == ["Beeldvorming", "Infectieziekten", "Brievenlijst"]
    assert [nr for nr, _ in items][3:] == ["A1", "A2"]


def test_a_broken_number_on_a_line_without_descenders_is_one_number() -> None:
    # Glyph-tight boxes of a text layer: "3.2. Beleidsdoorlichti" has no descender, so its
    # boxes end at the baseline, 4.2 pt above the "3" of the next line in 10 pt type.
    def tight(text: str, x0: float, top: float, low: float) -> list:
        return [Word(w.text, w.x0, w.x1, top, top + low, 1, 10.0) for w in words(text, x0, 0)]

    out = words("Nr", 40, 80, bold=True) + words("Onderwerp", 80, 80, bold=True)
    out += words("Besluit", 240, 80, bold=True)
    out += tight("3.2.", 50, 100, 7.3) + tight("Beleidsdoorlichti", 80, 100, 7.3)
    out += tight("Het overleg stemt in.", 240, 100, 7.3)
    out += tight("3", 40, 111.5, 9.3) + tight("ng artikel 11", 80, 111.5, 9.3)
    out += tight("3.3.", 50, 150, 7.3) + tight("Rondvraag", 80, 150, 9.3)
    out += tight("Geen vragen.", 240, 150, 9.3)
    page = Page(number=1, width=595, height=842, words=out)
    assert [nr for nr, _ in _read([page])] == ["3.2.3", "3.3"]
