"""Stroke widths that tell bold from roman on soft, low-resolution copies."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.ocr import ink, orientation

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _word(font: str, grey: int = 0, blur: float = 0.0) -> np.ndarray:
    """'Besluitenlijst' in 10 pt at 150 dpi (21 px), optionally softened like a copy."""
    image = Image.new("L", (260, 40), 255)
    ImageDraw.Draw(image).text((5, 5), "Besluitenlijst", fill=grey,
                               font=ImageFont.truetype(str(FONTS / font), 21))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(image)


def _stroke(gray: np.ndarray, page_ink: float | None = None) -> float:
    mask = orientation.ink_mask(gray)
    level = ink.ink_level(gray, mask) if page_ink is None else page_ink
    return ink.stroke_width(mask, gray, (0, 0, gray.shape[1], gray.shape[0]), level)


@pytest.mark.skipif(not FONTS.is_dir(), reason="needs fonts-dejavu-core")
@pytest.mark.parametrize("blur", [0.0, 1.0])
def test_bold_strokes_measure_half_as_wide_again_at_150_dpi(blur: float) -> None:
    roman, bold = _stroke(_word("DejaVuSans.ttf", blur=blur)), _stroke(
        _word("DejaVuSans-Bold.ttf", blur=blur))
    assert bold >= 1.3 * roman


@pytest.mark.skipif(not FONTS.is_dir(), reason="needs fonts-dejavu-core")
def test_a_lighter_colour_is_measured_against_its_own_ink() -> None:
    page = _word("DejaVuSans.ttf")  # the page's black body text
    page_ink = ink.ink_level(page, orientation.ink_mask(page))
    roman = _stroke(page, page_ink)
    blue_bold = _stroke(_word("DejaVuSans-Bold.ttf", grey=121), page_ink)
    assert blue_bold >= 1.3 * roman


def test_blobs_are_cut_where_their_width_changes_beyond_the_slack() -> None:
    from pipeline.ocr.ink import row_runs

    blob = np.zeros((30, 60), dtype=bool)
    blob[0:10, 10:50] = True  # a box ...
    blob[10:20, 7:53] = True  # ... bulging 3 px where brackets meet its sides
    blob[20:30, 10:50] = True
    assert len(row_runs(blob)) == 3
    assert row_runs(blob, slack=4) == [(0, 30, 10, 50)]
    blob[20:30, 30:60] = True  # a box on the next line touching its corner
    blob[20:30, 10:30] = False
    assert len(row_runs(blob, slack=4)) == 2
