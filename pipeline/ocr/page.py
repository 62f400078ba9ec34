"""Page images → :class:`Page` records of OCR words in PDF points, for the shared layout step.

Per page: turn it upright and level it (:mod:`pipeline.ocr.orientation`), find the table's ruling
lines and lift them out of the image (Tesseract reads cell borders as ``|`` and ``_``, and its
layout analysis spends time on them), run Tesseract, and convert its word boxes from pixels to
points. Words land in the frame of the upright page, which is what the layout step needs; the
page's width and height are that frame's. Ruling lines come back as :class:`Rule`s.

Short isolated words, item numbers above all, are then read a second time with context (see
:func:`reread`), in one Tesseract call for a batch of pages.

Pages run in parallel, each in its own single-threaded Tesseract process.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from pipeline.errors import OcrError
from pipeline.ocr import orientation, tesseract
from pipeline.ocr.raster import PageImage
from pipeline.records import Page, Rule, Word

REVIEW_THRESHOLD = 80.0  # mean word confidence below which a page is flagged for review
DEFAULT_PSM = 3  # Tesseract's automatic page segmentation: finds the table's text blocks
_SUSPECT_CONFIDENCE = 60.0  # below this, ask OSD whether the page is upside down or sideways
_BLANK_INK = 0.002  # fraction of ink pixels under which a page counts as blank
_REREAD_BATCH = 16  # pages whose isolated words share one extra Tesseract call

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


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
    whiten: bool = True  # turn grey, grainy paper white before OCR
    crop: bool = True  # give Tesseract only the box around the ink: less to lay out


# --- ruling lines ---------------------------------------------------------------------------

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


def _half(mask: np.ndarray) -> np.ndarray:
    """An ink mask at half resolution, thin strokes kept."""
    half = cv2.resize(
        mask, (max(1, mask.shape[1] // 2), max(1, mask.shape[0] // 2)),
        interpolation=cv2.INTER_AREA,
    )
    return cv2.threshold(half, 64, 255, cv2.THRESH_BINARY)[1]


def _line_boxes(mask: np.ndarray, length: int, gap: int, horizontal: bool) -> np.ndarray:
    """Boxes (x, y, w, h) of straight runs of ink at least ``length`` px long."""
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
    return np.array([cv2.boundingRect(c) for c in contours], dtype=np.int64).reshape(-1, 4)


Blobs = tuple[int, np.ndarray, np.ndarray]  # connected components: count, labels, stats


def blobs(half: np.ndarray) -> Blobs:
    """The connected components of a half-size ink mask, labelled once for the steps that
    need them (letter height, specks): on a noisy page labelling is the costly part."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    return count, labels, stats


def letter_height(half: np.ndarray, found: Blobs | None = None) -> float:
    """Median height, in full-resolution pixels, of the letter-sized blobs of a half-size ink
    mask (:func:`_half`); 0 without any."""
    count, _, stats = found or blobs(half)
    stats = stats[1:count]
    h, w, area = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH], stats[:, 4]
    # Specks can outnumber letters on a worn copy: blobs under 3 px (6 at full size) are out.
    fit = (area >= 6) & (h >= 3) & (h <= half.shape[0] / 20) & (w <= half.shape[1] / 10)
    return 2.0 * float(np.median(h[fit])) if fit.any() else 0.0


def find_rules(mask: np.ndarray, dpi: float) -> tuple[list[Rule], list[Box]]:
    """Ruling lines in the ink mask of a level page: as :class:`Rule`s in points, and as pixel
    boxes to erase before OCR.

    Found with morphology: an opening with a long thin kernel keeps only straight runs, after
    a closing has bridged the breaks a scanner leaves in thin lines. Limits are in points and
    in letter heights, whichever is stricter, so large print keeps its strokes.
    """
    half = _half(mask)
    return _rules_in_half(half, dpi, letter_height(half))


