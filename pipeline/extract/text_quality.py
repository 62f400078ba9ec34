"""Is a page's text layer usable, or must the page be OCR'd?

Three tests, cheapest first:

* present: the layer has words at all;
* readable: not the output of a font without a Unicode map (``"7+%-``, ``(cid:12)``, shifted
  letters): measured by the share of word-shaped tokens, of vowels, and of common words;
* covering: on a page that is mostly image, a few words of stamp or page number do not stand
  for the page, whereas an OCR layer (invisible text over the scan) or a page's worth of text
  beside a figure does, and is kept rather than OCR'd (again).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pdfplumber

from pipeline.records import Page

# Fonts that producers of OCR layers use for their invisible text.
OCR_LAYER_KEPT = "existing OCR layer kept"  # the verdict on a scan whose OCR layer reads well
OCR_LAYER_FONTS = ("glyphlessfont", "invisiblemonospacepdf", "ocrb-invisible", "hocrfont")
IMAGE_PAGE = 0.5  # share of the page under images from which a page counts as a scan
MIN_COVERAGE = 0.08  # share of a scan's height that its text lines must span
MIN_WORDS_ON_SCAN = 12
ENOUGH_WORDS = 50  # a layer this long is the page's text, whatever the pictures beside it
MIN_PLAUSIBLE = 0.6  # share of tokens that must look like words or numbers
MIN_VOWELS = 0.2  # share of vowels among letters (Dutch and English run near 0.38)
MIN_COMMON = 0.01  # share of function words in a longer text of unlikely letters
_COMMON_SAMPLE = 60  # tokens needed before the function-word test means anything

# Function words of the languages the archive meets: Dutch first, then English, German, French.
_COMMON_WORDS = frozenset(
    " ".join(
        (
            "de het een en van in is op te dat die voor met zijn niet aan er om ook als bij of",
            "uit naar door over tot dit wordt worden nog geen wel maar kan hebben heeft zal moet",
            "deze meer the of and to a in is for on that with as by be are this it from at or",
            "not was der die das und zu den mit ist im für auf nicht sich des le la les et du",
            "un une pour est dans que qui par sur au pas",
        )
    ).split()
)
_VOWELS = frozenset("aeiouyàáâäèéêëìíîïòóôöùúûüÿ")
_LEAD = r"[(\[\"'“‘«•*\-–]*"
_TRAIL = r"[)\]\"'”’».,:;!?*]*"
_WORD = re.compile(_LEAD + r"([^\W\d_]+(?:['’\-][^\W\d_]+)*)" + _TRAIL + "$")
_NUMBER = re.compile(_LEAD + r"[€$£]?\d+(?:[.,:/\-]\d+)*%?" + _TRAIL + "$")
_CODE = re.compile(_LEAD + r"\w+(?:[./\-&+]\w+)*" + _TRAIL + "$")
_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True, slots=True)
class LayerFacts:
    """What the PDF says about a page besides its words: images and the fonts of its text."""

    image_share: float = 0.0  # share of the page area under images
    image_top: float = 0.0  # vertical extent of the images, points from the top
    image_bottom: float = 0.0
    ocr_font_share: float = 0.0  # share of characters set in known OCR-layer fonts


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether to keep the text layer, and why (recorded as the page's note)."""

    usable: bool
    reason: str


def _font(char: dict) -> str:
    return str(char.get("fontname", "")).split("+")[-1].lower()


def layer_facts(page: pdfplumber.page.Page) -> LayerFacts:
    """Read the image coverage and the fonts of one pdfplumber page."""
    width, height = float(page.width), float(page.height)
    area = max(1.0, width * height)
    covered = 0.0
    tops, bottoms = [], []
    for im in page.images:
        x0, x1 = max(0.0, float(im["x0"])), min(width, float(im["x1"]))
        top, bottom = max(0.0, float(im["top"])), min(height, float(im["bottom"]))
        if x1 > x0 and bottom > top:
            covered += (x1 - x0) * (bottom - top)
            tops.append(top)
            bottoms.append(bottom)
    chars = page.chars
    ocr_chars = sum(1 for c in chars if _font(c).startswith(OCR_LAYER_FONTS))
    return LayerFacts(
        image_share=min(1.0, covered / area),
        image_top=min(tops, default=0.0),
        image_bottom=max(bottoms, default=0.0),
        ocr_font_share=ocr_chars / len(chars) if chars else 0.0,
    )


