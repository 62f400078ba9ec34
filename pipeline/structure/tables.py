"""Table rows → items: which row is a theme, a title, an item or more of the item above, and
which cell holds the title, the entries, their owners, due dates and statuses.

Two kinds of table are read. A minutes table has an item per number (or per title when items
are unnumbered); its entries come from the entries column, their owner, due date and status
from the cells beside them. An action list (Nr | Actiepunt | Wie | Wanneer | Status, with no
subject column) has an action per row; each row becomes an item of kind ``action_list``, its
code the number, so a later meeting's list can be matched to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models.clauses import agent
from models.lexicon import is_word, stop_words
from models.redaction import is_redaction_mark
from pipeline.layout.lines import median_line_height
from pipeline.layout.numbers import (
    ROMAN,
    bar_number,
    is_broken_number,
    is_code,
    leading_number,
    next_number,
    unread_number,
)
from pipeline.records import Entry, Item, Line, Row, Table, Word
from pipeline.structure.entries import (
    join_lines,
    letters_used,
    paragraphs,
    parse_entries,
    split_marker,
    split_sentences,
)
from pipeline.structure.fields import (
    clean_owner,
    field_of,
    owner_parts,
    status_of,
    strip_status,
)
from pipeline.structure.ledger import Ledger
from pipeline.structure.numbering import (
    fill_lost_numbers,
    fit_numbers,
    repair_number,
    tidy_title,
)

_TOELICHTING = "toelichting"  # the default kind of subject-cell text: it explains the item


@dataclass
class _Roles:
    """Which column holds what, once the table's own words have been read."""

    nr: int | None = None
    subject: int | None = None
    entries: list[int] = field(default_factory=list)
    toelichting: list[int] = field(default_factory=list)
    owner: int | None = None
    due: int | None = None
    status: int | None = None
    letters: bool = False
    subject_kind: str = _TOELICHTING  # what plain text under the subject's title is

    @property
    def action_list(self) -> bool:
        return False


def _roles(table: Table) -> _Roles:
    """The role of each column: from the header labels, or, for a ruled grid without a
    header, a number column and content columns after it.

    A table with no entries column (Nr | Onderwerp | Toelichting) keeps its entries in its
    toelichting column; one with neither reads them from its subject column.
    """
    roles = _Roles()
    columns = table.columns
    for i, col in enumerate(columns):
        role = col.role
        if role == "nr" and roles.nr is None:
            roles.nr = i
        elif role == "subject" and roles.subject is None:
            roles.subject = i
        elif role == "entries":
            roles.entries.append(i)
        elif role == "toelichting":
            roles.toelichting.append(i)
        elif role == "owner" and roles.owner is None:
            roles.owner = i
        elif role == "due" and roles.due is None:
            roles.due = i
        elif role == "status" and roles.status is None:
            roles.status = i
        elif not table.header and i == 0 and _numbered(table, i):
            roles.nr = i
        elif not table.header and roles.subject is None and not roles.entries:
            if i + 1 < len(columns) and _titles(table, i):
                roles.subject = i  # Nr | title | content, its header lost or never set
            else:
                roles.entries.append(i)
        else:
            # A column without a header, or one the header names no role for: its cells may
            # still say ("OIG", the status column's "O/G" as OCR read it, over "Open").
            content = _content_role(table, i)
            if content == "status" and roles.status is None:
                roles.status = i
            elif content == "owner" and roles.owner is None:
                roles.owner = i
            else:
                roles.toelichting.append(i)
    if not roles.entries and roles.toelichting:
        roles.entries.append(roles.toelichting.pop(0))
    if roles.subject is not None and _names_entries(columns[roles.subject].label):
        roles.subject_kind = "note"  # "Onderwerp en bespreking": the discussion is entries
    roles.letters = any(columns[i].letter_codes for i in roles.entries) or letters_used(
        line for row in table.rows for col in roles.entries for line in row.cells.get(col, [])
    )
    return roles


