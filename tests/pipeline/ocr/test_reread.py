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