def _rules_in_half(half: np.ndarray, dpi: float, letter: float) -> tuple[list[Rule], list[Box]]:
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
        found = _line_boxes(half, round(min_len), max(1, round(_RULE_GAP * pt)), horizontal)
        for x, y, w, h in found.tolist():
            thickness, length = (h, w) if horizontal else (w, h)
            if thickness > max_thickness or length < _RULE_MIN_ASPECT * thickness:
                continue
            band = half[y : y + h, x : x + w] > 0
            if band.any(axis=0 if horizontal else 1).mean() < _RULE_MIN_FILL:
                continue
            if _crowded(half, (x, y, w, h), horizontal, max(1, round(0.2 * letter))):
                continue
            boxes.append((round(x * f), round(y * f), round((x + w) * f), round((y + h) * f)))
            if horizontal:
                mid = (y + h / 2) / pt
                rules.append(Rule(x / pt, mid, (x + w) / pt, mid))
            else:
                mid = (x + w / 2) / pt
                rules.append(Rule(mid, y / pt, mid, (y + h) / pt))
    return rules, boxes


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


def _erase(image: np.ndarray, boxes: list[Box], margin: int, paper: int = 255) -> np.ndarray:
    """A copy of ``image`` with the boxes (grown by ``margin``) painted ``paper``."""
    if not boxes:
        return image
    out = image.copy()
    h, w = out.shape
    for x0, y0, x1, y1 in boxes:
        top, left = max(0, y0 - margin), max(0, x0 - margin)
        out[top : min(h, y1 + margin), left : min(w, x1 + margin)] = paper
    return out


# --- paper ----------------------------------------------------------------------------------


