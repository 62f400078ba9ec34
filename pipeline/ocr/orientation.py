"""Page geometry of scans: quarter turns (sideways, upside down) and small skew, found and undone.

Skew comes from the projection profile: text lines give the row sums of an ink mask sharp peaks
and gaps, sharpest when the lines run exactly horizontal. The same measure across columns tells
a sideways page; Tesseract's orientation detection (OSD) then picks 90 or 270, and is asked
about upside-down pages only when their OCR confidence already looks wrong, because it costs
half a page of OCR.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from pipeline.ocr import tesseract

MAX_SKEW = 5.0  # degrees searched either way
MIN_SKEW = 0.15  # smaller angles are left alone: resampling costs more than it gains
_ANALYSIS_WIDTH = 640  # px; the profile needs lines, not letters


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, by Otsu's threshold (uint8, same size as ``gray``)."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def downscale(mask: np.ndarray, width: int = _ANALYSIS_WIDTH) -> np.ndarray:
    """A smaller ink mask for geometry; area averaging keeps thin strokes as grey, not gone."""
    h, w = mask.shape[:2]
    longest = max(h, w)
    if longest <= width:
        return mask
    f = width / longest
    size = (max(1, round(w * f)), max(1, round(h * f)))
    return cv2.resize(mask, size, interpolation=cv2.INTER_AREA)


def _rotate(mask: np.ndarray, angle: float, border: int = 0) -> np.ndarray:
    h, w = mask.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        mask, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )


def _sharpness(profile: np.ndarray) -> float:
    """How peaky a projection profile is: mean squared step, relative to the mean level."""
    profile = profile.astype(np.float64)
    mean = profile.mean()
    if mean <= 0:
        return 0.0
    return float(np.mean(np.diff(profile) ** 2) / (mean * mean))


@dataclass(frozen=True, slots=True)
class Geometry:
    """What the profiles say about a page: its skew and whether its lines run vertically."""

    skew: float  # degrees to rotate counter-clockwise (PIL/OpenCV sense) to level the lines
    sideways: bool


def measure(mask: np.ndarray, max_angle: float = MAX_SKEW) -> Geometry:
    """Skew and sideways-ness of a page from its ink ``mask`` (ideally :func:`downscale`'d).

    Each trial rotation is scored across rows and across columns at once, so a sideways page
    that is also skewed is still recognised. Coarse search in whole degrees, then 0.1° steps
    along the winning axis. A table's ruling lines spike both profiles, but text lines
    outnumber them, and a sideways verdict is confirmed by OSD before a page is turned. A page
    without ink measures as level and upright.
    """
    if mask.size == 0 or not mask.any():
        return Geometry(0.0, False)

    def scores(angle: float) -> tuple[float, float]:
        turned = _rotate(mask, angle) if angle else mask
        return _sharpness(turned.sum(axis=1)), _sharpness(turned.sum(axis=0))

    coarse = {float(a): scores(float(a)) for a in np.arange(-max_angle, max_angle + 1e-9, 1.0)}
    best_rows = max(coarse, key=lambda a: coarse[a][0])
    best_cols = max(coarse, key=lambda a: coarse[a][1])
    # A wrong quarter turn ruins a page, so columns must win clearly.
    sideways = coarse[best_cols][1] > 1.5 * coarse[best_rows][0]
    axis, best = (1, best_cols) if sideways else (0, best_rows)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    best = max(fine, key=lambda a: scores(float(a))[axis])
    return Geometry(round(float(best), 2), sideways)


def osd_rotation(image: Image.Image, dpi: float, min_confidence: float = 1.5) -> int | None:
    """Clockwise quarter turn that makes ``image`` upright per Tesseract OSD, or None if unsure."""
    found = tesseract.orientation(image, dpi=round(dpi))
    if found is None or found.confidence < min_confidence:
        return None
    return found.rotate


def turn(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned ``clockwise`` degrees (a multiple of 90), losslessly."""
    ops = {
        90: Image.Transpose.ROTATE_270,  # PIL's ROTATE_* turn counter-clockwise
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    op = ops.get(clockwise % 360)
    return image.transpose(op) if op is not None else image


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """``gray`` rotated ``angle`` degrees counter-clockwise about its centre, same size, white fill.

    Keeping the size keeps the page's point frame: a word moves at most a few points.
    """
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
