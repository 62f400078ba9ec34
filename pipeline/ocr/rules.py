"""Ruling lines in a level page image: found as :class:`Rule`s in points for the layout step,
and as pixel boxes to erase before OCR, since Tesseract reads cell borders as ``|`` and ``_`` and
its layout analysis spends time on them.
"""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.ocr import ink
from pipeline.ocr.ink import Box
from pipeline.records import Rule

_RULE_MIN_H = 60.0  # pt: shortest horizontal segment taken for a ruling line
_RULE_MIN_V = 14.0  # pt: shortest vertical one: a one-line table row is barely taller
# The same limits in letter heights, for large print and images of unknown resolution: a row
# is at least a line of text plus padding tall, while no letter stroke is that long.
_RULE_MIN_H_LETTERS = 10.0
_RULE_MIN_V_LETTERS = 2.6
_RULE_MAX_THICKNESS_LETTERS = 0.4
_RULE_MIN_ASPECT = 10.0  # length / thickness: a letter's stem is stouter than a rule
_RULE_MAX_THICKNESS = 4.0  # pt: thicker is a filled box (a redaction), not a line
_RULE_GAP = 1.5  # pt: breaks in a scanned line shorter than this are bridged
_RULE_MIN_FILL = 0.85  # share of a line's length that must be ink before bridging (not text)
_RULE_MAX_NEIGHBOUR_FILL = 0.2  # ink share alongside a line on its emptier side
# tan 0.6°: the skew a page may keep after levelling, which ignores less than 0.15° and
# measures to within a few tenths of a degree.
_RESIDUAL_SKEW = 0.0105
_STREAK_MARGIN = 0.03  # share of the page: a line reaching this near both edges is a streak


