"""Table rows → a :class:`Meeting` with items, entries and toelichting."""

from __future__ import annotations

import re
from datetime import date

from pipeline.layout.lines import median_line_height
from pipeline.layout.table import item_number
from pipeline.records import (
    Column,
    Document,
    Entry,
    Item,
    Layout,
    Line,
    Meeting,
    PageInfo,
    Row,
    Table,
)
from pipeline.structure.entries import (
    join_lines,
    join_paragraphs,
    paragraphs,
    parse_entries,
    split_prefix,
)
from pipeline.structure.outline import outline_items

_BODY = re.compile(
    r"^(?:Veiligheidsregio|Gemeente|Provincie|Waterschap|Hoogheemraadschap|GGD|Regio|"
    r"Ministerie|Politie|Omgevingsdienst|Brandweer|Gemeenteraad|Raad van|College van|"
    r"Provinciale Staten|Gedeputeerde Staten)\b.*",
)
_LABELLED = re.compile(r"^(?P<label>[A-Za-zë ]{3,25})\s*:\s*(?P<value>.+)$")
_TITLE_WORDS = re.compile(
    r"\b(?:verslag|notulen|besluitenlijst|actielijst|besluiten- en actielijst|vergadering|"
    r"overleg|agenda|procès-verbal)\b",
    re.IGNORECASE,
)
_MAX_TITLE_CHARS = 90
_LETTER_PREFIX = re.compile(r"^[BKA]\s?(?::|>)")
_SEPARATOR = re.compile(r"\s+[|–—•·]\s+|\s+-\s+")


def build_meeting(document: Document, layout: Layout) -> Meeting:
    """Assemble the meeting: heading facts, items from the table, per-page information."""
    heading_text = "\n".join(ln.text for ln in layout.heading)
    pages = [
        PageInfo(
            number=p.number,
            ocr=p.ocr,
            confidence=p.confidence,
            needs_review=p.needs_review,
            note=p.note,
            text="\n".join(ln.text for ln in lines),
        )
        for p, lines in zip(document.pages, layout.text_pages, strict=False)
    ]
    all_text = "\n".join(p.text for p in pages)
    return Meeting(
        title=_title(layout.heading) or _title(layout.text_pages[0] if layout.text_pages else []),
        body=_body(layout.heading) or _body([ln for page in layout.text_pages for ln in page]),
        date=_meeting_date(heading_text) or _meeting_date(all_text[:4000]),
        source=document.path,
        sha256=document.sha256,
        page_count=len(document.pages),
        items=build_items(layout.table)
        if layout.table
        else outline_items([ln for page in layout.text_pages for ln in page]),
        pages=pages,
    )


def _meeting_date(text: str) -> date | None:
    from models.dates import find_meeting_date

    return find_meeting_date(text) if text.strip() else None


def _title(lines: list[Line]) -> str:
    """The largest text near the top (a wrapped title gives two lines), skipping the body name.

    When the sizes say nothing (an OCR layer writes every line alike), the first line that
    names a kind of meeting wins, else the first line.
    """
    candidates = [ln for ln in lines[:15] if ln.text.strip() and not _LABELLED.match(ln.text)]
    if not candidates:
        return ""

    def size(line: Line) -> float:
        return line.size or (line.bottom - line.top)

    biggest = max(size(ln) for ln in candidates)
    big = [i for i, ln in enumerate(candidates) if size(ln) >= biggest * 0.92]
    if len(big) <= 3:
        first = big[0]
        picked = [candidates[first]]
        if first + 1 in big and not _BODY.match(candidates[first].text):
            picked.append(candidates[first + 1])
        picked = [ln for ln in picked if not _BODY.match(ln.text)] or picked
    else:
        named = [ln for ln in candidates if _TITLE_WORDS.search(ln.text)]
        picked = [(named or candidates)[0]]
    return " ".join(ln.text for ln in picked)[: _MAX_TITLE_CHARS * 2].strip()


def _body(lines: list[Line]) -> str:
    """The organisation: a labelled line, else the shortest line naming a body.

    Running headers often read "Gemeente X | Verslag …", so lines are split at separators
    and the shortest naming part wins.
    """
    whole, parts = [], []
    for ln in lines[:20]:
        m = _LABELLED.match(ln.text)
        if m and m.group("label").strip().lower() in {"organisatie", "orgaan", "gremium"}:
            return m.group("value").strip()
        if _BODY.match(ln.text) and len(ln.text) <= _MAX_TITLE_CHARS:
            whole.append(ln.text.strip())
        parts += [p.strip() for p in _SEPARATOR.split(ln.text) if _BODY.match(p.strip())]
    names = [n for n in whole if not _SEPARATOR.search(n)] or parts
    return min(names, key=len) if names else ""


