"""Pages of positioned words → the minutes table: columns, header, title rows and item rows.

The same step serves text PDFs and OCR output: it only needs word boxes. Ruling lines, where a
page has them, sharpen the column edges and tell spanning rows apart; without them, columns come
from the header words and the whitespace between columns, and rows from the item numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.layout.lines import group_lines, median_line_height, running_lines, split_on_gaps
from pipeline.records import Column, Layout, Line, Page, Row, Table, Word

# Header vocabulary, per column role. Matching is on lower-cased words without punctuation.
_ROLE_WORDS: dict[str, set[str]] = {
    "nr": {"nr", "no", "nummer", "#", "punt", "ap", "agendapunt", "volgnr"},
    "entries": {
        "besluit",
        "besluiten",
        "knelpunt",
        "knelpunten",
        "actie",
        "acties",
        "afspraak",
        "afspraken",
        "actiepunt",
        "actiepunten",
        "besluitpunt",
        "conclusie",
        "b",
        "k",
        "a",
    },
    "toelichting": {
        "toelichting",
        "opmerking",
        "opmerkingen",
        "bespreking",
        "samenvatting",
        "verslag",
        "bespreekpunten",
        "uitleg",
    },
    "subject": {"onderwerp", "onderwerpen", "titel", "thema"},
    "owner": {
        "actiehouder",
        "actiehouders",
        "wie",
        "eigenaar",
        "verantwoordelijke",
        "trekker",
        "uitvoerder",
        "verantwoordelijk",
    },
    "due": {"gereed", "deadline", "wanneer", "termijn", "streefdatum", "planning", "datum"},
}
_FILLER = {"/", "(b)", "(k)", "(a)", "en", "&", "-", "–", "+", "of"}
_KIND_OF_LABEL = {
    "besluit": "besluit",
    "besluiten": "besluit",
    "knelpunt": "knelpunt",
    "knelpunten": "knelpunt",
    "actie": "actie",
    "acties": "actie",
    "actiepunt": "actie",
    "actiepunten": "actie",
    "afspraak": "besluit",
    "afspraken": "besluit",
}
_LETTER_CODE = re.compile(r"\([BKA]\)")
ITEM_NUMBER = re.compile(r"^(?:\d{1,2}[.,]){0,3}\d{1,2}[.,]?$")
_PUNCT = re.compile(r"[^\w#]+")


def _norm(token: str) -> str:
    return _PUNCT.sub("", token.lower())


def _role_of(token: str) -> str | None:
    word = _norm(token)
    for role, vocab in _ROLE_WORDS.items():
        if word in vocab:
            return role
    return None


@dataclass
class _Header:
    line: Line
    extra: list[Line]  # wrapped continuation lines of the header row
    chunks: list[Line]  # one per column, left to right

    @property
    def bottom(self) -> float:
        return max([self.line.bottom, *(ln.bottom for ln in self.extra)])


def _header_chunks(line: Line) -> list[Line] | None:
    """Split a candidate header line into column labels, or None if it is not a header."""
    tokens = [w.text for w in line.words]
    if not 2 <= len(tokens) <= 20:
        return None
    known = [t for t in tokens if _role_of(t) or t.lower() in _FILLER]
    if len(known) < 0.75 * len(tokens):
        return None
    height = median_line_height([line])
    chunks = [
        part
        for chunk in split_on_gaps(line, max(height * 1.2, 8.0))
        for part in _split_on_role_change(chunk, height * 0.6)
    ]
    roles = {_chunk_role(c) for c in chunks}
    roles.discard("other")
    # One-word roles like "a" or "b" alone do not make a header: demand two real column names.
    if len(chunks) < 2 or len(roles) < 2:
        return None
    return chunks


def _split_on_role_change(chunk: Line, space: float) -> list[Line]:
    """Split a label where a word of another role follows after more than a word space: "Nr"
    and "Onderwerp" set close together (or read with a wide box from a scan) are two columns,
    "Besluit / Actie" is one."""
    parts = [[chunk.words[0]]]
    current = _role_of(chunk.words[0].text)  # the role of the label being read
    for prev, word in zip(chunk.words, chunk.words[1:], strict=False):
        role = _role_of(word.text)
        if role and current and role != current and word.x0 - prev.x1 > space:
            parts.append([word])
        else:
            parts[-1].append(word)
        current = role or current
    return [Line(p) for p in parts]


def _chunk_role(chunk: Line) -> str:
    roles = [r for w in chunk.words if (r := _role_of(w.text))]
    if not roles:
        return "other"
    words = {_norm(w.text) for w in chunk.words}
    if "toelichting" in words or "opmerkingen" in words:
        return "toelichting"
    # "Besluit (B) / Knelpunt (K) / Actie (A)" mixes letters and words: the words decide.
    for role in ("nr", "subject", "owner", "due", "entries", "toelichting"):
        if role in roles:
            return role
    return roles[0]


def _find_header(lines: list[Line]) -> tuple[int, _Header] | None:
    for i, line in enumerate(lines):
        chunks = _header_chunks(line)
        if not chunks:
            continue
        extra = []
        height = median_line_height([line])
        for nxt in lines[i + 1 : i + 3]:
            if nxt.top - line.bottom > height * 1.6 or nxt.page != line.page:
                break
            tokens = [w.text for w in nxt.words]
            if tokens and all(_role_of(t) or t.lower() in _FILLER for t in tokens):
                extra.append(nxt)
        return i, _Header(line, extra, chunks)
    return None


def _columns(header: _Header, page: Page, body_words: list[Word]) -> list[Column]:
    """Column extents from the header labels, refined by vertical rules or whitespace."""
    chunks = header.chunks
    for extra in header.extra:
        # Wrapped header words join the label of the chunk they sit under.
        for word in extra.words:
            best = min(chunks, key=lambda c: abs(c.x0 - word.x0))
            best.words.append(word)
    verticals = sorted(
        {
            round((r.x0 + r.x1) / 2, 1)
            for r in page.rules
            if r.vertical and r.top <= header.line.bottom + 2 and r.bottom >= header.line.top - 2
        }
    )
    if len(verticals) >= 2:
        chunks = _merge_within_cells(chunks, verticals)
    starts = [c.x0 for c in chunks]
    left = min(starts[0], min((w.x0 for w in body_words), default=starts[0])) - 2
    edges = []
    for prev, start in zip(chunks, starts[1:], strict=False):
        edge = _edge_from_rules(verticals, start) or _edge_from_whitespace(
            body_words, max(prev.x1 + 1, start - 40), start
        )
        edges.append(edge)
    right = max([page.width, *(w.x1 for w in body_words)])
    bounds = [left, *edges, right + 1]
    columns = []
    for chunk, x0, x1 in zip(chunks, bounds, bounds[1:], strict=False):
        label = chunk.text
        role = _chunk_role(chunk)
        kind = "note"
        if role == "entries":
            words = [_norm(w.text) for w in chunk.words]
            named = {_KIND_OF_LABEL[w] for w in words if w in _KIND_OF_LABEL}
            kind = named.pop() if len(named) == 1 else "note"
        letters = role == "entries" and bool(_LETTER_CODE.search(label))
        columns.append(
            Column(role=role, x0=x0, x1=x1, label=label, default_kind=kind, letter_codes=letters)
        )
    return columns


def _merge_within_cells(chunks: list[Line], verticals: list[float]) -> list[Line]:
    """In a ruled header, labels of one role with no rule between them are one cell: a wide
    gap in "Besluit (B) / Knelpunt (K) / Actie (A)" (a word lost to OCR) splits no column."""
    merged = [chunks[0]]
    for chunk in chunks[1:]:
        last = merged[-1]
        ruled = any(last.x1 - 1 < x < chunk.x0 + 1 for x in verticals)
        if not ruled and _chunk_role(last) == _chunk_role(chunk) != "other":
            merged[-1] = Line([*last.words, *chunk.words])
        else:
            merged.append(chunk)
    return merged


def _edge_from_rules(verticals: list[float], start: float) -> float | None:
    """The ruling line just left of a column's label (labels sit a few points inside)."""
    near = [x for x in verticals if start - 25 <= x <= start + 1]
    return max(near) if near else None


