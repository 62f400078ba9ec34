"""Files → pages of positioned words: the text layer where usable, OCR elsewhere."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import EmptyFileError, UnsupportedFileError
from pipeline.pdf_text import open_pdf, read_page
from pipeline.records import Document


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sniff_type(path: Path) -> str:
    """The file type from its first bytes: `pdf`, `png`, `jpeg`, `tiff`, or raise."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise EmptyFileError("empty file (0 bytes)")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    raise UnsupportedFileError("not a PDF or image file (unrecognised content)")


def extract_document(
    path: Path, *, ocr: str = "auto", password: str | None = None
) -> Document:
    """Read a PDF or image file into a :class:`Document` of positioned words per page."""
    kind = sniff_type(path)
    if kind != "pdf":
        raise UnsupportedFileError(f"{kind} images need OCR, which is not available yet")
    with open_pdf(path, password) as pdf:
        pages = [read_page(page, n) for n, page in enumerate(pdf.pages, start=1)]
        metadata = {k: str(v) for k, v in (pdf.metadata or {}).items()}
    return Document(path=str(path), sha256=sha256_of(path), pages=pages, metadata=metadata)
