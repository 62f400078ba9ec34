"""Tesseract's words → :class:`Word` records in PDF points: cell-border remains cut out, specks
and leftover borders dropped, each word given its line's ascender-to-descender band; and the
mean confidence by which a page is judged.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable

from models.lexicon import is_word, stop_words
from pipeline.ocr import tesseract
from pipeline.records import Word

_BORDER_CHARS = frozenset("|_¦")


_BORDER_RUN = re.compile(r"[|_¦]+")
_BORDER_PARTS = re.compile(r"[^|_¦]+")
_EDGE_PARTS = re.compile(r"[^|_¦{}\[\]/\\]+")
# A Woo ground on a box whose edge OCR read as a brace, bracket or slash, run into the next
# word when the box was set tight against it: "5.1.2e{", "5.1.2e/gaat".
_GROUND_EDGE = re.compile(
    r"^\(?(?:5\.1\.[12]\.?[a-i]|5\.2|10\.[12]\.?[a-g]|11\.1)\)?[.,;:]?(?=[{}\[\]/\\])"
)


def split_borders(words: list[tesseract.TessWord]) -> list[tesseract.TessWord]:
    """Words with the remains of a cell border cut out: ``Nr__Besluit`` → ``Nr``, ``Besluit``;
    ``_R.`` → ``R.``; the edge of a redaction box off its ground: ``5.1.2e/gaat`` → ``5.1.2e``,
    ``gaat``. Part boxes are shared out by character count."""
    out = []
    for w in words:
        edge = _GROUND_EDGE.match(w.text)
        if not edge and (not _BORDER_RUN.search(w.text) or set(w.text) <= _BORDER_CHARS):
            out.append(w)
            continue
        for match in re.finditer(_EDGE_PARTS if edge else _BORDER_PARTS, w.text):
            out.append(_part(w, match.start(), match.end()))
    return out


def _part(w: tesseract.TessWord, start: int, end: int) -> tesseract.TessWord:
    """The characters `start:end` of a word as a word of their own, its box shared out by
    character count."""
    per_char = w.width / max(1, len(w.text))
    left = w.left + round(start * per_char)
    width = max(1, round((end - start) * per_char))
    return tesseract.TessWord(
        w.text[start:end], left, w.top, width, w.height, w.conf, w.line, w.baseline,
        w.line_size, w.descent, w.stroke,
    )


# Two words a speck between them glued into one: "De:DG", "kennis.van", "bij-de".
_NO_COMPOUND = frozenset({"de", "het", "een", "is", "bij", "met", "aan", "te", "dat"})
_GLUED = re.compile(r"^(?P<left>[^\W\d_]{2,})(?P<sep>[:.·-])(?P<right>[^\W\d_][\w-]+)$")


def split_glued(words: list[tesseract.TessWord]) -> list[tesseract.TessWord]:
    """Words a speck glued together parted again, the speck dropped: where one side is a
    Dutch function word ("De:DG", "kennis.van", "bij-de") no compound, abbreviation or
    address is written so. A colon between two other words opens a label's value
    ("Besluit:Het") and stays on the label."""
    small = stop_words()
    out = []
    for w in words:
        m = _GLUED.match(w.text)
        if not m:
            out.append(w)
            continue
        left, sep, right = m["left"].lower(), m["sep"], m["right"].lower()
        if sep == ":":
            speck = left in small  # "Besluit:Het" is a label and its value
        elif sep == "-":
            # "niet-openbaar", "na-apen": a hyphen after a function word can be a compound's.
            speck = right in small or left in _NO_COMPOUND
        else:
            speck = left in small or right in small
        if speck:
            out += [_part(w, 0, m.end("left")), _part(w, m.start("right"), len(w.text))]
        elif sep == ":":
            out += [_part(w, 0, m.end("sep")), _part(w, m.start("right"), len(w.text))]
        else:
            out.append(w)
    return out


def is_noise(word: tesseract.TessWord) -> bool:
    """Specks and leftover cell borders: a bar, a weak guess without letters or digits or far
    too narrow for them, or a letter or two Tesseract barely believes in."""
    if set(word.text) <= _BORDER_CHARS:
        return True
    if word.conf < 60 and not any(ch.isalnum() for ch in word.text):
        return True
    if word.conf < 60 and word.width < 0.15 * word.height * len(word.text):
        return True  # far too narrow for its letters: a streak down the page read as a word
    if word.conf < 60 and word.width > 1.5 * word.height * len(word.text):
        return True  # far too wide for them: a smear across a cell read as a word or two
    return word.conf < 30 and len(word.text) <= 2


def _towering(tess: list[tesseract.TessWord]) -> set[int]:
    """The words that stand far taller than the rest of their line: a fold, a stain or a rule
    running through the text, read as letters ("brie" over three lines) or stretching a
    word's box. Taken as they are, they would make the line a heading in a large type."""
    heights: dict[tuple[int, ...], list[int]] = {}
    for w in tess:
        heights.setdefault(w.line, []).append(w.height)
    # A line's usual height, where it has words enough to tell one.
    usual = {line: statistics.median_high(hs) for line, hs in heights.items() if len(hs) >= 3}
    return {i for i, w in enumerate(tess) if w.line in usual and w.height > 2.5 * usual[w.line]}


