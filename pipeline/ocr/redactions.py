"""Woo redactions on a page image: solid boxes laid over the words that were withheld.

A released document blacks out names with filled boxes, black or one flat grey (the tools that
publish Woo releases), often with the legal ground printed in white inside ("5.1.2e").
Tesseract reads such a box as noise ("EEN", "BEREN", "512e"), which then passes for a name, an
owner or part of a title. Here the boxes are found in the
ink (a filled rectangle at least a line high: text fills a fraction of its box, a redaction
nearly all of it), and the words on them become one mark per box: the ground where Tesseract
read one, else ``[weggelakt]``. A box no word was read on still gets its mark, so that an
owner cell that is nothing but a redaction says so.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median

import cv2
import numpy as np

from models.redaction import MARK, read_ground
from pipeline.ocr import ink
from pipeline.ocr.ink import Box
from pipeline.records import Rule, Word

Area = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points

_RECTANGLE = 0.85  # share of its bounding box a filled box covers
_MIN_DARK = 0.7  # share of its pixels that are dark (bold type closed into a blob: 0.6 at most)
# Median grey of a filled box: near black, also on a copy (20-30); bold type on a grey band
# reads 90 and more.
_MAX_GREY = 70
# Grey boxes (the Woo publication tools fill with one grey, about 108): a tone no lighter than
# this, so sharply the page's commonest mid-grey that the type's blurred edges are not it.
_GREY_RANGE = (60, 170)
_TONE = 6  # a scan's noise around the fill's grey
_BELOW_PAPER = 60  # how much darker than the paper a grey fill is at least
_PEAK = 4  # a fill's grey outnumbers the greys a little lighter and darker this many times
_TONES = 3  # flat greys tried on one page, at most
_DARKER, _MAX_DARKER = 40, 0.01  # a box's ground is lighter than its fill, never darker
_MARGIN = 0.05  # a tall fill this near the page's edge is a letterhead band, not a redaction


def find_boxes(gray: np.ndarray, letter: float) -> list[Box]:
    """Filled boxes of a page image, in its pixels: whatever is not paper, closed over the
    ground's white letters, then opened with a kernel wider than any stroke (letters and rules
    vanish, fills stay); of that, the rectangles at least a letter high and three wide, no taller
    than a tenth of the page (a picture or a shaded panel is no redaction), that were mostly
    dark before and nearly black (text closed into a blob is not)."""
    if letter <= 0:
        return []
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    dark = (small < 200).astype(np.uint8)
    unit = letter / 2  # a letter height in half-size pixels
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((max(2, round(unit * 0.25)),) * 2))
    solid = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((max(3, round(unit * 0.45)),) * 2))
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    out: list[Box] = []
    for x, y, w, h, area in stats[1:count]:
        if h < 0.8 * unit or w < 3 * unit or h > small.shape[0] / 10:
            continue
        if area < _RECTANGLE * w * h:
            continue
        if np.count_nonzero(dark[y : y + h, x : x + w]) < _MIN_DARK * w * h:
            continue
        if np.median(small[y : y + h, x : x + w]) > _MAX_GREY:
            continue  # bold words on a shaded row closed into a blob: paper between strokes
        out.append((2 * int(x), 2 * int(y), 2 * int(x + w), 2 * int(y + h)))
    out += [b for b in _grey_boxes(small, unit) if not any(overlap(b, o) for o in out)]
    return _without_bands(out, gray.shape[1])


def _grey_boxes(small: np.ndarray, unit: float) -> list[Box]:
    """Boxes filled with one flat grey, in the pixels of the full-size image, for each of the
    page's flat greys (:func:`_flat_tones`): the pixels of that tone with their holes (the
    ground's white letters) filled, opened to cut threads, as rectangles at least a letter high
    and three wide. The tone is one of its own, so black type and rules that touch a box never
    merge with it; a box taller than a tenth of the page (a cell redacted down several rows) is
    kept when clear of the page's edges."""
    out: list[Box] = []
    tones = [(tone, _TONE) for tone in _flat_tones(small, unit)]
    tones += [(t, spread) for t, spread in _patch_tones(small, unit)
              if all(abs(t - tone) > _TONE for tone, _ in tones)]  # fmt: skip
    for tone, spread in tones:
        mask = (np.abs(small.astype(np.int16) - tone) <= spread).astype(np.uint8)
        # Closed over the white letters first: a ground's letters reach the box's edge, and
        # the outline of the fill alone would run in around them.
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((max(3, round(unit * 0.35)),) * 2))
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        filled = np.zeros_like(mask)
        cv2.drawContours(filled, contours, -1, 1, thickness=cv2.FILLED)
        kernel = np.ones((max(3, round(unit * 0.45)),) * 2)
        solid = cv2.morphologyEx(filled, cv2.MORPH_OPEN, kernel)
        for x, y, bw, bh, area in _rectangles(solid):
            if bh < 0.8 * unit or bw < 3 * unit or area < _RECTANGLE * bw * bh:
                continue
            fill = small[y : y + bh, x : x + bw]
            if np.count_nonzero(np.abs(fill.astype(np.int16) - tone) <= spread) < 0.5 * bw * bh:
                continue  # mostly other ink
            if np.count_nonzero(fill < tone - max(_DARKER, 2 * spread)) > _MAX_DARKER * bw * bh:
                continue  # type darker than the fill: a shaded cell, not a ground on a box
            box = (x, y, x + bw, y + bh)
            if bh > small.shape[0] / 10 and not _inland(box, small):
                continue
            out.append((2 * x, 2 * y, 2 * (x + bw), 2 * (y + bh)))
    return out