def _edge_from_whitespace(words: list[Word], low: float, start: float) -> float:
    """Where a column begins: the right end of the emptiest vertical strip before its label.

    Cell text is left-aligned, so the column's words start at about the label's x; the strip
    just left of it is empty in every row except spanning title rows.
    """
    lo, hi = int(low), int(start + 4)
    coverage = {x: 0 for x in range(lo, hi + 1)}
    for w in words:
        for x in range(max(lo, int(w.x0)), min(hi, int(w.x1)) + 1):
            coverage[x] += 1
    best = min(coverage.values())
    # Rightmost point of the minimum run nearest to the label.
    candidates = [x for x, c in coverage.items() if c == best]
    return float(max(candidates))


def _column_of(word: Word, columns: list[Column]) -> int:
    # A word that starts just short of an edge but lies mostly beyond it belongs to the next
    # column: cell text is left-aligned against the edge, and on a scan a speck before the
    # word or the leftover of a skew widens its box to the left.
    slack = max(3.0, 0.4 * (word.bottom - word.top))
    middle = (word.x0 + word.x1) / 2
    for i, col in enumerate(columns):
        if word.x0 < col.x1 - 1 and not (word.x0 > col.x1 - slack and middle > col.x1):
            return i
    return len(columns) - 1


def _is_item_number(text: str) -> bool:
    return bool(ITEM_NUMBER.match(text)) and any(c.isdigit() for c in text)


