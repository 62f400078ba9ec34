"""Group positioned words into visual lines, and find running page headers and footers."""

from __future__ import annotations

import re
import statistics
from bisect import insort
from collections.abc import Iterable
from difflib import SequenceMatcher

from pipeline.records import Line, Page, Word

_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blad|blz\.?|p\.)\s*)?[-–]?\s*\d{1,4}\s*(?:(?:van|of|/)\s*\d{1,4})?\s*[-–]?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
# Running headers and footers live in these top and bottom shares of the page.
_HEADER_ZONE = 0.12
_FOOTER_ZONE = 0.12
_MIN_ZONE = 85.0  # pt


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Cluster words into lines by vertical position, each line sorted left to right.

    A word joins a line when its vertical centre lies within half a word height of the
    median centre of the line's words so far: the median (not the growing union) keeps two
    neighbouring lines from chaining together, and does not hang on one odd box (OCR layers
    give "en" an x-height box and "Laat" one three lines tall).
    """
    ordered = sorted(words, key=lambda w: (w.page, w.top, w.x0))
    lines: list[list[Word]] = []
    # Each line's word centres and heights, kept sorted as words join: the median is then a
    # lookup, the same value statistics.median computes by sorting them every time.
    centres: list[list[float]] = []
    heights: list[list[float]] = []
    for word in ordered:
        centre = (word.top + word.bottom) / 2
        word_height = word.height
        page = word.page
        for k in range(len(lines) - 1, max(-1, len(lines) - 5), -1):
            line = lines[k]
            if line[0].page != page:
                continue
            height = _median_of_sorted(heights[k])
            if word_height > height:  # max(), the first of the largest
                height = word_height
            if abs(centre - _median_of_sorted(centres[k])) <= height * 0.5:
                line.append(word)
                insort(centres[k], centre)
                insort(heights[k], word_height)
                break
        else:
            lines.append([word])
            centres.append([centre])
            heights.append([word_height])
    out = [Line(sorted(line, key=lambda w: w.x0)) for line in lines]
    out.sort(key=lambda ln: (ln.page, ln.top, ln.x0))
    return out


def _median_of_sorted(data: list[float]) -> float:
    """statistics.median of a list already sorted."""
    n = len(data)
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def split_on_gaps(line: Line, gap: float) -> list[Line]:
    """Split a line where the horizontal space between two words exceeds `gap` points."""
    parts: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 > gap:
            parts.append([word])
        else:
            parts[-1].append(word)
    return [Line(p) for p in parts]


def median_line_height(lines: Iterable[Line]) -> float:
    """The typical line height in points (10 when there is nothing to measure)."""
    heights = [ln.bottom - ln.top for ln in lines if ln.words]
    return statistics.median(heights) if heights else 10.0


def left_margin(lines: list[Line]) -> float:
    """Where the text's lines start: the left edge of all but the outermost twentieth (and
    the outermost line, of a few). A speck or a copier's streak that OCR reads into a line's
    first word moves that line's start to the page's edge, and the least x0 would be no
    margin at all."""
    edges = sorted(ln.x0 for ln in lines)
    return edges[max(len(edges) // 20, 1 if len(edges) > 2 else 0)]


def is_page_number(text: str) -> bool:
    """`3`, `- 3 -`, `Pagina 3 van 7`, `3/7`."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def running_lines(pages: list[Page], lines_by_page: dict[int, list[Line]]) -> set[int]:
    """Ids of lines that are page furniture: repeated headers and footers, page numbers.

    A line counts when it sits in the top or bottom zone of its page and either is a page
    number or its text (digits ignored) recurs in the same zone on at least two pages.
    """
    heights = {p.number: p.height for p in pages}

    def zone(line: Line) -> str | None:
        height = heights.get(line.page) or 842.0
        # A share of the page, but no less than the margin a landscape page keeps.
        if line.bottom <= max(height * _HEADER_ZONE, _MIN_ZONE):
            return "top"
        if line.top >= height - max(height * _FOOTER_ZONE, _MIN_ZONE):
            return "bottom"
        return None

    def key(line: Line) -> str:
        return _DIGITS.sub("#", line.text.lower()).strip()

    zoned = {
        page: [(z, key(ln), ln) for ln in lines if (z := zone(ln))]
        for page, lines in lines_by_page.items()
    }
    # A running header or footer comes back at its own place on the page. Text that recurs
    # at a page top at another height each time, and stands in the body too, is content that
    # happens to open pages ("Zaak: Brief regering - …" in a decision list).
    body: set[str] | None = None  # read only when some line recurs: most pages have none
    furniture: set[int] = set()
    for page, entries in zoned.items():
        for z, text, ln in entries:
            if is_page_number(ln.text) or (z == "bottom" and _ends_with_page_number(ln)):
                furniture.add(id(ln))
                continue
            pages_with = {
                other_page
                for other_page, others in zoned.items()
                if other_page != page
                for other_zone, other, other_ln in others
                if other_zone == z
                and _same_text(text, other)
                and abs(other_ln.top - ln.top) <= 40.0
                and _same_size(ln, other_ln)
            }
            # Content that also stands in the body must open most pages to be a header.
            if not pages_with:
                continue
            if body is None:
                body = {key(ln) for lines in lines_by_page.values() for ln in lines if not zone(ln)}
            needed = max(1, int(0.6 * len(zoned)) - 1) if text in body else 1
            if len(pages_with) >= needed:
                furniture.add(id(ln))
    return furniture


def _ends_with_page_number(line: Line) -> bool:
    """A short line that ends with its own page's number ("Openbaar 1", "Verslag AB | 3"):
    in the bottom margin, a footer even where no other page repeats it. A stop OCR saw after
    the number ("Verslag 1.") is a speck."""
    words = line.text.split()
    return (
        2 <= len(words) <= 6 and words[-1].rstrip(".,") == str(line.page)
        and not words[-2][-1:].isdigit()
    )


def _same_size(a: Line, b: Line) -> bool:
    """Whether two lines are set in about one size (OCR measures each line from its own
    letters): a running header keeps its type on every page, and the letterhead of the first
    page that names the body in larger type above it is no repeat of it."""
    return abs(a.size - b.size) <= 0.25 * max(a.size, b.size)


def _same_text(a: str, b: str) -> bool:
    """Equal, or nearly: OCR reads the same running header a little differently per page."""
    if a == b:
        return True
    if min(len(a), len(b)) < 12 or abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # The quick ratios bound the ratio from above and cost next to nothing: most pairs of
    # lines are told apart by them.
    return matcher.real_quick_ratio() >= 0.85 and matcher.quick_ratio() >= 0.85 and (
        matcher.ratio() >= 0.85
    )
