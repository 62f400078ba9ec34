"""Annexes after the minutes hold no agenda items."""

from __future__ import annotations

from pipeline.records import Line
from pipeline.structure.annex import annex_items, annex_start, is_annex_heading
from tests.pipeline.boxes import line, stack


def numbers_of(lines: list[Line]) -> list[str]:
    """Item numbers as a reader would find them: lines that open with "N." or "N)"."""
    return [ln.text.split()[0].rstrip(".)") for ln in lines if ln.text.split()[0][:1].isdigit()]


def test_an_annex_heading_says_so_and_stands_as_a_heading() -> None:
    heading = line("Bijlage 1: Verwerking Publieke Consultatie", bold=True)
    assert is_annex_heading(heading, 10.0, page_top=False)
    assert is_annex_heading(line("Bijlage 2"), 10.0, page_top=True)
    assert is_annex_heading(line("Bijlagen", size=12.0), 10.0, page_top=False)
    # an item's field and a sentence that names an annex are no headings
    assert not is_annex_heading(line("Bijlage: notitie opvang.pdf", bold=True), 10.0, True)
    assert not is_annex_heading(line("Bijlage 1 bevat de begroting."), 10.0, page_top=False)


def test_the_annexes_start_at_their_heading_unless_the_items_go_on() -> None:
    lines = stack(["Sluiting om 13:30 uur", "Bijlage 2: Bijdrage per mail", "1) XML kun je",
                   "2) Op dit moment"])
    lines[1] = line("Bijlage 2: Bijdrage per mail", top=lines[1].top, bold=True)
    assert annex_start(lines, 10.0, set(), "10", numbers_of) == 1
    going_on = stack(["Bijlage 1 wordt besproken.", "11. Rondvraag", "12. Sluiting"])
    going_on[0] = line("Bijlage 1", top=going_on[0].top, bold=True)
    assert annex_start(going_on, 10.0, set(), "10", numbers_of) is None


def test_each_annex_is_one_item_with_its_text() -> None:
    lines = stack(["Bijlage 1: Consultatie", "1 Centric", "Op basis van de argumenten.",
                   "Bijlage 2: Mail", "Hallo Peter,"])
    items = annex_items(lines, 10.0, {id(lines[0]), id(lines[3])})
    assert [(it.kind, it.title) for it in items] == [("annex", "Bijlage 1: Consultatie"),
                                                      ("annex", "Bijlage 2: Mail")]
    assert "Centric" in items[0].toelichting and items[1].toelichting == "Hallo Peter,"
    assert all(not it.entries and not it.nr for it in items)