def _names_entries(label: str) -> bool:
    from pipeline.layout.header import norm, role_of

    return any(role_of(w) == "entries" for w in label.split() if norm(w))


def _content_role(table: Table, col: int) -> str:
    """What a column without a header holds, judged by its cells: status words ("Afgehandeld",
    "loopt", "onbekend") make a status column, redaction marks or role names an owner one."""
    cells = [
        " ".join(ln.text for ln in row.cells[col])
        for row in table.rows
        if row.kind == "body" and row.cells.get(col)
    ]
    if len(cells) < 3:
        return ""
    if sum(bool(status_of(c.split("\n")[0])) for c in cells) * 10 >= len(cells) * 4:
        return "status"
    owners = sum(
        is_redaction_mark(c.split()[0]) or (len(c.split()) <= 4 and agent(c.split()))
        for c in cells
        if c.split()
    )
    return "owner" if owners * 10 >= len(cells) * 6 else ""


def _titles(table: Table, col: int) -> bool:
    """Whether a column without a header holds items' titles: short cells, most of them
    bold, beside a column that holds more."""
    cells = [row.cells[col] for row in table.rows if row.kind == "body" and row.cells.get(col)]
    if len(cells) < 3:
        return False
    bold = sum(cell[0].bold for cell in cells)
    short = sum(len(cell[0].text.split()) <= 8 for cell in cells)
    return bold * 10 >= len(cells) * 6 and short * 10 >= len(cells) * 8


def _numbered(table: Table, col: int) -> bool:
    cells = [row.cells.get(col) for row in table.rows if row.kind == "body"]
    filled = [c for c in cells if c]
    numbered = [c for c in filled if leading_number(c[0].words) or is_code(c[0].words[0].text)]
    return bool(filled) and len(numbered) * 2 >= len(filled)


def is_action_list(table: Table) -> bool:
    """An action list: an entries column for actions, an owner or status column, and no
    subject or toelichting column beside them."""
    columns = table.columns
    if not table.header:
        # Without a header, the cells tell: a number, a text and a status beside it.
        found = _roles(table)
        return found.nr is not None and len(found.entries) == 1 and found.status is not None
    roles = [c.role for c in columns]
    entries = [c for c in columns if c.role == "entries"]
    fields = sum(r in roles for r in ("owner", "due", "status"))
    if len(entries) != 1 or "subject" in roles or "toelichting" in roles:
        return False
    # "Actiepunt | Wie | Status" names its actions; "Omschrijving | Eigenaar | Gereed | Status"
    # says it by the fields beside them.
    return entries[0].default_kind == "actie" and fields >= 1 or fields >= 2


def table_items(table: Table, ledger: Ledger, section: str = "") -> list[Item]:
    """The items of one table."""
    # Measured on lines of running text: a text layer's boxes hug the glyphs, and numbers,
    # dates and status words without descenders ("3.1.", "10.00", "uur") stand lower.
    lines = [ln for row in table.rows for ln in row.lines]
    height = median_line_height([ln for ln in lines if len(ln.words) >= 3] or lines)
    if is_action_list(table):
        return _action_rows(table, _roles(table), height, ledger, section)
    return _MinutesReader(table, _roles(table), height, ledger, section).read()


# --- action lists ---------------------------------------------------------------------------


def column_rights(table: Table) -> dict[tuple[int, int], float]:
    """Where the text of each column ends, per page: the right end of its widest line, which
    is where a word broken for want of room ends too."""
    rights: dict[tuple[int, int], float] = {}
    for row in table.rows:
        if row.kind != "body":
            continue
        for col, lines in row.cells.items():
            if col in row.spans:
                continue
            for ln in lines:
                key = (col, ln.page)
                rights[key] = max(rights.get(key, 0.0), ln.x1)
    return rights


