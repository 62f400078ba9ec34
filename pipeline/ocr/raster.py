"""Page images: PDF pages rendered with pypdfium2, and PNG/JPEG/TIFF files, as grayscale.

Both paths share one resolution policy (:func:`choose_dpi`) and one pixel limit, which guards
against decompression bombs: a 12 KB PDF can hold a 35000 × 35000 px page.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from pipeline.errors import CorruptPDFError, PageTooLargeError

# PDFium has one opener, with one mapping of its failures (encrypted, corrupt …).
from pipeline.extract.pdfium import load_page
from pipeline.extract.pdfium import open_document as open_pdf
from pipeline.options import DECODE_FACTOR, DEFAULT_DPI, DEFAULT_MAX_PIXELS

MIN_DPI = 100  # below this, text of ordinary size is too small to recognise
ASSUMED_IMAGE_DPI = 300  # for image files without a usable resolution tag
_A4_AREA = 595.0 * 842.0  # pt²
_POINTS_PER_INCH = 72.0


@dataclass
class PageImage:
    """One page as a grayscale image: ``dpi`` maps its pixels to PDF points (px × 72 / dpi)."""

    number: int
    image: Image.Image
    dpi: float
    note: str = ""  # how the image was obtained, when that matters: downsampled, resampled …

    @property
    def width_pt(self) -> float:
        return self.image.width * _POINTS_PER_INCH / self.dpi

    @property
    def height_pt(self) -> float:
        return self.image.height * _POINTS_PER_INCH / self.dpi


def choose_dpi(
    width_pt: float,
    height_pt: float,
    *,
    dpi: float = DEFAULT_DPI,
    native_dpi: float | None = None,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> tuple[float, str]:
    """The resolution to rasterise a page at, and a note when it differs from ``dpi``.

    A page smaller than A4 whose scan is finer than ``dpi`` (a 2400 dpi image on a stamp-sized
    page) is rendered nearer the scan's own resolution, up to the pixels of an A4 page at
    ``dpi``: a fixed dpi would shrink its text below legibility. A page over ``max_pixels`` is
    downsampled while that keeps at least :data:`MIN_DPI`; beyond that it is refused with
    :class:`PageTooLargeError` rather than decoded into gigabytes.
    """
    area = max(width_pt * height_pt, 1.0)
    chosen, note = float(dpi), ""
    if native_dpi and native_dpi > dpi and area < _A4_AREA:
        chosen = min(native_dpi, dpi * math.sqrt(_A4_AREA / area))
        if chosen < dpi * 1.1:  # a letter-size page at 301 dpi is no special case
            chosen = float(dpi)
        else:
            note = f"small page rendered at {chosen:.0f} dpi (scan resolution)"
    pixels = area * (chosen / _POINTS_PER_INCH) ** 2
    if pixels > max_pixels:
        fitted = math.floor(_POINTS_PER_INCH * math.sqrt(max_pixels / area))
        if fitted < MIN_DPI:
            raise PageTooLargeError(
                f"page too large: {width_pt:.0f} × {height_pt:.0f} pt needs "
                f"{pixels / 1e6:.0f} Mpx at {chosen:.0f} dpi (limit {max_pixels / 1e6:.0f} Mpx)"
            )
        chosen, note = float(fitted), f"downsampled to {fitted} dpi (pixel limit)"
    return chosen, note


# --- PDF ----------------------------------------------------------------------------------


def native_dpi(page: pdfium.PdfPage) -> float | None:
    """The resolution of the largest image on the page (the scan), if any image covers a fifth.

    Measured along the image's own axes, so skewed or rotated placements count correctly.
    """
    page_area = max(1.0, page.get_width() * page.get_height())
    best: tuple[float, float] | None = None  # (placed area, dpi)
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            px_w, px_h = obj.get_px_size()
            m = obj.get_matrix()
        except pdfium.PdfiumError:
            continue
        side_w, side_h = math.hypot(m.a, m.b), math.hypot(m.c, m.d)
        area = side_w * side_h
        if area < page_area / 5 or side_w <= 0 or side_h <= 0:
            continue
        dpi = min(px_w / side_w, px_h / side_h) * _POINTS_PER_INCH
        if best is None or area > best[0]:
            best = (area, dpi)
    return best[1] if best else None


def render_page(
    pdf: pdfium.PdfDocument,
    index: int,
    *,
    dpi: float = DEFAULT_DPI,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> PageImage:
    """Render page ``index`` (0-based) in grayscale, as displayed (its /Rotate applied)."""
    page = load_page(pdf, index)
    try:
        width, height = page.get_size()  # after /Rotate, like the rendered bitmap
        chosen, note = choose_dpi(
            width, height, dpi=dpi, native_dpi=native_dpi(page), max_pixels=max_pixels
        )
        try:
            bitmap = page.render(scale=chosen / _POINTS_PER_INCH, grayscale=True)
        except pdfium.PdfiumError as exc:
            raise CorruptPDFError(f"page {index + 1} cannot be rendered ({exc})") from exc
        image = bitmap.to_pil().convert("L")
        bitmap.close()
    finally:
        page.close()
    return PageImage(number=index + 1, image=image, dpi=chosen, note=note)


def render_pages(
    path: Path,
    numbers: Sequence[int],
    *,
    password: str | None = None,
    dpi: float = DEFAULT_DPI,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Iterator[PageImage]:
    """Render the given 1-based pages one at a time, so only the pages in flight use memory.

    pdfium is not thread-safe: consume this iterator from one thread.
    """
    with open_pdf(path, password) as pdf:
        for number in numbers:
            yield render_page(pdf, number - 1, dpi=dpi, max_pixels=max_pixels)


# --- image files --------------------------------------------------------------------------


def _frame_dpi(frame: Image.Image) -> tuple[float, float] | None:
    raw = frame.info.get("dpi")
    if not raw:
        return None
    try:
        xdpi, ydpi = (float(v) for v in raw)
    except (TypeError, ValueError):
        return None
    if not (50 <= xdpi <= 4800 and 50 <= ydpi <= 4800):
        return None
    # Cameras and screenshots write 72 or 96 dpi whatever they saw: not a scan resolution.
    # A fax's 204 × 98 is one, and differing axes give it away.
    if min(xdpi, ydpi) < 100 and abs(xdpi - ydpi) < 1:
        return None
    return xdpi, ydpi


def _to_gray(image: Image.Image) -> Image.Image:
    """8-bit grayscale on white: transparency becomes paper, 16-bit scans keep their range."""
    if image.mode in ("L", "1"):
        return image.convert("L")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) or 1.0
        return Image.fromarray(np.clip(values * (255.0 / top), 0, 255).astype(np.uint8))
    if "A" in image.getbands() or "transparency" in image.info:
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("L")
    return image.convert("L")


def _frame_to_page(
    frame: Image.Image, number: int, *, dpi: float, max_pixels: int, shrink: float = 1.0
) -> PageImage:
    tagged = _frame_dpi(frame)
    notes = []
    if tagged is None:
        xdpi = ydpi = float(ASSUMED_IMAGE_DPI) / shrink
        notes.append(f"resolution unknown, assumed {ASSUMED_IMAGE_DPI} dpi")
    else:
        xdpi, ydpi = (v / shrink for v in tagged)
    width_pt = frame.width * _POINTS_PER_INCH / xdpi
    height_pt = frame.height * _POINTS_PER_INCH / ydpi
    chosen, note = choose_dpi(
        width_pt, height_pt, dpi=dpi, native_dpi=max(xdpi, ydpi), max_pixels=max_pixels
    )
    if note:
        notes.append(note)
    image = _to_gray(ImageOps.exif_transpose(frame))
    if image.size != frame.size:  # EXIF turned it a quarter: the page's sides swap
        width_pt, height_pt = height_pt, width_pt
    # Resample to the chosen resolution; this also squares fax pixels (204 × 98 dpi).
    size = (
        max(1, round(width_pt * chosen / _POINTS_PER_INCH)),
        max(1, round(height_pt * chosen / _POINTS_PER_INCH)),
    )
    if image.size != size:
        shrinking = size[0] * size[1] < image.width * image.height
        resample = Image.Resampling.LANCZOS if shrinking else Image.Resampling.BICUBIC
        image = image.resize(size, resample)
    return PageImage(number=number, image=image, dpi=chosen, note="; ".join(notes))


def _draft_factor(frame: Image.Image, max_pixels: int) -> int:
    """The JPEG decoder's power-of-two reduction that brings ``frame`` under ``max_pixels``."""
    for factor in (1, 2, 4, 8):
        if (frame.width // factor) * (frame.height // factor) <= max_pixels:
            return factor
    return 0


def load_image_file(
    path: Path,
    *,
    dpi: float = DEFAULT_DPI,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Iterator[PageImage]:
    """The pages of a PNG, JPEG or (multi-page) TIFF, upright per their EXIF orientation.

    Each frame's pixel count is checked from its header before decoding. A frame over
    `max_pixels` is downsampled to fit: a JPEG is decoded at a reduced scale, a PNG or TIFF up
    to :data:`~pipeline.options.DECODE_FACTOR` times the limit is decoded whole first; a larger
    one is refused.
    """
    try:
        img = Image.open(path)
    except Image.DecompressionBombError as exc:  # Pillow's own guard, set by the ingest
        raise PageTooLargeError(
            f"image too large: far over the limit of {max_pixels / 1e6:.3g} Mpx; images up to "
            f"{DECODE_FACTOR} × the limit are downsampled"
        ) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise CorruptPDFError(f"not a readable image ({exc})") from exc
    with img:
        for number, frame in enumerate(ImageSequence.Iterator(img), start=1):
            shrink = 1.0
            pixels = frame.width * frame.height
            if pixels > max_pixels and frame.format == "JPEG":
                factor = _draft_factor(frame, max_pixels)
                if not factor:
                    raise PageTooLargeError(
                        f"image too large: {frame.width} × {frame.height} px "
                        f"(limit {max_pixels / 1e6:.0f} Mpx)"
                    )
                full_width = frame.width
                frame.draft(frame.mode, (frame.width // factor, frame.height // factor))
                shrink = full_width / frame.width
            elif pixels > max_pixels * DECODE_FACTOR:
                raise PageTooLargeError(
                    f"image too large: {frame.width} × {frame.height} px; images up to "
                    f"{DECODE_FACTOR} × the limit of {max_pixels / 1e6:.3g} Mpx are downsampled"
                )
            try:
                frame.load()
            except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
                raise CorruptPDFError(f"image {number} cannot be decoded ({exc})") from exc
            yield _frame_to_page(frame, number, dpi=dpi, max_pixels=max_pixels, shrink=shrink)
