"""The harsh degraders: a 150 dpi photocopy with a lid band and a fold, and a G4 TIFF."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from samples import scans


def _page(width: int = 2480, height: int = 3508) -> Image.Image:
    """A white A4 page at 300 dpi with lines of 'text' (black bars)."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for y in range(400, height - 400, 90):
        draw.rectangle((300, y, width - 300, y + 30), fill=0)
    return image


def _pdf(path: Path, pages: int = 2) -> Path:
    pdf = canvas.Canvas(str(path))
    for n in range(pages):
        pdf.setFont("Helvetica", 12)
        for k in range(30):
            pdf.drawString(72, 760 - 20 * k, f"Pagina {n + 1}, regel {k}: besluit over de opvang")
        pdf.showPage()
    pdf.save()
    return path


def _edges(pixels: np.ndarray, frac: float = 0.02) -> list[float]:
    h, w = pixels.shape
    dh, dw = max(1, int(h * frac)), max(1, int(w * frac))
    return [pixels[:dh].mean(), pixels[-dh:].mean(), pixels[:, :dw].mean(),
            pixels[:, -dw:].mean()]


def test_harsh_photocopy_is_150_dpi_with_a_dark_band_along_one_edge() -> None:
    page = _page()
    copy = scans.harsh_photocopy(page, from_dpi=300, seed=4)
    assert copy.size == (1240, 1754)
    pixels = np.asarray(copy, dtype=np.float32)
    edges = _edges(pixels)
    h, w = pixels.shape
    paper = pixels[h // 3: h // 3 + 40, w // 2 - 200: w // 2 + 200]
    assert min(edges) < 110  # the lid band
    assert sorted(edges)[1] > 150  # only along one edge
    assert np.median(paper) > 200
    # heavy specks: dark pixels scattered on the white margin
    margin = pixels[h // 2: h // 2 + 200, 40:120]
    assert (margin < 100).mean() > 0.001


def test_harsh_photocopy_differs_by_seed_and_not_by_run() -> None:
    page = _page(1240, 1754)
    a = np.asarray(scans.harsh_photocopy(page, from_dpi=300, seed=1))
    b = np.asarray(scans.harsh_photocopy(page, from_dpi=300, seed=1))
    c = np.asarray(scans.harsh_photocopy(page, from_dpi=300, seed=2))
    assert (a == b).all() and not (a == c).all()


def test_harsh_photocopy_pdf_embeds_150_dpi_jpeg_pages(tmp_path: Path) -> None:
    out = scans.harsh_photocopy_pdf(_pdf(tmp_path / "in.pdf"), tmp_path / "copy.pdf", seed=2)
    doc = pdfium.PdfDocument(str(out))
    try:
        assert len(doc) == 2
        page = doc[0]
        image = next(o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
        px_w, _ = image.get_px_size()
        assert round(px_w / (page.get_width() / 72)) == 150
        assert "DCTDecode" in image.get_filters()
        assert not page.get_textpage().get_text_bounded().strip()  # no text layer
    finally:
        doc.close()


def test_g4_tiff_is_bilevel_ccitt_group4_at_300_dpi(tmp_path: Path) -> None:
    path = scans.g4_tiff(_pdf(tmp_path / "in.pdf"), tmp_path / "scan.tiff", seed=3)
    with Image.open(path) as tiff:
        assert tiff.n_frames == 2
        for frame in range(2):
            tiff.seek(frame)
            assert tiff.mode == "1"
            assert tiff.info["compression"] == "group4"
            assert tuple(round(v) for v in tiff.info["dpi"]) == (300, 300)
            pixels = np.asarray(tiff.convert("L"))
            assert set(np.unique(pixels)) <= {0, 255}
            assert (pixels == 0).mean() > 0.005  # the text survived thresholding
