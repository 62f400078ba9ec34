"""Tables without a header row or rules: columns from the whitespace that runs down them.

An action list released under the Woo often reaches us as page images with an OCR layer in
which the header row (white on a dark fill) and every ruling line are gone. What is left are
lines that open with a row number and words that keep to the same columns, with empty strips
between them from top to bottom. Such a strip — a gutter — is where a column edge was.
"""

from __future__ import annotations

from pipeline.layout.numbers import is_code, leading_number
from pipeline.records import Line

_MIN_ROWS = 4  # numbered rows before a run of lines counts as a table
_MIN_GUTTER = 9.0  # pt: a column gap is wider than a word space
_COVERAGE = 0.04  # share of lines a gutter may be crossed by (a stray word, a long title)


def _numbered(line: Line) -> bool:
    return bool(leading_number(line.words)) or is_code(line.words[0].text)


def gutter_table(lines: list[Line]) -> tuple[int, int, list[float]] | None:
    """(first, end, column edges) of a header-less table in `lines`: at least four rows that
    open with a number at one left edge, and two or more gutters beyond the number column
    that run through all of it. None when there is no such table."""
    starts = [i for i, ln in enumerate(lines) if _numbered(ln)]
    if len(starts) < _MIN_ROWS:
        return None
    left = sorted(lines[i].x0 for i in starts)[len(starts) // 2]
    rows = [i for i in starts if abs(lines[i].x0 - left) <= 6]
    if len(rows) < _MIN_ROWS:
        return None
    first, last = rows[0], rows[-1]
    end = last + 1
    size = sorted(lines[i].size for i in rows)[len(rows) // 2]
    while end < len(lines) and not _numbered(lines[end]) and lines[end].x0 >= left - 6:
        if lines[end].bold and lines[end].size > size * 1.1:
            break  # a heading in a larger type after the table: the next part's title
        end += 1  # the last row's own lines
    block = lines[first:end]
    edges = _gutters(block)
    if len(edges) < 2:
        return None
    # The number column ends at the first gutter; the table has columns beyond it.
    if max(w.x1 for i in rows for w in lines[i].words[:1]) > edges[0] + 2:
        return None
    if _labels(block, edges[0], edges[1]):
        return None
    return first, end, [min(ln.x0 for ln in block) - 2, *edges, max(ln.x1 for ln in block) + 2]


def _labels(block: list[Line], x0: float, x1: float) -> bool:
    """Whether the column between x0 and x1 holds labels ("Agendapunt:", "Zaak:",
    "Besluit:") with their values beyond it: a label list set with tabs, not a table."""
    cells = [[w.text for w in ln.words if x0 <= w.x0 < x1] for ln in block]
    cells = [c for c in cells if c]
    labelled = [c for c in cells if len(c) <= 2 and c[-1].endswith(":")]
    return len(labelled) * 5 >= len(cells) * 4


def _gutters(block: list[Line]) -> list[float]:
    """The x of each empty strip (wider than a word space) that runs down the block, between
    text on both sides."""
    x0 = int(min(ln.x0 for ln in block))
    x1 = int(max(ln.x1 for ln in block)) + 1
    cover = [0] * (x1 - x0 + 1)
    for ln in block:
        for w in ln.words:
            for x in range(int(w.x0) - x0, min(int(w.x1) - x0 + 1, len(cover))):
                cover[x] += 1
    limit = max(1, int(_COVERAGE * len(block)))
    edges: list[float] = []
    run_start = None
    for x, c in enumerate(cover):
        if c < limit:
            run_start = x if run_start is None else run_start
            continue
        if run_start is not None and x - run_start >= _MIN_GUTTER and run_start > 0:
            edges.append(x0 + x - 2.0)  # a column starts where its text does, less a margin
        run_start = None
    return edges
