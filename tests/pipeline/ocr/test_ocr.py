"""OCR: page images, orientation and skew, Tesseract's words in points, and the real scans.

Unmarked tests need no Tesseract and run in a blink. Tests marked ``slow`` OCR a handful of
pages; ``corpus`` ones read ../shared/corpus/real and skip when it is absent. Whole-document
accuracy against the gold (items, kinds, owners, CER) lives in ``test_scanned_minutes.py``;
here pages are compared with the text layer they were rasterised from, word by word in place.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.ocr_accuracy import gold_lines, positional_errors, text_layer_boxes
from pipeline.errors import PageTooLargeError, TesseractMissingError
from pipeline.extract.document import extract_document
from pipeline.ocr import orientation, tesseract
from pipeline.ocr.page import (
    OcrSettings,
    find_rules,
    number_from_ink,
    ocr_page,
    ocr_pages,
    split_borders,
    to_words,
)
from pipeline.ocr.raster import PageImage, choose_dpi, load_image_file
from samples import scans

SLUG = "vrt-bao-oekraine-2022-04-07"  # three pages, ruled table, themes and titles


def _page_cer(page, original: Path, number: int) -> float:
    lines = gold_lines(text_layer_boxes(original)[number - 1])
    errors, chars = positional_errors(
        [(w.text, w.x0, w.top, w.x1, w.bottom) for w in page.words], lines
    )
    return errors / chars


@pytest.fixture(scope="module")
def page_one(rendered_samples: dict[str, Path]) -> Image.Image:
    """Page 1 of the sample at 300 dpi, clean."""
    return scans.rasterize(rendered_samples[SLUG], 300)[0]


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


# --- geometry ---------------------------------------------------------------------------------


@pytest.mark.parametrize("angle", [0.7, -1.6, 3.0, -4.5])
def test_skew_is_measured(page_one: Image.Image, angle: float) -> None:
    skewed = np.asarray(scans.rotate(page_one, angle))
    geometry = orientation.measure(orientation.downscale(orientation.ink_mask(skewed)))
    assert abs(geometry.skew + angle) <= 0.15
    assert not geometry.sideways


def test_a_sideways_page_is_noticed(page_one: Image.Image) -> None:
    sideways = np.asarray(scans.rotate(scans.quarter_turn(page_one, 90), 2.0))
    assert orientation.measure(orientation.downscale(orientation.ink_mask(sideways))).sideways


def test_ruling_lines_are_found_in_points(page_one: Image.Image) -> None:
    rules, boxes = find_rules(orientation.ink_mask(np.asarray(page_one)), 300)
    horizontal = [r for r in rules if not r.vertical]
    vertical = [r for r in rules if r.vertical]
    assert len(horizontal) >= 5 and len(vertical) >= 3
    assert len(boxes) == len(rules)
    # The table spans most of an A4 page's text width (points, not pixels).
    assert max(r.x1 - r.x0 for r in horizontal) > 400
    assert all(0 <= r.x0 <= 600 and 0 <= r.bottom <= 845 for r in rules)


def test_bold_print_is_not_taken_for_a_line() -> None:
    image = Image.new("L", (1600, 200), 255)
    font = ImageFont.load_default(size=60)
    draw = ImageDraw.Draw(image)
    for dx in range(4):  # fake bold: letters run into each other along the baseline
        draw.text((20 + dx, 60), "Vervolgafspraken mmmmmmmmmmm", fill=0, font=font)
    rules, _ = find_rules(orientation.ink_mask(np.asarray(image)), 300)
    assert rules == []


# --- words ---------------------------------------------------------------------------------


def _word(text: str, left: int, width: int, conf: float = 90.0) -> tesseract.TessWord:
    return tesseract.TessWord(text, left, 100, width, 30, conf, (1,), 126.0, 40.0, 9.0)


def test_words_share_their_line_band_in_points() -> None:
    words = to_words([_word("Besluit:", 300, 120), _word("ja", 450, 30)], 300, page=2)
    assert [w.text for w in words] == ["Besluit:", "ja"]
    first = words[0]
    assert first.page == 2 and first.x0 == pytest.approx(72.0)
    assert (first.top, first.bottom) == (words[1].top, words[1].bottom)
    assert first.size == pytest.approx(40 * 72 / 300, abs=0.1)
    assert first.conf == 90.0 and first.bold is False


def test_border_remains_are_cut_out_of_words() -> None:
    parts = split_borders([_word("Nr__Besluit", 0, 110), _word("|", 200, 3)])
    assert [w.text for w in parts] == ["Nr", "Besluit", "|"]
    assert to_words([_word("|", 0, 3), _word("_", 10, 20)], 300, 1) == []


def test_specks_and_weak_punctuation_are_dropped() -> None:
    words = to_words([_word("„", 0, 10, conf=30), _word("“om", 40, 40, conf=40)], 300, 1)
    assert [w.text for w in words] == ["om"]


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


# --- Tesseract -----------------------------------------------------------------------------


def test_tesseract_runs_single_threaded() -> None:
    import pytesseract

    env = pytesseract.pytesseract.environ
    assert env["OMP_THREAD_LIMIT"] == "1"
    assert env.get("PATH") == __import__("os").environ.get("PATH")


def test_missing_tesseract_names_the_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    tesseract.version.cache_clear()
    tesseract.languages.cache_clear()
    try:
        with pytest.raises(TesseractMissingError, match="tesseract-ocr tesseract-ocr-nld"):
            tesseract.ensure_available()
    finally:
        tesseract.version.cache_clear()
        tesseract.languages.cache_clear()


def test_missing_language_data_names_the_packages(tesseract_ready: tuple[int, ...]) -> None:
    with pytest.raises(TesseractMissingError, match="no language data for xyz.*tesseract-ocr-nld"):
        tesseract.ensure_available("nld+xyz")


def test_text_pdfs_need_no_tesseract(
    monkeypatch: pytest.MonkeyPatch, rendered_samples: dict[str, Path]
) -> None:
    def missing(lang: str = "nld") -> tuple[int, ...]:
        raise TesseractMissingError("Tesseract OCR is not installed")

    monkeypatch.setattr(tesseract, "ensure_available", missing)
    document = extract_document(rendered_samples[SLUG])
    assert document.pages and not any(p.ocr for p in document.pages)


def test_parse_hocr() -> None:
    hocr = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page'>
<span class='ocr_line' id='line_1_1' title="bbox 100 200 400 240; baseline 0.01 -8; x_size 40;
 x_descenders 8; x_ascenders 10"><span class='ocrx_word' id='word_1_1'
 title='bbox 100 205 220 232; x_wconf 96'>Besluit&amp;</span></span></div></body></html>"""
    (word,) = tesseract.parse_hocr(hocr)
    assert word.text == "Besluit&" and (word.left, word.width, word.conf) == (100, 120, 96.0)
    assert word.baseline == pytest.approx(240 - 8 + 0.01 * 60)
    assert (word.line_size, word.descent) == (40.0, 8.0)


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
def test_decompression_bomb_is_refused(real_corpus: Path) -> None:
    with pytest.raises(PageTooLargeError, match="page too large"):
        extract_document(real_corpus / "ocrmypdf__hugemono.pdf")


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