def whiten(gray: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Paper made white and ink stretched to full contrast: the grey, grainy background of a
    scan or copy becomes 255, so erased lines and specks leave no patches behind and Tesseract
    sees only the print. Levels are taken from a sample of paper pixels."""
    paper = gray[::9, ::9][mask[::9, ::9] == 0]
    if paper.size < 100:
        return gray
    level = float(np.median(paper))
    spread = 1.4826 * float(np.median(np.abs(paper - level)))  # robust standard deviation
    white = level - max(2.5 * spread, 8.0)
    if white < 96:  # no clear paper level: leave the page as it is
        return gray
    ramp = np.clip(np.arange(256, dtype=np.float32) * (255.0 / white), 0, 255).astype(np.uint8)
    return cv2.LUT(gray, ramp)


# --- specks --------------------------------------------------------------------------------
#
# A worn photocopy strews toner dots over the page; Tesseract turns those near text into
# quotes, colons and stray letters ("„ongeveer", ":2.1"). Dots out in the white, away from any
# letter, are removed. Dots next to letters stay: a full stop or an i's dot looks the same.

_SPECK = 0.3  # letter heights: the largest blob that counts as a speck, either way
_SPECK_CLEARANCE = 0.35  # letter heights of white around a speck that mark it as stray
_SPECKLED = 150  # stray specks on a page from which removing them is worth its time


def despeckle(
    gray: np.ndarray, half: np.ndarray, letter: float, found: Blobs | None = None
) -> tuple[np.ndarray, int]:
    """``gray`` with stray specks painted white, and how many there were; unchanged when the
    page is clean. ``half`` is the page's half-size ink mask, updated in place; ``found``
    its :func:`blobs`, if at hand."""
    if not letter:
        return gray, 0
    count, labels, stats = found or blobs(half)
    limit = max(1.0, _SPECK * letter / 2)
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = (w <= limit) & (h <= limit)
    small[0] = False  # the background
    if np.count_nonzero(small) < _SPECKLED:
        return gray, 0
    big = (~small).astype(np.uint8)
    big[0] = 0
    radius = max(1, round(_SPECK_CLEARANCE * letter / 2))
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    near = cv2.dilate(big[labels], disc)
    crowded = np.zeros(count, bool)
    crowded[labels[(near > 0) & (labels > 0)]] = True
    stray = small & ~crowded
    strays = int(np.count_nonzero(stray))
    if strays < _SPECKLED:
        return gray, 0
    lut = stray.astype(np.uint8) * 255
    speck_half = lut[labels]
    half[speck_half > 0] = 0
    speck = cv2.resize(speck_half, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    speck = cv2.dilate(speck, np.ones((3, 3), np.uint8))
    out = gray.copy()
    out[speck > 0] = 255
    return out, strays


# --- isolated words: read again with context -----------------------------------------------
#
# Tesseract's line recogniser scales each text line by the height of its letters. A line that is
# nothing but "2.1" or "1" (an item number alone in its table column) has no x-height to go by,
# and comes out as "21", "4", "En" or nothing at all. Pasted after an ordinary word on a small
# sheet, the same pixels read correctly.

_ISOLATION_GAP = 1.5  # heights of empty space on both sides that leave a run of words alone
_REREAD_MAX_CHARS = 6
_REREAD_LIMIT = 40  # candidates per page; more means something else is wrong with the page
_SURE = 90.0  # confidence from which a word is not read again, unless it has digits
_EDGE_JUNK = "_|{}[]~¦'\"‘’“”"  # what a crop's edge (a border stub, a speck) adds to a reading
_CONTEXT_LETTERS = re.compile(r"[aceimnorsuvwxzbdfhklt]{5,16}")  # no descenders: flat bottom


@dataclass
class _Reread:
    """One page's crops to read again: each line is the context word, then the candidate."""

    context: np.ndarray
    crops: list[np.ndarray]
    runs: list[list[int]]  # indexes of the words each crop replaces; empty: a new word
    boxes: list[Box]


def _doubtful(words: list[tesseract.TessWord], run: list[int]) -> bool:
    """Whether a run is short, and numeric, letterless or unsure: an item number, most likely.
    A confidently read word ("Nr", "Totaal") is left as it is."""
    text = "".join(words[i].text for i in run)
    if len(text) > _REREAD_MAX_CHARS:
        return False
    unsure = min(words[i].conf for i in run) < _SURE
    return unsure or any(ch.isdigit() for ch in text) or not any(ch.isalpha() for ch in text)


def _isolated(words: list[tesseract.TessWord]) -> list[list[int]]:
    """Doubtful short runs of words with wide empty space left and right on their line.

    A run rather than a word, because a misread number can come apart ("3.1.1" as "A PL").
    """
    per_line: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        per_line[w.line].append(i)
    found = []
    for indexes in per_line.values():
        indexes.sort(key=lambda i: words[i].left)
        runs: list[list[int]] = []
        for i in indexes:
            w = words[i]
            if runs:
                last = words[runs[-1][-1]]
                gap = w.left - (last.left + last.width)
                if gap < _ISOLATION_GAP * max(w.height, last.height):
                    runs[-1].append(i)
                    continue
            runs.append([i])
        found.extend(run for run in runs if _doubtful(words, run))
    return found


def _clusters(half: np.ndarray, letter: float) -> np.ndarray:
    """Word-sized clusters of ink as rows (x0, y0, x1, y1, ink pixels) in full-resolution
    pixels, found in a half-size ink mask at half that size again: words need no detail."""
    quarter = cv2.resize(
        half, (max(1, half.shape[1] // 2), max(1, half.shape[0] // 2)),
        interpolation=cv2.INTER_AREA,
    )
    quarter = cv2.threshold(quarter, 0, 255, cv2.THRESH_BINARY)[1]  # any ink: thin strokes too
    f = 4.0
    join = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, round(0.6 * letter / f)), 1))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        cv2.dilate(quarter, join), connectivity=8
    )
    ink = np.bincount(labels[quarter > 0], minlength=count)
    x, y, w, h = (stats[1:count, i].astype(np.float64) for i in range(4))
    return np.stack([x * f, y * f, (x + w) * f, (y + h) * f, ink[1:] * f * f], axis=1)


def _candidates(
    words: list[tesseract.TessWord], half: np.ndarray, letter: float
) -> list[tuple[list[int], Box]]:
    """What to read again, as (word indexes, box): isolated doubtful runs, grown to their whole
    ink cluster since a misread word's box can miss part of it; and letter-sized clusters of
    ink that no word covers (no indexes)."""
    clusters = _clusters(half, letter)
    out: list[tuple[list[int], Box]] = []
    for run in _isolated(words):
        x0 = min(words[i].left for i in run)
        y0 = min(words[i].top for i in run)
        x1 = max(words[i].left + words[i].width for i in run)
        y1 = max(words[i].top + words[i].height for i in run)
        c = clusters
        touch = (c[:, 0] < x1) & (c[:, 2] > x0) & (c[:, 1] < y1) & (c[:, 3] > y0)
        touch &= (c[:, 3] - c[:, 1]) <= 2 * (y1 - y0)
        if touch.any():
            x0, y0 = min(x0, c[touch, 0].min()), min(y0, c[touch, 1].min())
            x1, y1 = max(x1, c[touch, 2].max()), max(y1, c[touch, 3].max())
        out.append((run, (int(x0), int(y0), int(x1), int(y1))))
    if words:
        boxes = np.array([(w.left, w.top, w.left + w.width, w.top + w.height) for w in words])
    else:
        boxes = np.zeros((0, 4))
    for x0, y0, x1, y1, ink in clusters.tolist():
        h, w = y1 - y0, x1 - x0
        if not (0.6 * letter <= h <= 2.2 * letter and w >= 0.4 * letter):
            continue
        if ink < 0.08 * h * w:
            continue  # a faint smudge, not print
        b = boxes
        if ((b[:, 0] < x1) & (b[:, 2] > x0) & (b[:, 1] < y1) & (b[:, 3] > y0)).any():
            continue
        out.append(([], (int(x0), int(y0), int(x1), int(y1))))
    return out[:_REREAD_LIMIT]


