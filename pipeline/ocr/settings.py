"""How pages are OCR'd: :class:`OcrSettings`, with the defaults of its thresholds.

One frozen record that travels from the caller through every OCR step, so that a benchmark or
a test can switch a single step off without reaching into the modules that do the work.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ocr import tesseract

REVIEW_THRESHOLD = 80.0  # mean word confidence below which a page is flagged for review
DEFAULT_PSM = 3  # Tesseract's automatic page segmentation: finds the table's text blocks


@dataclass(frozen=True)
class OcrSettings:
    """How to OCR pages. ``timeout`` is per Tesseract call in seconds, 0 for none."""

    lang: str = tesseract.DEFAULT_LANG
    psm: int = DEFAULT_PSM
    review_threshold: float = REVIEW_THRESHOLD
    timeout: float = 0
    orient: bool = True  # detect sideways and upside-down pages
    deskew: bool = True
    rules: bool = True  # find ruling lines (for the layout step)
    erase_rules: bool = True  # and keep them out of Tesseract's way
    reread: bool = True  # read isolated short words (item numbers) again, with context
    despeckle: bool = True  # remove stray toner specks from speckled pages
    redactions: bool = True  # words on Woo redaction boxes become one redaction mark
    fills: bool = True  # type on a tinted or dark fill made black on white for Tesseract
    whiten: bool = True  # turn grey, grainy paper white before OCR
    crop: bool = True  # give Tesseract only the box around the ink: less to lay out
