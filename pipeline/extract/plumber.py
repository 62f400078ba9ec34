"""pdfplumber behind one module: open PDFs and read their text layer as positioned words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from pipeline.errors import CorruptPDFError, EncryptedPDFError
from pipeline.extract.geometry import rotate_box
from pipeline.records import Page, Rule, Word

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.IGNORECASE)
# pdfplumber draws cell borders as thin rectangles as often as lines.
_MAX_RULE_THICKNESS = 3.0


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[pdfplumber.PDF]:
    """Open a PDF with pdfplumber, mapping parser failures to the project's errors."""
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except Exception as exc:
        raise _mapped(exc, password) from exc
    try:
        yield pdf
    finally:
        pdf.close()


def _mapped(exc: BaseException, password: str | None) -> Exception:
    """The project's error for a pdfminer failure; pdfplumber wraps those in its own type."""
    inner: BaseException = exc
    for _ in range(5):
        wrapped = inner.args[0] if inner.args and isinstance(inner.args[0], BaseException) else None
        nxt = wrapped or inner.__cause__ or inner.__context__
        if nxt is None:
            break
        inner = nxt
    if isinstance(inner, PDFPasswordIncorrect) or "password" in str(exc).lower():
        msg = "wrong password" if password else "encrypted / password required"
        return EncryptedPDFError(msg)
    if isinstance(inner, PDFEncryptionError):
        return EncryptedPDFError(f"unsupported encryption: {inner}")
    return CorruptPDFError(f"not a readable PDF ({inner.__class__.__name__}: {inner})")


def is_bold(fontname: str) -> bool:
    """Whether a PDF font name denotes a bold face (`ABCDEF+Arial-BoldMT`, `Helvetica-Bold`)."""
    return bool(_BOLD_FONT.search(fontname.split("+")[-1]))


def _rotate_box(obj: dict, rotation: int, width: float, height: float) -> dict:
    """A char or edge dict in the frame of the page as displayed after turning it."""
    x0, x1, top, bottom = rotate_box(
        obj["x0"], obj["x1"], obj["top"], obj["bottom"], rotation, width, height
    )
    # pdfplumber's word grouping also reads the derived keys, so they must move too.
    return {
        **obj, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
        "y0": height - bottom, "y1": height - top, "width": x1 - x0, "height": bottom - top,
        "upright": True, "matrix": (1, 0, 0, 1, x0, height - bottom),
    }  # fmt: skip


def _rotation(page: pdfplumber.page.Page) -> int:
    """How far to turn the page so that its text reads left to right.

    Producers set /Rotate and glyph matrices in every combination, so instead of trusting
    either, each turn is tried on a sample of the characters and the one that yields the
    longest words wins. Upright pages without /Rotate skip the test.
    """
    chars = page.chars[:600]
    upright = sum(1 for c in chars if c.get("upright"))
    if not chars or (not page.rotation and upright >= 0.8 * len(chars)):
        return 0
    width, height = float(page.width), float(page.height)

    def mean_word_length(rotation: int) -> float:
        turned = [_rotate_box(c, rotation, width, height) for c in chars] if rotation else chars
        words = pdfplumber.utils.extract_words(turned, x_tolerance=1.5, y_tolerance=2)
        return sum(len(w["text"]) for w in words) / max(1, len(words))

    candidates = (0,) if upright >= 0.8 * len(chars) else (90, 270, 180)
    if page.rotation:
        candidates = (0, *(c for c in candidates if c))
    return max(candidates, key=mean_word_length)


def page_words(page: pdfplumber.page.Page, number: int) -> list[Word]:
    """The text layer of one page as positioned words, in points from the top-left corner
    of the page as displayed (its /Rotate applied)."""
    options = dict(
        x_tolerance=1.5,
        y_tolerance=2,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["fontname", "size"],
    )
    rotation = _rotation(page)
    if rotation:
        chars = [
            _rotate_box(c, rotation, float(page.width), float(page.height)) for c in page.chars
        ]
        raw = pdfplumber.utils.extract_words(chars, **options)
    else:
        raw = page.extract_words(**options)
    words = []
    for w in raw:
        text = w["text"].strip()
        if not text:
            continue
        words.append(
            Word(
                text=text,
                x0=float(w["x0"]),
                x1=float(w["x1"]),
                top=float(w["top"]),
                bottom=float(w["bottom"]),
                page=number,
                size=round(float(w.get("size") or 0.0), 2),
                bold=is_bold(str(w.get("fontname") or "")),
            )
        )
    return words


def page_rules(page: pdfplumber.page.Page) -> list[Rule]:
    """Horizontal and vertical ruling segments: lines, and the edges of thin rectangles."""
    rules = []
    rotation = _rotation(page)
    for edge in page.edges:
        if rotation:
            edge = _rotate_box(edge, rotation, float(page.width), float(page.height))
        x0, x1 = float(edge["x0"]), float(edge["x1"])
        top, bottom = float(edge["top"]), float(edge["bottom"])
        if min(x1 - x0, bottom - top) > _MAX_RULE_THICKNESS:
            continue
        if max(x1 - x0, bottom - top) < 4:
            continue
        rules.append(Rule(x0, top, x1, bottom))
    return rules


def read_page(page: pdfplumber.page.Page, number: int) -> Page:
    """One pdfplumber page as a :class:`Page` of words and rules (text layer only)."""
    width, height = float(page.width), float(page.height)
    if _rotation(page) in (90, 270):
        width, height = height, width
    return Page(
        number=number,
        width=width,
        height=height,
        words=page_words(page, number),
        rules=page_rules(page),
    )
