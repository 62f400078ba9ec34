"""Ruling lines as table geometry: merged segments, column edges and row separators.

A PDF draws one table border as many short pieces (Word and LibreOffice emit a segment per
cell side, shading as filled rectangles whose four edges arrive here too), and a scan's lines
come back broken by specks. Segments on one line are merged first; what is left is read as the
grid: long vertical segments are column edges, horizontal segments that run from one column
edge (or the table's side) to another are row separators. Boxes drawn round a single word —
Woo redactions, highlights — are neither and fall out by those tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import Rule, Word

_SAME_LINE = 1.5  # pt: segments this close across are one line
_JOIN_GAP = 2.5  # pt: pieces of one line this close along it are joined
_MIN_LENGTH = 4.0  # pt: shorter is a dot or a speck


@dataclass(frozen=True, slots=True)
class Segment:
    """A merged ruling line: `pos` is its y (horizontal) or x (vertical), from `start` to `end`."""

    pos: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start

    def covers(self, a: float, b: float, slack: float = 2.0) -> bool:
        """Whether the segment runs along the whole interval [a, b] (give or take `slack`)."""
        return self.start <= a + slack and self.end >= b - slack

    def overlap(self, a: float, b: float) -> float:
        return max(0.0, min(self.end, b) - max(self.start, a))


def _merge(pieces: list[tuple[float, float, float]]) -> list[Segment]:
    """Cluster (pos, start, end) pieces by position, then join the pieces of each line."""
    out: list[Segment] = []
    pieces = sorted(pieces)
    cluster: list[tuple[float, float, float]] = []

    def flush() -> None:
        if not cluster:
            return
        pos = sum(p for p, _, _ in cluster) / len(cluster)
        spans = sorted((s, e) for _, s, e in cluster)
        start, end = spans[0]
        for s, e in spans[1:]:
            if s <= end + _JOIN_GAP:
                end = max(end, e)
            else:
                out.append(Segment(pos, start, end))
                start, end = s, e
        out.append(Segment(pos, start, end))
        cluster.clear()

    for piece in pieces:
        if cluster and piece[0] - cluster[-1][0] > _SAME_LINE:
            flush()
        cluster.append(piece)
    flush()
    return [s for s in out if s.length >= _MIN_LENGTH]


def merge_rules(rules: list[Rule]) -> tuple[list[Segment], list[Segment]]:
    """The page's rules as merged (horizontal, vertical) segments."""
    horizontal = [((r.top + r.bottom) / 2, r.x0, r.x1) for r in rules if not r.vertical]
    vertical = [((r.x0 + r.x1) / 2, r.top, r.bottom) for r in rules if r.vertical]
    return _merge(horizontal), _merge(vertical)


@dataclass
class Ruling:
    """The grid lines of one page that can be table borders."""

    horizontal: list[Segment]
    vertical: list[Segment]

    def verticals_crossing(self, top: float, bottom: float, slack: float = 2.0) -> list[float]:
        """x of the vertical lines that run through the whole band [top, bottom]."""
        return sorted(v.pos for v in self.vertical if v.covers(top, bottom, slack))

    def separators_between(self, above: float, below: float, x0: float, x1: float) -> list[Segment]:
        """Horizontal lines in the gap between two text lines, over the span [x0, x1]."""
        return [
            h for h in self.horizontal if above - 1 <= h.pos <= below + 1 and h.overlap(x0, x1) > 4
        ]


def _text_boxes(rules: list[Rule], words: list[Word]) -> set[int]:
    """Indexes of the rules that draw boxes round text — a highlight, a Woo redaction —
    rather than a cell: four edges of a rectangle that hugs the words inside it on the left
    and right, where a cell keeps its padding. Stacked line by line such boxes would otherwise
    join into a column edge."""
    horizontals: dict[tuple[int, int], list[int]] = {}
    verticals: dict[tuple[int, int, int], int] = {}
    for i, r in enumerate(rules):
        if r.vertical:
            verticals[(round((r.x0 + r.x1) / 2), round(r.top), round(r.bottom))] = i
        else:
            horizontals.setdefault((round(r.x0), round(r.x1)), []).append(i)
    boxes: set[int] = set()
    for (x0, x1), found in horizontals.items():
        ys = sorted(found, key=lambda i: rules[i].top)
        for a, b in zip(ys, ys[1:], strict=False):
            top, bottom = rules[a].top, rules[b].top
            if not 0 < bottom - top <= 30:
                continue
            sides = {
                i
                for x in (x0, x1)
                for dt in (0, -1, 1)
                for db in (0, -1, 1)
                if (i := verticals.get((x, round(top) + dt, round(bottom) + db))) is not None
            }
            if len(sides) < 2 or _in_a_row(horizontals, rules, x0, x1, a):
                continue
            inside = [w for w in words if w.x0 >= x0 - 1 and w.x1 <= x1 + 1
                      and w.top >= top - 2 and w.bottom <= bottom + 2]  # fmt: skip
            if not inside:
                boxes |= {a, b, *sides}  # an empty box: a redaction without text, a rule
                continue
            hug = min(w.x0 for w in inside) - x0 <= 2.5 and x1 - max(w.x1 for w in inside) <= 2.5
            if hug:
                boxes |= {a, b, *sides}
    return boxes


def _in_a_row(horizontals: dict[tuple[int, int], list[int]], rules: list[Rule], x0: int,
              x1: int, top: int) -> bool:
    """Whether the box whose top edge is rule `top` has a neighbour on its left or right
    along the same line: a cell of a grid row (the rest of a row a page end broke is a
    one-line row, empty in most columns), not a box drawn round text."""
    y = rules[top].top
    return any(
        (abs(nx0 - x1) <= 2 or abs(nx1 - x0) <= 2)
        and any(abs(rules[i].top - y) <= 1 for i in found)
        for (nx0, nx1), found in horizontals.items()
    )


_LONG = 6  # line heights from which a vertical is a border wherever it ends


def page_ruling(rules: list[Rule], line_height: float, words: list[Word] | None = None) -> Ruling:
    """The rules of a page that can be table borders.

    Boxes round single lines of text go first. A vertical border is at least a line and a
    half tall (a one-line row with its padding), and where the page has horizontal rules, one
    of its ends meets one, or it is long. A horizontal border ends at a vertical border or runs
    on past the text it underlines: either end meets a kept vertical, or it is long.
    """
    boxes = _text_boxes(rules, words or [])
    rules = [r for i, r in enumerate(rules) if i not in boxes]
    horizontal, vertical = merge_rules(rules)
    vertical = [v for v in vertical if v.length >= line_height * 1.5]

    def joins(v) -> bool:
        # A cell's side ends on a row's border; a copier's streak, broken into bits, does not.
        return any(
            h.start - 3 <= v.pos <= h.end + 3 and min(abs(h.pos - v.start), abs(h.pos - v.end)) <= 3
            for h in horizontal
        )

    if horizontal:
        vertical = [v for v in vertical if v.length >= line_height * _LONG or joins(v)]

    def meets(x: float, y: float) -> bool:
        return any(abs(v.pos - x) <= 3 and v.start - 3 <= y <= v.end + 3 for v in vertical)

    kept = [
        h
        for h in horizontal
        if h.length >= 120 or (meets(h.start, h.pos) or meets(h.end, h.pos)) and h.length >= 20
    ]
    return Ruling(kept, vertical)
