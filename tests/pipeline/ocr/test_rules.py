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


def test_a_copier_streak_from_edge_to_edge_is_no_rule_but_is_erased() -> None:
    # A table's borders stay inside the margins; a scratch on the drum draws one line from
    # the paper's top to its foot, broken where the copy is faint, right through the text.
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    for x in (300, 900, 2100):  # a table's verticals
        draw.line([(x, 600), (x, 1800)], fill=0, width=4)
    for y in (600, 1000, 1400, 1800):
        draw.line([(300, y), (2100, y)], fill=0, width=4)
    for top, bottom in ((0, 1500), (1540, 2900), (2950, 3508)):  # the streak, in pieces
        draw.line([(1500, top), (1500, bottom)], fill=0, width=4)
    rules, boxes = find_rules(orientation.ink_mask(np.asarray(image)), 300)
    xs = sorted({round(r.x0) for r in rules if r.vertical})
    assert xs == [72, 216, 504]  # 300, 900 and 2100 px at 300 dpi
    assert any(x0 <= 1500 <= x1 and y1 - y0 > 1000 for x0, y0, x1, y1 in boxes)


def test_a_thin_line_a_scan_blurred_to_light_grey_is_found_whole() -> None:
    # Black print, and a table border the scan left at 150-185 grey: Otsu's threshold, set
    # between paper and print, sees paper there; the faint mask sees the whole line.
    from pipeline.ocr import ink
    from pipeline.ocr.rules import rules_in_half

    image = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=42)
    for n in range(4):
        draw.text((300, 200 + 200 * n), "De leden nemen kennis van de huisvestingsvisie.",
                  fill=0, font=font)
    for x in range(280, 2200, 40):
        draw.line([(x, 560), (x + 39, 560)], fill=150 if x % 80 else 185, width=2)
    gray = np.asarray(image)
    letter = 42.0
    otsu = ink.half(orientation.ink_mask(gray))
    assert not [r for r in rules_in_half(otsu, 300, letter)[0] if not r.vertical]
    found = [r for r in rules_in_half(ink.faint_half(gray), 300, letter)[0] if not r.vertical]
    assert len(found) == 1 and found[0].x1 - found[0].x0 > 0.95 * (2200 - 280) * 72 / 300


def test_a_thin_line_on_a_page_skewed_below_deskewing_is_a_rule() -> None:
    # A scan 0.4° off level, too little to be deskewed: each border steps down 13 px across
    # the table, so its box is taller than a rule is thick; it is a rule all the same, and its
    # erased boxes hug the line, not the text rows between the borders.
    image = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=42)
    for n, y in enumerate((300, 600, 900, 1200)):
        draw.line([(300, y), (2100, y + 13)], fill=0, width=3)
        if n < 3:
            draw.text((320, y + 40), "De leden nemen kennis van de stand.", fill=0, font=font)
    rules, boxes = find_rules(orientation.ink_mask(np.asarray(image)), 300)
    horizontal = [r for r in rules if not r.vertical]
    assert len(horizontal) == 4
    assert all(r.x1 - r.x0 > 0.95 * 1800 * 72 / 300 for r in horizontal)
    assert all(y1 - y0 <= 8 for _, y0, _, y1 in boxes)