# Specks OCR reads around a number ("-2.2", "… 1", "“2"), what it makes of the dots inside
# one ("3-3", "2:5"), and letters it reads for a digit ("Î" for 1).
_EDGE_SPECKS = re.compile(r"^[\W_]+|[^\w.,]+$")
_MISREAD_DOT = re.compile(r"(?<=\d)[-–:;·'‘’]+(?=\d)")
_DIGIT_LOOKALIKES = str.maketrans("IlÎÌÍ|!Oo", "111111100")


def item_number(word: Word) -> str | None:
    """The item number a word spells ("2.1", "3,2." → "3.2"), or None. In OCR'd text, specks
    around it are dropped and misread dots and digits mended: "3-3", "2:5", "-2.2" and "Î"
    are numbers (one look-alike letter at most: "Il" stays a word)."""
    text = word.text
    if word.conf is not None:
        text = _MISREAD_DOT.sub(".", _EDGE_SPECKS.sub("", text))
        mended = text.translate(_DIGIT_LOOKALIKES)
        if sum(a != b for a, b in zip(text, mended, strict=True)) <= 1:
            text = mended
    if not _is_item_number(text):
        return None
    return text.rstrip(".,").replace(",", ".")


def _spans_columns(line: Line, columns: list[Column], page: Page) -> bool:
    """Whether a line's words run across a column edge without a rule between them."""
    for a, b in zip(line.words, line.words[1:], strict=False):
        ca, cb = _column_of(a, columns), _column_of(b, columns)
        if ca != cb and b.x0 - a.x1 < max(a.height, 6) * 1.2:
            return True
    return False


def _vertical_rule_at(page: Page, x: float, top: float, bottom: float) -> bool:
    return any(
        r.vertical
        and abs((r.x0 + r.x1) / 2 - x) < 3
        and r.top <= top + 1
        and r.bottom >= bottom - 1
        for r in page.rules
    )


def _is_span_row(line: Line, columns: list[Column], page: Page) -> bool:
    """A title or theme row: text in the number column that is not a number, running on."""
    nr_index = next((i for i, c in enumerate(columns) if c.role in ("nr", "subject")), None)
    first = line.words[0]
    if nr_index != 0 or _column_of(first, columns) != 0:
        return False
    if item_number(first):
        return False
    if len(columns) > 1 and _vertical_rule_at(page, columns[1].x0, line.top, line.bottom):
        # A rule runs through the line: it is inside a cell, not across the table.
        return False
    return columns[0].role == "nr" or (line.bold and _spans_columns(line, columns, page))


