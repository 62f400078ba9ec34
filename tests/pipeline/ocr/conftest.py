"""Fixtures of the OCR tests: the sample's first page as an image, rendered once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from samples import scans
from tests.pipeline.ocr.sample import SLUG


@pytest.fixture(scope="package")
def page_one(rendered_samples: dict[str, Path]) -> Image.Image:
    """Page 1 of the sample at 300 dpi, clean."""
    return scans.rasterize(rendered_samples[SLUG], 300)[0]