def _cell_text(row: Row, col: int | None, rights: dict[tuple[int, int], float]) -> str:
    if col is None:
        return ""
    lines = row.cells.get(col, [])
    return cell_text(lines, rights.get((col, lines[0].page)) if lines else None)


def cell_text(lines: list[Line], right: float | None = None) -> str:
    """The text of a narrow cell, with words the word processor broke for want of room put
    back together: "hoogwatercoördi" over "nator" is one word, "27-05-" over "2024" one date.

    A word is broken, not wrapped, when its line runs to the cell's right edge (less the
    cell's padding), the next line goes on in lower case, and either the piece on the first
    line is no Dutch word while the two pieces together are one or the second is no little
    word of its own ("novemb" + "er" is "november"; "coördinator" over "logistiek" wrapped),
    or the piece stands alone on its line — a word processor breaks a word only when it does
    not fit the cell at all — and the two make a word ("crisisbeheer" over "sing"), a little
    word joining only where it ends the cell ("waterkering" over "en").
    """
    if not lines:
        return ""
    right = right or max(ln.x1 for ln in lines)
    texts = [lines[0].text]
    stops = stop_words()
    for n, (prev, line) in enumerate(zip(lines, lines[1:], strict=False)):
        last, first = prev.words[-1], line.words[0]
        em = max(last.bottom - last.top, 4.0)
        a, b = last.text, first.text.rstrip(".,;:)")
        ends_cell = n + 2 == len(lines) and len(line.words) == 1
        forced = (
            len(prev.words) == 1 and is_word(a + b) and (b.lower() not in stops or ends_cell)
        )
        broken = (
            prev.x1 >= right - 1.5 * em
            and a[-1:].isalpha()
            and b[:1].islower()
            and (not is_word(a) and (is_word(a + b) or b.lower() not in stops or ends_cell)
                 or forced)
            or a.endswith("-") and a[-2:-1].isdigit() and b[:1].isdigit()
        )
        if broken:
            texts[-1] += line.text
        else:
            texts.append(line.text)
    return join_lines(texts)


def _action_rows(
    table: Table, roles: _Roles, height: float, ledger: Ledger, section: str
) -> list[Item]:
    """One item per row of an action list, each holding its action; empty rows (a number and
    nothing else) give nothing."""
    items: list[Item] = []
    rights = column_rights(table)
    for row in table.rows:
        ledger.take(row.lines)
        if row.kind == "span":
            section = _cell_text(row, 0, rights)
            continue
        text_lines = [ln for i in roles.entries for ln in row.cells.get(i, [])]
        text = join_lines([ln.text for ln in text_lines])
        nr_lines = row.cells.get(roles.nr, []) if roles.nr is not None else []
        code = nr_lines[0].words[0].text.rstrip(".:") if nr_lines else ""
        if not text.strip():
            continue  # an empty row keeps its number but holds no action
        text, word_status, word_status_text = strip_status(text)
        owner = _cell_text(row, roles.owner, rights)
        status_cell = _cell_text(row, roles.status, rights)
        entry = Entry(
            kind="actie",
            text=text,
            page=row.page,
            due_text=_cell_text(row, roles.due, rights),
            status=status_of(status_cell) or word_status,
            status_text=status_cell or word_status_text,
            code=code,
            boxes=[(ln.page, ln.x0, ln.top, ln.x1, ln.bottom) for ln in text_lines],
        )
        _set_owner(entry, owner)
        entry.due = entry.due_text
        items.append(
            Item(
                nr=code,
                title=_row_title(text_lines),
                section=section,
                entries=[entry],
                page=row.page,
                kind="action_list",
            )
        )
    return items


def _row_title(lines: list[Line]) -> str:
    """The title of an action-list row: what its text opens with, up to the end of its first
    sentence or of a line that stops short of the column (the rest is the action's detail,
    kept in its entry). Gaps between lines are not weighed: the boxes of a scan's own text
    layer are no measure of its line spacing."""
    first = paragraphs(lines, median_line_height(lines), gaps=False)[0].text
    opening = next(iter(split_sentences(first)), first)
    return tidy_title(join_lines(opening.split("\n")))[:200]


