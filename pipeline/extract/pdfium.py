"""PDFium behind one module: the fast reader of text layers as positioned words and rules.

pdfminer (under pdfplumber) interprets content streams in Python at about two dense pages a
second; PDFium does the same in C++ some ten times faster. Both yield the same records, so
the choice is a setting (`text_engine`), and pdfplumber stays as the reference and fallback.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import CorruptPDFError, EncryptedPDFError
from pipeline.extract.geometry import rotate_box
from pipeline.extract.plumber import is_bold
from pipeline.extract.text_quality import OCR_LAYER_FONTS, LayerFacts
from pipeline.records import Page, Rule, Word

_BREAKS = {" ", "\u00a0", "\t", "\r", "\n", "\u200b", "\ufffe", "\x02"}
_LINE_END_HYPHENS = {"\ufffe", "\x02"}
_MAX_RULE_THICKNESS = 3.0
_FONT_NAME_BUFFER = 128


@contextmanager
def open_document(path: Path, password: str | None = None) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF with PDFium, mapping its failures to the project's errors.

    The one PDFium opener: the text-layer reader here and the page renderer
    (:mod:`pipeline.ocr.raster`) both open files through it, so a file fails the same way
    whichever opens it first. An empty user password (owner restrictions only) opens without
    asking.
    """
    try:
        pdf = pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as exc:
        raise _mapped(exc, password) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def load_page(pdf: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
    """Page `index` (0-based); a page PDFium cannot load (a page tree that loops, a page
    object that is missing) is the document's damage, not a bug."""
    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:
        raise CorruptPDFError(
            f"page {index + 1} cannot be loaded ({exc}); the page tree is damaged or loops"
        ) from exc


def pages_of(pdf: pdfium.PdfDocument) -> Iterator[tuple[int, pdfium.PdfPage]]:
    """(number, page) of every page, numbers from 1, each loaded by :func:`load_page`."""
    for index in range(len(pdf)):
        yield index + 1, load_page(pdf, index)


def _mapped(exc: pdfium.PdfiumError, password: str | None) -> Exception:
    """The project's error for a PDFium load failure, from its error code."""
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedPDFError("wrong password" if password else "encrypted / password required")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedPDFError("unsupported security handler")
    return CorruptPDFError(f"not a readable PDF ({exc})")


def _font(
    textpage: pdfium.PdfTextPage, index: int, buffer: ctypes.Array
) -> tuple[bool, float, str]:
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, _FONT_NAME_BUFFER, ctypes.byref(flags))
    name = buffer.value.decode("utf-8", "replace")
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    # Flag bit 19 is ForceBold in the font descriptor.
    bold = weight >= 600 or is_bold(name) or bool(flags.value & (1 << 18))
    return bold, round(pdfium_c.FPDFText_GetFontSize(textpage, index), 2), name


def _chars(textpage: pdfium.PdfTextPage) -> Iterator[tuple[str, float, float, float, float, int]]:
    """(char, left, bottom, right, top, index) in PDF user space, spaces included."""
    for i in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        char = chr(code) if code else ""
        if char in _LINE_END_HYPHENS and pdfium_c.FPDFText_IsHyphen(textpage, i):
            # PDFium reports a hyphen drawn at a line's end as a marker; it is ink on the
            # page ("Hengelo-" over "Borne"), as pdfplumber reads it: joining the lines later
            # decides between a compound's hyphen and a word broken in two.
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            yield "-", left, bottom, right, top, i
            yield " ", 0, 0, 0, 0, i
            continue
        if char in _BREAKS or not char:
            yield " ", 0, 0, 0, 0, i
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        yield char, left, bottom, right, top, i


