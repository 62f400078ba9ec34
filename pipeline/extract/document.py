"""Files → pages of positioned words: the text layer where usable, OCR elsewhere.

The decision is made per page (:mod:`pipeline.extract.text_quality`), so a PDF that mixes
born-digital and scanned pages is read page by page. Image files (PNG, JPEG, TIFF) are OCR'd
throughout. Either way the result is the same :class:`Document` of words in points for the
layout step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from pipeline.errors import (
    ArchiveError,
    CorruptPDFError,
    EmptyFileError,
    EncryptedPDFError,
    UnsupportedFileError,
)
from pipeline.extract import pdfium as pdfium_text
from pipeline.extract.plumber import open_pdf, read_page
from pipeline.extract.text_quality import OCR_LAYER_KEPT, LayerFacts, judge, layer_facts
from pipeline.ocr import fills, ink, orientation, raster, redactions, tesseract
from pipeline.ocr.page import iter_ocr_pages
from pipeline.ocr.rules import rules_in_half
from pipeline.ocr.settings import OcrSettings
from pipeline.options import OcrMode, ProcessOptions
from pipeline.records import Document, Page

# The text layers of one PDF: the pages, the pages to OCR with the reason why, the metadata.
TextLayers = tuple[list[Page], dict[int, str], dict[str, str]]


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


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _judged(
    page: Page, facts: LayerFacts | None, ocr: OcrMode, to_ocr: dict[int, str]
) -> Page:
    """Record on the page, and in `to_ocr`, what becomes of its text layer."""
    verdict = judge(page, facts)
    if ocr is OcrMode.ALWAYS:
        to_ocr[page.number] = "OCR forced"
    elif not verdict.usable and ocr is OcrMode.AUTO:
        to_ocr[page.number] = verdict.reason
    elif not verdict.usable:
        page.note = _join(verdict.reason, "OCR disabled")
    else:
        page.note = verdict.reason
    return page


def _unreadable(
    number: int, width: float, height: float, exc: Exception, ocr: OcrMode, to_ocr: dict[int, str]
) -> Page:
    # One malformed content stream spoils one page, not the document.
    page = Page(number=number, width=width, height=height)
    page.note = f"text layer unreadable ({exc.__class__.__name__})"
    if ocr is not OcrMode.NEVER:
        to_ocr[number] = page.note
    return page


def _read_text_layers(
    path: Path, passwords: tuple[str, ...], ocr: OcrMode
) -> tuple[TextLayers, str | None]:
    """Every page's text layer (read by PDFium), and the password that opened it.

    Most files are not encrypted, and an owner-only one opens without any password (the wrong
    one can even fail it), so the passwords are tried only after the plain attempt.
    """
    try:
        return _read_with_pdfium(path, None, ocr), None
    except EncryptedPDFError:
        if not passwords:
            raise
    for n, password in enumerate(passwords, start=1):
        try:
            return _read_with_pdfium(path, password, ocr), password
        except EncryptedPDFError as exc:
            if n == len(passwords):
                verdict = (
                    "the password given does not open it"
                    if n == 1
                    else f"none of the {n} passwords given opens it"
                )
                raise EncryptedPDFError(
                    f"encrypted: {verdict}", hint="Pass the right password with --password."
                ) from exc
    raise AssertionError("unreachable")


def _read_plumber_layers(
    path: Path, passwords: tuple[str, ...], ocr: OcrMode
) -> tuple[TextLayers, str | None]:
    """:func:`_read_text_layers` with pdfplumber, whose parser tolerates some damage PDFium
    refuses; whatever it raises on a damaged file is the file's failure, not a bug."""
    for password in (None, *passwords):
        try:
            return _read_with_pdfplumber(path, password, ocr), password
        except EncryptedPDFError:
            continue
        except ArchiveError:
            raise
        except RecursionError as exc:
            raise CorruptPDFError("its page tree loops or nests too deeply") from exc
        except MemoryError:
            raise
        except Exception as exc:
            raise CorruptPDFError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    raise EncryptedPDFError("encrypted: none of the passwords given opens it")


