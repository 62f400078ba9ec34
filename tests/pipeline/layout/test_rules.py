"""Which drawn lines of a page can be table borders."""

from __future__ import annotations

from pipeline.layout.rules import page_ruling
from pipeline.records import Rule
from tests.pipeline.boxes import words


def box(x0: float, top: float, x1: float, bottom: float) -> list[Rule]:
    """The four edges of a rectangle, as a PDF draws them."""
    return [Rule(x0, top, x1, top), Rule(x0, bottom, x1, bottom),
            Rule(x0, top, x0, bottom), Rule(x1, top, x1, bottom)]


def test_boxes_that_hug_their_words_are_highlights_not_cells() -> None:
    """Redaction or highlight boxes stacked line by line would line up into a column edge."""
    rules, text = [], []
    for n in range(6):
        top = 100 + 14 * n
        line = words("5.1.2e", 200, top + 1)
        text += line
        rules += box(line[0].x0 - 1, top, line[-1].x1 + 1, top + 12)
    ruling = page_ruling(rules, 12.0, text)
    assert ruling.vertical == [] and ruling.horizontal == []


def test_a_cell_keeps_its_padding_and_its_borders() -> None:
    text = words("Besluit: vastgesteld", 106, 104)
    ruling = page_ruling(box(100, 100, 300, 130), 12.0, text)
    assert sorted(v.pos for v in ruling.vertical) == [100, 300]
    assert sorted(h.pos for h in ruling.horizontal) == [100, 130]


def test_an_empty_box_is_no_cell() -> None:
    """A blacked-out name leaves a rectangle with nothing in it."""
    assert page_ruling(box(100, 100, 160, 112), 12.0, []).vertical == []


def test_an_underline_is_no_border_but_a_long_rule_is() -> None:
    text = words("Besluitenlijst", 100, 88)
    ruling = page_ruling([Rule(100, 100, 170, 100), Rule(60, 200, 540, 200)], 12.0, text)
    assert [h.pos for h in ruling.horizontal] == [200]


def test_a_vertical_shorter_than_a_row_is_no_column_edge() -> None:
    ruling = page_ruling([Rule(100, 100, 100, 110), Rule(300, 100, 300, 160)], 12.0, [])
    assert [v.pos for v in ruling.vertical] == [300]


def test_empty_cells_of_a_one_line_row_stay_cells() -> None:
    """The rest of a row a page end broke is one short row, empty in most of its cells:
    boxes side by side along one line are a grid row, however little they hold."""
    text = words("neerleggen voor intake", 168, 71)
    rules = box(107, 69, 162, 82) + box(162, 69, 425, 82) + box(425, 69, 495, 82)
    ruling = page_ruling(rules, 8.0, text)
    assert sorted({round(v.pos) for v in ruling.vertical}) == [107, 162, 425, 495]
    assert {round(h.pos) for h in ruling.horizontal} == {69, 82}


def test_a_streak_that_ends_on_no_row_border_is_no_column_edge() -> None:
    """A copier's streak, broken into bits of a few lines each, inside a ruled table."""
    table = [Rule(60, 100, 540, 100), Rule(60, 200, 540, 200), Rule(60, 400, 540, 400),
             Rule(60, 100, 60, 400), Rule(540, 100, 540, 400), Rule(300, 200, 300, 260)]
    streak = [Rule(240, 120, 240, 160), Rule(240, 270, 240, 330)]
    ruling = page_ruling(table + streak, 12.0, [])
    # The side of a cell that ends on a row's border stays, however short; the streak goes.
    assert sorted(v.pos for v in ruling.vertical) == [60, 300, 540]