def _ink_crop(gray: np.ndarray, box: Box, pad: int) -> np.ndarray:
    """The box with paper around it, except below: cut at the ink so crops share a baseline."""
    x0, y0, x1, y1 = box
    h, w = gray.shape
    return gray[max(0, y0 - pad) : min(h, y1 + 2), max(0, x0 - pad) : min(w, x1 + pad)]


def _context_word(words: list[tesseract.TessWord]) -> tesseract.TessWord | None:
    """A confidently read lowercase word without descenders, of ordinary height; long ones
    give the recogniser more to go by."""
    fits = [w for w in words if w.conf >= 90 and _CONTEXT_LETTERS.fullmatch(w.text)]
    if not fits:
        return None
    median = statistics.median(w.height for w in fits)
    ordinary = [w for w in fits if abs(w.height - median) <= 0.15 * median] or fits
    return max(ordinary, key=lambda w: (min(len(w.text), 10), w.conf))


def _plan_reread(
    gray: np.ndarray, half: np.ndarray, words: list[tesseract.TessWord], letter: float
) -> _Reread | None:
    """The crops of one page worth reading again, or None."""
    context = _context_word(words)
    if context is None or not letter:
        return None
    candidates = _candidates(words, half, letter)
    if not candidates:
        return None
    pad = max(2, round(0.3 * letter))
    c = context
    return _Reread(
        context=_ink_crop(gray, (c.left, c.top, c.left + c.width, c.top + c.height), pad),
        crops=[_ink_crop(gray, box, pad) for _, box in candidates],
        runs=[run for run, _ in candidates],
        boxes=[box for _, box in candidates],
    )


def reread(
    plans: list[tuple[_Reread, list[tesseract.TessWord]]], dpi: float, settings: OcrSettings
) -> None:
    """Read the planned crops of several pages in one Tesseract call, each line a context word
    and a crop, and patch each page's words in place: corrected runs replace the words they
    cover, unread ink becomes new words."""
    lines = [(plan.context, crop) for plan, _ in plans for crop in plan.crops]
    if not lines:
        return
    gap = max(8, max(ctx.shape[0] for ctx, _ in lines))
    height = sum(2 * max(ctx.shape[0], crop.shape[0]) for ctx, crop in lines) + 2 * gap
    width = max(ctx.shape[1] + crop.shape[1] for ctx, crop in lines) + 3 * gap
    sheet = np.full((height, width), 255, np.uint8)
    rows = []
    y = gap
    for ctx, crop in lines:
        line_h = max(ctx.shape[0], crop.shape[0])
        bottom = y + line_h
        sheet[bottom - ctx.shape[0] : bottom, gap : gap + ctx.shape[1]] = ctx
        x = gap + ctx.shape[1] + gap // 2
        sheet[bottom - crop.shape[0] : bottom, x : x + crop.shape[1]] = crop
        rows.append((y, bottom, x))
        y = bottom + line_h
    read = tesseract.ocr_words(
        Image.fromarray(sheet), lang=settings.lang, psm=6, dpi=round(dpi),
        timeout=settings.timeout,
    )
    readings = []
    for top, bottom, x in rows:
        found = sorted(
            (w for w in read if top <= w.top + w.height / 2 <= bottom and w.left + w.width / 2 > x),
            key=lambda w: w.left,
        )
        text = " ".join(w.text for w in found).strip(_EDGE_JUNK)
        readings.append((text, min((w.conf for w in found), default=0.0)))
    at = 0
    for plan, words in plans:
        _patch(words, plan, readings[at : at + len(plan.crops)])
        at += len(plan.crops)


