"""Column extents of a table: from its header labels, its vertical rules, or the whitespace
between columns; and which column a word belongs to."""

from __future__ import annotations

from dataclasses import replace

from pipeline.layout.header import Header, chunk_role, has_letter_codes, label_kind
from pipeline.layout.rules import Ruling
from pipeline.records import Column, Line, Word


def columns_from_header(header: Header, ruling: Ruling, body_words: list[Word], width: float):
    """Column extents from the header labels, refined by vertical rules or whitespace."""
    labels = [list(c.words) for c in header.chunks]
    lefts = [c.x0 for c in header.chunks]
    for extra in header.extra:
        # Wrapped header words join the label of the chunk they sit under; a word starting
        # left of every label it could be under wraps none (and must not move a label's start).
        for word in extra.words:
            best = min(range(len(lefts)), key=lambda i: abs(lefts[i] - word.x0))
            if word.x0 >= lefts[best] - 2:
                labels[best].append(word)
                lefts[best] = min(lefts[best], word.x0)
    chunks = [Line(words) for words in labels]
    verticals = ruling.verticals_crossing(header.line.top + 1, header.line.bottom - 1, slack=3)
    # Header rows drawn apart from the table (underlined labels above a ruled grid), or a
    # header whose inner lines a scan lost (on a grey fill, read as an "I"): the grid's own
    # lines below still tell the edges.
    below = {v.pos for v in ruling.vertical if header.bottom - 2 <= v.start <= header.bottom + 40}
    verticals = sorted(
        {*verticals, *(x for x in below if all(abs(x - v) > 3 for v in verticals))}
    )
    # Rules only at the ends are the frame of a filled band (a header white on dark), no grid:
    # its labels are as many columns.
    if any(chunks[0].x1 - 1 < x < chunks[-1].x0 + 1 for x in verticals):
        chunks = merge_within_cells(chunks, verticals)
    unlabelled = _unlabelled_number_column(chunks, body_words)
    starts = [c.x0 for c in chunks]
    left = min(starts[0], min((w.x0 for w in body_words), default=starts[0])) - 2
    if verticals and verticals[0] < left + 4:
        left = min(left, verticals[0])
    edges = []
    for prev, chunk in zip(chunks, chunks[1:], strict=False):
        start = chunk.x0
        edge = edge_from_rules(verticals, start) or _rule_through(verticals, chunk)
        edges.append(edge or edge_from_whitespace(body_words, max(prev.x1 + 1, start - 40), start))
    # The last column ends where the table does: its rightmost rule or word, not the page.
    right = max([*(w.x1 for w in body_words), *(c.x1 for c in chunks), *verticals[-1:]])
    bounds = [left, *edges, min(width, right + 2)]
    columns = []
    if unlabelled is not None:
        # Numbers stand left of the first label, under no label of their own.
        columns.append(Column(role="nr", x0=left, x1=unlabelled))
        bounds[0] = unlabelled
    for chunk, x0, x1 in zip(chunks, bounds, bounds[1:], strict=False):
        role = chunk_role(chunk)
        label = chunk.text
        columns.append(
            Column(
                role=role,
                x0=x0,
                x1=x1,
                label=label,
                default_kind=label_kind(chunk) if role == "entries" else "note",
                letter_codes=role == "entries" and has_letter_codes(label),
            )
        )
    return _split_at_rules(columns, ruling, header, body_words)


def _split_at_rules(
    columns: list[Column], ruling: Ruling, header: Header, body_words: list[Word]
) -> list[Column]:
    """Columns a vertical rule runs through below the header split at it: a label lost to
    the scan (white on a dark fill) leaves its column to the label beside it, but the rule
    between the two still stands — and no word of the body runs across it. The column it
    opens has no label, hence no role."""
    foot = header.bottom - 1
    below = [w for w in body_words if w.top >= foot]

    def clear(x: float) -> bool:
        return not any(w.x0 < x - 1 and w.x1 > x + 1 for w in below)

    rules = sorted(
        v.pos for v in ruling.vertical
        if v.start >= header.top - 2 and v.length >= 60 and clear(v.pos)
    )
    out: list[Column] = []
    for col in columns:
        cuts = [x for x in rules if col.x0 + 40 < x < col.x1 - 40]
        for x in cuts:
            out.append(replace(col, x1=x))
            col = Column(role="other", x0=x, x1=col.x1)
        out.append(col)
    return out


