"""Item numbers in sequence: mending what OCR misread, and the order numbers follow.

OCR loses dots ("321" for 3.2.1) and misreads digits ("2.4" between "1" and "2.2"). A number
that cannot follow the one before it is mended into the one that can, and only then.
"""

from __future__ import annotations

from pipeline.layout.numbers import ROMAN, number_key, to_roman
from pipeline.records import Item

_OPENING_QUOTES = "‘‚„“'\"`"
_CLOSING_QUOTES = "’”'\""


def tidy_title(title: str) -> str:
    """A title without punctuation that cannot be part of it: a trailing colon, comma, full stop
    or hyphen, an opening stop or comma (the stop of a number OCR lost: ". Opening"), and an
    opening quote that never closes (on a scan, a speck before a letter)."""
    title = title.rstrip(" :;,.-").lstrip(" .,;")
    if title[:1] in _OPENING_QUOTES and not any(c in _CLOSING_QUOTES for c in title[1:]):
        title = title[1:].lstrip()
    return title



def fit_numbers(items: list[Item], read: set[int]) -> None:
    """Mend OCR'd numbers that break the order with one misread digit: "2.4" between "1" and
    "2.2" is 2.1. Only a number that does not fit between its neighbours is touched, and
    only into the one number that does: the one before the next item's."""
    for before, item, after in zip(items, items[1:], items[2:], strict=False):
        if id(item) not in read:
            continue
        low, nr, high = number_key(before.nr), number_key(item.nr), number_key(after.nr)
        if not (low and nr and high) or low < nr < high or not high[-1] > 1:
            continue
        fit = (*high[:-1], high[-1] - 1)
        if all(ROMAN.match(x.nr) for x in (before, item, after)):
            # Roman numbers misread ("XI" for XII between XI and XIII): the one that fits.
            if len(fit) == 1 and low < fit:
                item.nr = to_roman(fit[0])
        elif low < fit and len(fit) == len(nr) and _digits_apart(fit, nr) == 1:
            item.nr = ".".join(map(str, fit))


def fill_lost_numbers(items: list[Item], lost: set[int]) -> None:
    """Number the items whose number OCR lost (`lost`, ids), with the unnumbered items
    around them, by counting back from the numbered item that follows ("I.", "II." and
    "III." unread above "IV."), or on from the one before. Only plain numbers (4, IV) are
    counted, and only into numbers from 1 up."""
    n = 0
    while n < len(items):
        end = n
        while end < len(items) and not items[end].nr:
            end += 1
        run = items[n:end]
        if any(id(item) in lost for item in run):
            before = items[n - 1].nr if n else ""
            _count(run, before, items[end].nr if end < len(items) else "")
        n = max(end, n + 1)


def _count(run: list[Item], before: str, after: str) -> None:
    """Number `run` so that it leads up to `after`, or else goes on from `before`."""
    up_to, from_ = number_key(after), number_key(before)
    if len(up_to) == 1 and up_to[0] - len(run) >= 1:
        first, style = up_to[0] - len(run), after
    elif len(from_) == 1:
        first, style = from_[0] + 1, before
    else:
        return
    roman = bool(ROMAN.match(style))
    for offset, item in enumerate(run):
        item.nr = to_roman(first + offset) if roman else str(first + offset)


def _digits_apart(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _successors(previous: tuple[int, ...]) -> set[tuple[int, ...]]:
    """The numbers that can follow `previous` in minutes: the next at any level, each
    optionally opening sub-items (3.1.3 → 3.1.4, 3.2, 3.2.1, 4, 4.1, 4.1.1, 3.1.3.1 …)."""
    out = {(*previous, 1)}
    for depth in range(1, len(previous) + 1):
        step = (*previous[: depth - 1], previous[depth - 1] + 1)
        out.update({step, (*step, 1), (*step, 1, 1)})
    return {n for n in out if len(n) <= 4}


def repair_number(nr: str, previous: str) -> str:
    """An OCR'd item number whose dots were lost ("321" after "3.1.3" is 3.2.1).

    A number that can follow the previous item stays as read. Otherwise, of the ways to put
    dots between its digits, the smallest that can follow wins; with none, it stays as read.
    """
    digits = nr.replace(".", "")
    prev = number_key(previous)
    if not digits.isdigit() or not prev or len(digits) > 6:
        return nr
    following = _successors(prev)
    if number_key(nr) in following:
        return nr
    candidates = []
    for mask in range(1 << (len(digits) - 1)):
        parts, start = [], 0
        for i in range(1, len(digits)):
            if mask & (1 << (i - 1)):
                parts.append(digits[start:i])
                start = i
        parts.append(digits[start:])
        if all(len(p) <= 2 and not (len(p) > 1 and p[0] == "0") for p in parts):
            candidates.append(tuple(int(p) for p in parts))
    fits = [c for c in candidates if c in following]
    return ".".join(map(str, min(fits))) if fits else nr


