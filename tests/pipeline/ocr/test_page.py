"""Whole pages through OCR (:mod:`pipeline.ocr.page`): rendered sample pages, files through
:func:`extract_document`, and the real scans.

Tests marked ``slow`` OCR a handful of pages; ``corpus`` ones read ../shared/corpus/real and
skip when it is absent. Whole-document accuracy against the gold (items, kinds, owners, CER)
lives in ``test_scanned_minutes.py``; here pages are compared with the text layer they were
rasterised from, word by word in place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from pipeline.extract.document import extract_document
from pipeline.ocr.page import ocr_page, ocr_pages
from pipeline.ocr.raster import PageImage
from pipeline.ocr.settings import OcrSettings
from samples import scans
from samples.ocrscore import gold_lines, positional_errors, text_layer_boxes
from tests.pipeline.ocr.sample import SLUG


def _page_cer(page, original: Path, number: int) -> float:
    lines = gold_lines(text_layer_boxes(original)[number - 1])
    errors, chars = positional_errors(
        [(w.text, w.x0, w.top, w.x1, w.bottom) for w in page.words], lines
    )
    return errors / chars


# --- OCR on rendered sample pages (slow) -------------------------------------------------------


@pytest.mark.slow
def test_a_scanned_page_reads_like_its_text_layer(
    tesseract_ready: tuple[int, ...], rendered_samples: dict[str, Path], page_one: Image.Image
) -> None:
    scanned = scans.scan(page_one, angle=1.8, seed=5)
    page = ocr_page(PageImage(1, scanned, 300.0))
    assert page.ocr and "deskewed" in page.note
    assert page.confidence is not None and page.confidence > 85 and not page.needs_review
    assert _page_cer(page, rendered_samples[SLUG], 1) < 0.01
    assert len(page.rules) >= 8  # the table's lines, for the layout step
    assert {"2.1", "1"} <= {w.text for w in page.words}  # item numbers alone in their column


@pytest.mark.slow
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_pages_fed_sideways_or_upside_down_come_out_upright(
    tesseract_ready: tuple[int, ...], page_one: Image.Image, turn: int
) -> None:
    small = page_one.resize((page_one.width // 2, page_one.height // 2))  # 150 dpi: faster
    page = ocr_page(PageImage(1, scans.quarter_turn(small, turn), 150.0))
    assert f"turned {(360 - turn) % 360}° clockwise" in page.note
    assert (round(page.width), round(page.height)) == (595, 842)
    assert "Verslag Bestuurlijk Afstemmingsoverleg" in " ".join(w.text for w in page.words)


@pytest.mark.slow
def test_pages_run_in_parallel_in_order(
    tesseract_ready: tuple[int, ...], rendered_samples: dict[str, Path]
) -> None:
    images = [
        PageImage(n, image.resize((image.width // 2, image.height // 2)), 150.0)
        for n, image in enumerate(scans.rasterize(rendered_samples[SLUG], 300), start=1)
    ]
    one, two = ocr_pages(images, jobs=1), ocr_pages(images, jobs=2)
    assert [p.number for p in two] == [1, 2, 3]
    assert [[w.text for w in p.words] for p in one] == [[w.text for w in p.words] for p in two]


@pytest.mark.slow
def test_low_confidence_flags_a_page_for_review(
    tesseract_ready: tuple[int, ...], page_one: Image.Image
) -> None:
    small = page_one.resize((page_one.width // 2, page_one.height // 2))
    page = ocr_page(PageImage(1, small, 150.0), OcrSettings(review_threshold=99.5))
    assert page.needs_review and page.confidence is not None and page.confidence < 99.5


@pytest.mark.slow
def test_blank_page_is_not_flagged(tesseract_ready: tuple[int, ...]) -> None:
    page = ocr_page(PageImage(1, Image.new("L", (1240, 1754), 255), 150.0))
    assert page.words == [] and page.confidence is None and not page.needs_review
    assert "blank" in page.note


# --- files through extract_document (slow) ---------------------------------------------------


@pytest.mark.slow
def test_mixed_pdf_is_read_page_by_page(
    tesseract_ready: tuple[int, ...], rendered_samples: dict[str, Path], scanned_sample,
    tmp_path: Path,
) -> None:
    slug = "ggd-rtv-2022-04-13"
    born_digital, scan = rendered_samples[slug], scanned_sample(slug)["scan"]
    mixed = scans.mixed_pdf([(born_digital, 0), (scan, 1)], tmp_path / "mixed.pdf")
    first, second = extract_document(mixed).pages
    assert not first.ocr and first.words and first.words[0].conf is None
    assert second.ocr and "no text layer" in second.note and second.number == 2
    assert all(w.page == 2 for w in second.words)
    assert _page_cer(second, born_digital, 2) < 0.02


@pytest.mark.slow
def test_ocr_modes(
    tesseract_ready: tuple[int, ...], scanned_sample, rendered_samples: dict[str, Path]
) -> None:
    scan = scanned_sample("ggd-rtv-2022-04-13")["scan"]
    never = extract_document(scan, ocr="never")
    assert all(not p.words and "OCR disabled" in p.note for p in never.pages)
    always = extract_document(rendered_samples["ggd-rtv-2022-04-13"], ocr="always", jobs=2)
    assert all(p.ocr and "OCR forced" in p.note for p in always.pages)
    with pytest.raises(ValueError):
        extract_document(scan, ocr="sometimes")


@pytest.mark.slow
def test_png_and_multipage_tiff_are_read(tesseract_ready: tuple[int, ...], scanned_sample) -> None:
    variants = scanned_sample("ggd-rtv-2022-04-13")
    png = extract_document(variants["png"])
    assert len(png.pages) == 1 and png.pages[0].ocr and png.metadata["format"] == "png"
    assert (round(png.pages[0].width), round(png.pages[0].height)) == (595, 842)
    tiff = extract_document(variants["tiff"], jobs=2)
    assert len(tiff.pages) == 2 and all(p.words for p in tiff.pages)
    assert [w.text for w in tiff.pages[0].words][:20] == [w.text for w in png.pages[0].words][:20]


# --- the real-world corpus (slow) ------------------------------------------------------------


def _text(path: Path, **kwargs) -> tuple[str, list]:
    document = extract_document(path, jobs=2, **kwargs)
    return " ".join(w.text for p in document.pages for w in p.words), document.pages


@pytest.mark.corpus
def test_existing_ocr_layer_is_kept(real_corpus: Path) -> None:
    (page,) = extract_document(real_corpus / "ocrmypdf__graph_ocred.pdf").pages
    assert not page.ocr and page.words and "OCR layer" in page.note


@pytest.mark.slow
@pytest.mark.corpus
def test_scanned_dutch_memo(tesseract_ready: tuple[int, ...], real_corpus: Path) -> None:
    text, pages = _text(real_corpus / "nl_plooi__blg-1007826.pdf")
    assert "TER BESLISSING" in text and "12 november 2021" in text
    assert all(p.ocr and p.confidence and p.confidence > 85 for p in pages)


@pytest.mark.slow
@pytest.mark.corpus
def test_four_cardinal_rotations_come_out_upright(
    tesseract_ready: tuple[int, ...], real_corpus: Path
) -> None:
    _, pages = _text(real_corpus / "ocrmypdf__cardinal.pdf")
    assert len(pages) == 4
    for page in pages:
        assert page.width < page.height  # portrait again
        assert "LinnSequencer" in " ".join(w.text for w in page.words[:20])
    turns = [p.note for p in pages]
    assert "turned" not in turns[0] and all("turned" in note for note in turns[1:])


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("name", ["ocrmypdf__skew.pdf", "ocrmypdf__rotated_skew.pdf"])
def test_skewed_scans_are_levelled(
    tesseract_ready: tuple[int, ...], real_corpus: Path, name: str
) -> None:
    text, (page,) = _text(real_corpus / name)
    assert "deskewed" in page.note and page.width < page.height
    assert "The LinnSequencer is a state-of-the-art composition and performance tool" in text


@pytest.mark.slow
@pytest.mark.corpus
def test_font_without_unicode_map_is_ocrd(
    tesseract_ready: tuple[int, ...], real_corpus: Path
) -> None:
    text, (page,) = _text(real_corpus / "ocrmypdf__truetype_font_nomapping.pdf")
    assert page.ocr and "gibberish" in page.note
    assert '"7+%-' not in text and text.strip()


@pytest.mark.slow
@pytest.mark.corpus
def test_owner_password_only_pdf_opens_and_is_ocrd(
    tesseract_ready: tuple[int, ...], real_corpus: Path
) -> None:
    text, (page,) = _text(real_corpus / "ocrmypdf__encrypted_algo4.pdf")
    assert page.ocr and "PRESIDENT OF THE UNITED STATES" in text


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("name", ["ocrmypdf__typewriter.png", "ocrmypdf__2400dpi.pdf"])
def test_dutch_typewriter_text(tesseract_ready: tuple[int, ...], real_corpus: Path, name: str):
    text, (page,) = _text(real_corpus / name)
    assert page.ocr
    for words in ("linzen", "liter water", "kruidnagel, kerrie, zout"):
        assert words in text
    # The 2400 dpi scan sits on a stamp-sized page: rendered near its own resolution, within
    # the pixel limit, not at 300 dpi (illegible) nor at 2400 (needlessly huge).
    assert round(page.width) in (120, 960)
