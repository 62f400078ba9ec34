"""Turn born-digital sample PDFs into the scans an archive actually receives.

Every step is deterministic for a given seed, so test figures do not drift between runs:
rasterise, skew by a fraction of a degree to a few degrees, add paper noise and blur, compress
as JPEG, and wrap the images as an image-only PDF (no text layer), a PNG or a multi-page TIFF.
The harsher forms: a 150 dpi photocopy with a lid band and a fold line, and a bilevel CCITT G4
TIFF.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def rasterize(pdf: Path, dpi: int = 300) -> list[Image.Image]:
    """Every page of ``pdf`` as an 8-bit grayscale image at ``dpi``."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in doc]
    finally:
        doc.close()


def rotate(image: Image.Image, degrees: float) -> Image.Image:
    """Skew like a crooked sheet on the glass: counter-clockwise, same size, white corners."""
    pixels = np.asarray(image)
    h, w = pixels.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    turned = cv2.warpAffine(
        pixels, matrix, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )
    return Image.fromarray(turned)


def quarter_turn(image: Image.Image, clockwise: int = 90) -> Image.Image:
    """A page fed sideways (90, 270) or upside down (180): the turn is baked into the pixels."""
    ops = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return image.transpose(ops[clockwise % 360])


def add_noise(image: Image.Image, sigma: float = 8.0, specks: float = 0.0005, seed: int = 0):
    """Gaussian sensor noise plus dust: black and white specks on a fraction of the pixels."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float32)
    pixels += rng.standard_normal(pixels.shape, dtype=np.float32) * np.float32(sigma)
    count = round(pixels.size * specks)
    flat = pixels.reshape(-1)
    flat[rng.integers(0, flat.size, count // 2)] = 0
    flat[rng.integers(0, flat.size, count - count // 2)] = 255
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def blur(image: Image.Image, radius: float = 0.8) -> Image.Image:
    """Optical softness of a scanner or copier lens."""
    return image.filter(ImageFilter.GaussianBlur(radius))


def jpeg(image: Image.Image, quality: int = 75) -> Image.Image:
    """A round trip through JPEG at ``quality``, with its block and ringing artefacts."""
    decoded = Image.open(io.BytesIO(jpeg_bytes(image, quality))).convert("L")
    decoded.info.clear()  # JFIF tags would ride along into the TIFF writer and confuse it
    return decoded


def jpeg_bytes(image: Image.Image, quality: int = 75) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def downsample(image: Image.Image, from_dpi: int, to_dpi: int) -> Image.Image:
    """The same page scanned at a lower resolution."""
    f = to_dpi / from_dpi
    size = (max(1, round(image.width * f)), max(1, round(image.height * f)))
    return image.resize(size, Image.Resampling.LANCZOS)


def scan(image: Image.Image, *, angle: float, seed: int, quality: int = 75) -> Image.Image:
    """An office scan at the image's resolution: skewed, slightly soft, noisy, JPEG'd."""
    out = rotate(image, angle) if angle else image
    out = blur(out, 0.7)
    out = add_noise(out, sigma=7.0, specks=0.0003, seed=seed)
    return jpeg(out, quality)


def photocopy(image: Image.Image, *, from_dpi: int, seed: int, angle: float = 0.0) -> Image.Image:
    """A worn copy at 150 dpi: darker and harder, blurrier, noisier and more compressed."""
    out = rotate(image, angle) if angle else image
    out = blur(out, 1.2)
    out = downsample(out, from_dpi, 150)
    # Copier contrast: greys pushed towards black, paper towards a dirty light grey.
    lut = [max(0, min(255, round((v - 40) * 1.35))) for v in range(256)]
    out = out.point(lut)
    out = add_noise(out, sigma=12.0, specks=0.002, seed=seed)
    return jpeg(out, 55)


def lid_band(image: Image.Image, *, seed: int, edge: str | None = None) -> Image.Image:
    """The dark band a copier leaves where the lid did not close: along one edge, darkest at the
    edge and fading inwards, mottled."""
    rng = np.random.default_rng(seed)
    edge = edge or ("top", "bottom", "left", "right")[int(rng.integers(0, 4))]
    pixels = np.asarray(image, dtype=np.float32).copy()
    h, w = pixels.shape
    span = h if edge in ("top", "bottom") else w
    depth = max(4, int(span * rng.uniform(0.03, 0.06)))
    fade = np.linspace(1.0, 0.0, depth, dtype=np.float32) ** 0.6  # 1 at the edge
    darkness = fade * np.float32(rng.uniform(170, 215))
    band = darkness[:, None] if edge in ("top", "bottom") else darkness[None, :]
    mottle = rng.normal(0, 12, (depth, w) if edge in ("top", "bottom") else (h, depth))
    shade = (band + mottle.astype(np.float32)).clip(0, 255)
    if edge == "top":
        pixels[:depth, :] -= shade
    elif edge == "bottom":
        pixels[h - depth:, :] -= shade[::-1, :]
    elif edge == "left":
        pixels[:, :depth] -= shade
    else:
        pixels[:, w - depth:] -= shade[:, ::-1]
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


def fold_line(image: Image.Image, *, seed: int) -> Image.Image:
    """A crease across the sheet (where it was folded for the envelope): a thin dark line with a
    grey shadow, not quite straight."""
    rng = np.random.default_rng(seed)
    pixels = np.asarray(image, dtype=np.float32).copy()
    h, w = pixels.shape
    horizontal = rng.random() < 0.7
    length, across = (w, h) if horizontal else (h, w)
    pos = across * rng.uniform(0.3, 0.7)
    drift = np.cumsum(rng.normal(0, 0.08, length)) + pos
    for i, centre in enumerate(drift):
        c = int(round(centre))
        for offset, strength in ((-2, 25), (-1, 70), (0, 110), (1, 60), (2, 20)):
            j = c + offset
            if 0 <= j < across:
                if horizontal:
                    pixels[j, i] -= strength
                else:
                    pixels[i, j] -= strength
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8))


PHOTOCOPY_DPI = 150
PHOTOCOPY_QUALITY = 40


def harsh_photocopy(image: Image.Image, *, from_dpi: int, seed: int, angle: float | None = None,
                    quality: int | None = PHOTOCOPY_QUALITY) -> Image.Image:
    """A bad copy of a copy at 150 dpi: skewed 2–3°, soft, hard contrast, heavy specks, a dark
    lid band along one edge, a fold line, and JPEG at quality ~40 (``quality=None`` leaves
    the compression to the PDF writer)."""
    rng = random.Random(seed)
    if angle is None:
        angle = round(rng.uniform(2.0, 3.0) * rng.choice((-1, 1)), 2)
    out = rotate(image, angle)
    out = blur(out, 1.3)
    out = downsample(out, from_dpi, PHOTOCOPY_DPI)
    lut = [max(0, min(255, round((v - 50) * 1.45))) for v in range(256)]
    out = out.point(lut)
    out = add_noise(out, sigma=14.0, specks=0.006, seed=seed)
    out = lid_band(out, seed=seed + 1)
    out = fold_line(out, seed=seed + 2)
    return jpeg(out, quality) if quality else out


def harsh_photocopy_pdf(pdf: Path, path: Path, *, seed: int = 1, dpi: int = 300) -> Path:
    """Every page of ``pdf`` as a :func:`harsh_photocopy`, in an image-only PDF at 150 dpi with
    JPEG quality 40."""
    pages = rasterize(pdf, dpi)
    copies = [harsh_photocopy(p, from_dpi=dpi, seed=seed * 300 + i, quality=None)
              for i, p in enumerate(pages)]
    return image_pdf(copies, path, PHOTOCOPY_DPI, quality=PHOTOCOPY_QUALITY)


def bilevel(image: Image.Image) -> Image.Image:
    """Black and white at Otsu's threshold, as a fax or archive scanner stores a page."""
    pixels = np.asarray(image.convert("L"))
    _, binary = cv2.threshold(pixels, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return Image.fromarray(binary).convert("1", dither=Image.Dither.NONE)


def save_g4_tiff(images: Sequence[Image.Image], path: Path, dpi: int = 300) -> Path:
    """A multi-page bilevel TIFF with CCITT group 4 compression (archives' favourite)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    first, *rest = (bilevel(image) for image in images)
    first.save(
        path, format="TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi),
        compression="group4",
    )
    return path


def g4_tiff(pdf: Path, path: Path, *, seed: int = 1, dpi: int = 300) -> Path:
    """``pdf`` scanned at 300 dpi (slightly skewed and noisy) and stored as a G4 TIFF."""
    pages = rasterize(pdf, dpi)
    angles = skew_angles(len(pages), seed + 11, 0.2, 1.2)
    scans = [scan(p, angle=a, seed=seed * 400 + i, quality=90)
             for i, (p, a) in enumerate(zip(pages, angles, strict=True))]
    return save_g4_tiff(scans, path, dpi)


def image_pdf(images: Sequence[Image.Image], path: Path, dpi: int, quality: int = 85) -> Path:
    """An image-only PDF, one JPEG per page sized so that it prints at ``dpi``; no text layer."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pageCompression=1)
    for image in images:
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        pdf.setPageSize((width, height))
        reader = ImageReader(io.BytesIO(jpeg_bytes(image, quality)))
        pdf.drawImage(reader, 0, 0, width=width, height=height)
        pdf.showPage()
    pdf.save()
    return path


def save_png(image: Image.Image, path: Path, dpi: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", dpi=(dpi, dpi))
    return path


def save_tiff(images: Sequence[Image.Image], path: Path, dpi: int) -> Path:
    """A multi-page TIFF, LZW-compressed, with its resolution tagged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Fresh copies: an image saved before carries that save's options into this one.
    first, *rest = (image.copy() for image in images)
    first.save(
        path, format="TIFF", save_all=True, append_images=rest, dpi=(dpi, dpi),
        compression="tiff_lzw",
    )
    return path


def skew_angles(count: int, seed: int, low: float = 0.5, high: float = 3.0) -> list[float]:
    """Angles between ``low`` and ``high`` degrees with random sign, one per page."""
    rng = random.Random(seed)
    return [round(rng.uniform(low, high) * rng.choice((-1, 1)), 2) for _ in range(count)]


def scanned_variants(pdf: Path, outdir: Path, *, seed: int = 1, dpi: int = 300) -> dict[str, Path]:
    """The scanned forms of one born-digital PDF that the OCR tests and benchmarks read.

    * ``scan``: every page skewed 0.5–3°, blurred, noisy, JPEG'd, as an image-only PDF at dpi;
    * ``rotated``: the same with the first page fed sideways (turned 90° clockwise);
    * ``photocopy``: a 150 dpi photocopy, skewed up to 1.5°;
    * ``png``: the first page of ``scan`` as a PNG; ``tiff``: all of ``scan`` as one TIFF.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    stem = pdf.stem
    pages = rasterize(pdf, dpi)
    angles = skew_angles(len(pages), seed)
    scans = [
        scan(p, angle=a, seed=seed * 100 + i)
        for i, (p, a) in enumerate(zip(pages, angles, strict=True))
    ]
    copy_angles = skew_angles(len(pages), seed + 7, 0.2, 1.5)
    copies = [
        photocopy(p, from_dpi=dpi, seed=seed * 200 + i, angle=a)
        for i, (p, a) in enumerate(zip(pages, copy_angles, strict=True))
    ]
    rotated = [quarter_turn(scans[0], 90), *scans[1:]]
    return {
        "scan": image_pdf(scans, outdir / f"{stem}.scan.pdf", dpi),
        "rotated": image_pdf(rotated, outdir / f"{stem}.rotated.pdf", dpi),
        "photocopy": image_pdf(copies, outdir / f"{stem}.photocopy.pdf", 150, quality=60),
        "png": save_png(scans[0], outdir / f"{stem}.scan.png", dpi),
        "tiff": save_tiff(scans, outdir / f"{stem}.scan.tiff", dpi),
    }


def scanned_pdf(pdf: Path, path: Path, *, seed: int = 1, dpi: int = 300) -> Path:
    """``pdf`` as an office scan at ``dpi``: every page skewed 0.3–2°, soft, noisy, JPEG'd, in
    an image-only PDF."""
    pages = rasterize(pdf, dpi)
    angles = skew_angles(len(pages), seed, 0.3, 2.0)
    scans = [scan(p, angle=a, seed=seed * 10 + i)
             for i, (p, a) in enumerate(zip(pages, angles, strict=True))]
    return image_pdf(scans, path, dpi)


def clean_scan_pdf(pdf: Path, path: Path, *, dpi: int = 300, seed: int = 1) -> Path:
    """Level scans (noise, blur, JPEG, no skew) whose geometry matches the original's points.

    For comparisons by word position against the text layer of ``pdf`` (the benchmarks).
    """
    pages = [scan(p, angle=0.0, seed=seed * 100 + i) for i, p in enumerate(rasterize(pdf, dpi))]
    return image_pdf(pages, path, dpi)


def mixed_pdf(pages: Sequence[tuple[Path, int]], path: Path) -> Path:
    """A PDF assembled from pages of others, ``(pdf, 0-based index)`` each: a born-digital
    page next to a scanned one, as archives bind them."""
    out = pdfium.PdfDocument.new()
    for source, index in pages:
        doc = pdfium.PdfDocument(str(source))
        out.import_pages(doc, [index])
        doc.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    out.save(str(path))
    out.close()
    return path
