"""Ruling lines (:mod:`pipeline.ocr.rules`): found in points on a ruled table, and bold print
not taken for one."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import orientation
from pipeline.ocr.rules import find_rules


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