def build_items(table: Table) -> list[Item]:
    """Walk the rows: spanning rows name themes and titles, body rows become items."""
    columns = table.columns
    line_height = median_line_height(
        [ln for row in table.rows for lines in row.cells.values() for ln in lines]
    )
    letters = _uses_letter_codes(table)
    items: list[Item] = []
    read: set[int] = set()  # ids of items whose number came from OCR
    section = ""
    pending: list[str] = []  # spanning rows since the last item
    for row in table.rows:
        if row.kind == "span":
            pending.append(row.text(0))
            continue
        if row.kind != "body":
            continue
        item = _item_from_row(row, columns, line_height, letters)
        if _ocr_number(row, columns):
            read.add(id(item))
            if items:
                item.nr = repair_number(item.nr, items[-1].nr)
        if not item.nr and not item.entries and not item.toelichting and items:
            continue
        if len(pending) >= 2:
            section, item_title = pending[-2], pending[-1]
        elif len(pending) == 1:
            item_title = pending[0]
            if item.title:
                # The cell names its own title, so the spanning row above was a theme.
                section, item_title = pending[0], item.title
        else:
            item_title = item.title
        item.title = _tidy_title(join_lines(item_title.split("\n")))
        item.section = join_lines(section.split("\n"))
        pending = []
        items.append(item)
    _fit_numbers(items, read)
    return items


def _ocr_number(row: Row, columns: list[Column]) -> bool:
    lines = row.cells.get(0, []) if columns and columns[0].role == "nr" else []
    return bool(lines) and lines[0].words[0].conf is not None


def _fit_numbers(items: list[Item], read: set[int]) -> None:
    """Mend OCR'd numbers that break the order with one misread digit: "2.4" between "1" and
    "2.2" is 2.1. Only a number that does not fit between its neighbours is touched, and
    only into the one number that does: the one before the next item's."""
    for before, item, after in zip(items, items[1:], items[2:], strict=False):
        if id(item) not in read:
            continue
        low, nr, high = _key(before.nr), _key(item.nr), _key(after.nr)
        if not (low and nr and high) or low < nr < high or not high[-1] > 1:
            continue
        fit = (*high[:-1], high[-1] - 1)
        if low < fit and len(fit) == len(nr) and _digits_apart(fit, nr) == 1:
            item.nr = ".".join(map(str, fit))


_OPENING_QUOTES = "‘‚„“'\"`"
_CLOSING_QUOTES = "’”'\""


def _tidy_title(title: str) -> str:
    """A title without punctuation that cannot be part of it: a trailing colon, comma, full stop
    or hyphen, and an opening quote that never closes (on a scan, a speck before a letter)."""
    title = title.rstrip(" :;,.-")
    if title[:1] in _OPENING_QUOTES and not any(c in _CLOSING_QUOTES for c in title[1:]):
        title = title[1:].lstrip()
    return title


def _digits_apart(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _key(nr: str) -> tuple[int, ...]:
    return tuple(int(p) for p in nr.split(".") if p.isdigit())


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
    prev = _key(previous)
    if not digits.isdigit() or not prev or len(digits) > 6:
        return nr
    following = _successors(prev)
    if _key(nr) in following:
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


def _uses_letter_codes(table: Table) -> bool:
    """Whether the minutes mark entries with letters (B:, K:, A >): announced in the heading,
    or seen on a few lines. Then OCR's "A." or "B," is read as a misread colon."""
    if any(col.letter_codes for col in table.columns):
        return True
    entry_columns = [i for i, col in enumerate(table.columns) if col.role == "entries"]
    seen = sum(
        1
        for row in table.rows
        for i in entry_columns
        for line in row.cells.get(i, [])
        if _LETTER_PREFIX.match(line.text)
    )
    return seen >= 2


def _item_from_row(row: Row, columns: list[Column], line_height: float, letters: bool) -> Item:
    nr = ""
    title = ""
    entries: list[Entry] = []
    toelichting: list[str] = []
    owner_text = ""
    due_text = ""
    for index, col in enumerate(columns):
        lines = row.cells.get(index, [])
        if not lines:
            continue
        if col.role == "nr":
            first = lines[0].words[0]
            nr = item_number(first) or first.text.rstrip(".").replace(",", ".")
            rest = [Line(ln.words[1:]) for ln in lines[:1] if len(ln.words) > 1] + lines[1:]
            if rest:
                title = join_lines([ln.text for ln in rest])
        elif col.role == "subject":
            title = join_lines([ln.text for ln in lines])
        elif col.role == "entries":
            cell_title, lines = _cell_title(lines, line_height, bool(title))
            title = title or cell_title
            found, _ = parse_entries(lines, col.default_kind, line_height, letters=letters)
            entries.extend(found)
        elif col.role == "toelichting":
            toelichting.append(join_paragraphs(paragraphs(lines, line_height)))
        elif col.role == "owner":
            owner_text = join_lines([ln.text for ln in lines])
        elif col.role == "due":
            due_text = join_lines([ln.text for ln in lines])
    for entry in entries:
        # An owner or due column speaks of the row's actions, not of its notes or decisions.
        if entry.kind == "actie":
            entry.owner = entry.owner or owner_text
            entry.due = entry.due or due_text
    page = min((ln.page for lines in row.cells.values() for ln in lines), default=row.page)
    return Item(
        nr=nr,
        title=title,
        entries=entries,
        toelichting="\n\n".join(t for t in toelichting if t),
        page=page,
    )


def _cell_title(lines: list[Line], line_height: float, have_title: bool) -> tuple[str, list[Line]]:
    """A bold first paragraph of one short line, followed by more text, titles the item."""
    if have_title or len(lines) < 2:
        return "", lines
    paras = paragraphs(lines, line_height)
    first = paras[0]
    if (
        len(first.lines) == 1
        and first.lines[0].bold
        and len(first.text) <= 60
        and not split_prefix(first.text)
        and not all(ln.bold for ln in lines)
    ):
        return first.text, lines[1:]
    return "", lines