def _set_owner(entry: Entry, owner: str) -> None:
    """An owner cell's text on an entry: redaction boxes mark the owner redacted."""
    words = owner.split()
    visible = [w for w in words if not is_redaction_mark(w)]
    if words and not visible:
        entry.owner, entry.owner_redacted = "", True
        return
    owner = clean_owner(" ".join(visible)) if len(visible) < len(words) else clean_owner(owner)
    entry.owner = owner
    entry.owner_redacted = len(visible) < len(words)
    entry.owners = owner_parts(owner) if owner else []


# --- minutes tables -------------------------------------------------------------------------


class _MinutesReader:
    def __init__(
        self, table: Table, roles: _Roles, height: float, ledger: Ledger, section: str
    ) -> None:
        self.table = table
        self.roles = roles
        self.height = height
        self.ledger = ledger
        self.section = section
        self.items: list[Item] = []
        self.ocr_read: set[int] = set()
        self.lost: set[int] = set()  # items whose number OCR lost (ids)
        self.rights = column_rights(table)

    def read(self) -> list[Item]:
        pending: list[Row] = []  # theme and title rows since the last item
        rows = self.table.rows
        numbered_table = self.roles.nr is not None and any(
            self._number(r) for r in rows if r.kind == "body"
        )
        for i, row in enumerate(rows):
            self.ledger.take(row.lines)
            if row.kind == "span":
                pending.append(row)
                continue
            nr = self._number(row)
            lost = nr == ""
            if lost and not numbered_table:
                nr, lost = None, False  # a mark, with no numbers around to count from
            current = self.items[-1] if self.items else None
            if nr is None and current is not None and self._continues(row, numbered_table):
                self._add_rows(current, row)
                continue
            if nr is None and numbered_table and self._title_row(row, rows[i + 1 :]):
                pending.append(row)
                continue
            if nr is None and numbered_table and current is not None and not pending:
                lost = self._lost_number(row, rows[i + 1 :])
                if not lost:
                    self._add_rows(current, row)
                    continue
            item = self._new_item(row, nr or "", pending)
            pending = []
            if not (item.nr or item.title or item.entries or item.toelichting):
                continue
            if lost:
                self.lost.add(id(item))
            self.items.append(item)
        if pending and self.items:
            # Rows after the last item with no number: more of that item.
            for row in pending:
                self._add_rows(self.items[-1], row)
        fill_lost_numbers(self.items, self.lost)
        fit_numbers(self.items, self.ocr_read)
        return self.items

    # --- rows ---------------------------------------------------------------------------

    def _number(self, row: Row) -> str | None:
        if self.roles.nr is None:
            return None
        lines = row.cells.get(self.roles.nr, [])
        if not lines or self.roles.nr in row.joined:
            return None
        lines = _mend_number(lines, self.rights.get((self.roles.nr, row.page)))
        found = leading_number(lines[0].words)
        if found:
            return found[0]
        first = lines[0].words[0].text
        if is_code(first):
            return first.rstrip(".:")
        cell = [w for ln in lines for w in ln.words]
        bars = bar_number(cell)
        if bars:
            # OCR reads I, II, III without a stop as bars, and loses or adds one now and
            # then: in a number column, the roman number that follows the item above.
            prev = self.items[-1].nr if self.items else ""
            if not prev:
                return bars
            after = next_number(prev)
            return after if set(after) == {"I"} or ROMAN.match(prev) else None
        if unread_number(cell):
            # A number OCR lost to a worn copy: the one after the item above, or, where that
            # one's was lost as well, "" (counted back later from the next number read).
            prev = self.items[-1].nr if self.items else ""
            return (next_number(prev) or None) if prev else ""
        return None

    def _continues(self, row: Row, numbered_table: bool) -> bool:
        """A row that goes on with the item above: its number (and subject) cell merged down
        over it, or the rest of a row broken by a page end."""
        key = self.roles.nr if self.roles.nr is not None else self.roles.subject
        if key is not None and key in row.joined:
            return True
        return row.continued

    def _lost_number(self, row: Row, after: list[Row]) -> bool:
        """On a scan, a row that opens an item whose number OCR lost (a bare "II." next to a
        rule is often read as nothing): a ruled row off the one above whose cells hold one
        short bold title, with no number in the row under it either (a title row of the
        seed's layout has its number there)."""
        lines = row.lines
        if not lines or lines[0].words[0].conf is None or row.joined or len(lines) > 2:
            return False
        if not all(ln.bold for ln in lines) or lines[0].text[:1].islower():
            return False
        nxt = next((r for r in after if r.kind == "body"), None)
        return nxt is not None and self._number(nxt) is None

    def _title_row(self, row: Row, after: list[Row]) -> bool:
        """A row that only titles the item below: no number, one short bold text, and a
        numbered row next that has no title of its own in the same column."""
        lines = row.lines
        if not lines or len(lines) > 3 or not all(ln.bold for ln in lines):
            return False
        nxt = next((r for r in after if r.kind == "body"), None)
        return nxt is not None and self._number(nxt) is not None

    # --- items --------------------------------------------------------------------------

    def _new_item(self, row: Row, nr: str, pending: list[Row]) -> Item:
        roles = self.roles
        title, ocr = "", False
        if roles.nr is not None:
            lines = _mend_number(row.cells.get(roles.nr, []), self.rights.get((roles.nr, row.page)))
            ocr = bool(lines) and lines[0].words[0].conf is not None
            rest = self._after_number(lines)
            if rest:
                title = cell_text(rest, self.rights.get((roles.nr, row.page)))
        item = Item(nr=nr, title="", page=row.page)
        if ocr:
            self.ocr_read.add(id(item))
            if self.items and nr:
                item.nr = repair_number(nr, self.items[-1].nr)
        subject_title = self._read_subject(item, row)
        title = title or subject_title
        entries_title = self._read_entries(item, row, have_title=bool(title))
        title = title or entries_title
        pending_texts = [_span_text(p) for p in pending]
        if len(pending_texts) >= 2:
            self.section, title_from_rows = pending_texts[-2], pending_texts[-1]
            title = title or title_from_rows
            if title != title_from_rows:
                self.section = title_from_rows
        elif len(pending_texts) == 1:
            only = pending_texts[0]
            if title and (pending[0].kind == "span" or _capitals(only)):
                self.section = only  # the cell names its own title: the row above is a theme
            elif title:
                self.section = only
            else:
                title = only
        item.title = tidy_title(join_lines(title.split("\n")))
        # A theme is a heading as a title is: a scan's specks around it are none of it.
        item.section = tidy_title(join_lines(self.section.split("\n")))
        return item

    def _after_number(self, lines: list[Line]) -> list[Line]:
        """What the number cell holds after the number: a title written beside it."""
        if not lines:
            return []
        found = leading_number(lines[0].words) if lines else None
        taken = found[1] if found else 1
        first = Line(lines[0].words[taken:]) if len(lines[0].words) > taken else None
        rest = ([first] if first else []) + lines[1:]
        # A date under the number (the day an action was entered) is no title.
        return [ln for ln in rest if not _date_only(ln.text)]

    def _read_subject(self, item: Item, row: Row) -> str:
        """The subject cell: its title (the bold lines that open it, or its first line) with
        the labelled fields and explanation below it."""
        col = self.roles.subject
        if col is None or not row.cells.get(col):
            return ""
        lines = row.cells[col]
        title_lines, rest = _split_title(lines, self.height)
        body_lines: list[Line] = []
        for para in paragraphs(rest, self.height) if rest else []:
            # A labelled field ("Portefeuillehouder: …", "Pfh.: …") runs to its paragraph's
            # end; the lines after it in the same paragraph that open no field of their own
            # go on with its value.
            current: str | None = None
            for line in para.lines:
                found = field_of(line.text)
                if found:
                    current = found[0]
                    item.fields[current] = found[1]
                elif current is not None and not body_lines:
                    item.fields[current] = f"{item.fields[current]} {line.text}".strip()
                else:
                    current = None
                    body_lines.append(line)
        self._add_text(item, body_lines, self.roles.subject_kind)
        return cell_text(title_lines, self.rights.get((col, row.page)))

    def _read_entries(self, item: Item, row: Row, have_title: bool) -> str:
        """Entries of the row's entries cells, with owner, due and status from beside them;
        toelichting cells join the item's toelichting. Returns a title the entries cell
        opens with (a bold first line) when the item has none yet."""
        title = ""
        for col in self.roles.entries:
            lines = row.cells.get(col, [])
            if not lines:
                continue
            if not have_title and not title and self.roles.subject is None:
                title_lines, lines = _cell_title(lines, self.height)
                title = cell_text(title_lines, self.rights.get((col, row.page)))
            kind = self.table.columns[col].default_kind
            self._add_text(item, lines, kind, row=row)
        for col in self.roles.toelichting:
            lines = row.cells.get(col, [])
            if lines:
                paras = paragraphs(lines, self.height)
                text = "\n\n".join(p.text for p in paras)
                item.toelichting = "\n\n".join(t for t in (item.toelichting, text) if t)
        return title

    def _add_text(self, item: Item, lines: list[Line], kind: str, row: Row | None = None):
        """Entries from a cell; text that only explains (`toelichting`) joins the item's."""
        if not lines:
            return
        entries = parse_entries(lines, kind, self.height, letters=self.roles.letters)
        explained = [e for e in entries if e.kind == _TOELICHTING]
        if explained:
            text = "\n\n".join(e.text for e in explained)
            item.toelichting = "\n\n".join(t for t in (item.toelichting, text) if t)
        found = [e for e in entries if e.kind != _TOELICHTING]
        if row is not None:
            self._fields_beside(found, row)
        item.entries.extend(found)

    def _fields_beside(self, entries: list[Entry], row: Row) -> None:
        """Owner, due and status cells speak of the action beside them: each paragraph of
        such a cell goes to the action whose lines it faces (the first one above it)."""
        for col, attr in ((self.roles.owner, "owner"), (self.roles.due, "due_text"),
                          (self.roles.status, "status_text")):  # fmt: skip
            if col is None or not row.cells.get(col):
                continue
            right = self.rights.get((col, row.page))
            targets = [e for e in entries if e.kind == "actie"] or (
                entries if attr != "owner" or len(entries) == 1 else []
            )
            if not targets:
                targets = [e for e in entries if e.kind == "note"]
            # Each line of the side cell goes to the action it faces: the last one that
            # starts above it. Lines facing one action are one value.
            faced: dict[int, tuple[Entry, list[Line]]] = {}
            for line in row.cells[col]:
                target = _facing(targets, line)
                if target is not None:
                    faced.setdefault(id(target), (target, []))[1].append(line)
            for target, lines in faced.values():
                if target.kind == "note":
                    target.kind = "actie"  # an unmarked line beside an owner is an action
                value = cell_text(lines, right)
                if attr == "owner":
                    if not target.owner and not target.owner_redacted:
                        _set_owner(target, value)
                elif attr == "due_text":
                    target.due_text = target.due_text or value
                    target.due = target.due or value
                else:
                    target.status_text = value
                    target.status = status_of(value) or target.status

    def _add_rows(self, item: Item, row: Row) -> None:
        """More rows of an item: their entries (with their own owners), toelichting and
        subject text."""
        self._read_subject(item, row)
        self._read_entries(item, row, have_title=True)


