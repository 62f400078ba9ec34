"""Isolated short words, item numbers above all, read a second time with context.

Tesseract's line recogniser scales each text line by the height of its letters. A line that is
nothing but "2.1" or "1" (an item number alone in its table column) has no x-height to go by,
and comes out as "21", "4", "En" or nothing at all. Pasted after an ordinary word on a small
sheet, the same pixels read correctly. The crops of a batch of pages share one Tesseract call;
a numeric reading then gets its separators redrawn from the ink (:func:`number_from_ink`).
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from pipeline.ocr import orientation, tesseract
from pipeline.ocr.ink import Box
from pipeline.ocr.settings import OcrSettings

_ISOLATION_GAP = 1.5  # heights of empty space on both sides that leave a run of words alone
_REREAD_MAX_CHARS = 6
_TALLEST = 2.2  # letter heights: the tallest ink that is one line of text
_REREAD_LIMIT = 40  # candidates per page; more means something else is wrong with the page
_SURE = 90.0  # confidence from which a word is not read again, unless it has digits
_BARS = frozenset("|_¦")
_EDGE_JUNK = "_|{}[]~¦'\"‘’“”"  # what a crop's edge (a border stub, a speck) adds to a reading
_CONTEXT_LETTERS = re.compile(r"[aceimnorsuvwxzbdfhklt]{5,16}")  # no descenders: flat bottom


@dataclass
class Reread:
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
    centres = [(w.left + w.width / 2, w.top + w.height / 2) for w in words]
    out: list[tuple[list[int], Box]] = []
    for run in _isolated(words):
        x0 = min(words[i].left for i in run)
        y0 = min(words[i].top for i in run)
        x1 = max(words[i].left + words[i].width for i in run)
        y1 = max(words[i].top + words[i].height for i in run)
        c = clusters
        touch = (c[:, 0] < x1) & (c[:, 2] > x0) & (c[:, 1] < y1) & (c[:, 3] > y0)
        if y1 - y0 > _TALLEST * letter:
            # A column of numbers set tight ("1." over "2." over "3.") that Tesseract took for
            # one tall word ("ON"): each line of its ink is read on its own.
            tallest = _TALLEST * letter
            lines = sorted(
                (tuple(int(v) for v in b[:4]) for b in c[touch] if b[3] - b[1] <= tallest),
                key=lambda b: b[1],
            )
            if lines:
                out.append((run, lines[0]))
                out.extend(([], b) for b in lines[1:])
                continue
        touch &= (c[:, 3] - c[:, 1]) <= 2 * (y1 - y0)
        # Nor a cluster that holds other words: ink run together along a line (a grey box
        # between words) would have the whole line read again, as one word beside its words.
        for k in np.flatnonzero(touch):
            cx0, cy0, cx1, cy1 = c[k, :4]
            if any(cx0 <= x <= cx1 and cy0 <= y <= cy1
                   for i, (x, y) in enumerate(centres) if i not in run):
                touch[k] = False
        if touch.any():
            x0, y0 = min(x0, c[touch, 0].min()), min(y0, c[touch, 1].min())
            x1, y1 = max(x1, c[touch, 2].max()), max(y1, c[touch, 3].max())
        out.append((run, (int(x0), int(y0), int(x1), int(y1))))
    # A bar that will be dropped as a border stub covers nothing: a lone "I" often reads "|".
    kept = [w for w in words if not set(w.text) <= _BARS]
    if kept:
        boxes = np.array([(w.left, w.top, w.left + w.width, w.top + w.height) for w in kept])
    else:
        boxes = np.zeros((0, 4))
    for x0, y0, x1, y1, ink in clusters.tolist():
        h, w = y1 - y0, x1 - x0
        # A lone "I" or "1" (a roman or plain item number alone in its column) is a tall,
        # thin cluster: narrow, but a full letter high.
        narrow_ok = w >= 0.4 * letter or (h >= 0.8 * letter and w >= 0.1 * letter)
        if not (0.6 * letter <= h <= _TALLEST * letter and narrow_ok):
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


def plan_reread(
    gray: np.ndarray, half: np.ndarray, words: list[tesseract.TessWord], letter: float
) -> Reread | None:
    """The crops of one page worth reading again, or None."""
    context = _context_word(words)
    if context is None or not letter:
        return None
    candidates = _candidates(words, half, letter)
    if not candidates:
        return None
    pad = max(2, round(0.3 * letter))
    c = context
    return Reread(
        context=_ink_crop(gray, (c.left, c.top, c.left + c.width, c.top + c.height), pad),
        crops=[_ink_crop(gray, box, pad) for _, box in candidates],
        runs=[run for run, _ in candidates],
        boxes=[box for _, box in candidates],
    )


def reread(
    plans: list[tuple[Reread, list[tesseract.TessWord]]], dpi: float, settings: OcrSettings
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
        raw = " ".join(w.text for w in found)
        text = raw.strip(_EDGE_JUNK)
        conf = min((w.conf for w in found), default=0.0)
        if not text and raw.strip() and set(raw.replace(" ", "")) <= _BARS:
            text, conf = "|" * raw.count("|"), max(conf, 60.0)  # bars: judged by their ink
        readings.append((text, conf))
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


def _strokes(crop: np.ndarray) -> str:
    """A crop of upright strokes and nothing else, read as that many capital I's: the roman
    numbers that number items ("I", "II", "III"); "" for anything else."""
    mask = orientation.ink_mask(crop)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    blobs = [stats[i] for i in range(1, count) if stats[i, 4] >= 6]
    if not 1 <= len(blobs) <= 3:
        return ""
    tall = max(int(b[3]) for b in blobs)
    if all(b[3] >= 0.7 * tall and b[2] <= 0.35 * b[3] for b in blobs):
        return "I" * len(blobs)
    return ""


def _patch(
    words: list[tesseract.TessWord], plan: Reread, readings: list[tuple[str, float]]
) -> None:
    drop: set[int] = set()
    added = 0
    for run, box, crop, (text, conf) in zip(
        plan.runs, plan.boxes, plan.crops, readings, strict=True
    ):
        text = text.lstrip(_LEADING_JUNK) if text[:1] in _LEADING_JUNK else text
        if text and set(text) <= _BARS and not run:
            text = _strokes(crop)  # a lone "I", "II", "III" that Tesseract takes for bars
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