def _flat_tones(small: np.ndarray, unit: float) -> list[int]:
    """The page's flat greys, most common first: tones that stand out of the histogram as
    sharply as a fill's one grey does (the blurred edges of type spread over all greys), well
    darker than the paper (on a grey photocopy, the paper's own tone is no fill), each covering
    at least three boxes' worth of a letter square."""
    low, high = _GREY_RANGE
    high = min(high, int(np.median(small)) - _BELOW_PAPER)
    if high <= low:
        return []
    counts = np.bincount(small.ravel(), minlength=256).astype(np.int64)
    least = 3 * (3 * unit) * unit
    tones = []
    for tone in range(low, high + 1):
        around = max(counts[tone - 10 : tone - 3].max(), counts[tone + 4 : tone + 11].max())
        if counts[tone] >= least and counts[tone] >= _PEAK * around and counts[tone] == max(
            counts[tone - 3 : tone + 4]
        ):
            tones.append(tone)
    return sorted(tones, key=lambda t: -counts[t])[:_TONES]


def _rectangles(solid: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """The blobs of a mask as (x, y, w, h, pixels set): whole where a blob nearly fills its
    bounding box (a scan's blur frays a box's edges by a pixel here and there, which cutting
    into runs of rows would take for the ends of as many boxes), else cut into runs of rows
    (:func:`ink.row_rectangles`)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    whole = [
        (x, y, w, h, area)
        for x, y, w, h, area in stats[1:count].tolist()
        if area >= _RECTANGLE * w * h
    ]
    if len(whole) == count - 1:
        return whole
    rest = solid.copy()
    for x, y, w, h, _ in whole:
        rest[y : y + h, x : x + w] = 0
    return whole + ink.row_rectangles(rest)


def _patch_tones(small: np.ndarray, unit: float) -> list[tuple[int, int]]:
    """The greys of mid-grey patches of a page, each with how far a scan's noise spreads
    it, for a box too small to stand out of the histogram (one "5.1.2e" on a page of type:
    the blurred edges of the letters outnumber its grey). Type's blurred edges are threads a
    pixel or two wide, which an opening removes; a fill's grey around its white letters is
    wider."""
    low, high = _GREY_RANGE
    high = min(high, int(np.median(small)) - _BELOW_PAPER)
    if high <= low:
        return []
    mid = ((small >= low) & (small <= high)).astype(np.uint8)
    mid = cv2.morphologyEx(mid, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mid, connectivity=4)
    tones: list[tuple[int, int]] = []
    rows, cols = small.shape
    for n in np.flatnonzero(stats[1:count, cv2.CC_STAT_AREA] >= unit * unit) + 1:
        x, y, w, h = stats[n, :4]
        if x == 0 or y == 0 or x + w == cols or y + h == rows:
            continue  # a copier's grey along the page's edge
        grey = small[y : y + h, x : x + w][labels[y : y + h, x : x + w] == n].astype(np.int16)
        tone = int(np.median(grey))
        # Twice the noise's deviation (from the median absolute one: 1.48 times it).
        spread = max(_TONE, round(3 * float(np.median(np.abs(grey - tone)))))
        if all(abs(tone - t) > max(spread, s) for t, s in tones):
            tones.append((tone, spread))
    return tones[:_TONES]


def overlap(a: Box, b: Box) -> bool:
    """Whether two pixel boxes overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inland(box: Box, image: np.ndarray) -> bool:
    """Whether a box keeps clear of the page's edges, where letterheads put their bands."""
    x0, y0, x1, y1 = box
    height, width = image.shape[:2]
    mx, my = _MARGIN * width, _MARGIN * height
    return x0 > mx and y0 > my and x1 < width - mx and y1 < height - my


def _without_bands(boxes: list[Box], width: int) -> list[Box]:
    """The boxes less those that line up into a band across the page: the cells of a header
    row set white on a dark fill, a shaded table row."""
    out = []
    for box in boxes:
        row = [b for b in boxes if abs(b[1] - box[1]) <= 3 and abs(b[3] - box[3]) <= 3]
        if sum(b[2] - b[0] for b in row) <= 0.4 * width:
            out.append(box)
    return out


def beyond_boxes(rules: list[Rule], areas: list[Area]) -> list[Rule]:
    """The rules less the edges of filled areas, redaction boxes or fills (in points): a line
    that runs along them over its whole length (two boxes on adjacent lines share one left
    edge). A table's rule that a box touches runs on past it."""
    def edge(rule: Rule) -> bool:
        flat = rule.bottom - rule.top < rule.x1 - rule.x0
        start, end = (rule.x0, rule.x1) if flat else (rule.top, rule.bottom)
        spans = []
        for x0, top, x1, bottom in areas:
            pad = max(2.0, 0.15 * (bottom - top))
            across = (top, bottom) if flat else (x0, x1)
            at = rule.top if flat else rule.x0
            if across[0] - pad <= at <= across[1] + pad:
                spans.append((x0 - pad, x1 + pad) if flat else (top - pad, bottom + pad))
        reach = start
        for low, high in sorted(spans):
            if low > reach:
                break
            reach = max(reach, high)
        return reach >= end

    return [r for r in rules if not edge(r)]


def in_points(boxes: list[Box], dpi: float) -> list[Area]:
    """Pixel boxes of an image at ``dpi`` as areas in PDF points."""
    scale = 72.0 / dpi
    return [(x0 * scale, y0 * scale, x1 * scale, y1 * scale) for x0, y0, x1, y1 in boxes]


def inside(word: Word, area: Area) -> bool:
    """Whether a word's centre lies in an area (points)."""
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _legible(on: list[Word]) -> bool:
    """Whether what was read on a box is text set on a fill (a label, a highlight), not a
    redaction: words OCR read with confidence, none of them a ground."""
    if not on or any(read_ground(w.text) for w in on):
        return False
    confs = [w.conf for w in on if w.conf is not None]
    return bool(confs) and sum(confs) / len(confs) >= 85


def mark_redactions(words: list[Word], areas: list[Area], page: int) -> list[Word]:
    """The words of a page (points) with those on a redaction box replaced by one mark per
    box and line, and a mark added for each box nothing was read on."""
    if not areas:
        return words
    on = {n: [w for w in words if inside(w, a)] for n, a in enumerate(areas)}
    areas = [a for n, a in enumerate(areas) if not _legible(on[n])]
    out: list[Word] = []
    marks: dict[int, list[Word]] = {}
    for word in words:
        n = next((i for i, a in enumerate(areas) if inside(word, a)), None)
        if n is None:
            out.append(word)
            continue
        mark = next((m for m in marks.get(n, []) if _same_line(m, word)), None)
        if mark is None:
            x0, _, x1, _ = areas[n]
            mark = replace(word, text=MARK, x0=round(x0, 2), x1=round(x1, 2))
            marks.setdefault(n, []).append(mark)
            out.append(mark)
        ground = read_ground(word.text)
        if ground:
            mark.text = ground
        # What OCR read beside the box with it is the sentence's, not the box's: the colon of
        # "A > 5.1.2e: …", the brackets of "… (5.1.2e)" that say the box is the owner.
        # A pair is that wherever the ink put the brackets (a box drawn up to them takes them
        # in); a lone one only outside the box, where it cannot be noise of the box.
        x0, _, x1, _ = areas[n]
        pair = len(word.text) > 2 and word.text[0] == "(" and word.text[-1] == ")"
        if word.text[:1] == "(" and (pair or word.x0 < x0) and not mark.text.startswith("("):
            mark.text = "(" + mark.text
        if word.text[-1:] in ":;,)" and (pair or word.x1 > x1) and not mark.text.endswith(")"):
            mark.text += word.text[-1]
    # A box nothing was read on gets a mark of the page's word height, on the box's middle (a
    # box is taller than the words it hides: its full height would reach into the lines around
    # it and glue them together). A box over several lines gets one on each line the text
    # beside it has (a cell redacted down several table rows: each row's cell is redacted).
    tall = median([w.bottom - w.top for w in words]) if words else None
    for n, (x0, y0, x1, y1) in enumerate(areas):
        if n in marks:
            continue
        height = tall or min(y1 - y0, (x1 - x0) / 2)
        if y1 - y0 <= 2 * height:
            tops = [(y0 + y1 - height) / 2]
        else:
            tops = _line_tops(out, y0, y1, height) or [y0 + height / 4]
        marks[n] = [
            Word(MARK, round(x0, 2), round(x1, 2), round(top, 2), round(top + height, 2), page,
                 round(height, 1))
            for top in tops
        ]  # fmt: skip
        out.extend(marks[n])
    _pair_brackets(out, [m for on_box in marks.values() for m in on_box])
    return out


def _pair_brackets(words: list[Word], marks: list[Word]) -> None:
    """Brackets around a box made whole where OCR read one of them into the box's noise
    ("(█)" as "EEE)", "█ )" or "(EEE"): brackets come in pairs, and a box in them is the
    owner of an action. A mark opened by one closes when nothing follows it on its line."""
    for mark in marks:
        right = [w for w in words if w.x0 >= mark.x1 - 2 and _same_line(w, mark) and w is not mark]
        after = min(right, key=lambda w: w.x0, default=None)
        closed = mark.text.endswith(")") or (after is not None and after.text.startswith(")"))
        if closed and not mark.text.startswith("("):
            mark.text = "(" + mark.text
        elif mark.text.startswith("(") and not closed and after is None:
            mark.text += ")"


def _line_tops(words: list[Word], y0: float, y1: float, height: float) -> list[float]:
    """Tops of the lines of text between y0 and y1, at most one per line height."""
    tops: list[float] = []
    for top in sorted(w.top for w in words if y0 <= (w.top + w.bottom) / 2 <= y1):
        if not tops or top - tops[-1] >= height:
            tops.append(top)
    return tops


def _same_line(a: Word, b: Word) -> bool:
    return abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 < (a.bottom - a.top) / 2
