"""The text of narrow table cells: words a word processor broke for want of room, joined."""

from __future__ import annotations

import pytest

from pipeline.structure.tables import cell_text
from tests.pipeline.boxes import stack


@pytest.mark.parametrize(
    ("pieces", "text"),
    [
        (["adviseur", "crisisbeheer", "sing"], "adviseur crisisbeheersing"),
        (["Regionale", "verdeling", "opvangplekk", "en"], "Regionale verdeling opvangplekken"),
        (["Onderhoud", "waterkering", "en"], "Onderhoud waterkeringen"),
        (["Onderhoud", "waterkering", "en beheer"], "Onderhoud waterkering en beheer"),
        (["teamleider", "opvang"], "teamleider opvang"),
    ],
)
def test_words_broken_in_a_narrow_cell(pieces: list[str], text: str) -> None:
    # Every line ends at the cell's right edge: the longest piece sets it.
    lines = stack(pieces)
    right = max(ln.x1 for ln in lines)
    for ln in lines:
        shift = right - ln.x1
        for w in ln.words:
            w.x0 += shift
            w.x1 += shift
    assert cell_text(lines, right) == text