_OPENING_QUOTES = "‘“„'\"`"


def _unspeckled(text: str, conf: float) -> str:
    """A word without the opening quote a speck in front of it became: only when Tesseract
    was unsure and the rest is a plain word, since real quotes are read with confidence."""
    if conf >= 60 or len(text) <= 2 or text[0] not in _OPENING_QUOTES:
        return text
    closed = any(q in text[1:] for q in "’”'\"")
    return text[1:] if text[1].isalnum() and not closed else text


def _unaccented(text: str) -> str:
    """A word without the accents specks above its letters became ("Jeügdgezondheidszorg",
    "Còmmunicatie"), or without a letter a speck made of a stain ("Organisaätie…"): only where
    the word as read is no Dutch word and the mended one is, so "coördinator" keeps its own."""
    accented = [i for i, ch in enumerate(text) if _accent_of(ch)]
    if not accented or is_word(text.strip(_EDGE_PUNCTUATION)):
        return text
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)
    )
    dropped = "".join(ch for i, ch in enumerate(text) if i not in accented)
    return next(
        (mended for mended in (plain, dropped) if is_word(mended.strip(_EDGE_PUNCTUATION))), text
    )


def _accent_of(ch: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch))


_EDGE_PUNCTUATION = ".,;:!?()[]'\"‘’“”„"


def _vertical(w: tesseract.TessWord) -> tuple[float, float]:
    """Top and bottom of a word as a text layer has them: its line's ascender-to-descender band
    from the baseline and line size Tesseract measured, so that the words of one line share
    them and a speck above a letter does not stretch a box; the ink box when that band does
    not fit the word."""
    own = (float(w.top), float(w.top + w.height))
    if w.line_size <= 0 or w.baseline <= 0:
        return own
    top, bottom = _band(w)
    if not (0.6 * w.height <= bottom - top <= 3.0 * max(1, w.height)):
        return own
    if w.top < top - 0.5 * w.line_size or w.top + w.height > bottom + 0.5 * w.line_size:
        return own  # the word is not on that line's baseline
    return top, bottom


def _band(w: tesseract.TessWord) -> tuple[float, float]:
    """The ascender-to-descender band of the word's line, whatever the word's own ink."""
    if w.line_size <= 0 or w.baseline <= 0:
        return float(w.top), float(w.top + w.height)
    return w.baseline - (w.line_size - w.descent), w.baseline + w.descent


_BOLD_STROKE = 1.3  # stroke width over the page's usual one from which a word is bold


