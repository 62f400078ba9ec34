"""Page images (:mod:`pipeline.ocr.raster`): the resolution pages are rendered at, the pixel
limit that refuses decompression bombs, and image files (EXIF orientation, multi-page TIFF, fax
resolution)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline.errors import PageTooLargeError
from pipeline.extract.document import extract_document
from pipeline.ocr.raster import choose_dpi, load_image_file
from samples import scans

# --- resolution and the pixel limit ---------------------------------------------------------


def test_a4_renders_at_the_requested_dpi() -> None:
    assert choose_dpi(595, 842, dpi=300) == (300.0, "")


def test_a_tiny_page_with_a_fine_scan_is_not_shrunk_to_a_stamp() -> None:
    dpi, note = choose_dpi(120, 86, dpi=300, native_dpi=2400)
    assert 1500 < dpi < 2400  # up to an A4 page's worth of pixels, not to 2400 dpi
    assert "small page" in note


def test_a_huge_page_is_downsampled_within_the_limit() -> None:
    dpi, note = choose_dpi(2384, 3370, dpi=300, max_pixels=40_000_000)  # A0
    assert 100 <= dpi < 300 and "downsampled" in note
    assert (2384 * dpi / 72) * (3370 * dpi / 72) <= 40_000_000


def test_a_decompression_bomb_is_refused_before_rendering() -> None:
    with pytest.raises(PageTooLargeError, match="page too large"):
        choose_dpi(8400, 8400, dpi=300, native_dpi=300)


def test_an_oversized_image_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    Image.new("1", (9000, 9000), 1).save(path)
    with pytest.raises(PageTooLargeError):
        list(load_image_file(path, max_pixels=40_000_000))


# --- image files ----------------------------------------------------------------------------


def test_exif_orientation_is_honoured(tmp_path: Path) -> None:
    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((0, 0, 50, 20), fill=0)  # a mark top-left
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned: display it rotated 90° clockwise
    path = tmp_path / "photo.jpg"
    image.save(path, exif=exif.tobytes(), dpi=(300, 300))
    (page,) = load_image_file(path)
    assert page.image.size == (200, 400)
    pixels = np.asarray(page.image)
    assert pixels[:40, -15:].mean() < 64  # the mark moved to the top right


def test_multi_page_tiff_gives_one_page_per_frame(tmp_path: Path) -> None:
    frames = [Image.new("L", (850, 1100), shade) for shade in (255, 250, 245)]
    path = scans.save_tiff(frames, tmp_path / "pages.tiff", dpi=100)
    pages = list(load_image_file(path, dpi=300))
    assert [p.number for p in pages] == [1, 2, 3]
    # 100 dpi letter-size frames come out at 300 dpi and 612 × 792 pt.
    assert pages[0].dpi == 300 and pages[0].image.size == (2550, 3300)
    assert round(pages[0].width_pt) == 612


def test_fax_resolution_is_squared(tmp_path: Path) -> None:
    path = tmp_path / "fax.tiff"
    Image.new("1", (1728, 1100), 1).save(path, dpi=(204, 98))
    (page,) = load_image_file(path, dpi=204)
    width, height = page.image.size
    assert abs(width / height - (1728 / 204) / (1100 / 98)) < 0.01


# --- the real-world corpus -----------------------------------------------------------------


@pytest.mark.corpus
def test_decompression_bomb_is_refused(real_corpus: Path) -> None:
    with pytest.raises(PageTooLargeError, match="page too large"):
        extract_document(real_corpus / "ocrmypdf__hugemono.pdf")