def _mend_number(lines: list[Line], right: float | None) -> list[Line]:
    """A number too long for a narrow column, broken over two lines or more ("1.5.1" over
    "0", or after a dot or slash: "2.1." over "1", "jan12/" over "30"; "XX" over "XVI" over
    "I"), put back together."""
    while True:
        mended = _mend_once(lines, right)
        if mended is lines:
            return lines
        lines = mended


def _mend_once(lines: list[Line], right: float | None) -> list[Line]:
    if len(lines) < 2 or len(lines[0].words) != 1 or right is None:
        return lines
    head, tail = lines[0].words[0], lines[1].words[0]
    em = max(head.bottom - head.top, 4.0)
    broken = head.text[-1:].isdigit() and tail.text[:1].isdigit()
    # The cell's padding keeps the text an em or so from the column's edge.
    if head.x1 >= right - 2 * em and (broken or is_broken_number(head.text, tail.text)):
        joined = Word(head.text + tail.text, head.x0, head.x1, head.top, head.bottom, head.page,
                      head.size, head.bold, head.conf)  # fmt: skip
        return [Line([joined]), *lines[2:]] if len(lines[1].words) == 1 else [
            Line([joined]), Line(lines[1].words[1:]), *lines[2:]
        ]
    return lines


def _facing(entries: list[Entry], line: Line) -> Entry | None:
    """The entry whose text faces a line of a side cell: the last one that starts above it."""
    best = None
    for e in entries:
        if not e.boxes:
            continue
        page, _, top, _, _ = e.boxes[0]
        if (page, top) <= (line.page, line.top + 2):
            best = e
    return best or (entries[0] if entries else None)


