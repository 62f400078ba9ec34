"""The settings of the per-document work, as one object from the command line down to extraction.

A leaf module without the PDF libraries, so that the command line can offer the OCR modes and
defaults without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class OcrMode(StrEnum):
    """When pages are OCR'd."""

    AUTO = "auto"  # pages whose text layer is missing, unreadable or does not cover the page
    ALWAYS = "always"  # every page
    NEVER = "never"  # text layers only: scanned pages stay empty


DEFAULT_DPI = 300  # resolution pages are rendered at for OCR
DEFAULT_MAX_PIXELS = 40_000_000  # room for A2 at 300 dpi (35 Mpx); A4 at 300 dpi has 8.7
DEFAULT_TIMEOUT = 300.0  # seconds one document may take in an ingest
# An image file (PNG, TIFF) up to this many times the pixel limit is decoded whole and then
# downsampled; a larger one is refused, since decoding it would take that much memory. A JPEG
# is decoded at a reduced scale instead, however large.
DECODE_FACTOR = 2


@dataclass(frozen=True)
class ProcessOptions:
    """Settings of the work on one document: extraction, OCR and tagging.

    `passwords` are tried in turn on an encrypted PDF that does not open without one.
    `timeout` is enforced by whoever runs the document (an ingest's worker pool); the
    per-document function itself has no clock.
    """

    ocr: OcrMode = OcrMode.AUTO
    passwords: tuple[str, ...] = ()
    tag: bool = True  # run the Dutch language model
    ocr_jobs: int | None = None  # Tesseract processes for this document; None: 1, or the
    # share of the CPUs an ingest gives it
    dpi: int = DEFAULT_DPI
    max_pixels: int = DEFAULT_MAX_PIXELS  # larger page images are downsampled or refused
    timeout: float | None = None  # seconds; None: no limit

    def __post_init__(self) -> None:
        # A plain string ("never") is accepted and checked here, once, for every caller.
        object.__setattr__(self, "ocr", OcrMode(self.ocr))
        object.__setattr__(self, "passwords", tuple(self.passwords))

    def but(self, **changes: Any) -> ProcessOptions:
        """These options with `changes` applied; a change given as None keeps the field."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


__all__ = [
    "DECODE_FACTOR",
    "DEFAULT_DPI",
    "DEFAULT_MAX_PIXELS",
    "DEFAULT_TIMEOUT",
    "OcrMode",
    "ProcessOptions",
]
