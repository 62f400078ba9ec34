"""PDFium behind one module: the fast reader of text layers as positioned words and rules.

pdfminer (under pdfplumber) interprets content streams in Python at about two dense pages a
second; PDFium does the same in C++ some ten times faster. Both yield the same records, so
the choice is a setting (`text_engine`), and pdfplumber stays as the reference and fallback.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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


def _untyped(function: ctypes._CFuncPtr, restype: type | None) -> Any:
    """A PDFium function called without argument conversion: pypdfium2's typed wrappers, and
    even plain `argtypes`, cost more than the call itself, on every char of a page. Callers
    pass what the C side takes as it is: a handle as a `c_void_p`, an index as an int (a C
    int), a buffer by `ctypes.byref`."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype)(address)


_GET_UNICODE = _untyped(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_GET_LOOSE_BOX = _untyped(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
# The address of a char's text object (None for a char PDFium made up), to key a cache.
_TEXT_OBJECT_OF = _untyped(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_BOX = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom
assert [name for name, _ in pdfium_c.FS_RECTF._fields_] == ["left", "top", "right", "bottom"]
_BREAK_CODES = frozenset(ord(c) for c in _BREAKS) | {0}
_HYPHEN_CODES = frozenset(ord(c) for c in _LINE_END_HYPHENS)


def _word(
    letters: list[str],
    x0: float,
    x1: float,
    low: float,
    high: float,
    style: tuple[bool, float, str],
    frame: tuple[float, float, int, float, float, int],
) -> Word:
    """The word of `letters` (emptied) from its box in PDF user space."""
    left0, top0, rotation, width, height, number = frame
    left, right = x0 - left0, x1 - left0
    top, bottom = top0 - high, top0 - low
    if rotation:
        left, right, top, bottom = rotate_box(left, right, top, bottom, rotation, width, height)
    word = Word("".join(letters), left, right, top, bottom, number, style[1], style[0])
    letters.clear()
    return word


def _is_ocr_font(name: str) -> bool:
    return name.split("+")[-1].lower().startswith(OCR_LAYER_FONTS)


def page_words(page: pdfium.PdfPage, number: int, rotation: int) -> tuple[list[Word], float]:
    """Words from the char stream (a space, a jump back or a line change ends a word), and the
    share of characters set in fonts that OCR programs use for invisible text layers."""
    textpage = page.get_textpage()
    left0, bottom0, right0, top0 = page.get_cropbox()
    width, height = right0 - left0, top0 - bottom0
    buffer = ctypes.create_string_buffer(_FONT_NAME_BUFFER)
    words: list[Word] = []
    ocr_chars = total_chars = 0
    # A page has thousands of chars and a few dozen text objects: every char of one object has
    # that object's font and size, so the font is asked once per object. The raw functions,
    # bound once, and one reused box spare the per-char wrapper calls of pypdfium2.
    handle = ctypes.c_void_p(ctypes.cast(textpage.raw, ctypes.c_void_p).value)
    get_unicode, get_box, text_object_of = _GET_UNICODE, _GET_LOOSE_BOX, _TEXT_OBJECT_OF
    is_hyphen = pdfium_c.FPDFText_IsHyphen
    rect = (ctypes.c_float * 4)()
    rect_ref, rect_bytes, unpack = ctypes.byref(rect), memoryview(rect), _BOX.unpack_from
    styles: dict[int, tuple[tuple[bool, float, str], bool, bytes]] = {}
    last_name = b""
    break_codes, hyphen_codes = _BREAK_CODES, _HYPHEN_CODES
    # The word being read: its letters, its box so far, its last letter's box, its style.
    letters: list[str] = []
    x0 = x1 = low = high = 0.0
    p_left = p_bottom = p_right = p_top = 0.0
    style: tuple[bool, float, str] = (False, 0.0, "")
    style_ocr = False

    frame = (left0, top0, rotation, width, height, number)

    try:
        for i in range(textpage.count_chars()):
            code = get_unicode(handle, i)
            hyphen = False
            if code in break_codes:
                # PDFium reports a hyphen drawn at a line's end as a marker; it is ink on the
                # page ("Hengelo-" over "Borne"), as pdfplumber reads it: joining the lines
                # later decides between a compound's hyphen and a word broken in two.
                hyphen = code in hyphen_codes and bool(is_hyphen(textpage, i))
                if not hyphen:
                    if letters:
                        words.append(_word(letters, x0, x1, low, high, style, frame))
                    continue
            char = "-" if hyphen else chr(code)
            if not get_box(handle, i, rect_ref):
                raise pdfium.PdfiumError("Failed to get charbox.")
            left, top, right, bottom = unpack(rect_bytes)
            if letters:
                # max() by hand, NaN and all: the first of the largest wins.
                size = p_top - p_bottom
                if top - bottom > size:
                    size = top - bottom
                if size < 1.0:
                    size = 1.0
                same_line = abs((top + bottom) / 2 - (p_top + p_bottom) / 2) < size * 0.6
                gap = left - p_right
                # The letters of a ligature ("ffi") share one glyph's box: no word break.
                ligature = abs(left - p_left) < 0.05 and abs(right - p_right) < 0.05
                if not same_line or gap > size * 0.3 or gap < -size and not ligature:
                    words.append(_word(letters, x0, x1, low, high, style, frame))
            if letters:
                # min() and max() by hand, as above: a smaller value replaces, an equal not.
                if left < x0:
                    x0 = left
                if right > x1:
                    x1 = right
                if top > high:
                    high = top
                if bottom < low:
                    low = bottom
            else:
                obj = text_object_of(handle, i)
                known = styles.get(obj) if obj else None
                if known is None:
                    # PDFium leaves the buffer as it was when it has no name to copy (a made-up
                    # char, a name too long for it): it holds the name of the last word then.
                    buffer.value = last_name
                    style = _font(textpage, i, buffer)
                    style_ocr = _is_ocr_font(style[2])
                    last_name = buffer.value
                    got = pdfium_c.FPDFText_GetFontInfo(textpage, i, None, 0, None)
                    if obj and 0 < got <= _FONT_NAME_BUFFER:
                        styles[obj] = (style, style_ocr, last_name)
                else:
                    style, style_ocr, last_name = known
                x0, x1, high, low = left, right, top, bottom
            letters.append(char)
            p_left, p_bottom, p_right, p_top = left, bottom, right, top
            total_chars += 1
            ocr_chars += style_ocr
            if hyphen:
                words.append(_word(letters, x0, x1, low, high, style, frame))
        if letters:
            words.append(_word(letters, x0, x1, low, high, style, frame))
    finally:
        textpage.close()
    return words, ocr_chars / total_chars if total_chars else 0.0


def _object_bounds(
    page: pdfium.PdfPage, kind: int, max_depth: int = 3
) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of the page objects of type `kind`, those inside form
    XObjects down to `max_depth` levels included, in the order of ``page.get_objects``.

    Called on the raw handles: a wrapper object for each of a page's hundreds of objects, only
    to read its type, costs more than reading the page's text.
    """
    found: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    box = [ctypes.byref(v) for v in (left, bottom, right, top)]
    get_type, get_bounds = pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds
    form_kind = pdfium_c.FPDF_PAGEOBJ_FORM

    def walk(parent: Any, count: Any, get: Any, level: int) -> None:
        n_objects = count(parent)
        if n_objects < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(n_objects):
            obj = get(parent, i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            obj_kind = get_type(obj)
            if obj_kind == kind:
                if not get_bounds(obj, *box):
                    raise pdfium.PdfiumError("Failed to locate pageobject.")
                found.append((left.value, bottom.value, right.value, top.value))
            if obj_kind == form_kind and level < max_depth - 1:
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject,
                     level + 1)  # fmt: skip

    walk(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, 0)
    return found


def page_rules(page: pdfium.PdfPage, rotation: int) -> list[Rule]:
    """Ruling segments: thin path objects, and the four edges of rectangular paths."""
    left0, bottom0, right0, top0 = page.get_cropbox()
    width, height = right0 - left0, top0 - bottom0
    rules = []
    for x0, y0, x1, y1 in _object_bounds(page, pdfium_c.FPDF_PAGEOBJ_PATH):
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
    for x0, y0, x1, y1 in _object_bounds(page, pdfium_c.FPDF_PAGEOBJ_IMAGE):
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