def _plausible(token: str) -> bool:
    return bool(_WORD.match(token) or _NUMBER.match(token) or _CODE.match(token))


def gibberish_reason(tokens: list[str]) -> str:
    """Why ``tokens`` look like a text layer without a usable Unicode map, or ``""``."""
    text = "".join(tokens)
    if not text:
        return ""
    if _CID.search(text) or "\ufffd" in text:
        cids = len(_CID.findall(text)) + text.count("\ufffd")
        if cids * 5 >= len(tokens):
            return "text layer has unmapped glyphs"
    # Counted with the str methods mapped over the text, not char by char in Python: the
    # judge reads every page. A text that is all printable has no private-use chars either.
    odd = 0
    if not text.isprintable():
        odd = sum(1 for ch in text if not ch.isprintable() or 0xE000 <= ord(ch) <= 0xF8FF)
    if odd > 0.1 * len(text):
        return "text layer has control or private-use characters"
    visible = "".join(text.split())  # str.split() splits on exactly what str.isspace() is
    alnum = sum(map(str.isalnum, visible)) / len(visible)
    if alnum < 0.5:
        return f"text layer is gibberish ({alnum:.0%} letters and digits)"
    plausible = sum(map(_plausible, tokens)) / len(tokens)
    if plausible < MIN_PLAUSIBLE:
        return f"text layer is gibberish ({plausible:.0%} word-like tokens)"
    letters = list(map(str.lower, filter(str.isalpha, text)))
    if len(letters) < 40:
        return ""
    vowels = sum(map(_VOWELS.__contains__, letters)) / len(letters)
    if vowels < MIN_VOWELS:
        return f"text layer is gibberish ({vowels:.0%} vowels)"
    words = [m.group(1).lower() for t in tokens if (m := _WORD.match(t))]
    # Tables of names and amounts have few function words; only with thin vowels as well is
    # their absence telling (letters shuffled by a font's private encoding).
    if len(words) >= _COMMON_SAMPLE and vowels < 0.3:
        common = sum(1 for w in words if w in _COMMON_WORDS) / len(words)
        if common < MIN_COMMON:
            return f"text layer is gibberish ({common:.0%} common words)"
    return ""


def _line_coverage(page: Page, top: float, bottom: float) -> float:
    """Share of the band ``top``–``bottom`` that the page's words span vertically."""
    spans = sorted(
        (max(w.top, top), min(w.bottom, bottom))
        for w in page.words
        if w.bottom > top and w.top < bottom
    )
    covered, end = 0.0, top
    for start, stop in spans:
        start = max(start, end)
        if stop > start:
            covered += stop - start
            end = stop
    return covered / max(1.0, bottom - top)


def judge(page: Page, facts: LayerFacts | None = None) -> Verdict:
    """Decide whether the text layer of ``page`` can stand in for OCR."""
    facts = facts or LayerFacts()
    if not page.words:
        return Verdict(False, "no text layer")
    if facts.ocr_font_share >= 0.5:
        return Verdict(True, OCR_LAYER_KEPT)
    reason = gibberish_reason([w.text for w in page.words])
    if reason:
        return Verdict(False, reason)
    if facts.image_share >= IMAGE_PAGE and len(page.words) < ENOUGH_WORDS:
        coverage = _line_coverage(page, facts.image_top, facts.image_bottom)
        if len(page.words) < MIN_WORDS_ON_SCAN or coverage < MIN_COVERAGE:
            return Verdict(
                False, f"scanned page with little text in its layer ({len(page.words)} words)"
            )
        return Verdict(True, "text layer over page image kept")
    return Verdict(True, "")
