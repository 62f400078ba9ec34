"""Orientation and skew (:mod:`pipeline.ocr.orientation`) measured on a rendered sample page."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pipeline.ocr import orientation
from samples import scans


@pytest.mark.parametrize("angle", [0.7, -1.6, 3.0, -4.5])
def test_skew_is_measured(page_one: Image.Image, angle: float) -> None:
    skewed = np.asarray(scans.rotate(page_one, angle))
    geometry = orientation.measure(orientation.downscale(orientation.ink_mask(skewed)))
    assert abs(geometry.skew + angle) <= 0.15
    assert not geometry.sideways


def test_a_sideways_page_is_noticed(page_one: Image.Image) -> None:
    sideways = np.asarray(scans.rotate(scans.quarter_turn(page_one, 90), 2.0))
    assert orientation.measure(orientation.downscale(orientation.ink_mask(sideways))).sideways
