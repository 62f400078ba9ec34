"""The Tesseract wrapper (:mod:`pipeline.ocr.tesseract`): single-threaded runs, missing program
or language data named with the packages to install, text PDFs read without it, hOCR parsing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import TesseractMissingError
from pipeline.extract.document import extract_document
from pipeline.ocr import tesseract
from tests.pipeline.ocr.sample import SLUG


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
