"""The ink of a page image: its half-size mask, connected blobs, letter height, and the
clean-up before OCR (grey paper made white, stray toner specks removed).

Several steps measure the page in letter heights rather than points, so that large print and
images of unknown resolution get limits that fit them; the letter height comes from here.
Masks are worked on at half resolution: the steps that use them need strokes, not detail.
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels


def half(mask: np.ndarray) -> np.ndarray:
    """An ink mask at half resolution, thin strokes kept."""
    half = cv2.resize(
        mask, (max(1, mask.shape[1] // 2), max(1, mask.shape[0] // 2)),
        interpolation=cv2.INTER_AREA,
    )
    return cv2.threshold(half, 64, 255, cv2.THRESH_BINARY)[1]


def faint_half(gray: np.ndarray) -> np.ndarray:
    """A half-size ink mask taken down to half-way between the print's threshold and the
    paper: where ruling lines are looked for. A thin line a scan blurred to light grey sits
    right at Otsu's threshold (set between paper and print) and falls apart into pieces there;
    text grows no longer at this threshold, only a little bolder."""
    sample = gray[::4, ::4]
    otsu, _ = cv2.threshold(sample, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    light = sample[sample > otsu]
    paper = float(np.median(light)) if light.size else 255.0
    return half(cv2.threshold(gray, (otsu + paper) / 2, 255, cv2.THRESH_BINARY_INV)[1])


Blobs = tuple[int, np.ndarray, np.ndarray]  # connected components: count, labels, stats


def blobs(half: np.ndarray) -> Blobs:
    """The connected components of a half-size ink mask, labelled once for the steps that
    need them (letter height, specks): on a noisy page labelling is the costly part."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(half, connectivity=8)
    return count, labels, stats


def letter_height(half: np.ndarray, found: Blobs | None = None) -> float:
    """Median height, in full-resolution pixels, of the letter-sized blobs of a half-size ink
    mask (:func:`half`); 0 without any."""
    count, _, stats = found or blobs(half)
    stats = stats[1:count]
    h, w, area = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH], stats[:, 4]
    # Specks can outnumber letters on a worn copy: blobs under 3 px (6 at full size) are out.
    fit = (area >= 6) & (h >= 3) & (h <= half.shape[0] / 20) & (w <= half.shape[1] / 10)
    return 2.0 * float(np.median(h[fit])) if fit.any() else 0.0


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


_OWN_INK = 0.75  # a word whose ink is lighter than this share of the page's is in its own colour


def _darkness(gray: np.ndarray) -> np.ndarray:
    return np.clip((255.0 - gray.astype(np.float32)) / 255.0, 0.0, 1.0)


def ink_level(gray: np.ndarray, mask: np.ndarray) -> float:
    """How dark the page's ink is (0–1): the 90th percentile of the darkness of its ink
    pixels, most of which are body text; 1 for a page without ink."""
    dark = _darkness(gray[::2, ::2])[mask[::2, ::2] > 0]
    return float(np.percentile(dark, 90)) if dark.size else 1.0


def _edge_length(crop: np.ndarray) -> int:
    """Ink-to-paper transitions along rows and columns, the box's border counting as paper."""
    padded = np.pad(crop, 1)
    return int(np.count_nonzero(padded[:, 1:] != padded[:, :-1])
               + np.count_nonzero(padded[1:, :] != padded[:-1, :]))


def stroke_width(mask: np.ndarray, gray: np.ndarray, box: Box, page_ink: float) -> float:
    """The mean stroke width of the ink in a box, in pixels: twice the ink's mass over the
    length of its edge (a stroke of width w and length L has mass wL and two edges of L).
    Bold type has strokes half as wide again as its roman; 0 for a box with next to no ink.

    The mass is the grey image's darkness, not a count of mask pixels: blur spreads a stroke
    but keeps its mass, and at 150 dpi a roman stroke is one or two pixels wide, where counting
    pixels (or eroding them) cannot tell it from a bold one. A word printed in a lighter colour
    than the page's ink (Word's blue headings) is measured against its own ink level.
    ``page_ink`` is :func:`ink_level` of the page."""
    x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), box[2], box[3]
    crop = (mask[y0:y1, x0:x1] > 0).astype(np.uint8)
    if int(crop.sum()) < 24:
        return 0.0
    dark = _darkness(gray[y0:y1, x0:x1])
    own = float(np.percentile(dark[crop > 0], 90))
    # Darkness is not divided by the page's level: that thin roman strokes never reach full
    # black on a soft copy, while bold ones do, is part of what tells them apart.
    level = own if own < _OWN_INK * page_ink else 1.0
    mass = float(np.clip(dark / max(level, 0.2), 0.0, 1.0).sum())
    return 2.0 * mass / max(1, _edge_length(crop))


def row_rectangles(solid: np.ndarray, slack: int = 2) -> list[tuple[int, int, int, int, int]]:
    """The blobs of a mask cut into runs of rows of one width (:func:`row_runs`), each as
    (x, y, w, h, pixels set): a header row and a cell filled down the rows below it, or two
    boxes on adjacent lines, come apart."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=4)
    out = []
    for n, (x, y, w, h, _area) in enumerate(stats[1:count].tolist(), start=1):
        blob = labels[y : y + h, x : x + w] == n
        for top, bottom, left, right in row_runs(blob, slack):
            area = int(np.count_nonzero(blob[top:bottom, left:right]))
            out.append((x + left, y + top, right - left, bottom - top, area))
    return out


def row_runs(blob: np.ndarray, slack: int = 2) -> list[tuple[int, int, int, int]]:
    """A blob cut into runs of rows that span the same columns, give or take `slack` pixels
    (top, bottom, left, right): two boxes on adjacent lines that touch at a corner come
    apart."""
    runs: list[list[int]] = []
    for row in range(blob.shape[0]):
        cols = np.flatnonzero(blob[row])
        if not cols.size:
            continue
        left, right = int(cols[0]), int(cols[-1]) + 1
        last = runs[-1] if runs else None
        if last and last[1] == row and max(abs(last[2] - left), abs(last[3] - right)) <= slack:
            last[1] = row + 1
        else:
            runs.append([row, row + 1, left, right])
    return [tuple(r) for r in runs]
