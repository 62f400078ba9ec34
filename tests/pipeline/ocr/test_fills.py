"""Type on a fill, white on dark or black on a tint: found, made black on white, and read."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.ocr import ink, orientation
from pipeline.ocr.fills import find_fills, flatten
from pipeline.ocr.page import ocr_page
from pipeline.ocr.raster import PageImage
from pipeline.ocr.settings import OcrSettings

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
HEADER = (300, 600, 2200, 680)
TINTED = (300, 1000, 2200, 1080)


def _page() -> Image.Image:
    """A scanned A4 page at 300 dpi: a bold heading, a table header row white on dark grey, a
    row of black type on a mid-tone tint (cyan in grey), body text, and a copier's dark border
    along the foot; slightly blurred."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    regular, bold = ImageFont.truetype(FONT, 42), ImageFont.truetype(BOLD, 46)
    draw.text((300, 300), "Besluitenlijst Calamiteitenoverleg", font=bold, fill=0)
    draw.rectangle(HEADER, fill=64)
    for x, label in ((320, "Nr."), (520, "Onderwerp"), (1500, "Besluit")):
        draw.text((x, 612), label, font=bold, fill=250)
    draw.rectangle(TINTED, fill=131)
    draw.text((320, 1012), "Actiepunten Kernteam", font=bold, fill=0)
    draw.text((300, 1400), "De voorzitter opent het overleg om tien uur.", font=regular, fill=0)
    # The dark border a copier leaves along the page's foot, with light grain in it.
    draw.rectangle((0, 3420, 2480, 3508), fill=40)
    draw.text((900, 3440), "Pagina 2 van 5 Pagina 2 van 5", font=regular, fill=220)
    return image.filter(ImageFilter.GaussianBlur(1.2))


def test_fills_are_found_with_the_kind_of_their_type_and_made_paper() -> None:
    gray = np.asarray(_page())
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    found = sorted(find_fills(gray, letter), key=lambda f: f.box[1])
    assert [f.light_type for f in found] == [True, False], found
    for fill, want in zip(found, (HEADER, TINTED), strict=True):
        assert all(abs(a - b) <= 8 for a, b in zip(fill.box, want, strict=True)), fill
    flat = flatten(gray, found)
    for fill in found:
        x0, y0, x1, y1 = fill.box
        inside = flat[y0:y1, x0:x1]
        assert np.median(inside) == 255  # the fill is paper now
        assert np.count_nonzero(inside < 64) > 0.02 * inside.size  # and the type black
    assert np.array_equal(flat[1300:], gray[1300:])  # the body text and the border as they were


@pytest.mark.usefixtures("tesseract_ready")
def test_type_on_fills_is_read() -> None:
    page = PageImage(number=1, image=_page(), dpi=300)
    words = {w.text for w in ocr_page(page).words}
    assert {"Nr.", "Onderwerp", "Besluit", "Actiepunten", "Kernteam", "voorzitter"} <= words
    # The same page read as it is: what this module is for.
    plain = dataclasses.replace(OcrSettings(), fills=False)
    unchanged = {w.text for w in ocr_page(page, plain).words}
    assert not {"Besluit", "Actiepunten"} <= unchanged
