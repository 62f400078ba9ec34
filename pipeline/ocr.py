"""Page images → :class:`Page` records of OCR words in PDF points, for the shared layout step.

Per page: straighten it (quarter turns, skew), find the table's ruling lines and lift them out
of the image (Tesseract reads cell borders as ``|`` and ``_`` and splits lines on them), run
Tesseract once, and convert its word boxes from pixels to points. The words land in the frame
of the upright page, which is what the layout step needs; the page's width and height are that
frame's.

Pages run in parallel, each in its own single-threaded Tesseract process.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from pipeline import orientation, tesseract
from pipeline.errors import OcrError
from pipeline.raster import PageImage
from pipeline.records import Page, Rule, Word

REVIEW_THRESHOLD = 80.0  # mean word confidence below which a page is flagged for review
DEFAULT_PSM = 3  # Tesseract's automatic page segmentation: finds the table's text blocks
_SUSPECT_CONFIDENCE = 60.0  # below this, ask OSD whether the page is upside down or sideways
_BLANK_INK = 0.002  # fraction of ink pixels under which a page counts as blank
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
_INK_HEIGHT_TO_SIZE = 1.07  # ascender-to-descender ink height ≈ 0.93 of the font size


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


# --- ruling lines ---------------------------------------------------------------------------


def _line_boxes(mask: np.ndarray, length: int, gap: int, horizontal: bool) -> list[tuple]:
    """Bounding boxes (x, y, w, h) of straight runs of ink at least ``length`` px long."""
    if horizontal:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, gap), 1))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, length), 1))
    else:
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(1, gap)))
        keep = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(1, length)))
    lines = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, bridge)
    lines = cv2.morphologyEx(lines, cv2.MORPH_OPEN, keep)
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, count)]


def letter_height(mask: np.ndarray) -> float:
    """Median height in pixels of the letter-sized blobs of an ink mask; 0 without any."""
    small = orientation.downscale(mask)
    factor = mask.shape[0] / small.shape[0]
    _, binary = cv2.threshold(small, 64, 255, cv2.THRESH_BINARY)
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    h_limit, w_limit = small.shape[0] / 20, small.shape[1] / 10
    heights = [
        stats[i, cv2.CC_STAT_HEIGHT]
        for i in range(1, count)
        if stats[i, cv2.CC_STAT_AREA] >= 4
        and 2 <= stats[i, cv2.CC_STAT_HEIGHT] <= h_limit
        and stats[i, cv2.CC_STAT_WIDTH] <= w_limit
    ]
    return float(np.median(heights)) * factor if heights else 0.0


def find_rules(
    mask: np.ndarray, dpi: float, letter: float | None = None
) -> tuple[list[Rule], list[tuple[int, int, int, int]]]:
    """Ruling lines in an ink mask of a level page: as :class:`Rule`s in points, and as pixel
    boxes ``(x0, y0, x1, y1)`` to erase before OCR.

    Found with morphology: an opening with a long thin kernel keeps only straight runs, after
    a closing has bridged the breaks a scanner leaves in thin lines. Limits are in points and
    in letter heights (``letter``, measured when not given), whichever is stricter, so large
    print keeps its strokes. Works at half resolution: lines are long, and it halves the cost.
    """
    letter = letter_height(mask) if letter is None else letter
    half = cv2.resize(
        mask, (max(1, mask.shape[1] // 2), max(1, mask.shape[0] // 2)),
        interpolation=cv2.INTER_AREA,
    )
    _, half = cv2.threshold(half, 64, 255, cv2.THRESH_BINARY)
    f = mask.shape[1] / half.shape[1]  # full-resolution pixels per half-resolution pixel
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
    boxes: list[tuple[int, int, int, int]] = []
    for horizontal, min_len in limits:
        found = _line_boxes(half, round(min_len), max(1, round(_RULE_GAP * pt)), horizontal)
        for x, y, w, h in found:
            thickness, length = (h, w) if horizontal else (w, h)
            if thickness > max_thickness or length < _RULE_MIN_ASPECT * thickness:
                continue
            band = half[y : y + h, x : x + w] > 0
            if band.any(axis=0 if horizontal else 1).mean() < _RULE_MIN_FILL:
                continue
            boxes.append((round(x * f), round(y * f), round((x + w) * f), round((y + h) * f)))
            if horizontal:
                mid = (y + h / 2) / pt
                rules.append(Rule(x / pt, mid, (x + w) / pt, mid))
            else:
                mid = (x + w / 2) / pt
                rules.append(Rule(mid, y / pt, mid, (y + h) / pt))
    return rules, boxes


def _erase(
    image: np.ndarray, boxes: list[tuple[int, int, int, int]], margin: int, paper: int = 255
) -> np.ndarray:
    """A copy of ``image`` with the boxes (grown by ``margin``) painted ``paper``."""
    if not boxes:
        return image
    out = image.copy()
    h, w = out.shape
    for x0, y0, x1, y1 in boxes:
        top, left = max(0, y0 - margin), max(0, x0 - margin)
        out[top : min(h, y1 + margin), left : min(w, x1 + margin)] = paper
    return out


# --- isolated words: read again with context -----------------------------------------------
#
# Tesseract's line recogniser scales each text line by the height of its letters. A line that is
# nothing but "2.1" or "1" (an item number alone in its table column) has no x-height to go by,
# and comes out as "21", "4", "En" or nothing at all. Pasted after an ordinary word on a small
# sheet, the same pixels read correctly, so such words get a second, joint reading.

_ISOLATION_GAP = 1.5  # heights of empty space on both sides that leave a word on its own
_REREAD_MAX_CHARS = 6
_REREAD_LIMIT = 40  # candidates per page; more means something else is wrong with the page
_SURE = 90.0  # confidence from which a word is not read again
_EDGE_JUNK = "_|{}[]~¦'\"‘’“”"  # what a crop's edge (a border stub, a speck) adds to a reading
_CONTEXT_LETTERS = re.compile(r"[aceimnorsuvwxzbdfhklt]{5,16}")  # no descenders: flat bottom


def _isolated(words: list[tesseract.TessWord]) -> list[list[int]]:
    """Short runs of words with wide empty space left and right on their line, as indexes.

    A run rather than a word, because a misread number can come apart ("3.1.1" as "A PL").
    """
    per_line: dict[tuple[int, int, int], list[int]] = defaultdict(list)
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


def _doubtful(words: list[tesseract.TessWord], run: list[int]) -> bool:
    """Whether a run is short, and numeric, letterless or unsure: an item number, most likely.
    A confidently read word ("Nr", "Totaal") is left as it is."""
    text = "".join(words[i].text for i in run)
    if len(text) > _REREAD_MAX_CHARS:
        return False
    unsure = min(words[i].conf for i in run) < _SURE
    return unsure or any(ch.isdigit() for ch in text) or not any(ch.isalpha() for ch in text)


def _ink_clusters(mask: np.ndarray, letter: float) -> np.ndarray:
    """Word-sized clusters of ink (x, y, w, h): letters joined across their spacing."""
    join = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, round(0.6 * letter)), 1))
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        cv2.dilate(mask, join), connectivity=8
    )
    return stats[1:count, :4]


def _overlaps(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _candidates(
    words: list[tesseract.TessWord], mask: np.ndarray, letter: float
) -> list[tuple[list[int], Box]]:
    """What to read again, as (word indexes, box): isolated runs of words, grown to their whole
    ink cluster since a misread word's box can miss part of it; and letter-sized clusters of
    ink that no word covers (no indexes)."""
    clusters = [
        (int(x), int(y), int(x + w), int(y + h)) for x, y, w, h in _ink_clusters(mask, letter)
    ]
    boxes = [(w.left, w.top, w.left + w.width, w.top + w.height) for w in words]
    out: list[tuple[list[int], Box]] = []
    for run in _isolated(words):
        box = boxes[run[0]]
        for i in run[1:]:
            box = _union(box, boxes[i])
        height = box[3] - box[1]
        for c in clusters:
            if _overlaps(box, c) and c[3] - c[1] <= 2 * height:
                box = _union(box, c)
        out.append((run, box))
    for c in clusters:
        h, w = c[3] - c[1], c[2] - c[0]
        if not (0.6 * letter <= h <= 2.2 * letter and w >= 0.4 * letter):
            continue
        if any(_overlaps(c, b) for b in boxes):
            continue
        if np.count_nonzero(mask[c[1] : c[3], c[0] : c[2]]) < 0.15 * h * w:
            continue  # a faint smudge, not print
        out.append(([], c))
    return out[:_REREAD_LIMIT]


def _ink_crop(gray: np.ndarray, box: tuple[int, int, int, int], pad: int) -> np.ndarray:
    """The box with paper around it, except below: cut at the ink so crops share a baseline."""
    x0, y0, x1, y1 = box
    h, w = gray.shape
    return gray[max(0, y0 - pad) : min(h, y1 + 2), max(0, x0 - pad) : min(w, x1 + pad)]


def _sheet(context: np.ndarray, crops: list[np.ndarray], gap: int) -> tuple[np.ndarray, list]:
    """Lines of ``context word + crop``, bottom-aligned; returns the sheet and each line's
    (top, bottom, x where the crop starts)."""
    rows = []
    height = sum(max(context.shape[0], c.shape[0]) * 2 for c in crops) + 2 * gap
    width = gap + context.shape[1] + gap + max(c.shape[1] for c in crops) + gap
    sheet = np.full((height, width), 255, np.uint8)
    y = gap
    for crop in crops:
        line_h = max(context.shape[0], crop.shape[0])
        bottom = y + line_h
        sheet[bottom - context.shape[0] : bottom, gap : gap + context.shape[1]] = context
        x = gap + context.shape[1] + gap
        sheet[bottom - crop.shape[0] : bottom, x : x + crop.shape[1]] = crop
        rows.append((y, bottom, x))
        y = bottom + line_h
    return sheet, rows


def _context_word(words: list[tesseract.TessWord]) -> tesseract.TessWord | None:
    """A confidently read lowercase word without descenders, of ordinary height; long ones
    give the recogniser more to go by."""
    fits = [w for w in words if w.conf >= 90 and _CONTEXT_LETTERS.fullmatch(w.text)]
    if not fits:
        return None
    median = statistics.median(w.height for w in fits)
    ordinary = [w for w in fits if abs(w.height - median) <= 0.15 * median] or fits
    return max(ordinary, key=lambda w: (min(len(w.text), 10), w.conf))


def reread_isolated(
    gray: np.ndarray,
    mask: np.ndarray,
    words: list[tesseract.TessWord],
    letter: float,
    dpi: float,
    settings: OcrSettings,
) -> list[tesseract.TessWord]:
    """``words`` with isolated ones corrected, and unread word-sized ink added, from one more
    Tesseract call on a sheet of context-word + crop lines. Unchanged if nothing qualifies."""
    context = _context_word(words)
    candidates = _candidates(words, mask, letter) if context and letter else []
    if not candidates:
        return words
    pad = max(2, round(0.3 * letter))
    c = context
    context_crop = _ink_crop(gray, (c.left, c.top, c.left + c.width, c.top + c.height), pad)
    crops = [_ink_crop(gray, box, pad) for _, box in candidates]
    sheet, rows = _sheet(context_crop, crops, 4 * pad)
    read = tesseract.ocr_words(
        Image.fromarray(sheet), lang=settings.lang, psm=6, dpi=round(dpi),
        timeout=settings.timeout,
    )
    out: list[tesseract.TessWord | None] = list(words)
    added = 0
    for (run, box), (top, bottom, x) in zip(candidates, rows, strict=True):
        found = [
            w for w in read
            if top <= w.top + w.height / 2 <= bottom and w.left + w.width / 2 > x - pad
        ]
        if not found:
            continue
        text = " ".join(w.text for w in sorted(found, key=lambda w: w.left)).strip(_EDGE_JUNK)
        conf = min(w.conf for w in found)
        if conf < 60 or not any(ch.isalnum() for ch in text):
            continue
        x0, y0, x1, y1 = box
        if not run:
            added += 1
            out.append(tesseract.TessWord(text, x0, y0, x1 - x0, y1 - y0, conf, (-1, -1, added)))
        elif text != " ".join(words[i].text for i in run):
            line = words[run[0]].line
            out[run[0]] = tesseract.TessWord(text, x0, y0, x1 - x0, y1 - y0, conf, line)
            for i in run[1:]:
                out[i] = None
    return [w for w in out if w is not None]


# --- words ----------------------------------------------------------------------------------


_BORDER_CHARS = frozenset("|_¦")


def _is_noise(word: tesseract.TessWord) -> bool:
    """Speckle and leftover cell borders: no letter or digit and a weak guess, or a bar."""
    if set(word.text) <= _BORDER_CHARS:
        return True
    return word.conf < 50 and not any(ch.isalnum() for ch in word.text)


def to_words(tess: list[tesseract.TessWord], dpi: float, page: int) -> list[Word]:
    """Tesseract's pixel boxes as :class:`Word`s in points.

    Each word takes its text line's vertical extent (ascender to descender) when the line is
    straight, so the words of one line share top and bottom as text-layer words do, and
    ``size`` is estimated from that height.
    """
    per_line: dict[tuple[int, int, int], list[tesseract.TessWord]] = defaultdict(list)
    for w in tess:
        if not _is_noise(w):
            per_line[w.line].append(w)
    scale = 72.0 / dpi
    words: list[Word] = []
    for line in per_line.values():
        top = min(w.top for w in line)
        bottom = max(w.top + w.height for w in line)
        tallest = max(w.height for w in line)
        straight = bottom - top <= 1.3 * tallest
        for w in line:
            w_top, w_bottom = (top, bottom) if straight else (w.top, w.top + w.height)
            words.append(
                Word(
                    text=w.text,
                    x0=round(w.left * scale, 2),
                    x1=round((w.left + w.width) * scale, 2),
                    top=round(w_top * scale, 2),
                    bottom=round(w_bottom * scale, 2),
                    page=page,
                    size=round((w_bottom - w_top) * scale * _INK_HEIGHT_TO_SIZE, 1),
                    bold=False,
                    conf=round(w.conf, 1),
                )
            )
    words.sort(key=lambda w: (w.top, w.x0))
    return words


def mean_confidence(words: Iterable[Word]) -> float | None:
    """Mean word confidence (0–100) of OCR words, None without any."""
    confs = [w.conf for w in words if w.conf is not None]
    return round(statistics.fmean(confs), 1) if confs else None


# --- one page -------------------------------------------------------------------------------


@dataclass
class _Attempt:
    words: list[Word]
    rules: list[Rule]
    width: float
    height: float
    notes: list[str]

    @property
    def confidence(self) -> float | None:
        return mean_confidence(self.words)


def _recognise(
    gray: np.ndarray,
    skew: float,
    dpi: float,
    number: int,
    settings: OcrSettings,
    notes: list[str],
) -> _Attempt:
    """Level, lift out ruling lines and OCR an upright page image."""
    notes = list(notes)
    if settings.deskew and abs(skew) >= orientation.MIN_SKEW:
        gray = orientation.deskew(gray, skew)
        notes.append(f"deskewed {skew:+.1f}°")
    mask = orientation.ink_mask(gray)
    letter = letter_height(mask)
    rules: list[Rule] = []
    clean = gray
    if settings.rules:
        rules, boxes = find_rules(mask, dpi, letter)
        if settings.erase_rules:
            clean = _erase(gray, boxes, margin=max(1, round(dpi / 150)))
        mask = _erase(mask, boxes, margin=max(1, round(dpi / 150)), paper=0)
    tess = tesseract.ocr_words(
        Image.fromarray(clean), lang=settings.lang, psm=settings.psm, dpi=round(dpi),
        timeout=settings.timeout,
    )
    if settings.reread:
        tess = reread_isolated(clean, mask, tess, letter, dpi, settings)
    h, w = gray.shape
    return _Attempt(to_words(tess, dpi, number), rules, w * 72.0 / dpi, h * 72.0 / dpi, notes)


def _turned(gray: np.ndarray, clockwise: int) -> np.ndarray:
    # np.rot90 turns counter-clockwise for positive k.
    return np.ascontiguousarray(np.rot90(gray, k=-(clockwise // 90) % 4))


def _upright(gray: np.ndarray) -> np.ndarray:
    """White on black (a negative scan, a broken colour space) turned into black on white."""
    return 255 - gray if float(np.median(gray)) < 100 else gray


def ocr_page(page: PageImage, settings: OcrSettings | None = None) -> Page:
    """OCR one page image into a :class:`Page` of words (points, upright frame) and rules."""
    settings = settings or OcrSettings()
    gray = np.asarray(page.image.convert("L"))
    notes = [page.note] if page.note else []
    level = _upright(gray)
    if level is not gray:
        notes.append("negative image inverted")
    gray = level
    geometry = orientation.Geometry(0.0, False)
    if settings.orient or settings.deskew:
        geometry = orientation.measure(orientation.downscale(orientation.ink_mask(gray)))
    turned = 0
    if settings.orient and geometry.sideways:
        rotate = orientation.osd_rotation(Image.fromarray(gray), page.dpi)
        if rotate in (90, 270):
            turned = rotate
    if turned:
        gray = _turned(gray, turned)
        notes.append(f"turned {turned}° clockwise")
    # Rotations commute, so the skew measured before a quarter turn still holds after it.
    attempt = _recognise(gray, geometry.skew, page.dpi, page.number, settings, notes)

    ink = float(np.count_nonzero(gray < 128)) / max(1, gray.size)
    suspect = (attempt.confidence or 0.0) < _SUSPECT_CONFIDENCE and ink > _BLANK_INK
    if settings.orient and suspect:
        rotate = orientation.osd_rotation(Image.fromarray(gray), page.dpi)
        if rotate:
            retry = _recognise(
                _turned(gray, rotate), geometry.skew, page.dpi, page.number, settings,
                [*notes, f"turned {(turned + rotate) % 360}° clockwise"],
            )
            if (retry.confidence or 0.0) > (attempt.confidence or 0.0):
                attempt = retry

    confidence = attempt.confidence
    if confidence is None:
        needs_review = ink > _BLANK_INK  # ink but no words: a picture, or unreadable
        attempt.notes.append("no text recognised" if needs_review else "blank page")
    else:
        needs_review = confidence < settings.review_threshold
    return Page(
        number=page.number,
        width=round(attempt.width, 2),
        height=round(attempt.height, 2),
        words=attempt.words,
        rules=attempt.rules,
        ocr=True,
        confidence=confidence,
        needs_review=needs_review,
        note="; ".join(["OCR", *attempt.notes]),
    )


# --- many pages -----------------------------------------------------------------------------


def _ocr_or_flag(page: PageImage, settings: OcrSettings) -> Page:
    """:func:`ocr_page`, except that a page Tesseract chokes on is kept, empty and flagged.

    One unreadable page should not cost the rest of a long document. A missing Tesseract or a
    timeout still fails the whole file: they would fail every page.
    """
    try:
        return ocr_page(page, settings)
    except OcrError as exc:
        return Page(
            number=page.number,
            width=round(page.width_pt, 2),
            height=round(page.height_pt, 2),
            ocr=True,
            needs_review=True,
            note=f"OCR failed: {exc}",
        )


def ocr_pages(
    images: Iterable[PageImage], jobs: int = 1, settings: OcrSettings | None = None
) -> list[Page]:
    """OCR pages with ``jobs`` single-threaded Tesseract processes at a time, in input order.

    A page Tesseract fails on comes back empty, flagged ``needs_review``, with the error as its
    note. ``images`` is consumed lazily and only a few pages ahead of the workers, so a long
    document rendered on the fly never sits in memory whole. Threads suffice: the work happens in
    Tesseract processes and in OpenCV and NumPy, which release the GIL.
    """
    return list(iter_ocr_pages(images, jobs, settings))


def iter_ocr_pages(
    images: Iterable[PageImage], jobs: int = 1, settings: OcrSettings | None = None
) -> Iterator[Page]:
    """Like :func:`ocr_pages`, yielding each page as soon as it and those before it are done."""
    settings = settings or OcrSettings()
    jobs = max(1, jobs)
    if jobs == 1:
        for image in images:
            yield _ocr_or_flag(image, settings)
        return
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        pending: list[Future[Page]] = []
        for image in images:
            pending.append(pool.submit(_ocr_or_flag, image, settings))
            while len(pending) > jobs:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
