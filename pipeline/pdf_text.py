"""pdfplumber behind one module: open PDFs and read their text layer as positioned words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from pipeline.errors import CorruptPDFError, EncryptedPDFError
from pipeline.records import Page, Rule, Word

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b|-b\b", re.IGNORECASE)
# pdfplumber draws cell borders as thin rectangles as often as lines.
_MAX_RULE_THICKNESS = 3.0


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[pdfplumber.PDF]:
    """Open a PDF with pdfplumber, mapping parser failures to the project's errors."""
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PDFPasswordIncorrect as exc:
        msg = "encrypted / password required" if not password else "wrong password"
        raise EncryptedPDFError(msg) from exc
    except PDFEncryptionError as exc:
        raise EncryptedPDFError(f"unsupported encryption: {exc}") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise CorruptPDFError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:
        # pdfminer raises a zoo of exceptions on broken files; all mean the same to a user.
        if "password" in str(exc).lower():
            raise EncryptedPDFError("encrypted / password required") from exc
        raise CorruptPDFError(f"not a readable PDF ({exc.__class__.__name__}: {exc})") from exc
    try:
        yield pdf
    finally:
        pdf.close()


def is_bold(fontname: str) -> bool:
    """Whether a PDF font name denotes a bold face (`ABCDEF+Arial-BoldMT`, `Helvetica-Bold`)."""
    return bool(_BOLD_FONT.search(fontname.split("+")[-1]))


def page_words(page: pdfplumber.page.Page, number: int) -> list[Word]:
    """The text layer of one page as positioned words, in points from the top-left corner."""
    raw = page.extract_words(
        x_tolerance=1.5,
        y_tolerance=2,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["fontname", "size"],
    )
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
    for edge in page.edges:
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
    return Page(
        number=number,
        width=float(page.width),
        height=float(page.height),
        words=page_words(page, number),
        rules=page_rules(page),
    )