def _line_boxes(
    mask: np.ndarray, length: int, gap: int, horizontal: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Boxes (x, y, w, h) of straight runs of ink at least ``length`` px long, and the image
    of those runs."""
    if horizontal:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, gap), 1))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, length), 1))
    else:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(1, gap)))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(1, length)))
    lines = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, bridge)
    lines = cv2.morphologyEx(lines, cv2.MORPH_OPEN, keep)
    # Outlines rather than labelling: the image is nearly empty, and tracing costs only the
    # few line pixels where labelling scans them all.
    contours, _ = cv2.findContours(lines, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    boxes = np.array([cv2.boundingRect(c) for c in contours], dtype=np.int64).reshape(-1, 4)
    return boxes, lines


def _thickness(runs: np.ndarray, box: tuple[int, int, int, int], horizontal: bool) -> int:
    """How thick a run of ink is across its length: the median over its length. A thin line
    on a page skewed by less than deskewing corrects steps across a few pixel rows, so its
    box is taller than the line is thick."""
    x, y, w, h = box
    band = runs[y : y + h, x : x + w] > 0
    if not horizontal:
        band = band.T
    # Each column's extent from its first ink to its last: a frame of lines around the page
    # (two runs in every column) is as thick as the page, not as its lines.
    inked = band.any(axis=0)
    if not inked.any():
        return 0
    first = band.argmax(axis=0)[inked]
    last = band.shape[0] - 1 - band[::-1].argmax(axis=0)[inked]
    return int(np.median(last - first + 1))


def _pieces(runs: np.ndarray, box: tuple[int, int, int, int], horizontal: bool,
            max_thickness: float) -> list[tuple[int, int, int, int]]:
    """A stepped line's box cut along its length into boxes that each hug its ink, so that
    erasing it leaves the letters near it alone; the box of a line no broader than a rule
    may be as it is (erased whole, with the grey fringe a scan gives it)."""
    x, y, w, h = box
    if (h if horizontal else w) <= max_thickness:
        return [box]
    length = w if horizontal else h
    count = max(1, min(32, length // max(1, 8 * (h if horizontal else w))))
    out = []
    for n in range(count):
        a, b = length * n // count, length * (n + 1) // count
        part = runs[y : y + h, x + a : x + b] if horizontal else runs[y + a : y + b, x : x + w]
        across = np.flatnonzero(part.any(axis=1 if horizontal else 0))
        if across.size:
            lo, hi = int(across[0]), int(across[-1]) + 1
            out.append((x + a, y + lo, b - a, hi - lo) if horizontal else
                       (x + lo, y + a, hi - lo, b - a))
    return out


def find_rules(mask: np.ndarray, dpi: float) -> tuple[list[Rule], list[Box]]:
    """Ruling lines in the ink mask of a level page: as :class:`Rule`s in points, and as pixel
    boxes to erase before OCR.

    Found with morphology: an opening with a long thin kernel keeps only straight runs, after
    a closing has bridged the breaks a scanner leaves in thin lines. Limits are in points and
    in letter heights, whichever is stricter, so large print keeps its strokes.
    """
    half = ink.half(mask)
    return rules_in_half(half, dpi, ink.letter_height(half))


def rules_in_half(half: np.ndarray, dpi: float, letter: float) -> tuple[list[Rule], list[Box]]:
    """:func:`find_rules` on a half-size mask: lines are long, and half the pixels cost half."""
    f = 2.0  # full-resolution pixels per half-resolution pixel
    pt = dpi / 72.0 / f
    letter /= f
    max_thickness = _RULE_MAX_THICKNESS * pt
    if letter:
        max_thickness = min(max_thickness, max(1.5, _RULE_MAX_THICKNESS_LETTERS * letter))
    limits = (
        (True, max(_RULE_MIN_H * pt, _RULE_MIN_H_LETTERS * letter)),
        (False, max(_RULE_MIN_V * pt, _RULE_MIN_V_LETTERS * letter)),
    )
    rules: list[Rule] = []
    boxes: list[Box] = []
    for horizontal, min_len in limits:
        found, runs = _line_boxes(
            half, round(min_len), max(1, round(_RULE_GAP * pt)), horizontal
        )
        lines = []
        pieces: list[list[tuple[int, int, int, int]]] = []
        for x, y, w, h in found.tolist():
            length, breadth = (w, h) if horizontal else (h, w)
            # A line on a page a little off level steps across pixel rows: its box may be as
            # much broader as the skew deskewing leaves over its length, the line itself no
            # thicker than a rule.
            if breadth > max_thickness + length * _RESIDUAL_SKEW:
                continue
            thickness = _thickness(runs, (x, y, w, h), horizontal)
            if thickness > max_thickness or length < _RULE_MIN_ASPECT * thickness:
                continue
            band = half[y : y + h, x : x + w] > 0
            if band.any(axis=0 if horizontal else 1).mean() < _RULE_MIN_FILL:
                continue
            if _crowded(half, (x, y, w, h), horizontal, max(1, round(0.2 * letter))):
                continue
            lines.append((x, y, w, h))
            pieces.append(_pieces(runs, (x, y, w, h), horizontal, max_thickness))
        streaks = _streaks(lines, half.shape, horizontal)
        for n, (x, y, w, h) in enumerate(lines):
            # Erased before OCR all the same: Tesseract would read a streak as "|" too.
            boxes += [
                (round(px * f), round(py * f), round((px + pw) * f), round((py + ph) * f))
                for px, py, pw, ph in pieces[n]
            ]
            if n in streaks:
                continue
            if horizontal:
                mid = (y + h / 2) / pt
                rules.append(Rule(x / pt, mid, (x + w) / pt, mid))
            else:
                mid = (x + w / 2) / pt
                rules.append(Rule(mid, y / pt, mid, (y + h) / pt))
    return rules, boxes


def _streaks(lines: list[tuple[int, int, int, int]], shape: tuple[int, ...],
             horizontal: bool) -> set[int]:
    """Indexes of the lines, (x, y, w, h), that are a copier's streak: pieces on one line
    that together run from one edge of the paper to the other. A border stays inside the
    page's margins; a streak crosses them, and the text, wherever the drum was scratched."""
    across = shape[1] if horizontal else shape[0]
    margin = _STREAK_MARGIN * across
    by_line: dict[int, list[int]] = {}
    for n, (x, y, w, h) in enumerate(lines):
        mid = y + h // 2 if horizontal else x + w // 2
        key = next((k for k in by_line if abs(k - mid) <= 2), mid)
        by_line.setdefault(key, []).append(n)
    out: set[int] = set()
    for found in by_line.values():
        starts = [lines[n][0] if horizontal else lines[n][1] for n in found]
        ends = [
            lines[n][0] + lines[n][2] if horizontal else lines[n][1] + lines[n][3] for n in found
        ]
        if min(starts) <= margin and max(ends) >= across - margin:
            out.update(found)
    return out


def _crowded(half: np.ndarray, box: tuple[int, ...], horizontal: bool, d: int) -> bool:
    """Whether ink hugs a line, ``box`` as (x, y, w, h), on both sides: then it is the run of
    touching letters along a line of bold print, not a ruling line, which has cell padding on
    at least one side and usually both."""
    x, y, w, h = box
    if horizontal:
        sides = (half[max(0, y - d) : y, x : x + w], half[y + h : y + h + d, x : x + w])
    else:
        sides = (half[y : y + h, max(0, x - d) : x], half[y : y + h, x + w : x + w + d])
    fills = [float(np.count_nonzero(side)) / side.size if side.size else 0.0 for side in sides]
    return min(fills) > _RULE_MAX_NEIGHBOUR_FILL


def erase(image: np.ndarray, boxes: list[Box], margin: int, paper: int = 255) -> np.ndarray:
    """A copy of ``image`` with the boxes (grown by ``margin``) painted ``paper``."""
    if not boxes:
        return image
    out = image.copy()
    h, w = out.shape
    for x0, y0, x1, y1 in boxes:
        top, left = max(0, y0 - margin), max(0, x0 - margin)
        out[top : min(h, y1 + margin), left : min(w, x1 + margin)] = paper
    return out