def _span_text(row: Row) -> str:
    return join_lines([ln.text for ln in row.lines])


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _date_only(text: str) -> bool:
    return bool(re.fullmatch(r"\(?\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?\)?", text.strip()))


def _split_title(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """A subject cell's title and the rest: the bold lines it opens with, else its first
    paragraph when that is short, else its first line."""
    paras = paragraphs(lines, height)
    first = paras[0]
    bold: list[Line] = []
    for line in first.lines:
        # A bold title wraps its last word alone onto a line that holds no letter ("2012",
        # "2.0"): still set bold, still the title, though such a line is not bold on its own.
        if line.bold or (bold and all(w.bold for w in line.words)):
            bold.append(line)
        else:
            break
    if bold:
        return bold, lines[len(bold) :]
    text = first.text
    # A title reads as one: short, and no sentence. Discussion in the cell ("Onderwerp en
    # bespreking") leaves the title to a row above.
    titled = len(first.lines) <= 3 and len(text.split()) <= 14 and not text.rstrip().endswith(
        (".", ";", ":")
    )
    if not titled:
        return [], lines
    return first.lines, lines[len(first.lines) :]


def _cell_title(lines: list[Line], height: float) -> tuple[list[Line], list[Line]]:
    """An entries cell that opens with a title: a short bold first paragraph over more text,
    or nothing but a short line (the title on the number row, the content in rows below)."""
    if not lines or split_marker(lines[0].text):
        return [], lines
    first = paragraphs(lines, height)[0].lines
    text = join_lines([ln.text for ln in first])
    short = len(text.split()) <= 14 and not text.rstrip().endswith((".", ":", ";"))
    bold: list[Line] = []
    for line in first:
        if not line.bold:
            break
        bold.append(line)
    if bold and len(bold) <= 3 and not all(ln.bold for ln in lines):
        # A bold title set right over its content, with no gap between ("Huisvesting" over
        # "B-12: Het verslag …"), is a title as much as one a blank line sets apart.
        run = join_lines([ln.text for ln in bold])
        if bold == first or (
            len(run.split()) <= 14
            and not run.rstrip().endswith((".", ":", ";"))
            and not split_marker(lines[len(bold) - 1].text)
        ):
            return bold, lines[len(bold) :]
    if len(first) == len(lines):
        return (first, []) if short and len(first) <= 2 else ([], lines)
    return [], lines