def _unlabelled_number_column(chunks: list[Line], words: list[Word]) -> float | None:
    """The right edge of a number column the header leaves unlabelled ("| Onderwerp |
    Afspraken" over rows that open with "1a", "2"), or None."""
    from pipeline.layout.numbers import is_code, number_text

    if chunk_role(chunks[0]) == "nr":
        return None
    start = chunks[0].x0
    left_of = [w for w in words if w.x1 < start - 3]
    numbers = [w for w in left_of if number_text(w.text) or is_code(w.text)]
    if len(numbers) < 2 or len(numbers) * 2 < len(left_of):
        return None
    return start - 2


def columns_from_rules(verticals: list[float]) -> list[Column]:
    """Columns between the vertical lines of a ruled grid without a header row. Their roles
    are read later from what they hold; until then each is `other`."""
    pairs = zip(verticals, verticals[1:], strict=False)
    return [Column(role="other", x0=a, x1=b) for a, b in pairs]


def merge_within_cells(chunks: list[Line], verticals: list[float]) -> list[Line]:
    """In a ruled header, labels with no rule between them are one cell: a wide gap in
    "Besluit (B) / Knelpunt (K) / Actie (A)" (a word lost to OCR) splits no column, nor does
    a word that names no role beside a label (a copier's streak read as "I"). Labels of
    different roles stay apart."""
    merged = [chunks[0]]
    for chunk in chunks[1:]:
        last = merged[-1]
        ruled = any(last.x1 - 1 < x < chunk.x0 + 1 for x in verticals)
        role, last_role = chunk_role(chunk), chunk_role(last)
        one_label = role == last_role != "other" or role == "other" != last_role
        if not ruled and one_label:
            merged[-1] = Line([*last.words, *chunk.words])
        else:
            merged.append(chunk)
    return merged


def edge_from_rules(verticals: list[float], start: float) -> float | None:
    """The ruling line just left of a column's label (labels sit a few points inside), or
    just right of where it seems to start: a scan's bar or speck read before the label."""
    near = [x for x in verticals if start - 25 <= x <= start + 6]
    return max(near) if near else None


def _rule_through(verticals: list[float], label: Line) -> float | None:
    """The rule through a label OCR hardly believes in: a scan's specks stretched its box
    across the cell's border ("Wanneer" read from 630 to 744 over a rule at 683). Labels
    are set clear of the rules, so the label's cell is the one that holds its middle."""
    if all(w.conf is None or w.conf >= 60 for w in label.words):
        return None
    inside = [x for x in verticals if label.x0 < x < label.x1]
    middle = (label.x0 + label.x1) / 2
    return min(inside, key=lambda x: abs(x - middle)) if inside else None


def edge_from_whitespace(words: list[Word], low: float, start: float) -> float:
    """Where a column begins: the right end of the emptiest vertical strip before its label.

    Cell text is left-aligned, so the column's words start at about the label's x; the strip
    just left of it is empty in every row except spanning title rows.
    """
    lo, hi = int(low), int(start + 4)
    if hi <= lo:
        return float(start)
    coverage = dict.fromkeys(range(lo, hi + 1), 0)
    for w in words:
        for x in range(max(lo, int(w.x0)), min(hi, int(w.x1)) + 1):
            coverage[x] += 1
    best = min(coverage.values())
    # Rightmost point of the minimum run nearest to the label.
    candidates = [x for x, c in coverage.items() if c == best]
    return float(max(candidates))


def column_of(word: Word, columns: list[Column]) -> int:
    """The index of the column a word belongs to.

    A word that starts just short of an edge but lies mostly beyond it belongs to the next
    column: cell text is left-aligned against the edge, and on a scan a speck before the word
    or the leftover of a skew widens its box to the left. Short of it by half an em of its
    type: a text layer's box hugs the glyphs, and digits have no descenders ("18-09-2011").
    """
    slack = max(3.0, 0.5 * max(word.size, word.bottom - word.top))
    middle = (word.x0 + word.x1) / 2
    for i, col in enumerate(columns):
        if word.x0 < col.x1 - 1 and not (word.x0 > col.x1 - slack and middle > col.x1):
            return i
    return len(columns) - 1


def shifted(columns: list[Column], dx: float, verticals: list[float]) -> list[Column]:
    """The columns moved by `dx`, each inner edge snapped to a nearby vertical rule."""
    out = []
    for col in columns:
        x0 = col.x0 + dx
        near = [x for x in verticals if abs(x - x0) < 10]
        if near:
            x0 = min(near, key=lambda x: abs(x - x0))
        out.append(Column(col.role, x0, col.x1 + dx, col.label, col.default_kind, col.letter_codes))
    for left, right in zip(out, out[1:], strict=False):
        left.x1 = right.x0
    return out
