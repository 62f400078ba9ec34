"""Item numbers and row codes as minutes write them, and as OCR misreads them.

Items are numbered 1 / 1. / 2.1 / 3.1.2 / 3a / 3b / I / II, sometimes after a word
("Agendapunt 4", "Punt 5"); action lists give their rows codes ("A-21", "mrt24/03",
"2012-034"). A Woo redaction mark ("5.1.2e") looks like a number but never is one.
"""

from __future__ import annotations

import re

from models.redaction import is_redaction_mark
from pipeline.records import Word

ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.,]){0,3}\d{1,2}[a-h]?[.,):]?$")
# "L" and "C" alone are initials ("L. Jansen"), not item 50 or 100.
ROMAN = re.compile(
    r"^(?=[IVXLC])(?![LC][.):]?$)C?(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})[.):]?$"
)
# "Agendapunt 4", "Punt 5", "Agendapunt 4:" — the word before the number.
NUMBER_WORDS = frozenset({"agendapunt", "punt", "ap", "item", "onderwerp", "bespreekpunt"})
# Row codes of action lists and numbered decisions: a short letter or date prefix, digits.
CODE = re.compile(
    r"^(?:[A-Za-z]{1,4}\s?[-/.]?\s?\d{1,4}(?:[-/.]\d{1,4})*[a-z]?|\d{2,4}[-/]\d{1,4}(?:[-/]\d{1,4})?)$"
)
# A number or code too long for a narrow cell breaks after a dot, slash or hyphen: its head
# ("2.1.", "jan12/", "2012-") above, its tail ("3", "30", "034") below.
NUMBER_HEAD = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.|[A-Za-z]{1,4}\d{0,4}[-/]|\d{2,4}[-/])$")
# Specks OCR reads around a number ("-2.2", "… 1", "“2"), what it makes of the dots inside
# one ("3-3", "2:5"), and letters it reads for a digit ("Î" for 1).
_EDGE_SPECKS = re.compile(r"^[\W_]+|[^\w.,)]+$")
_MISREAD_DOT = re.compile(r"(?<=\d)[-–:;·'‘’]+(?=\d)")
_DIGIT_LOOKALIKES = str.maketrans("IlÎÌÍ|!Oo", "111111100")
# A roman number as OCR reads it: capitals I, V, X with l, L, ì, | or ! for some of the I's;
# a V or X in it, or the full stop of a heading, tells it from a word ("Il") or "11".
# Up to XXXVIII, the longest number minutes reach.
_ROMANISH = re.compile(r"^(?=.*[IVX])(?:(?=.*[VX])[IVXlLìíî|!]{1,7}[.):]?|[IVXlLìíî|!]{1,5}[.):])$")
_ROMAN_READ = re.compile(r"[lLìíî|!]")
# A roman number of capitals OCR read some of in lower case ("Iv." for IV).
_MIXED_ROMAN = re.compile(r"^(?=.*[IVX])(?=.*[ivx])[IVXivx]{2,6}[.):]?$")


def number_text(text: str, *, ocr: bool = False, roman: bool = True) -> str | None:
    """The item number a token spells ("2.1", "3,2." → "3.2", "3a", "IV"), or None.

    In OCR'd text, specks around it are dropped and misread dots and digits mended: "3-3",
    "2:5", "-2.2" and "Î" are numbers (one look-alike letter at most: "Il" stays a word).
    """
    if is_redaction_mark(text, bare=False):
        return None
    if ocr:
        text = _MISREAD_DOT.sub(".", _EDGE_SPECKS.sub("", text))
        if _MIXED_ROMAN.match(text):
            text = text.upper()  # "Iv.", "Vi." for IV, VI: a worn copy's capitals half read
        read = _ROMAN_READ.sub("I", text) if _ROMANISH.match(text) else ""
        if read and ROMAN.match(read):
            text = read  # "Xl", "XIL", "Lì." are X I, XII, II as OCR reads them
        # Otherwise a roman number counts only as OCR may read one: a run of bars ("III",
        # "I") is as likely a table's line.
        roman = roman and bool(read)
        mended = text.translate(_DIGIT_LOOKALIKES)
        if sum(a != b for a, b in zip(text, mended, strict=True)) <= 1 and not ROMAN.match(text):
            text = mended
    if ITEM_NUMBER.match(text) and any(c.isdigit() for c in text):
        return text.rstrip(".,):").replace(",", ".")
    if roman and ROMAN.match(text) and text.rstrip(".):"):
        return text.rstrip(".):")
    return None