def _read_with_pdfium(path: Path, password: str | None, ocr: OcrMode) -> TextLayers:
    pages: list[Page] = []
    to_ocr: dict[int, str] = {}
    with pdfium_text.open_document(path, password) as pdf:
        for number, pdfium_page in pdfium_text.pages_of(pdf):
            try:
                page, facts = pdfium_text.read_page(pdfium_page, number)
                pages.append(_judged(page, facts, ocr, to_ocr))
            except ArchiveError:
                raise
            except Exception as exc:
                width, height = pdfium_page.get_size()
                pages.append(_unreadable(number, width, height, exc, ocr, to_ocr))
            finally:
                pdfium_page.close()
        metadata = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
    return pages, to_ocr, metadata


def _read_with_pdfplumber(path: Path, password: str | None, ocr: OcrMode) -> TextLayers:
    pages: list[Page] = []
    to_ocr: dict[int, str] = {}
    with open_pdf(path, password) as pdf:
        for number, plumber_page in enumerate(pdf.pages, start=1):
            try:
                page = read_page(plumber_page, number)
                pages.append(_judged(page, layer_facts(plumber_page), ocr, to_ocr))
            except ArchiveError:
                raise
            except Exception as exc:
                width, height = float(plumber_page.width), float(plumber_page.height)
                pages.append(_unreadable(number, width, height, exc, ocr, to_ocr))
        metadata = {k: str(v) for k, v in (pdf.metadata or {}).items()}
    return pages, to_ocr, metadata


def extract_document(
    path: Path,
    options: ProcessOptions | None = None,
    *,
    ocr: OcrMode | str | None = None,
    jobs: int | None = None,
    dpi: float | None = None,
    max_pixels: int | None = None,
    settings: OcrSettings | None = None,
) -> Document:
    """Read a PDF or image file into a :class:`Document` of positioned words per page.

    ``options.ocr``: ``auto`` OCRs the pages whose text layer is missing, unreadable or does
    not cover the page; ``always`` OCRs every page; ``never`` keeps text layers only (scanned
    pages stay empty). OCR'd pages are rendered at ``options.dpi`` within
    ``options.max_pixels`` and run ``options.ocr_jobs`` at a time. An encrypted PDF is opened
    with each of ``options.passwords`` in turn. The keyword arguments override the options for
    one call. Raises :class:`TesseractMissingError` only when a page actually needs OCR.
    """
    options = (options or ProcessOptions()).but(
        ocr=ocr, ocr_jobs=jobs, dpi=dpi, max_pixels=max_pixels
    )
    settings = settings or OcrSettings()
    jobs = options.ocr_jobs or 1
    kind = sniff_type(path)
    digest = sha256_of(path)
    if kind != "pdf":
        pages = _image_pages(path, options.ocr, options.dpi, options.max_pixels, jobs, settings)
        return Document(path=str(path), sha256=digest, pages=pages, metadata={"format": kind})

    try:
        layers, password = _read_text_layers(path, options.passwords, options.ocr)
    except CorruptPDFError as damage:
        return _damaged_pdf(path, digest, damage, options, settings, jobs)
    pages = _ocr(path, layers, password, options, settings, jobs)
    return Document(path=str(path), sha256=digest, pages=pages, metadata=layers[2])


def _ocr(
    path: Path,
    layers: TextLayers,
    password: str | None,
    options: ProcessOptions,
    settings: OcrSettings,
    jobs: int,
) -> list[Page]:
    """The pages, those the text-layer judge sent to OCR replaced by their OCR."""
    pages, to_ocr, _ = layers
    if settings.redactions or settings.fills:
        _mend_layers(path, password, pages, to_ocr, settings)
    if to_ocr:
        tesseract.ensure_available(settings.lang)
        numbers = sorted(to_ocr)
        images = raster.render_pages(
            path, numbers, password=password, dpi=options.dpi, max_pixels=options.max_pixels
        )
        for number, page in zip(numbers, iter_ocr_pages(images, jobs, settings), strict=True):
            page.note = _join(to_ocr[number], page.note)
            pages[number - 1] = page
    return pages