_NUMBERISH = re.compile(r"[\d.,:;\s]+")
_LEADING_JUNK = ".,:;„“‘'`´"


def number_from_ink(crop: np.ndarray, reading: str) -> str:
    """A numeric reading (``3.1 1``, ``33``) with its separators redrawn from the ink: each
    glyph-high blob takes the next digit of the reading, each small blob on the baseline
    becomes a full stop (a comma if it hangs below). The reading is returned unchanged when
    its digits and the blobs do not pair up one to one."""
    digits = [ch for ch in reading if ch.isdigit()]
    if not digits or not _NUMBERISH.fullmatch(reading):
        return reading
    mask = orientation.ink_mask(crop)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    blobs = [tuple(int(v) for v in stats[i, :5]) for i in range(1, count)]
    tall = max((h for _, _, _, h, _ in blobs), default=0)
    if tall < 6:
        return reading
    glyphs = [b for b in blobs if b[3] >= 0.55 * tall]
    if len(glyphs) != len(digits):
        return reading
    top = min(b[1] for b in glyphs)
    base = max(b[1] + b[3] for b in glyphs)
    out = []
    for _, y, w, h, area in sorted(blobs, key=lambda b: b[0] + b[2] / 2):
        if h >= 0.55 * tall:
            out.append(digits.pop(0))
        elif (
            h <= 0.4 * tall and w <= 0.4 * tall and area >= 0.01 * tall * tall
            and y >= top + 0.5 * (base - top)  # in the lower half: not an apostrophe
            and out and out[-1] not in ".,"
        ):
            out.append("," if y + h > base + 0.15 * tall else ".")
    number = "".join(out)
    # A dot after the last digit is as likely a speck: keep it only if Tesseract saw one too.
    return number if reading.rstrip()[-1:] in ".," else number.rstrip(".,")


def _patch(
    words: list[tesseract.TessWord], plan: _Reread, readings: list[tuple[str, float]]
) -> None:
    drop: set[int] = set()
    added = 0
    for run, box, crop, (text, conf) in zip(
        plan.runs, plan.boxes, plan.crops, readings, strict=True
    ):
        text = text.lstrip(_LEADING_JUNK) if text[:1] in _LEADING_JUNK else text
        if conf < 60 or not any(ch.isalnum() for ch in text):
            continue
        text = number_from_ink(crop, text)
        x0, y0, x1, y1 = box
        if not run:
            added += 1
            words.append(tesseract.TessWord(text, x0, y0, x1 - x0, y1 - y0, conf, (-added,)))
        else:  # a confirmation also counts: it lifts the confidence of the first reading
            first = words[run[0]]
            words[run[0]] = tesseract.TessWord(
                text, x0, y0, x1 - x0, y1 - y0, conf, first.line,
                first.baseline, first.line_size, first.descent,
            )
            drop.update(run[1:])
    if drop:
        words[:] = [w for i, w in enumerate(words) if i not in drop]


# --- words ----------------------------------------------------------------------------------

_BORDER_CHARS = frozenset("|_¦")


_BORDER_RUN = re.compile(r"[|_¦]+")


def split_borders(words: list[tesseract.TessWord]) -> list[tesseract.TessWord]:
    """Words with the remains of a cell border cut out: ``Nr__Besluit`` → ``Nr``, ``Besluit``;
    ``_R.`` → ``R.``. Part boxes are shared out by character count."""
    out = []
    for w in words:
        if not _BORDER_RUN.search(w.text) or set(w.text) <= _BORDER_CHARS:
            out.append(w)
            continue
        per_char = w.width / max(1, len(w.text))
        for match in re.finditer(r"[^|_¦]+", w.text):
            left = w.left + round(match.start() * per_char)
            width = max(1, round((match.end() - match.start()) * per_char))
            out.append(
                tesseract.TessWord(
                    match.group(), left, w.top, width, w.height, w.conf, w.line,
                    w.baseline, w.line_size, w.descent,
                )
            )
    return out