def item_number(word: Word) -> str | None:
    """The item number a word spells, reading OCR'd words forgivingly."""
    return number_text(word.text, ocr=word.conf is not None)


# The last part of a number OCR split off at a faint dot: "3.4" "11:", "3.4." "7", "2.1" ".3".
_TAIL = re.compile(r"^(?P<dot>[.,])?(?P<n>\d{1,2})(?P<end>[.:])?$")


def _split_tail(words: list[Word]) -> str | None:
    """The tail of an OCR'd number split in two before a title ("3.4 11: Jeugdzorg"): a dot
    on one side of the gap, or the colon or stop that closes a number, marks it as the
    number's and not the title's first word."""
    if len(words) < 3 or words[1].conf is None:
        return None
    m = _TAIL.match(words[1].text)
    if not m or not (m["dot"] or m["end"] or words[0].text.endswith(".")):
        return None
    return m["n"]


def is_number_word(word: Word) -> bool:
    """Whether a word is the label before an item number ("Agendapunt", "Punt:"); of an
    OCR'd word, without the specks around it ("‘Punt")."""
    text = _EDGE_SPECKS.sub("", word.text) if word.conf is not None else word.text
    return text.lower().rstrip(":.") in NUMBER_WORDS


def leading_number(words: list[Word]) -> tuple[str, int] | None:
    """The item number that opens a run of words, and how many words it took: "2.1" (1),
    "Agendapunt 4" (2), "Punt 5:" (2)."""
    if not words:
        return None
    nr = item_number(words[0])
    if nr:
        tail = _split_tail(words) if "." in nr else None
        return (f"{nr}.{tail}", 2) if tail else (nr, 1)
    if len(words) > 1 and is_number_word(words[0]):
        nr = number_text(words[1].text.rstrip(":"), ocr=words[1].conf is not None, roman=False)
        if nr:
            return nr, 2
    return None


_DATE = re.compile(r"^\d{1,2}[-/.:]\d{1,2}[-/.:](?:\d{2}|\d{4})$")


def is_broken_number(head: str, tail: str) -> bool:
    """Whether two pieces, one above the other in a narrow cell, are one number or code:
    "2.1." + "3", "jan12/" + "30", "aug1" + "3/12", "jun13" + "/17"."""
    joined = head + tail
    if len(head) < 2:
        return False  # one character fits any cell
    if head.isdigit() and re.fullmatch(r"[a-h][.)]?", tail):
        return True  # "12" over "a": item 12a
    if head.isdigit() and tail.isdigit() and follows((int(head),), (int(tail),)):
        return False  # "10" over "11": two rows set tight
    if ROMAN.match(head) and re.fullmatch(r"[IVXLC]+\.?", tail):
        # "XVI" over "I": XVII, unless the two follow each other ("IX" over "X").
        parts = (number_key(head.rstrip(".")), number_key(tail.rstrip(".")))
        whole = head.rstrip(".") + tail
        return bool(ROMAN.match(whole)) and not follows(*parts) and number_key(
            whole.rstrip(".")) > parts[0]
    digit_next = tail[:1].isdigit() or (tail[:1] in "/-." and tail[1:2].isdigit())
    if not digit_next or not (NUMBER_HEAD.match(head) or head[-1:].isdigit()):
        return False
    if re.fullmatch(r"\d{1,2}\.", head) or (head.endswith(".") and tail.endswith(".")):
        return False  # "4." over "5.": two numbers of one style, each short enough to fit
    return is_code(joined) or number_text(joined, roman=False) is not None


def is_code(text: str) -> bool:
    """A row code of an action or decision list: "A32", "B-14", "mrt24/03", "2012-034" — not
    a date ("28-8-2020", the day a row was entered)."""
    text = text.strip().rstrip(":.")
    if _DATE.match(text) or is_redaction_mark(text):
        return False
    return bool(CODE.match(text)) and any(c.isdigit() for c in text)


