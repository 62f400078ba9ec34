"""Woo redactions on a page image: solid boxes laid over the words that were withheld.

A released document blacks out names with filled boxes, often with the legal ground printed
in white inside ("5.1.2e"). Tesseract reads such a box as noise ("EEN", "BEREN", "512e"),
which then passes for a name, an owner or part of a title. Here the boxes are found in the
ink (a filled rectangle at least a line high: text fills a fraction of its box, a redaction
nearly all of it), and the words on them become one mark per box: the ground where Tesseract
read one, else ``[weggelakt]``. A box no word was read on still gets its mark, so that an
owner cell that is nothing but a redaction says so.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from models.redaction import MARK, is_redaction_mark
from pipeline.ocr.ink import Box
from pipeline.records import Word

Area = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points

_RECTANGLE = 0.85  # share of its bounding box a filled box covers
_MIN_DARK = 0.7  # share of its pixels that are dark (bold type closed into a blob: 0.6 at most)
# Median grey of a filled box: near black, also on a copy (20-30); bold type on a grey band
# reads 90 and more.
_MAX_GREY = 70


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
    return _without_bands(out, gray.shape[1])


def _without_bands(boxes: list[Box], width: int) -> list[Box]:
    """The boxes less those that line up into a band across the page: the cells of a header
    row set white on a dark fill, a shaded table row."""
    out = []
    for box in boxes:
        row = [b for b in boxes if abs(b[1] - box[1]) <= 3 and abs(b[3] - box[3]) <= 3]
        if sum(b[2] - b[0] for b in row) <= 0.4 * width:
            out.append(box)
    return out


def in_points(boxes: list[Box], dpi: float) -> list[Area]:
    """Pixel boxes of an image at ``dpi`` as areas in PDF points."""
    scale = 72.0 / dpi
    return [(x0 * scale, y0 * scale, x1 * scale, y1 * scale) for x0, y0, x1, y1 in boxes]


def _inside(word: Word, area: Area) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _legible(on: list[Word]) -> bool:
    """Whether what was read on a box is text set on a fill (a label, a highlight), not a
    redaction: words OCR read with confidence, none of them a ground."""
    if not on or any(is_redaction_mark(w.text) for w in on):
        return False
    confs = [w.conf for w in on if w.conf is not None]
    return bool(confs) and sum(confs) / len(confs) >= 85


def mark_redactions(words: list[Word], areas: list[Area], page: int) -> list[Word]:
    """The words of a page (points) with those on a redaction box replaced by one mark per
    box and line, and a mark added for each box nothing was read on."""
    if not areas:
        return words
    on = {n: [w for w in words if _inside(w, a)] for n, a in enumerate(areas)}
    areas = [a for n, a in enumerate(areas) if not _legible(on[n])]
    out: list[Word] = []
    marks: dict[int, list[Word]] = {}
    for word in words:
        n = next((i for i, a in enumerate(areas) if _inside(word, a)), None)
        if n is None:
            out.append(word)
            continue
        mark = next((m for m in marks.get(n, []) if _same_line(m, word)), None)
        if mark is None:
            x0, _, x1, _ = areas[n]
            mark = replace(word, text=MARK, x0=round(x0, 2), x1=round(x1, 2))
            marks.setdefault(n, []).append(mark)
            out.append(mark)
        if is_redaction_mark(word.text):
            mark.text = word.text.strip("()[].,;:")
        if word.text[-1:] in ":;," and word.x1 > areas[n][2]:
            mark.text += word.text[-1]  # "5.1.2e:" read with the colon after the box
    for n, (x0, y0, x1, y1) in enumerate(areas):
        if n not in marks:
            bottom = min(y1, y0 + (x1 - x0) / 2)
            out.append(Word(MARK, round(x0, 2), round(x1, 2), round(y0, 2), round(bottom, 2),
                            page, round(bottom - y0, 1)))
    return out


def _same_line(a: Word, b: Word) -> bool:
    return abs((a.top + a.bottom) - (b.top + b.bottom)) / 2 < (a.bottom - a.top) / 2
