"""Type on a filled background (a table's header row white on navy, a row tinted cyan), made
black type on white paper before Tesseract reads the page.

Tesseract's page layout drops text on a filled rectangle: on a scanned header row white on dark
grey it read "Nr." and "Onderwerp" and lost "Besluit", and a row of black type on a mid-grey
tint it did not read at all; the table lost its columns with them. Here the fills are found
(areas darker than paper, at least a line high, most of them one tone, closed over the type's
strokes and opened until type and rules vanish), and inside each, the pixels are set by how far
they are from the fill's tone towards its type: the fill becomes paper, the type black, light
type and dark type alike. A fill with as much type of one kind as of the other, or with none,
is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from models.redaction import is_redaction_mark
from pipeline.ocr import ink, tesseract
from pipeline.ocr.ink import Box
from pipeline.ocr.redactions import inside
from pipeline.ocr.words import to_words
from pipeline.records import Word

_MAX_TONE = 200  # fills lighter than this (a pale shading) Tesseract reads through
_CONTRAST = 60  # type differs from its fill by this much at least
_MIN_TYPE = 0.02  # share of a fill that is type, at least
_DOMINANT = 2.0  # times as much type of one kind as of the other
_RECTANGLE = 0.85
_GRAIN = 0.25  # share of the way from a fill's tone to its type that is still fill
_RIM = 1  # half-size pixels of a fill's edge kept in the mask the rules are found in
_EDGE = 0.01  # share of the page's size along its edges where no fill is taken
_FLAT, _FLAT_TONE = 0.6, 30  # most of a fill is one tone


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled rectangle in pixels, its tone, and whether its type is lighter than it."""

    box: Box
    tone: float
    light_type: bool


def find_fills(gray: np.ndarray, letter: float) -> list[Fill]:
    """The filled rectangles of a page image that carry type of one kind."""
    if letter <= 0:
        return []
    small = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
    unit = letter / 2  # a letter height in half-size pixels
    dark = (small < _MAX_TONE).astype(np.uint8)
    closed = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((max(2, round(unit * 0.3)),) * 2))
    solid = cv2.morphologyEx(closed, cv2.MORPH_OPEN, np.ones((max(3, round(unit * 0.6)),) * 2))
    edge = max(2, round(_EDGE * min(small.shape)))
    inset = max(1, round(unit * 0.2))  # a fill's soft edges blur into the paper around it
    out: list[Fill] = []
    # A header row and a cell redacted down the rows below it touch: cut apart, though not
    # where brackets round a small box bulge its sides a little.
    for x, y, w, h, area in ink.row_rectangles(solid, slack=max(2, round(unit * 0.4))):
        if h < 1.2 * unit or w < 3 * unit or area < _RECTANGLE * w * h:
            continue
        if min(x, y) <= edge or x + w >= small.shape[1] - edge or y + h >= small.shape[0] - edge:
            continue  # the dark border a scanner or copier leaves round the page
        fill = small[y + inset : y + h - inset, x + inset : x + w - inset].astype(np.int16)
        tone = float(np.median(fill))
        if np.count_nonzero(np.abs(fill - tone) <= _FLAT_TONE) < _FLAT * fill.size:
            continue  # a word of bold type closed into a blob: no one tone
        light = np.count_nonzero(fill > tone + _CONTRAST) / fill.size
        dark_type = np.count_nonzero(fill < tone - _CONTRAST) / fill.size
        box = (2 * int(x), 2 * int(y), 2 * int(x + w), 2 * int(y + h))
        # The type is of the kind that clearly dominates; the other is a fill's own seams (the
        # light lines between a header row's cells) and edges.
        if max(light, dark_type) >= _MIN_TYPE and max(light, dark_type) >= _DOMINANT * min(
            light, dark_type
        ):
            out.append(Fill(box, tone, light_type=light > dark_type))
    return out


def without(half: np.ndarray, boxes: list[Box]) -> np.ndarray:
    """A half-size ink mask with the insides of `boxes` (full-size pixels) cleared: what the
    ruling-line search is given, so that a line meeting a fill is not as thick as the fill;
    the boxes' edges stay, as a table's rule may run along one."""
    if not boxes:
        return half
    out = half.copy()
    for x0, y0, x1, y1 in boxes:
        out[y0 // 2 + _RIM : y1 // 2 - _RIM, x0 // 2 + _RIM : x1 // 2 - _RIM] = 0
    return out


def flatten(gray: np.ndarray, fills: list[Fill]) -> np.ndarray:
    """A copy of `gray` with each fill made paper and its type black (the page itself when
    there are no fills); the type's soft edges keep their grey."""
    if not fills:
        return gray
    out = gray.copy()
    for fill in fills:
        x0, y0, x1, y1 = fill.box
        area = out[y0:y1, x0:x1].astype(np.float32)
        reach = (255.0 - fill.tone) if fill.light_type else fill.tone  # fill to full contrast
        towards = (area - fill.tone) if fill.light_type else (fill.tone - area)
        # The fill's own grain (a copy's toner, JPEG noise) stays paper: only what stands a
        # quarter of the way out of the fill towards its type is type.
        grain = _GRAIN * reach
        ink = np.clip((towards - grain) / max(reach - grain, 1.0), 0.0, 1.0)
        out[y0:y1, x0:x1] = (255.0 * (1.0 - ink)).astype(np.uint8)
    return out


_CROP_SCALE = 1.5  # crops are read enlarged by half again, the size the reading was tuned at
_PAD = 12  # pixels of paper around a crop: Tesseract misreads type that touches the edge


def read_unread_fills(
    gray: np.ndarray, found: list[Fill], dpi: float, page: int, words: list[Word], letter: float,
    lang: str,
) -> list[Word]:
    """Words on the fills `found` on a page image that carry none of `words` (points): what an
    OCR layer made elsewhere lost on a filled header row, read here crop by crop."""
    scale = 72.0 / dpi
    out: list[Word] = []
    for fill in found:
        x0, y0, x1, y1 = fill.box
        area = (x0 * scale, y0 * scale, x1 * scale, y1 * scale)
        if any(inside(w, area) for w in words):
            continue
        crop = flatten(gray[y0:y1, x0:x1], [Fill((0, 0, x1 - x0, y1 - y0), fill.tone,
                                                 fill.light_type)])
        crop = cv2.resize(crop, None, fx=_CROP_SCALE, fy=_CROP_SCALE,
                          interpolation=cv2.INTER_CUBIC)
        crop = cv2.copyMakeBorder(crop, _PAD, _PAD, _PAD, _PAD, cv2.BORDER_CONSTANT, value=255)
        one_line = (y1 - y0) < 2.5 * letter
        tess = tesseract.ocr_words(Image.fromarray(crop), lang=lang, psm=7 if one_line else 6,
                                   dpi=round(dpi * _CROP_SCALE))
        for w in tess:
            w.left = round((w.left - _PAD) / _CROP_SCALE) + x0
            w.top = round((w.top - _PAD) / _CROP_SCALE) + y0
            w.width, w.height = round(w.width / _CROP_SCALE), round(w.height / _CROP_SCALE)
            w.baseline = (w.baseline - _PAD) / _CROP_SCALE + y0 if w.baseline else 0.0
            w.line_size /= _CROP_SCALE
            w.descent /= _CROP_SCALE
        for word in to_words(tess, dpi, page):
            # Type set on a fill is emphasised as bold type is, and read as such (a shaded
            # header row with a label of its own words); the weight itself cannot be measured
            # on a crop with no roman type to weigh it against. A ground on a box is no type.
            word.bold = not is_redaction_mark(word.text)
            out.append(word)
    return out