# A roman number of one to three I's as OCR reads it alone in a cell, without its stop.
_BARS = re.compile(r"^[Il|!1]{1,3}[.)]?$")


def bar_number(cell: list[Word]) -> str:
    """The roman number of a number cell OCR read as one to three bars alone ("I", "Il",
    "|||"), or "". Only a number column makes them a number: elsewhere bars are as likely a
    table's line."""
    if len(cell) != 1 or cell[0].conf is None or not _BARS.match(cell[0].text):
        return ""
    return "I" * len(cell[0].text.rstrip(".)"))


_UNSURE = 70  # OCR confidence below which a short mark in a number cell may be three letters


def unread_number(cell: list[Word], after: Word | None = None) -> bool:
    """Whether the words of a number cell are an item number OCR could not read: one mark of
    a letter or two on a worn copy ("g" for 8, "ES" for 5), or three read with little
    confidence ("All" for III), with the row's text starting well apart from it, in another
    column (`after`, when the line goes on)."""
    if len(cell) != 1 or cell[0].conf is None:
        return False
    word = cell[0]
    text = word.text.strip(".:")
    longest = 3 if word.conf < _UNSURE else 2
    if not 1 <= len(text) <= longest or number_text(text, ocr=True) is not None:
        return False
    if not any(c.isalnum() for c in text):
        return False  # a dash in the cell: nothing to number
    return after is None or after.x0 - word.x1 > 2 * (word.bottom - word.top)


def next_number(nr: str) -> str:
    """The number after `nr` at its own level: "4" → "5", "2.3" → "2.4", "IV" → "V"."""
    key = number_key(nr)
    if not key:
        return ""
    if ROMAN.match(nr):
        return to_roman(key[0] + 1)
    return ".".join(map(str, (*key[:-1], key[-1] + 1)))


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PART = re.compile(r"^(\d{1,3})([a-h])?$")


def number_key(nr: str) -> tuple[int, ...]:
    """A number as a sortable tuple: "3.1.2" → (3, 1, 2), "3b" → (3, 2), "IV" → (4,);
    () for anything else."""
    if nr and ROMAN.match(nr):
        total, prev = 0, 0
        for ch in reversed(nr.rstrip(".)")):
            value = _ROMAN_VALUES[ch]
            total += -value if value < prev else value
            prev = max(prev, value)
        return (total,)
    parts: list[int] = []
    for piece in nr.split("."):
        m = _PART.match(piece)
        if not m:
            return ()
        parts.append(int(m.group(1)))
        if m.group(2):
            parts.append(ord(m.group(2)) - ord("a") + 1)
    return tuple(parts)


def follows(prev: tuple[int, ...], nxt: tuple[int, ...]) -> bool:
    """`nxt` can come right after `prev` in an agenda: the next number at any level, now and
    then one skipped, opening sub-items or not — 2 → 3, 2 → 2.1, 2 → 2.2, 2.1.3 → 2.2.1,
    2.1.3 → 2.2.2, 3 → 4a, 3b → 4."""
    if not prev or not nxt:
        return False
    if len(nxt) > len(prev) and nxt[: len(prev)] == prev:
        return _opening(nxt[len(prev) :])
    for depth in range(1, len(prev) + 1):
        head = prev[: depth - 1]
        if nxt[: depth - 1] != head or len(nxt) < depth:
            continue
        if 1 <= nxt[depth - 1] - prev[depth - 1] <= 2 and _opening(nxt[depth:]):
            return True
    return False


def _opening(levels: tuple[int, ...]) -> bool:
    """Whether the deeper levels of a number open their list: all 1, or the last 2 when the
    first sub-item was skipped too (3.2 → 3.2.2, 1.1.2 → 1.2.2 when "…1" was lost)."""
    if not levels:
        return True
    *opening, last = levels
    return all(x == 1 for x in opening) and last in (1, 2)


def to_roman(n: int) -> str:
    """1 → "I", 14 → "XIV", 42 → "XLII", 99 → "XCIX"."""
    out = ""
    pairs = ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
             (4, "IV"), (1, "I"))
    for value, letters in pairs:
        while n >= value:
            out, n = out + letters, n - value
    return out
