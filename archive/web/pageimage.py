"""Page images with an entry's words marked: where on which page the minutes say it.

A page is rendered once (PDFium for PDFs, Pillow for image files, at the resolution the ingest
used for their word boxes) and kept as a PNG in a cache folder; the marked variants are drawn
on it and cached too. The cache is bounded in files and bytes, least recently used out first.

Boxes are ``(x0, top, x1, bottom)`` in PDF points from the top-left of the displayed page, as
the records keep them; they always come from the record, never from the request.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from pipeline.errors import NotFoundError

Box = tuple[float, float, float, float]

_POINTS_PER_INCH = 72.0
WIDTH = 1000  # pixels across a rendered page: legible, and small enough to send quickly
MAX_HEIGHT = 4000  # pixels down: a very long page is rendered smaller rather than huge
# pdfium is not thread-safe: one render at a time in this process.
_PDFIUM = threading.Lock()

_MARK_FILL = (255, 214, 0, 96)
_MARK_EDGE = (214, 96, 0, 255)
_OTHER_EDGE = (40, 90, 200, 150)


@dataclass
class _Rendered:
    path: Path
    scale: float  # pixels per point
    size: int  # bytes on disk


class PageCache:
    """Rendered pages and their marked variants as PNG files in `directory` (a temporary folder
    of this process when None), at most `max_files` files and `max_bytes` bytes."""

    def __init__(
        self,
        directory: Path | None = None,
        *,
        max_files: int = 256,
        max_bytes: int = 256 * 2**20,
        width: int = WIDTH,
    ) -> None:
        self._owned = directory is None
        self._directory = None if directory is None else Path(directory)
        self.max_files = max_files
        self.max_bytes = max_bytes
        self.width = width
        self._files: OrderedDict[str, _Rendered] = OrderedDict()
        self._sizes: dict[str, tuple[float, float] | None] = {}
        self._lock = threading.Lock()

    @property
    def directory(self) -> Path:
        """The cache folder, made on first use: an app that never shows a page (a test's client,
        a JSON-only consumer) leaves no folder behind."""
        if self._directory is None:
            self._directory = Path(tempfile.mkdtemp(prefix="archive-pages-"))
            # An app that is never shut down (no lifespan) still cleans up at exit.
            weakref.finalize(self, shutil.rmtree, self._directory, True)
        return self._directory

    def close(self) -> None:
        """Remove the cache folder when this cache made it."""
        if self._owned and self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)

    # --- the cache --------------------------------------------------------------------------

    def _get(self, key: str) -> _Rendered | None:
        with self._lock:
            found = self._files.get(key)
            if found is None or not found.path.exists():
                self._files.pop(key, None)
                return None
            self._files.move_to_end(key)
            return found

    def _put(self, key: str, data: bytes, scale: float) -> _Rendered:
        name = hashlib.sha256(key.encode()).hexdigest()[:32] + ".png"
        path = self.directory / name
        tmp = path.with_suffix(".tmp")
        self.directory.mkdir(parents=True, exist_ok=True)  # an app closed and opened again
        tmp.write_bytes(data)
        tmp.replace(path)
        entry = _Rendered(path, scale, len(data))
        with self._lock:
            self._files[key] = entry
            self._files.move_to_end(key)
            total = sum(f.size for f in self._files.values())
            while len(self._files) > 1 and (
                len(self._files) > self.max_files or total > self.max_bytes
            ):
                _, old = self._files.popitem(last=False)
                total -= old.size
                with contextlib.suppress(OSError):
                    old.path.unlink()
        return entry

    def size(self, sha256: str, source: Path, page: int) -> tuple[float, float] | None:
        """The page's size in points as displayed (PDFs only; None when unknown), so a page
        can lay out its images before they arrive and scroll to a marked line."""
        key = f"{sha256}:{page}"
        if key in self._sizes:
            return self._sizes[key]
        found = None
        try:
            with source.open("rb") as fh:
                is_pdf = b"%PDF-" in fh.read(1024)
            if is_pdf:
                import pypdfium2 as pdfium

                with _PDFIUM:
                    pdf = pdfium.PdfDocument(str(source))
                    try:
                        if 1 <= page <= len(pdf):
                            handle = pdf[page - 1]
                            width, height = handle.get_size()  # as displayed, like the boxes
                            handle.close()
                            found = (round(width, 2), round(height, 2))
                    finally:
                        pdf.close()
        except Exception:  # a size is a nicety: the image itself reports what went wrong
            found = None
        with self._lock:
            if len(self._sizes) > 10_000:
                self._sizes.clear()
            self._sizes[key] = found
        return found

    def __len__(self) -> int:
        return len(self._files)

    # --- rendering --------------------------------------------------------------------------

    def _render(self, source: Path, page: int) -> tuple[Image.Image, float]:
        """Page `page` (1-based) of `source` as RGB, and its pixels per point."""
        from pipeline.extract.document import sniff_type

        try:
            kind = sniff_type(source)
        except Exception as exc:
            raise NotFoundError(f"The original file cannot be read ({exc}).") from exc
        if kind == "pdf":
            return self._render_pdf(source, page)
        return self._render_image(source, page)

    def _fit(self, width_pt: float, height_pt: float) -> float:
        scale = self.width / max(width_pt, 1.0)
        return min(scale, MAX_HEIGHT / max(height_pt, 1.0))

    def _render_pdf(self, source: Path, page: int) -> tuple[Image.Image, float]:
        import pypdfium2 as pdfium

        with _PDFIUM:
            try:
                pdf = pdfium.PdfDocument(str(source))
            except pdfium.PdfiumError as exc:
                raise NotFoundError(f"The original PDF cannot be opened ({exc}).") from exc
            try:
                if not 1 <= page <= len(pdf):
                    raise NotFoundError(f"The document has no page {page}.")
                handle = pdf[page - 1]
                try:
                    width, height = handle.get_size()  # as displayed, /Rotate applied
                    scale = self._fit(width, height)
                    bitmap = handle.render(scale=scale)
                    image = bitmap.to_pil().convert("RGB")
                    bitmap.close()
                finally:
                    handle.close()
            finally:
                pdf.close()
        return image, scale

    def _render_image(self, source: Path, page: int) -> tuple[Image.Image, float]:
        # The ingest's own loader: the same frames, orientation and resolution its boxes have.
        from pipeline.ocr.raster import load_image_file

        try:
            for frame in load_image_file(source):
                if frame.number == page:
                    scale = self._fit(frame.width_pt, frame.height_pt)
                    size = (
                        max(1, round(frame.width_pt * scale)),
                        max(1, round(frame.height_pt * scale)),
                    )
                    return frame.image.convert("RGB").resize(size, Image.Resampling.LANCZOS), scale
        except NotFoundError:
            raise
        except Exception as exc:
            raise NotFoundError(f"The original image cannot be read ({exc}).") from exc
        raise NotFoundError(f"The document has no page {page}.")

    def page(self, sha256: str, source: Path, page: int) -> _Rendered:
        """The plain rendered page, from the cache when there."""
        key = f"{sha256}:{page}:{self.width}"
        if found := self._get(key):
            return found
        image, scale = self._render(source, page)
        return self._put(key, _png(image), scale)

    def marked(
        self,
        sha256: str,
        source: Path,
        page: int,
        selected: Sequence[Box],
        others: Sequence[Box] = (),
    ) -> Path:
        """The page with `selected` boxes filled and outlined and `others` outlined; a PNG."""
        base = self.page(sha256, source, page)
        if not selected and not others:
            return base.path
        digest = hashlib.sha256(repr((selected, others)).encode()).hexdigest()[:16]
        key = f"{sha256}:{page}:{self.width}:{digest}"
        if found := self._get(key):
            return found.path
        with Image.open(base.path) as opened:
            image = opened.convert("RGBA")
        overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for box in others:
            draw.rectangle(_pixels(box, base.scale, pad=2), outline=_OTHER_EDGE, width=2)
        for box in selected:
            rect = _pixels(box, base.scale, pad=3)
            draw.rectangle(rect, fill=_MARK_FILL, outline=_MARK_EDGE, width=3)
        image = Image.alpha_composite(image, overlay).convert("RGB")
        return self._put(key, _png(image), base.scale).path


def _pixels(box: Box, scale: float, *, pad: int) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = box
    return (
        int(x0 * scale) - pad,
        int(top * scale) - pad,
        int(x1 * scale + 0.999) + pad,
        int(bottom * scale + 0.999) + pad,
    )


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # A palette PNG: a page of text in 256 colours is a fraction of the size, and as legible.
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(out, "PNG")
    return out.getvalue()


__all__ = ["MAX_HEIGHT", "WIDTH", "Box", "PageCache"]