def _is_noise(word: tesseract.TessWord) -> bool:
    """Specks and leftover cell borders: a bar, a weak guess without letters or digits, or a
    letter or two Tesseract barely believes in."""
    if set(word.text) <= _BORDER_CHARS:
        return True
    if word.conf < 60 and not any(ch.isalnum() for ch in word.text):
        return True
    return word.conf < 30 and len(word.text) <= 2


_OPENING_QUOTES = "‘“„'\"`"


def _unspeckled(text: str, conf: float) -> str:
    """A word without the opening quote a speck in front of it became: only when Tesseract
    was unsure and the rest is a plain word, since real quotes are read with confidence."""
    if conf >= 60 or len(text) <= 2 or text[0] not in _OPENING_QUOTES:
        return text
    closed = any(q in text[1:] for q in "’”'\"")
    return text[1:] if text[1].isalnum() and not closed else text


def _vertical(w: tesseract.TessWord) -> tuple[float, float]:
    """Top and bottom of a word as a text layer has them: its line's ascender-to-descender band
    from the baseline and line size Tesseract measured, so that the words of one line share
    them and a speck above a letter does not stretch a box; the ink box when that band does
    not fit the word."""
    own = (float(w.top), float(w.top + w.height))
    if w.line_size <= 0 or w.baseline <= 0:
        return own
    top, bottom = w.baseline - (w.line_size - w.descent), w.baseline + w.descent
    if not (0.6 * w.height <= bottom - top <= 3.0 * max(1, w.height)):
        return own
    if w.top < top - 0.5 * w.line_size or w.top + w.height > bottom + 0.5 * w.line_size:
        return own  # the word is not on that line's baseline
    return top, bottom


def to_words(tess: list[tesseract.TessWord], dpi: float, page: int) -> list[Word]:
    """Tesseract's pixel boxes as :class:`Word`s in points, in Tesseract's reading order;
    ``size`` is the line size (about the font size) and top and bottom span the line's
    ascenders and descenders (see :func:`_vertical`)."""
    scale = 72.0 / dpi
    words: list[Word] = []
    for w in tess:
        if _is_noise(w):
            continue
        top, bottom = _vertical(w)
        text = _unspeckled(w.text, w.conf)
        left = w.left + (w.width * (len(w.text) - len(text))) // max(1, len(w.text))
        words.append(
            Word(
                text=text,
                x0=round(left * scale, 2),
                x1=round((w.left + w.width) * scale, 2),
                top=round(top * scale, 2),
                bottom=round(bottom * scale, 2),
                page=page,
                size=round((bottom - top) * scale, 1),
                bold=False,
                conf=round(w.conf, 1),
            )
        )
    return words


def mean_confidence(words: Iterable[Word]) -> float | None:
    """Mean word confidence (0–100) of OCR words, None without any."""
    confs = [w.conf for w in words if w.conf is not None]
    return round(statistics.fmean(confs), 1) if confs else None


# --- one page -------------------------------------------------------------------------------


@dataclass
class _Attempt:
    """One page read once: Tesseract's words still in pixels, plus what the page needs next."""

    number: int
    dpi: float
    tess: list[tesseract.TessWord]
    rules: list[Rule]
    width: float
    height: float
    ink: float
    notes: list[str]
    plan: _Reread | None = None
    page: Page | None = field(default=None)  # set instead when OCR failed

    @property
    def confidence(self) -> float | None:
        confs = [w.conf for w in self.tess if not _is_noise(w)]
        return round(statistics.fmean(confs), 1) if confs else None