def find_layout(pages: list[Page]) -> Layout:
    """Find the minutes table on the pages; plain text lines when there is none."""
    lines_by_page = {p.number: group_lines(p.words) for p in pages}
    all_lines = [ln for p in pages for ln in lines_by_page[p.number]]
    found = _find_header(all_lines)
    header_ids = set()
    if found:
        header_ids = {id(found[1].line), *(id(x) for x in found[1].extra)}
    furniture = running_lines(pages, lines_by_page) - header_ids
    furniture_words = {id(w) for ln in all_lines if id(ln) in furniture for w in ln.words}
    text_pages = [[ln for ln in lines_by_page[p.number] if id(ln) not in furniture] for p in pages]
    if not found:
        return Layout(
            table=None, heading=text_pages[0] if text_pages else [], text_pages=text_pages
        )
    _, header = found
    first_page = header.line.page
    heading = [
        ln
        for p in pages
        if p.number <= first_page
        for ln in lines_by_page[p.number]
        if id(ln) not in furniture and (p.number < first_page or ln.bottom <= header.line.top + 1)
    ]
    table = _read_table(pages, header, furniture_words)
    return Layout(table=table, heading=heading, text_pages=text_pages)


def _read_table(pages: list[Page], header: _Header, furniture_words: set[int]) -> Table:
    """Rows of the table on its first page and every page after it.

    Columns are measured again on each page: Word centres tables per page and scans shift,
    so a page with its own header row gets its own column edges, and a page without one gets
    the first page's edges moved by the shift of its left text edge.
    """
    first_page = header.line.page
    table_pages = [p for p in pages if p.number >= first_page]
    rows: list[Row] = []
    columns: list[Column] = []
    base_left = 0.0
    for page in table_pages:
        words = [w for w in page.words if id(w) not in furniture_words]
        page_header = header if page.number == first_page else None
        if page_header is None:
            found = _find_header(group_lines(words))
            page_header = found[1] if found else None
        if page_header is not None:
            skip = {id(w) for ln in (page_header.line, *page_header.extra) for w in ln.words}
            words = [w for w in words if id(w) not in skip and w.top >= page_header.line.top - 1]
            page_columns = _columns(page_header, page, words)
        elif columns:
            left = min((w.x0 for w in words), default=base_left)
            page_columns = _shifted(columns, left - base_left, page)
        else:
            continue
        if not columns:
            columns = page_columns
            base_left = min((w.x0 for w in words), default=0.0)
        _rows_of_page(page, group_lines(words), page_columns, rows)
    return Table(columns=columns, rows=rows)


def _shifted(columns: list[Column], dx: float, page: Page) -> list[Column]:
    """The columns moved by `dx`, each inner edge snapped to a nearby vertical rule."""
    verticals = sorted({(r.x0 + r.x1) / 2 for r in page.rules if r.vertical})
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


def _rows_of_page(page: Page, lines: list[Line], columns: list[Column], rows: list[Row]) -> None:
    """Append this page's rows; text before the page's first item number continues a row."""
    has_nr = columns[0].role == "nr"
    continuing = bool(rows)
    for line in lines:
        if _is_span_row(line, columns, page):
            rows.append(Row(kind="span", cells={0: [line]}, page=page.number, top=line.top))
            continuing = False
            continue
        parts: dict[int, list[Word]] = {}
        for word in line.words:
            parts.setdefault(_column_of(word, columns), []).append(word)
        starts_item = has_nr and 0 in parts and item_number(parts[0][0]) is not None
        if starts_item and len(parts[0]) > 1 and len(columns) > 1:
            # The number column holds only numbers: words after it there drifted left from
            # the next column (a skewed scan, a cell without padding).
            parts.setdefault(1, [])[:0] = parts[0][1:]
            parts[0] = parts[0][:1]
        if starts_item or not rows or rows[-1].kind == "span" and not has_nr:
            rows.append(Row(kind="body", cells={}, page=page.number, top=line.top))
            continuing = False
        elif rows[-1].kind == "span":
            # Text under a title row before any number: the row has no number of its own.
            rows.append(Row(kind="body", cells={}, page=page.number, top=line.top))
        elif continuing and rows[-1].page != page.number:
            rows[-1].continued = True
        row = rows[-1]
        for col, words in parts.items():
            row.cells.setdefault(col, []).append(Line(words))
