"""Isolated words read again (:mod:`pipeline.ocr.reread`): an item number's separators
redrawn from its ink."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr.reread import number_from_ink


def _draw_number(text: str) -> np.ndarray:
    image = Image.new("L", (360, 120), 255)
    ImageDraw.Draw(image).text((20, 20), text, fill=0, font=ImageFont.load_default(size=64))
    return np.asarray(image)


@pytest.mark.parametrize(
    ("printed", "reading"), [("2.1", "21"), ("3.1.1", "3.1 1"), ("3.2", "3:2"), ("12", "12")]
)
def test_item_number_separators_come_from_the_ink(printed: str, reading: str) -> None:
    assert number_from_ink(_draw_number(printed), reading) == printed


def test_a_reading_that_does_not_fit_the_ink_is_kept() -> None:
    assert number_from_ink(_draw_number("3.1.2"), "32") == "32"


def test_a_tight_column_taken_for_one_tall_word_is_read_line_by_line() -> None:
    from pipeline.ocr import tesseract
    from pipeline.ocr.reread import _candidates

    # "1." over "2." over "3.", a letter high each, which Tesseract read as one word "ON".
    mask = np.zeros((1200, 800), np.uint8)
    for top in (700, 760, 820):
        mask[top : top + 30, 180:220] = 255
    tall = tesseract.TessWord("ON", 178, 698, 45, 155, 40.0, (9,))
    found = _candidates([tall], mask[::2, ::2], letter=30.0)
    runs = [run for run, _ in found]
    tops = sorted(box[1] for _, box in found)
    assert runs.count([0]) == 1 and runs.count([]) == 2
    assert [abs(t - e) <= 8 for t, e in zip(tops, (700, 760, 820), strict=True)] == [True] * 3
    assert all(box[3] - box[1] <= 2.2 * 30 for _, box in found)


def test_a_doubtful_word_is_not_grown_over_the_words_beside_it() -> None:
    from pipeline.ocr import tesseract
    from pipeline.ocr.reread import _candidates

    # "A-90", a grey box and the rest of the line, their ink run together into one cluster:
    # the code is read again in its own box, not with the whole line.
    mask = np.zeros((1200, 1600), np.uint8)
    mask[700:730, 200:1200] = 255
    words = [tesseract.TessWord("A-90", 200, 700, 80, 30, 60.0, (1,)),
             tesseract.TessWord("inzet", 500, 700, 120, 30, 96.0, (1,)),
             tesseract.TessWord("zandzakken", 700, 700, 300, 30, 96.0, (1,))]
    found = _candidates(words, mask[::2, ::2], letter=30.0)
    grown = [box for run, box in found if run == [0]]
    assert grown and all(box[2] <= 300 for box in grown)
