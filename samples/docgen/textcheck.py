"""Does a rendered PDF say what its gold says? The text layer against every gold text.

LibreOffice writes a table row that breaks across a page cell by cell per page, so a text that
runs over a page break comes out in pieces with other cells, the footer and the repeated header
in between. ``occurs`` therefore accepts a gold text that is found whole on a page, or with its
head at the end of one page and its tail on the pages after it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

_SPACE = re.compile(r"\s+")
_HYPHEN_BREAK = re.compile(r"-\s+")


def normalize(text: str) -> str:
    """Whitespace collapsed; a line break after a hyphen dropped (the same rule on both sides,
    so "bron- en" and a wrapped "Woo-\\nverzoeken" both compare)."""
    # PDFium marks a hyphen that ends a line as \x02; LibreOffice does not hyphenate, so it is
    # always a real hyphen ("Oost-|Nederland").
    text = text.replace("\x02", "-").replace("\u00ad", "").replace("\u00a0", " ")
    return _HYPHEN_BREAK.sub("-", _SPACE.sub(" ", text)).strip()


def page_texts(pdf: Path) -> list[str]:
    """The text layer of every page, as PDFium reads it."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for page in doc:
            textpage = page.get_textpage()
            out.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return out
    finally:
        doc.close()


def pdf_text(pdf: Path) -> str:
    """The whole document's text, normalized, pages joined by a space."""
    return normalize(" ".join(page_texts(pdf)))


def squash(text: str) -> str:
    """``normalize`` without any spaces: a long word that LibreOffice broke inside a narrow cell
    ("communica|tieadviseur", "okt16/|33") compares equal to its unbroken form."""
    return normalize(text).replace(" ", "")


def occurs(text: str, pages: list[str]) -> bool:
    """``text`` in the document whose :func:`squash`-ed page texts are ``pages``: whole, or split
    once across a page end, its head on one page and its tail on the next (a cell broken by a
    page end splits anywhere, even inside a word: "jan09/4" | "2")."""
    needle = squash(text)
    if not needle or any(needle in page for page in pages):
        return True
    if needle in "".join(pages):
        return True
    for i in range(len(pages) - 1):
        before = pages[i]
        # A cell that runs over two page ends continues on the page after the next as well.
        after = "".join(pages[i + 1:i + 3])
        for cut in range(1, len(needle)):
            if needle[:cut] in before and needle[cut:] in after:
                return True
    return False


def gold_texts(gold: dict[str, Any]) -> list[tuple[str, str]]:
    """Every text of the gold that must be in the PDF, with a label saying where it is from."""
    out: list[tuple[str, str]] = [("meeting.title", gold["meeting"]["title"]),
                                  ("meeting.body", gold["meeting"]["body"])]
    for item in gold["items"]:
        where = f"item {item['nr'] or item['title'][:20]}"
        out.append((f"{where} title", item["title"]))
        if item["section"]:
            out.append((f"{where} section", item["section"]))
        for key, value in item["fields"].items():
            out.append((f"{where} field {key}", value))
        for para in item["toelichting"].split("\n\n"):
            if para:
                out.append((f"{where} toelichting", para))
        for n, e in enumerate(item["entries"]):
            out.append((f"{where} entry {n} text", e["text"]))
            if e["owner"]:
                out.append((f"{where} entry {n} owner", e["owner"]))
            if e["due_text"]:
                out.append((f"{where} entry {n} due", e["due_text"]))
            if e["code"]:
                out.append((f"{where} entry {n} code", e["code"]))
    for n, row in enumerate(gold["action_list"]):
        out.append((f"action {n} text", row["text"]))
        out.append((f"action {n} code", row["code"]))
        if row["owner"]:
            out.append((f"action {n} owner", row["owner"]))
        if row["due_text"]:
            out.append((f"action {n} due", row["due_text"]))
    return out


def missing_texts(gold: dict[str, Any], pdf: Path) -> list[tuple[str, str]]:
    """The gold texts that the PDF's text layer does not hold."""
    pages = [squash(t) for t in page_texts(pdf)]
    return [(label, t) for label, t in gold_texts(gold) if not occurs(t, pages)]