def _regular_stroke(tess: list[tesseract.TessWord]) -> float:
    """The page's usual stroke width: the median over its confident words of three letters
    or more (most text is roman); 0 when too few words tell."""
    strokes = sorted(w.stroke for w in tess if w.stroke and len(w.text) >= 3 and w.conf >= 60)
    return strokes[len(strokes) // 2] if len(strokes) >= 8 else 0.0


def _measurable(w: tesseract.TessWord) -> bool:
    """Whether a word's stroke width says anything: a number, a dash or a speck-born guess has
    too little ink, or too odd a shape, to be weighed against the page's text."""
    return w.conf >= 50 and sum(ch.isalpha() for ch in w.text) >= 3


def _bold_flags(tess: list[tesseract.TessWord]) -> list[bool]:
    """Each word's weight: measured where the word tells, else that of the measured words
    around it on its line, so that "2.1" in front of a bold title is bold and "B:" in front of
    roman text is not; a word alone in its cell ("Nr") keeps its own measure."""
    regular = _regular_stroke(tess)
    own = [bool(regular and w.stroke >= regular * _BOLD_STROKE) for w in tess]
    measured = [bold if _measurable(w) else None for w, bold in zip(tess, own, strict=True)]

    def close(a: tesseract.TessWord, b: tesseract.TessWord) -> bool:
        # Of one phrase: on the same line and a word space apart, not across a column gap.
        if a.line != b.line:
            return False
        left, right = (a, b) if a.left <= b.left else (b, a)
        return right.left - (left.left + left.width) <= max(a.height, b.height)

    flags = []
    for i in range(len(tess)):
        if measured[i] is not None:
            flags.append(measured[i])
            continue
        around = []
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(tess) and close(tess[j - step], tess[j]) and measured[j] is None:
                j += step
            if 0 <= j < len(tess) and close(tess[j - step], tess[j]):
                around.append(measured[j])
        flags.append(all(around) if around else own[i])
    return flags


def to_words(
    tess: list[tesseract.TessWord], dpi: float, page: int, frame: tuple[int, int] | None = None
) -> list[Word]:
    """Tesseract's pixel boxes as :class:`Word`s in points, in Tesseract's reading order;
    ``size`` is the line size (about the font size) and top and bottom span the line's
    ascenders and descenders (see :func:`_vertical`). With the image's `frame` (width and
    height in pixels), what OCR barely read on its very edge is dropped."""
    scale = 72.0 / dpi
    words: list[Word] = []
    towering = _towering(tess)
    for i, (w, bold) in enumerate(zip(tess, _bold_flags(tess), strict=True)):
        if is_noise(w) or i in towering and w.conf < 60 or _on_edge(w, frame):
            continue
        # A word read with confidence keeps its place, but not the ink that stretched it.
        top, bottom = _band(w) if i in towering else _vertical(w)
        text = _unaccented(_unspeckled(w.text, w.conf))
        left = w.left + (w.width * (len(w.text) - len(text))) // max(1, len(w.text))
        words.append(
            Word(
                text=text,
                x0=round(left * scale, 2),
                x1=round((w.left + w.width) * scale, 2),
                top=round(top * scale, 2),
                bottom=round(bottom * scale, 2),
                page=page,
                size=round((bottom - top) * scale, 1),
                bold=bold,
                conf=round(w.conf, 1),
            )
        )
    return words


def _on_edge(word: tesseract.TessWord, frame: tuple[int, int] | None) -> bool:
    """A word read with little confidence that touches the image's edge: a copier's band
    or the paper's edge read as letters ("en"). Text keeps a margin from the edge."""
    if frame is None or word.conf >= 60:
        return False
    width, height = frame
    return (
        word.left <= 1 or word.top <= 1
        or word.left + word.width >= width - 1 or word.top + word.height >= height - 1
    )  # fmt: skip


def mean_confidence(words: Iterable[Word]) -> float | None:
    """Mean word confidence (0–100) of OCR words, None without any."""
    confs = [w.conf for w in words if w.conf is not None]
    return round(statistics.fmean(confs), 1) if confs else None