def _recognise(
    gray: np.ndarray,
    skew: float,
    page: PageImage,
    settings: OcrSettings,
    notes: list[str],
    masks: tuple[np.ndarray, np.ndarray] | None = None,
) -> _Attempt:
    """Level, lift out ruling lines and OCR an upright page image (``masks``: its ink at full
    and half size, if already at hand)."""
    notes = list(notes)
    if settings.deskew and abs(skew) >= orientation.MIN_SKEW:
        gray = orientation.deskew(gray, skew)
        notes.append(f"deskewed {skew:+.1f}°")
        masks = None
    if masks is None:
        mask = orientation.ink_mask(gray)
        half = _half(mask)
    else:
        mask, half = masks[0], masks[1].copy()  # the copy gets specks and lines removed
    if settings.whiten:
        gray = whiten(gray, mask)
    found = blobs(half)
    letter = letter_height(half, found)
    clean = gray
    if settings.despeckle:
        clean, specks = despeckle(gray, half, letter, found)
        if specks:
            notes.append(f"{specks} specks removed")
    rules: list[Rule] = []
    if settings.rules:
        rules, boxes = _rules_in_half(half, page.dpi, letter)
        if settings.erase_rules:
            # Generous: a blurred line has grey fringes that still touch the letters.
            clean = _erase(clean, boxes, margin=max(2, round(0.15 * letter)))
        half = _erase(half, [tuple(v // 2 for v in b) for b in boxes], margin=1, paper=0)
    x0, y0, x1, y1 = _content_box(half, letter) if settings.crop else (0, 0, *clean.shape[::-1])
    tess = split_borders(
        tesseract.ocr_words(
            Image.fromarray(clean[y0:y1, x0:x1]), lang=settings.lang, psm=settings.psm,
            dpi=round(page.dpi), timeout=settings.timeout,
        )
    )
    if x0 or y0:
        for word in tess:
            word.left, word.top = word.left + x0, word.top + y0
            word.baseline += y0 if word.baseline else 0
    h, w = gray.shape
    attempt = _Attempt(
        number=page.number,
        dpi=page.dpi,
        tess=tess,
        rules=rules,
        width=w * 72.0 / page.dpi,
        height=h * 72.0 / page.dpi,
        ink=float(np.count_nonzero(half)) / max(1, half.size),
        notes=notes,
    )
    if settings.reread:
        attempt.plan = _plan_reread(clean, half, tess, letter)
    return attempt


def _content_box(half: np.ndarray, letter: float) -> Box:
    """The full-resolution box around the ink of a half-size mask, with a letter of margin;
    the whole page when it is blank."""
    rows = np.flatnonzero(half.any(axis=1))
    cols = np.flatnonzero(half.any(axis=0))
    h, w = half.shape[0] * 2, half.shape[1] * 2
    if rows.size == 0:
        return 0, 0, w, h
    m = max(8, round(letter))
    return (
        max(0, int(cols[0]) * 2 - m), max(0, int(rows[0]) * 2 - m),
        min(w, int(cols[-1]) * 2 + 2 + m), min(h, int(rows[-1]) * 2 + 2 + m),
    )


def _turned(gray: np.ndarray, clockwise: int) -> np.ndarray:
    # np.rot90 turns counter-clockwise for positive k.
    return np.ascontiguousarray(np.rot90(gray, k=-(clockwise // 90) % 4))


def _positive(gray: np.ndarray) -> np.ndarray:
    """White on black (a negative scan, a broken colour space) turned into black on white."""
    return 255 - gray if float(np.median(gray[::7, ::7])) < 100 else gray


def _first_reading(page: PageImage, settings: OcrSettings) -> _Attempt:
    """Everything of :func:`ocr_page` but the second reading of isolated words."""
    gray = np.asarray(page.image.convert("L"))
    notes = [page.note] if page.note else []
    positive = _positive(gray)
    if positive is not gray:
        notes.append("negative image inverted")
    gray = positive
    geometry = orientation.Geometry(0.0, False)
    mask = orientation.ink_mask(gray)
    half = _half(mask)
    if settings.orient or settings.deskew:
        geometry = orientation.measure(orientation.downscale(half))
    turned = 0
    if settings.orient and geometry.sideways:
        rotate = orientation.osd_rotation(Image.fromarray(gray), page.dpi)
        if rotate in (90, 270):
            turned = rotate
    if turned:
        gray, mask, half = (_turned(a, turned) for a in (gray, mask, half))
        notes.append(f"turned {turned}° clockwise")
    # Rotations commute, so the skew measured before a quarter turn still holds after it.
    attempt = _recognise(gray, geometry.skew, page, settings, notes, (mask, half))

    suspect = (attempt.confidence or 0.0) < _SUSPECT_CONFIDENCE and attempt.ink > _BLANK_INK
    if settings.orient and suspect:
        rotate = orientation.osd_rotation(Image.fromarray(gray), page.dpi)
        if rotate:
            retry = _recognise(
                _turned(gray, rotate), geometry.skew, page, settings,
                [*notes, f"turned {(turned + rotate) % 360}° clockwise"],
                (_turned(mask, rotate), _turned(half, rotate)),
            )
            if (retry.confidence or 0.0) > (attempt.confidence or 0.0):
                attempt = retry
    return attempt


def _finish(attempt: _Attempt, settings: OcrSettings) -> Page:
    """The page record of a page read (and re-read) in full."""
    if attempt.page is not None:
        return attempt.page
    words = to_words(attempt.tess, attempt.dpi, attempt.number)
    confidence = mean_confidence(words)
    notes = list(attempt.notes)
    if confidence is None:
        needs_review = attempt.ink > _BLANK_INK  # ink but no words: a picture, or unreadable
        notes.append("no text recognised" if needs_review else "blank page")
    else:
        needs_review = confidence < settings.review_threshold
    return Page(
        number=attempt.number,
        width=round(attempt.width, 2),
        height=round(attempt.height, 2),
        words=words,
        rules=attempt.rules,
        ocr=True,
        confidence=confidence,
        needs_review=needs_review,
        note="; ".join(["OCR", *notes]),
    )


def _reread_all(attempts: list[_Attempt], settings: OcrSettings) -> None:
    """The second reading for a batch of pages, one Tesseract call per resolution."""
    by_dpi: dict[float, list[tuple[_Reread, list[tesseract.TessWord]]]] = defaultdict(list)
    for a in attempts:
        if a.plan is not None:
            by_dpi[a.dpi].append((a.plan, a.tess))
            a.plan = None
    for dpi, plans in by_dpi.items():
        reread(plans, dpi, settings)


def ocr_page(page: PageImage, settings: OcrSettings | None = None) -> Page:
    """OCR one page image into a :class:`Page` of words (points, upright frame) and rules."""
    settings = settings or OcrSettings()
    attempt = _first_reading(page, settings)
    _reread_all([attempt], settings)
    return _finish(attempt, settings)


# --- many pages -----------------------------------------------------------------------------


def _first_or_flag(page: PageImage, settings: OcrSettings) -> _Attempt:
    """:func:`_first_reading`, except that a page Tesseract chokes on is kept, empty and
    flagged. One unreadable page should not cost the rest of a long document; a missing
    Tesseract or a timeout still fails the whole file, as it would fail every page."""
    try:
        return _first_reading(page, settings)
    except OcrError as exc:
        failed = Page(
            number=page.number,
            width=round(page.width_pt, 2),
            height=round(page.height_pt, 2),
            ocr=True,
            needs_review=True,
            note=f"OCR failed: {exc}",
        )
        return _Attempt(page.number, page.dpi, [], [], 0.0, 0.0, 0.0, [], page=failed)


def ocr_pages(
    images: Iterable[PageImage], jobs: int = 1, settings: OcrSettings | None = None
) -> list[Page]:
    """OCR pages with ``jobs`` single-threaded Tesseract processes at a time, in input order.

    A page Tesseract fails on comes back empty, flagged ``needs_review``, with the error as its
    note. ``images`` is consumed lazily and only a few pages ahead of the workers, so a long
    document rendered on the fly never sits in memory whole. Threads suffice: the work happens
    in Tesseract processes and in OpenCV and NumPy, which release the GIL.
    """
    return list(iter_ocr_pages(images, jobs, settings))


def _first_readings(
    images: Iterable[PageImage], jobs: int, settings: OcrSettings
) -> Iterator[_Attempt]:
    if jobs == 1:
        for image in images:
            yield _first_or_flag(image, settings)
        return
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        pending: list[Future[_Attempt]] = []
        try:
            for image in images:
                pending.append(pool.submit(_first_or_flag, image, settings))
                # Results come back in order; a lookahead of twice the workers keeps them busy
                # while an early page takes its time.
                while len(pending) > 2 * jobs:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()


def iter_ocr_pages(
    images: Iterable[PageImage], jobs: int = 1, settings: OcrSettings | None = None
) -> Iterator[Page]:
    """Like :func:`ocr_pages`, yielding pages in order as batches of them are done."""
    settings = settings or OcrSettings()
    batch: list[_Attempt] = []
    for attempt in _first_readings(images, max(1, jobs), settings):
        batch.append(attempt)
        if len(batch) >= _REREAD_BATCH:
            _reread_all(batch, settings)
            yield from (_finish(a, settings) for a in batch)
            batch = []
    _reread_all(batch, settings)
    yield from (_finish(a, settings) for a in batch)
