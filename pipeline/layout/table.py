"""Pages of lines → regions in reading order: tables (columns and rows) and running text.

The same step serves text PDFs and OCR output: it only needs word boxes and ruling lines.

A table starts at a header row found by its vocabulary (:mod:`pipeline.layout.header`), or at
a ruled grid whose first column holds item numbers. It ends where its grid ends, where another
table starts, or at a heading that plainly stands outside it; across a page break it goes on
when the next page opens with the same grid or the same header, or — for a table without
rules — simply with more rows.

Rows are cut by ruling lines where the table has them: a line across every column is a row
boundary, a line across some columns only means the others are merged down over both rows.
Without rules, rows start at item numbers and codes in the number column, at rows that span the
table, and at bold title lines with an empty number cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.layout.columns import column_of, columns_from_header, columns_from_rules, shifted
from pipeline.layout.gutters import gutter_table
from pipeline.layout.header import Header, find_header, header_shift, same_header
from pipeline.layout.lines import group_lines, median_line_height, running_lines
from pipeline.layout.numbers import (
    NUMBER_HEAD,
    follows,
    is_broken_number,
    is_code,
    leading_number,
    number_key,
    unread_number,
)
from pipeline.layout.rules import Ruling, page_ruling
from pipeline.records import Column, Layout, Line, Page, Region, Row, Table, Word


@dataclass
class _Start:
    """Where a table begins on a page: at a header row, at a ruled grid, or both. A grid
    that is no minutes table by itself (`opens` false) can still carry one on from the page
    before."""

    top: float
    header: Header | None = None
    grid: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom
    verticals: list[float] = field(default_factory=list)
    opens: bool = True

    @property
    def bottom(self) -> float | None:
        return self.grid[3] if self.grid else None


def _grids(ruling: Ruling, line_height: float) -> list[tuple[float, float, float, float, list]]:
    """Ruled grids of two or more columns: groups of vertical lines that run side by side."""
    verticals = sorted(ruling.vertical, key=lambda v: v.start)
    groups: list[list] = []
    for v in verticals:
        for group in groups:
            top = min(g.start for g in group)
            bottom = max(g.end for g in group)
            if v.start <= bottom + line_height and v.end >= top - line_height:
                group.append(v)
                break
        else:
            groups.append([v])
    # A theme row across the table interrupts the inner lines of a grid, and sometimes its
    # sides: groups with the same column lines, one just below the other, are one grid.
    merged: list[list] = []
    for group in sorted(groups, key=lambda g: min(v.start for v in g)):
        if merged:
            last = merged[-1]
            xs_last = {round(v.pos) for v in last}
            xs_here = {round(v.pos) for v in group}
            shared = sum(any(abs(a - b) <= 3 for b in xs_last) for a in xs_here)
            gap = min(v.start for v in group) - max(v.end for v in last)
            if shared >= 2 and gap <= 3 * line_height:
                last.extend(group)
                continue
        merged.append(list(group))
    groups = merged
    out = []
    for group in groups:
        xs = sorted({round(v.pos) for v in group})
        distinct = [x for i, x in enumerate(xs) if i == 0 or x - xs[i - 1] > 6]
        if len(distinct) < 3:  # a box round a paragraph has two sides: not a table
            continue
        x0, x1 = distinct[0], distinct[-1]
        if x1 - x0 < 100:
            continue
        top = min(v.start for v in group)
        bottom = max(v.end for v in group)
        out.append((float(x0), top, float(x1), bottom, [float(x) for x in distinct]))
    return out


def _numbered_first_column(lines: list[Line], grid: tuple, verticals: list[float]) -> bool:
    """Whether a header-less grid is a minutes table: item numbers open its first column."""
    x0, top, _, bottom, *_ = grid
    first_edge = verticals[1]
    found = 0
    for ln in lines:
        if ln.top < top - 1 or ln.bottom > bottom + 1:
            continue
        words = [w for w in ln.words if x0 - 2 <= w.x0 < first_edge - 1]
        if words and (leading_number(words) or is_code(words[0].text)):
            found += 1
    return found >= 2


def _bounds_table(grid: tuple, header: Header, lines: list[Line], starts: list[_Start]) -> bool:
    """Whether a grid under a header is the table's frame: it holds most of the lines that
    follow the header down to the next table (not just the header row or a shaded theme)."""
    x0, top, x1, bottom = grid
    later = [s.top for s in starts if s.top > header.top]
    end = min(later) if later else float("inf")
    below = [ln for ln in lines if header.bottom < ln.top < end and ln.x1 > x0 and ln.x0 < x1]
    if not below:
        return False
    inside = [ln for ln in below if ln.bottom <= bottom + 2]
    return len(inside) * 2 >= len(below)


def _starts(lines: list[Line], ruling: Ruling, line_height: float) -> list[_Start]:
    """The tables that begin on one page, top to bottom."""
    starts: list[_Start] = []
    i = 0
    while (found := find_header(lines, i, ruling)) is not None:
        i, header = found
        starts.append(_Start(top=header.top, header=header))
        i += 1 + len(header.extra)
    for x0, top, x1, bottom, xs in _grids(ruling, line_height):
        grid = (x0, top, x1, bottom)
        owner = next(
            (
                s
                for s in starts
                if s.header
                and s.grid is None
                and s.header.top - 2 <= top + line_height
                and top - s.header.bottom <= 3 * line_height
                or s.header
                and s.grid is None
                and top <= s.header.top <= bottom
            ),
            None,
        )
        if owner is not None:
            if _bounds_table(grid, owner.header, lines, starts):
                owner.grid = grid
            # A grid that covers only the header row, or a shaded row or two, is shading: its
            # lines still give the column edges, but the table runs on below it.
            owner.verticals = xs
        else:
            opens = _numbered_first_column(lines, grid, xs)
            starts.append(_Start(top=top, grid=grid, verticals=xs, opens=opens))
    return sorted(starts, key=lambda s: s.top)


class _TableBuilder:
    """Collects the lines of one table, page by page, and cuts them into rows."""

    def __init__(self, start: _Start, page: Page, ruling: Ruling, body: list[Line]) -> None:
        self.header = start.header
        self.rows: list[Row] = []
        self.base_left = 0.0
        self.columns: list[Column] = []
        self.by_page: dict[int, list[Column]] = {}
        self.first_starts: list[float] = []  # where text starts on the first page
        self.page_full = True  # the last page ran to its foot: its last row may go on
        self.ruled = False
        self.start_page(start, page, ruling, body)
        self.columns = self.page_columns

    # --- pages ----------------------------------------------------------------------------

    def start_page(self, start: _Start | None, page: Page, ruling: Ruling, body: list[Line]):
        """Measure the columns again on a page: Word centres tables per page and scans shift,
        so a page with its own header row or grid gets its own column edges, and one
        without gets the first page's edges moved by the shift of its left text edge."""
        self.ruling = ruling
        words = [w for ln in body for w in ln.words]
        left = _left_edge(body, self.base_left)
        dx = _page_shift(body, self.first_starts, left - self.base_left)
        if start is not None and start.header is not None:
            self.page_columns = columns_from_header(start.header, ruling, words, page.width)
            if self.columns and len(self.page_columns) != len(self.columns):
                # A label OCR lost: the labels it did read say how far the columns moved.
                if self.header is not None:
                    dx = header_shift(self.header, start.header) or dx
                self.page_columns = shifted(self.columns, dx, start.verticals)
        elif start is not None and start.verticals:
            self.page_columns = (
                shifted(self.columns, start.verticals[0] - self.columns[0].x0, start.verticals)
                if self.columns
                else columns_from_rules(start.verticals)
            )
        else:
            verticals = sorted({v.pos for v in ruling.vertical})
            self.page_columns = shifted(self.columns, dx, verticals)
        if not self.columns:
            self.base_left = left
            # Where text starts on the first page: its lines, and each column's label (cell
            # text is left-aligned under it) or, without a header, its left edge.
            pad = left - self.page_columns[0].x0
            labels = (
                [c.x0 for c in start.header.chunks]
                if start is not None and start.header is not None
                else [c.x0 + pad for c in self.page_columns]
            )
            self.first_starts = sorted({round(x, 1) for x in [*labels, *(ln.x0 for ln in body)]})
        self.by_page[page.number] = self.page_columns
        self.x0 = self.page_columns[0].x0 - 4
        self.x1 = self.page_columns[-1].x1 + 4
        self.grid = start.grid if start is not None else None
        # Edges the grid leaves unruled between two labelled roles, once a page: they divide
        # every line (see :meth:`_open_edges`).
        self.unruled = (
            {i for i in range(1, len(self.page_columns)) if self._unruled_border(i)}
            if self.grid is not None else set()
        )
        self.ruled = self.ruled or self.grid is not None
        self.previous: Line | None = None

    def end_page(self, text_bottom: float) -> None:
        """Note whether the page ended the table's last row: a row goes on over a page end
        only where the page is full, its last line near the foot of the text (`text_bottom`).
        A page that ends with room for more lines ended its last row as well."""
        last = self.previous
        if last is not None:
            pitch = (last.bottom - last.top) * 1.2
            self.page_full = text_bottom - last.bottom < _ROOM_LINES * pitch
        self.previous = None

    @property
    def bottom(self) -> float | None:
        """The end of the table's grid on the current page; None for a table without one."""
        return self.grid[3] if self.grid else None

    def holds(self, line: Line, after: list[Line] | None = None) -> bool:
        """Whether a line of this page belongs to the table: inside its grid, or, without a
        grid, not starting well left of the table and no heading in a larger type — unless
        table rows follow it (a theme row set large)."""
        # A blot beside the table that OCR read as a word, with next to no confidence, is no
        # text starting left of it.
        words = [w for w in line.words if not _blot_outside(w, self.x0, self.x1)] or line.words
        inside = [w for w in words if w.x1 > self.x0 and w.x0 < self.x1]
        if len(inside) * 2 < len(words):
            return False
        if self.grid is not None:
            return line.top <= self.grid[3] + 1
        if not self.rows:
            return True
        body = self._body_size()
        if _start_of(words[0], body) < self.x0 - 12:
            return False
        # A heading after a table starts where the table does; a line that starts in a later
        # column is that column's cell (a bold word set large in it, such as a redaction box
        # OCR read as a word, heads nothing).
        if line.bold and body and line.size >= body * 1.25 and (
            column_of(words[0], self.page_columns) == 0
        ):
            return bool(after) and self._row_like(after[0])
        return True

    def _row_like(self, line: Line) -> bool:
        """Whether a line reads as a table row: words in two columns, or a number in the
        number column."""
        cols = {column_of(w, self.page_columns) for w in line.words}
        if len(cols) >= 2:
            return True
        first = line.words[0]
        return column_of(first, self.page_columns) == 0 and bool(leading_number(line.words))

    def _body_size(self) -> float:
        sizes = sorted(ln.size for row in self.rows[-20:] for ln in row.lines if ln.size)
        return sizes[len(sizes) // 2] if sizes else 0.0

    # --- rows -----------------------------------------------------------------------------

    def _open_edges(self, line: Line) -> set[int]:
        """Column edges that do not divide this line: in a ruled grid, edges without a
        vertical line through it (a cell merged across columns, a spanning theme row). An
        edge between columns the header's labels give two roles, with no line of the grid
        anywhere between them, divides every line: the border there was left out (owners
        beside the actions), not merged away."""
        if self.grid is None or not (self.grid[1] - 1 <= line.top <= self.grid[3] + 1):
            return set()
        crossing = self.ruling.verticals_crossing(line.top, line.bottom, slack=1.0)
        return {
            i
            for i in range(1, len(self.page_columns))
            if not any(abs(x - self.page_columns[i].x0) <= 4 for x in crossing)
            and i not in self.unruled
        }

    def _unruled_border(self, i: int) -> bool:
        """Whether the edge left of column `i` parts two labelled roles with no vertical line
        of the grid between the two columns' middles."""
        left, right = self.page_columns[i - 1], self.page_columns[i]
        if "other" in (left.role, right.role) or left.role == right.role:
            return False
        low, high = (left.x0 + left.x1) / 2, (right.x0 + right.x1) / 2
        _, top, _, bottom = self.grid
        return not any(
            low < v.pos < high and v.start < bottom and v.end > top for v in self.ruling.vertical
        )

    def _cells(
        self, line: Line, tail: bool = False
    ) -> tuple[dict[int, list[Word]], dict[int, int], bool]:
        """The line's words per cell, the cells that span several columns, and whether the
        whole line is one cell across the table.

        In a ruled grid a column edge without a vertical line through the line is no edge.
        Without rules, a line that begins in the number column with something that is no
        number spans the table (a theme or title row), and words that run on across an edge
        with only a word space between share one cell. ``tail``: the line's number cell
        holds the rest of a number broken in the line above, which is no theme row.
        """
        columns = self.page_columns
        ncols = len(columns)
        open_edges = self._open_edges(line)
        if len(open_edges) == ncols - 1 and _numbered_apart(line, columns):
            open_edges = set()  # the rules beside a numbered row lost to a worn copy
        owner = list(range(ncols))
        for i in range(1, ncols):
            if i in open_edges:
                owner[i] = owner[i - 1]
        parts: dict[int, list[Word]] = {}
        last: dict[int, int] = {}
        for word in line.words:
            col = column_of(word, columns)
            key = owner[col]
            parts.setdefault(key, []).append(word)
            last[key] = max(last.get(key, key), col)
        spans = {k: v for k, v in last.items() if v > k}
        if self.grid is not None and len(open_edges) == ncols - 1 and ncols > 1:
            return {0: list(line.words)}, {0: ncols - 1}, True
        # Text in the number column that is no number runs across the table: a theme or
        # title row (the number column holds nothing else).
        if (self.grid is None and 0 in parts and columns[0].role == "nr" and ncols > 1
                and not tail and not _numbered_cell(parts[0], line)):
            return {0: list(line.words)}, {0: ncols - 1}, True
        return parts, spans, False

    def add(self, line: Line) -> None:
        """Put one line into the current row, or open a new row with it."""
        prev = self.previous
        last = self.rows[-1] if self.rows else None
        tail = self._number_tail(prev, line) if prev is not None else self._page_tail(last, line)
        parts, spans, full = self._cells(line, tail)
        ncols = len(self.page_columns)
        separated, covered = False, set(range(ncols))
        if prev is not None:
            seps = self.ruling.separators_between(prev.bottom, line.top, self.x0, self.x1)
            if seps:
                separated = True
                covered = {
                    i
                    for i, col in enumerate(self.page_columns)
                    if any(s.overlap(col.x0, col.x1) > (col.x1 - col.x0) * 0.5 for s in seps)
                }
        page_top = last is not None and prev is None
        titled = False
        nr_words = parts.get(0, []) if self.page_columns[0].role in ("nr", "other") else []
        numbered = bool(nr_words) and not full and _numbered_cell(nr_words, line)
        if numbered and last is not None and (
            tail or (prev is not None and self._wraps_number(prev, line))
        ):
            numbered = False  # a long code wrapping in its cell ("aug13/1" over "1")
        if last is None:
            start_row = True
        elif full:
            # A theme row that wraps goes on in the line right under it; a title row of its
            # own stands apart by a gap or another type.
            start_row = last.kind != "span" or separated or page_top or not _wraps(prev, line)
        elif separated:
            start_row = True
        elif page_top:
            titled = self._title_line(line, parts, last, ruled_ok=True)
            start_row = numbered or titled or not self.page_full
            start_row = start_row or self._cells_closed(parts, last)
            start_row = start_row or self._new_entry_row(parts, last)
            if not start_row:
                last.continued = True
        else:
            start_row = numbered or last.kind == "span" or self._title_line(line, parts, last)
        if start_row:
            row = Row(
                kind="span" if full else "body", cells={}, page=line.page, top=line.top
            )
            if separated:
                # A number opens its own cell: a rule a scan lost at the number column's
                # end merges no number cell down over the next item's.
                row.joined = set(range(ncols)) - covered - ({0} if numbered else set())
            elif page_top and not (numbered or titled):
                # The cells it leaves empty are merged down from the last page; a title row
                # opens the next item and merges nothing.
                row.joined = {i for i in range(ncols) if i not in parts}
            self.rows.append(row)
        row = self.rows[-1]
        for col, words in parts.items():
            target = self._owner_row(col) if col in row.joined else row
            target.cells.setdefault(col, []).append(Line(words))
        for first, last_col in spans.items():
            row.spans[first] = max(row.spans.get(first, first), last_col)
        self.previous = line

    def _wraps_number(self, prev: Line, line: Line) -> bool:
        """Whether a number under the previous line is the rest of that line's number cell:
        the line above has text in the number column and no more than line spacing lies
        between them."""
        if prev.page != line.page:
            return False
        edge = self.page_columns[0].x1
        above = [w for w in prev.words if w.x0 < edge - 1]
        if not above:
            return False
        here, there = leading_number(line.words), leading_number(above)
        if here and there and follows(number_key(there[0]), number_key(here[0])):
            return False  # "2" under "1": the next item, in a table set tight
        return self._tight(prev, line)

    @staticmethod
    def _tight(prev: Line, line: Line, by_type: bool = False) -> bool:
        """Whether no more than line spacing lies between two lines; `by_type`: measured
        against the type's own box, since a text layer's boxes hug the glyphs and a line
        without descenders ("3.2. Beleidsdoorlichti") ends at its baseline."""
        height = prev.bottom - prev.top
        if by_type and prev.words[0].conf is None and prev.size:
            height = max(height, 1.15 * prev.size)
        return line.top - prev.bottom < height * 0.45

    def _page_tail(self, last: Row | None, line: Line) -> bool:
        """Whether a page's first line holds the rest of a number the last page ended on
        ("3.5." at the foot, "10" at the top of the next)."""
        nr_lines = last.cells.get(0) if last is not None else None
        if not nr_lines or len(nr_lines[-1].words) != 1:
            return False
        below = [w for w in line.words if w.x0 < self.page_columns[0].x1 - 1]
        head = nr_lines[-1].words[0].text
        return (
            len(below) == 1 and NUMBER_HEAD.match(head) is not None
            and is_broken_number(head, below[0].text)
        )

    def _number_tail(self, prev: Line, line: Line) -> bool:
        """Whether the line's number cell holds the rest of a number or code too long for the
        cell, broken after a dot or slash or inside a word ("2.1." over "3", "aug1" over
        "3/12"): the part above fills the cell to its padding, the two read as one number."""
        if prev.page != line.page or not self._tight(prev, line, by_type=True):
            return False
        edge = self.page_columns[0].x1
        above = [w for w in prev.words if w.x0 < edge - 1]
        below = [w for w in line.words if w.x0 < edge - 1]
        if len(above) != 1 or len(below) != 1:
            return False
        # The cell's own padding and the next cell's lie between its text and the edge.
        em = max(above[0].bottom - above[0].top, 4.0)
        return above[0].x1 >= edge - 2 * em and is_broken_number(above[0].text, below[0].text)

    def _owner_row(self, col: int) -> Row:
        """The row a cell merged down over later rows belongs to: the last one that opened
        that column."""
        for row in reversed(self.rows):
            if col not in row.joined:
                return row
        return self.rows[-1]

    def _title_line(
        self, line: Line, parts: dict[int, list[Word]], row: Row, ruled_ok: bool = False
    ) -> bool:
        """A title row of a table without row rules: a bold line with an empty number cell
        after body text, opening the item below (the seed's "Financiën" above "2.3")."""
        if self.grid is not None and not ruled_ok:
            return False
        if 0 in parts or not line.bold or row.kind != "body" or not row.cells:
            return False
        if line.text[:1].islower():
            return False  # the rest of a title wrapped in its cell ("vorige" over "vergadering")
        col = min(parts)
        above = row.cells.get(col)
        if above and above[-1].bold and above[-1].page == line.page:
            return not self._tight(above[-1], line)
        prev_lines = row.lines
        return bool(prev_lines) and not prev_lines[-1].bold

    @staticmethod
    def _cells_closed(parts: dict[int, list[Word]], last: Row) -> bool:
        """Whether a page's first line cannot go on with the row the last page ended on:
        text goes on over a page end only in a cell that filled its part of the row to the
        foot, and each cell this line writes in ended a line or more above the row's foot
        (a one-line entry beside a two-line owner)."""
        pages = [ln.page for lines in last.cells.values() for ln in lines]
        if not pages:
            return False  # a row with nothing written in it closes nothing
        page = max(pages)
        ends = {
            col: max(ln.bottom for ln in lines if ln.page == page)
            for col, lines in last.cells.items()
            if any(ln.page == page for ln in lines)
        }
        if not ends or any(col not in ends for col in parts):
            return False
        foot = max(ends.values())
        pitch = max(ln.bottom - ln.top for lines in last.cells.values() for ln in lines) * 1.2
        return all(ends[col] < foot - 0.8 * pitch for col in parts)

    def _new_entry_row(self, parts: dict[int, list[Word]], last: Row) -> bool:
        """At the top of a new page, a row of its own (not the rest of the row broken by the
        page end) is one that fills the owner or due cell again while the number and subject
        cells stay empty: the next entry of an item merged down."""
        fields = [i for i, c in enumerate(self.page_columns) if c.role in ("owner", "due")]
        if not (any(i in parts for i in fields) and any(i in last.cells for i in fields)):
            return False
        # Text that goes on in lower case is the rest of a row the page end broke.
        return not any(
            col in last.cells and words[0].text[:1].islower() for col, words in parts.items()
        )

    def table(self) -> Table:
        header = " | ".join(self.header.labels) if self.header else ""
        ruled = self.ruled or any(r.joined for r in self.rows)
        return Table(
            columns=self.columns, rows=self.rows, ruled=ruled, header=header,
            page_columns=self.by_page,
        )  # fmt: skip


# Room at a page's foot, in lines, that a row broken by the page end cannot leave: widow and
# orphan control moves up to three lines of a paragraph on.
_ROOM_LINES = 4
_BLOT_CONF = 20  # OCR confidence below which a word beside a table is a blot


def find_layout(pages: list[Page]) -> Layout:
    """The document as regions in reading order: tables, and the running text around them."""
    lines_by_page = {p.number: group_lines(p.words) for p in pages}
    header_ids: set[int] = set()
    for lines in lines_by_page.values():
        i = 0
        while (found := find_header(lines, i)) is not None:
            i, header = found
            header_ids |= {id(header.line), *(id(x) for x in header.extra)}
            i += 1
    furniture_ids = running_lines(pages, lines_by_page) - header_ids
    furniture = [ln for p in pages for ln in lines_by_page[p.number] if id(ln) in furniture_ids]
    text_pages = [
        [ln for ln in lines_by_page[p.number] if id(ln) not in furniture_ids] for p in pages
    ]
    line_height = median_line_height([ln for lines in text_pages for ln in lines])
    # Where the text of a full page ends: the lowest body line of any page.
    text_bottom = max((lines[-1].bottom for lines in text_pages if lines), default=0.0)
    regions: list[Region] = []
    header_rows: list[Line] = []
    table: _TableBuilder | None = None

    def text(line: Line) -> None:
        if not regions or regions[-1].kind != "text":
            regions.append(Region(kind="text"))
        regions[-1].lines.append(line)

    def close() -> None:
        nonlocal table
        if table is not None and table.rows:
            regions.append(Region(kind="table", table=table.table()))
        table = None

    for page, lines in zip(pages, text_pages, strict=True):
        ruling = page_ruling(page.rules, line_height, page.words)
        starts = _starts(lines, ruling, line_height)
        skip: set[int] = set()
        if table is not None:
            first = starts[0] if starts and starts[0].top <= _first_top(lines) + 1 else None
            if _continues(table, first):
                if first is not None:
                    starts.pop(0)
                    skip = first.header.words() if first.header else set()
                table.start_page(first, page, ruling, _body_lines(lines, first, starts))
            else:
                close()
        for index, line in enumerate(lines):
            while starts and line.top >= starts[0].top - 1:
                start = starts.pop(0)
                if not start.opens:
                    continue
                if (
                    table is not None
                    and start.header is not None
                    and table.header is not None
                    and start.grid is None
                    and same_header(table.header, start.header)
                ):
                    skip = start.header.words()  # the header repeated inside its own table
                    continue
                close()
                table = _TableBuilder(start, page, ruling, _body_lines(lines, start, starts))
                skip = start.header.words() if start.header else set()
            if skip and any(id(w) in skip for w in line.words):
                header_rows.append(line)
                continue
            # A bold line right above the next table's header row ("Actielijst") is that
            # table's caption, not a theme row closing this one.
            caption = (
                line.bold and bool(starts) and starts[0].header is not None
                and index + 1 < len(lines) and abs(starts[0].top - lines[index + 1].top) <= 2
            )
            held = table is not None and table.holds(line, lines[index + 1 : index + 2])
            if table is not None and held and not caption:
                table.add(line)
            else:
                close()
                text(line)
        if table is not None:
            table.end_page(text_bottom)
    close()
    pages_by_number = {p.number: p for p in pages}
    regions = [r for region in regions for r in _split_gutter_tables(region, pages_by_number)]
    regions = _join_continued(regions)
    return Layout(
        regions=regions, text_pages=text_pages, furniture=furniture, header_rows=header_rows
    )


def _join_continued(regions: list[Region]) -> list[Region]:
    """A table without a header right after another table, in the same columns, is that
    table going on (its rules or shading stop on a later page): one table, whose header
    names the columns of both."""
    out: list[Region] = []
    for region in regions:
        prev = out[-1].table if out and out[-1].kind == "table" else None
        table = region.table
        if prev is not None and table is not None and not table.header and prev.header and (
            _same_columns(prev.columns, table.columns)
        ):
            prev.rows.extend(table.rows)
            for page, columns in table.page_columns.items():
                prev.page_columns.setdefault(page, columns)
            continue
        out.append(region)
    return out


def _same_columns(a: list[Column], b: list[Column]) -> bool:
    return len(a) == len(b) and all(abs(x.x0 - y.x0) <= 6 for x, y in zip(a, b, strict=True))


def _split_gutter_tables(region: Region, pages: dict[int, Page]) -> list[Region]:
    """A text region with a header-less, unruled table in it (numbered rows in columns kept
    apart by whitespace only) as text, table, text."""
    if region.kind != "text":
        return [region]
    found = gutter_table(region.lines)
    if found is None:
        return [region]
    first, end, edges = found
    lines = region.lines[first:end]
    start = _Start(top=lines[0].top, verticals=edges)
    empty = Ruling([], [])
    builder = _TableBuilder(start, pages[lines[0].page], empty, lines)
    page = lines[0].page
    for line in lines:
        if line.page != page:
            page = line.page
            builder.start_page(_Start(top=line.top, verticals=edges), pages[page], empty, [])
        builder.add(line)
    out = []
    if first:
        out.append(Region(kind="text", lines=region.lines[:first]))
    out.append(Region(kind="table", table=builder.table()))
    rest = Region(kind="text", lines=region.lines[end:])
    if rest.lines:
        out.extend(_split_gutter_tables(rest, pages))
    return out


def _start_of(word: Word, size: float) -> float:
    """Where a line's first word starts. A copier's streak through a word that OCR barely
    believes in stretches its box to the left, far from the letters: there the word starts
    no further left than its letters in the body type reach from its right end."""
    if word.conf is None or word.conf >= 60 or not size:
        return word.x0
    return max(word.x0, word.x1 - len(word.text) * size * 0.7)


def _blot_outside(word: Word, x0: float, x1: float) -> bool:
    """A word OCR read with next to no confidence whose middle lies outside [x0, x1]."""
    middle = (word.x0 + word.x1) / 2
    return word.conf is not None and word.conf < _BLOT_CONF and not x0 <= middle <= x1


def _numbered_cell(cell: list[Word], line: Line) -> bool:
    """Whether the words of a line's number cell open a numbered row: a number, a code, the
    head of a number broken over two lines, or a number OCR could not read, with the row's
    text well apart from it."""
    after = line.words[len(cell)] if len(line.words) > len(cell) else None
    return (
        leading_number(cell) is not None or is_code(cell[0].text) or _number_head(cell)
        or after is not None and unread_number(cell, after)
    )


def _numbered_apart(line: Line, columns: list[Column]) -> bool:
    """Whether an OCR'd line opens with a number alone in the number column and its text
    starts where the next column does: a numbered row whose rules a copy lost, not a theme
    spanning the table ("2 Bespreekstukken" runs on from its number)."""
    if line.words[0].conf is None or len(columns) < 2:
        return False
    cell = [w for w in line.words if w.x1 <= columns[0].x1 + 1]
    rest = line.words[len(cell) :]
    return (
        bool(cell) and bool(rest) and rest[0].x0 >= columns[1].x0 - 2
        and leading_number(cell) is not None
    )  # fmt: skip


def _number_head(words: list[Word]) -> bool:
    """The number cell's words are the head of a number or code broken over two lines."""
    return len(words) == 1 and NUMBER_HEAD.match(words[0].text) is not None


def _wraps(prev: Line | None, line: Line) -> bool:
    """Whether a line goes on from the one above: set tight under it, in the same type."""
    if prev is None or prev.page != line.page:
        return False
    return line.top - prev.bottom < (prev.bottom - prev.top) * 0.45 and prev.bold == line.bold


def _left_edge(lines: list[Line], default: float) -> float:
    """Where the text of a page starts on the left: the usual start of its lines (a scan's
    speck or a word drifting out of the margin does not move it)."""
    starts = sorted(ln.x0 for ln in lines)
    if not starts:
        return default
    if len(starts) < 5:
        return starts[0]
    # The leftmost start that several lines share, give or take a few points.
    for x in starts:
        if sum(abs(y - x) <= 4 for y in starts) >= max(2, len(starts) // 10):
            return x
    return starts[0]


def _page_shift(body: list[Line], first: list[float], guess: float) -> float:
    """How far a table's columns moved on a later page: the shift, no larger than that of the
    left text edge (`guess`), under which most of the page's lines start where text starts
    on the table's first page (`first`). The edge's shift is right unless the page's rows
    leave the first column empty (an item going on over the page break): then the edge moved
    a column, the columns did not."""
    if not first or not body:
        return guess
    starts = [ln.x0 for ln in body]
    low, high = min(0.0, guess) - 4, max(0.0, guess) + 4

    def aligned(dx: float) -> int:
        return sum(any(abs(x - (y + dx)) <= 3 for y in first) for x in starts)

    candidates = {guess, 0.0} | {x - y for x in starts for y in first if low <= x - y <= high}
    return max(candidates, key=lambda dx: (aligned(dx), dx == guess, -abs(dx)))


def _first_top(lines: list[Line]) -> float:
    return lines[0].top if lines else 0.0


def _body_lines(lines: list[Line], start: _Start | None, later: list[_Start]) -> list[Line]:
    """The lines a table's columns are measured on: from its start to the next table's."""
    top = start.top if start else 0.0
    following = [s for s in later if s.opens]
    end = following[0].top if following else float("inf")
    if start is not None and start.bottom is not None:
        end = min(end, start.bottom + 1)
    skip = start.header.words() if start and start.header else set()
    return [
        ln for ln in lines if top - 1 <= ln.top < end and not any(id(w) in skip for w in ln.words)
    ]


def _continues(table: _TableBuilder, first: _Start | None) -> bool:
    """Whether a table goes on at the top of the next page.

    It does when the page opens with its header again, or with a grid of its columns; a table
    without a grid also when the page opens with no table at all.
    """
    if first is not None and first.header is not None:
        return table.header is not None and same_header(table.header, first.header)
    if first is not None and first.verticals:
        widths = [round(c.x1 - c.x0) for c in table.columns]
        grid = [round(b - a) for a, b in zip(first.verticals, first.verticals[1:], strict=False)]
        return len(widths) == len(grid) and all(
            abs(a - b) <= 8 for a, b in zip(widths[1:-1], grid[1:-1], strict=False)
        )
    return table.grid is None