_LAYER_DPI = 300  # enough to see a redaction box or a fill; the text comes from the layer


def _mend_layers(
    path: Path, password: str | None, pages: list[Page], to_ocr: dict[int, str],
    settings: OcrSettings,
) -> None:
    """On scanned pages whose OCR layer is kept, what the layer got wrong is read from the
    image, as on pages OCR'd here: the words on Woo redaction boxes become redaction marks (the
    layer read the boxes as noise), and type on a filled row the layer did not read at all (a
    header row on a tint) is read with Tesseract, when it is installed."""
    kept = [p.number for p in pages if p.number not in to_ocr and p.note == OCR_LAYER_KEPT]
    if not kept:
        return
    read_fills = settings.fills and settings.lang in tesseract.languages()
    for image in raster.render_pages(path, kept, password=password, dpi=_LAYER_DPI):
        page = pages[image.number - 1]
        gray = np.asarray(image.image.convert("L"))
        half = ink.half(orientation.ink_mask(gray))
        letter = ink.letter_height(half)
        found = fills.find_fills(gray, letter) if settings.fills else []
        if read_fills:
            page.words += fills.read_unread_fills(
                gray, found, image.dpi, page.number, page.words, letter, settings.lang
            )
        boxes = redactions.find_boxes(gray, letter) if settings.redactions else []
        if boxes:
            areas = redactions.in_points(boxes, image.dpi)
            page.words = redactions.mark_redactions(page.words, areas, page.number)
        if settings.rules and not page.rules:
            # A table's ruling lines, which the layout needs to find its rows and columns: the
            # insides of fills and boxes are taken out first, or the lines that meet them would
            # be as thick as they are; their edges stay, which may be a rule they lie against.
            solid = [*boxes, *(f.box for f in found)]
            half = fills.without(half, solid)
            rules = rules_in_half(half, image.dpi, letter)[0]
            page.rules = redactions.beyond_boxes(rules, redactions.in_points(solid, image.dpi))


def _damaged_pdf(
    path: Path,
    digest: str,
    damage: CorruptPDFError,
    options: ProcessOptions,
    settings: OcrSettings,
    jobs: int,
) -> Document:
    """A PDF PDFium refuses: read a copy qpdf has repaired (the original stays as it is), else
    what pdfplumber can make of it; else it fails with PDFium's reason."""
    from pipeline.extract.repair import REPAIRED_NOTE, repaired_copy

    with repaired_copy(path, options.passwords) as copy:
        if copy is not None:
            try:
                layers, _ = _read_text_layers(copy, (), options.ocr)
            except CorruptPDFError:
                pass
            else:
                pages = _ocr(copy, layers, None, options, settings, jobs)
                for page in pages:
                    page.note = _join(REPAIRED_NOTE, page.note)
                metadata = {**layers[2], "repaired": REPAIRED_NOTE}
                return Document(path=str(path), sha256=digest, pages=pages, metadata=metadata)
    try:
        layers, password = _read_plumber_layers(path, options.passwords, options.ocr)
    except CorruptPDFError:
        raise damage from None
    pages = _ocr(path, layers, password, options, settings, jobs)
    return Document(path=str(path), sha256=digest, pages=pages, metadata=layers[2])


def _image_pages(
    path: Path, ocr: OcrMode, dpi: float, max_pixels: int, jobs: int, settings: OcrSettings
) -> list[Page]:
    """The frames of an image file, OCR'd (or left empty under ``ocr="never"``)."""
    images: Iterator[raster.PageImage] = raster.load_image_file(
        path, dpi=dpi, max_pixels=max_pixels
    )
    if ocr is OcrMode.NEVER:
        return [
            Page(
                number=im.number,
                width=round(im.width_pt, 2),
                height=round(im.height_pt, 2),
                note="image without text layer; OCR disabled",
            )
            for im in images
        ]
    tesseract.ensure_available(settings.lang)
    return list(iter_ocr_pages(images, jobs, settings))