def page_words(page: pdfium.PdfPage, number: int, rotation: int) -> tuple[list[Word], float]:
    """Words from the char stream (a space, a jump back or a line change ends a word), and the
    share of characters set in fonts that OCR programs use for invisible text layers."""
    textpage = page.get_textpage()
    left0, bottom0, right0, top0 = page.get_cropbox()
    width, height = right0 - left0, top0 - bottom0
    buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    words: list[Word] = []
    current: list[tuple[str, float, float, float, float]] = []
    style = (False, 0.0, "")
    ocr_chars = total_chars = 0

    def flush() -> None:
        if not current:
            return
        x0 = min(c[1] for c in current) - left0
        x1 = max(c[3] for c in current) - left0
        top = top0 - max(c[4] for c in current)
        bottom = top0 - min(c[2] for c in current)
        if rotation:
            x0, x1, top, bottom = rotate_box(x0, x1, top, bottom, rotation, width, height)
        words.append(
            Word("".join(c[0] for c in current), x0, x1, top, bottom, number, style[1], style[0])
        )
        current.clear()

    try:
        for char, left, bottom, right, top, index in _chars(textpage):
            if char == " ":
                flush()
                continue
            if current:
                prev = current[-1]
                size = max(prev[4] - prev[2], top - bottom, 1.0)
                same_line = abs((top + bottom) / 2 - (prev[4] + prev[2]) / 2) < size * 0.6
                gap = left - prev[3]
                # The letters of a ligature ("ffi") share one glyph's box: no word break.
                ligature = abs(left - prev[1]) < 0.05 and abs(right - prev[3]) < 0.05
                if not same_line or gap > size * 0.3 or gap < -size and not ligature:
                    flush()
            if not current:
                style = _font(textpage, index, buffer)
            current.append((char, left, bottom, right, top))
            total_chars += 1
            ocr_chars += style[2].split("+")[-1].lower().startswith(OCR_LAYER_FONTS)
        flush()
    finally:
        textpage.close()
    return words, ocr_chars / total_chars if total_chars else 0.0


def page_rules(page: pdfium.PdfPage, rotation: int) -> list[Rule]:
    """Ruling segments: thin path objects, and the four edges of rectangular paths."""
    left0, bottom0, right0, top0 = page.get_cropbox()
    width, height = right0 - left0, top0 - bottom0
    rules = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=3):
        x0, y0, x1, y1 = obj.get_bounds()
        x0, x1 = x0 - left0, x1 - left0
        top, bottom = top0 - y1, top0 - y0
        w, h = x1 - x0, bottom - top
        if max(w, h) < 4:
            continue
        if min(w, h) <= _MAX_RULE_THICKNESS:
            boxes = [(x0, x1, top, bottom)]
        else:
            boxes = [
                (x0, x1, top, top), (x0, x1, bottom, bottom),
                (x0, x0, top, bottom), (x1, x1, top, bottom),
            ]  # fmt: skip
        for box in boxes:
            if rotation:
                box = rotate_box(*box, rotation, width, height)
            rules.append(Rule(box[0], box[2], box[1], box[3]))
    return rules


def _image_facts(page: pdfium.PdfPage, rotation: int, ocr_share: float) -> LayerFacts:
    """How much of the page images cover, and where, as the text-layer judge wants it."""
    left0, bottom0, right0, top0 = page.get_cropbox()
    width, height = right0 - left0, top0 - bottom0
    shown_w, shown_h = (height, width) if rotation in (90, 270) else (width, height)
    covered, tops, bottoms = 0.0, [], []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        x0, y0, x1, y1 = obj.get_bounds()
        box = rotate_box(x0 - left0, x1 - left0, top0 - y1, top0 - y0, rotation, width, height)
        bx0, bx1 = max(0.0, box[0]), min(shown_w, box[1])
        btop, bbottom = max(0.0, box[2]), min(shown_h, box[3])
        if bx1 > bx0 and bbottom > btop:
            covered += (bx1 - bx0) * (bbottom - btop)
            tops.append(btop)
            bottoms.append(bbottom)
    return LayerFacts(
        image_share=min(1.0, covered / max(1.0, width * height)),
        image_top=min(tops, default=0.0),
        image_bottom=max(bottoms, default=0.0),
        ocr_font_share=ocr_share,
    )


def read_page(page: pdfium.PdfPage, number: int) -> tuple[Page, LayerFacts]:
    """One page's text layer and rules, in points from the top-left of the displayed page,
    with the facts about its images and fonts."""
    rotation = page.get_rotation() % 360
    left0, bottom0, right0, top0 = page.get_cropbox()
    width, height = right0 - left0, top0 - bottom0
    if rotation in (90, 270):
        width, height = height, width
    words, ocr_share = page_words(page, number, rotation)
    return (
        Page(
            number=number,
            width=width,
            height=height,
            words=words,
            rules=page_rules(page, rotation),
        ),
        _image_facts(page, rotation, ocr_share),
    )


def read_pages(path: Path, password: str | None = None) -> list[Page]:
    """Every page's text layer and rules (see :func:`read_page`)."""
    found = []
    with open_document(path, password) as pdf:
        for number, page in pages_of(pdf):
            try:
                found.append(read_page(page, number)[0])
            finally:
                page.close()
    return found
