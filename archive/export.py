"""Exports of entries as CSV (RFC 4180, UTF-8; or what Dutch Excel opens), .xlsx and JSON.

`actions`, `decisions` and `knelpunten` are tables with one column for the entry text, named
after the kind; `entries` has every kind and every scalar field. JSON exports carry the full
records of the JSON contract, entity lists included.

The text of an entry is whatever the minutes (or a hostile PDF) say, and a spreadsheet treats a
cell that starts with `=`, `+`, `-` or `@` as a formula: `=HYPERLINK(…)` becomes a live link,
`+cmd|…` a command. So the two spreadsheet formats guard against it: the Excel CSV puts a `'`
before such a cell (OWASP's advice; Excel shows the text and hides the quote), and the .xlsx
writes every text cell as a string, never a formula. The plain CSV stays exact, for scripts.

Every format is valid UTF-8, also for a file whose name is not (names are bytes on Linux;
Python holds each byte that is not UTF-8 as a lone surrogate): JSON writes such a character as
its `\\udcXX` escape, which reads back as the very name (:func:`archive.atomic.json_text`); the
tables show the byte as `\\xe9`, as the terminal does, and a lone surrogate of a text layer as
U+FFFD. Writing the surrogate itself would stop the export halfway with an encoding error.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TextIO

from archive.index.query import Filters, status_of

if TYPE_CHECKING:
    from archive.index import Archive

ExportKind = Literal["actions", "decisions", "knelpunten", "entries"]

# Export name → (stored kind, name of the text column); entries: every kind, column `text`.
EXPORTS: dict[str, tuple[str | None, str]] = {
    "actions": ("actie", "action"),
    "decisions": ("besluit", "decision"),
    "knelpunten": ("knelpunt", "knelpunt"),
    "entries": (None, "text"),
}
# Columns that hold the entry's text, whatever an export calls it.
TEXT_COLUMNS: frozenset[str] = frozenset(column for _, column in EXPORTS.values())
DATE_COLUMNS: frozenset[str] = frozenset({"meeting_date", "due_date", "first_seen", "last_seen"})
# What the actions export says of each action over time (archive.threads): its status as of
# its last mention, the meetings it was first and last mentioned in, and its thread's id.
THREAD_COLUMNS: tuple[str, ...] = ("status", "first_seen", "last_seen", "thread")

ENTRY_COLUMNS: tuple[str, ...] = (
    "meeting_date",
    "meeting_title",
    "item_nr",
    "item_title",
    "section",
    "kind",
    "text",
    "owner",
    "due_date",
    "toelichting",
    "source",
    "sha256",
    "page",
    "ocr",
)

# What a spreadsheet reads as the start of a formula (or, for tab and CR, of a cell that some
# importers trim down to one that does).
FORMULA_LEADS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# Characters the .xlsx format cannot hold (XML 1.0 forbids them): C0 controls but tab and
# newlines. An ESC from a hostile text layer would make openpyxl refuse the whole file.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_LIMIT = 32_767  # characters Excel keeps in one cell
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unsurrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80…U+DCFF: a byte of a file name that is not UTF-8 (surrogateescape).
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def utf8_cell(text: str) -> str:
    """`text` as valid UTF-8 can hold it: a byte of a name that is not UTF-8 as `\\xe9`, any
    other lone surrogate as U+FFFD."""
    return _SURROGATE.sub(_unsurrogate, text) if _SURROGATE.search(text) else text


def columns(what: str) -> list[str]:
    """The CSV columns of an export, in order."""
    kind, text_column = EXPORTS[what]
    if kind is None:
        return list(ENTRY_COLUMNS)
    head = ["meeting_date", "meeting_title", "item_nr", "item_title", "owner", text_column]
    due = ["due_date", *THREAD_COLUMNS] if kind == "actie" else []
    return [*head, *due, "source", "page"]


def _columns(what_or_columns: str | Sequence[str]) -> list[str]:
    """An export's name (`actions`) or a list of column names, as the list of columns."""
    if isinstance(what_or_columns, str):
        return columns(what_or_columns)
    return list(what_or_columns)


def due_date(record: dict[str, Any]) -> str:
    """The due date of an action: the table's own column, else the latest tagged day in the
    action's text that is not before the meeting (\"voor 21 april\" → 2022-04-21)."""
    if record.get("due_date"):
        return str(record["due_date"])
    meeting_day = record.get("meeting_date") or ""
    days = []
    for mention in record.get("dates") or []:
        value = str(mention.get("value") or "")
        try:
            day = date.fromisoformat(value)
        except ValueError:
            continue
        if day.isoformat() >= meeting_day:
            days.append(day.isoformat())
    return max(days, default="")


def export_records(
    archive: Archive,
    what: str,
    *,
    query: str | None = None,
    filters: Filters | None = None,
) -> list[dict[str, Any]]:
    """The entry records of an export, by meeting date, source and position in the minutes.

    `query` narrows with the search language; raises QuerySyntaxError for a bad one.
    """
    kind, _ = EXPORTS[what]
    # Entries only: not the stand-ins for items without entries and documents without a table.
    filters = dataclasses.replace(filters or Filters(), entries_only=True)
    # An action's status is its thread's (as of its last mention), not its entry's alone.
    wanted = status_of(filters.status) if what == "actions" and filters.status else None
    if wanted:
        filters = dataclasses.replace(filters, status=None)
    if kind is not None:
        filters = dataclasses.replace(filters, kind=kind)
    # Exports are exact: no fuzzy widening of the query.
    result = archive.search(
        query or "*", filters=filters, limit=None, sort="minutes", fuzzy=False, snippets=False
    )
    records = [hit.record for hit in result.hits]
    for record in records:
        if record.get("kind") == "actie":
            record["due_date"] = due_date(record)
    if what == "actions":
        from archive.threads import threads_of
        from archive.threads.select import annotate

        # Never written from here: the web server exports too, and it only reads.
        annotate(records, threads_of(archive.directory, write=False))
        if wanted:
            records = [r for r in records if (r["thread_status"] or r["status"]) == wanted]
    return records


def cell_value(record: dict[str, Any], column: str) -> Any:
    """The value of one column for one record: the text columns read the entry's `text`,
    `ocr` is a boolean, a missing value is ''."""
    value = record.get("text") if column in TEXT_COLUMNS else record.get(column)
    if column == "status":  # of an action: its thread's status, where it has one
        value = record.get("thread_status") or value
    if column == "ocr":
        return bool(value)
    if isinstance(value, str):
        return utf8_cell(value)
    return "" if value is None else value


def table_rows(
    records: Sequence[dict[str, Any]], what_or_columns: str | Sequence[str]
) -> Iterator[list[Any]]:
    """The header row, then one row of :func:`cell_value` per record."""
    cols = _columns(what_or_columns)
    yield cols
    for record in records:
        yield [cell_value(record, col) for col in cols]


def excel_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def _csv_text(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(
    records: Sequence[dict[str, Any]],
    what_or_columns: str | Sequence[str],
    out: TextIO,
    *,
    excel: bool = False,
) -> None:
    """CSV with a header row: RFC 4180 (comma, CRLF, quotes as needed) with every value as it
    is, or with `excel` the dialect Dutch Excel opens without a wizard: semicolons, a UTF-8
    byte order mark, and formula-like cells neutralized (:func:`excel_safe`).

    `what_or_columns` is an export's name or its list of columns. `out` should be opened with
    `newline=""` so the CRLF line ends pass unchanged.
    """
    if excel:
        out.write("\ufeff")
    writer = csv.writer(
        out,
        delimiter=";" if excel else ",",
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    for n, row in enumerate(table_rows(records, what_or_columns)):
        values = [_csv_text(v) for v in row]
        writer.writerow([excel_safe(v) for v in values] if excel and n else values)


def write_excel_csv(
    records: Sequence[dict[str, Any]], out: TextIO, what_or_columns: str | Sequence[str]
) -> None:
    """The CSV that Dutch Excel opens directly, formula-like cells neutralized (see
    :func:`write_csv` with `excel`)."""
    write_csv(records, what_or_columns, out, excel=True)


def _xlsx_text(value: str) -> str:
    text = _XML_ILLEGAL.sub("\ufffd", value)
    if len(text) > XLSX_CELL_LIMIT:
        text = text[: XLSX_CELL_LIMIT - 1] + "…"
    return text


def write_xlsx(
    records: Sequence[dict[str, Any]],
    stream_or_path: IO[bytes] | Path | str,
    what_or_columns: str | Sequence[str],
) -> None:
    """A real .xlsx workbook (one sheet, a header row): text cells are strings, never
    formulas; `meeting_date` and `due_date` are dates; page numbers are numbers; `ocr` is a
    boolean. `stream_or_path` is a path or a binary stream (which needs no seeking)."""
    from openpyxl import Workbook  # loads only for an .xlsx
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("export")
    rows = table_rows(records, what_or_columns)
    header = next(rows)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head_cells.append(cell)
    sheet.append(head_cells)
    for row in rows:
        cells = []
        for column, value in zip(header, row, strict=True):
            cell = WriteOnlyCell(sheet)
            if column in DATE_COLUMNS and isinstance(value, str) and value:
                try:
                    cell.value = date.fromisoformat(value)
                    cell.number_format = "yyyy-mm-dd"
                except ValueError:
                    cell.value = _xlsx_text(value)
                    cell.data_type = "s"
            elif value == "":
                cell.value = None  # an empty cell, not an empty string
            elif isinstance(value, str):
                cell.value = _xlsx_text(value)
                # openpyxl takes a string that starts with "=" for a formula: force text.
                cell.data_type = "s"
            else:
                cell.value = value
            cells.append(cell)
        sheet.append(cells)
    target = str(stream_or_path) if isinstance(stream_or_path, Path) else stream_or_path
    workbook.save(target)


def write_json(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    """The records as one JSON array (UTF-8, not ASCII-escaped; a name that is not UTF-8
    escaped, losslessly: :func:`archive.atomic.json_text`)."""
    from archive.atomic import json_text

    out.write(json_text(list(records), indent=2) + "\n")


__all__ = [
    "EXPORTS",
    "FORMULA_LEADS",
    "cell_value",
    "columns",
    "due_date",
    "excel_safe",
    "export_records",
    "table_rows",
    "utf8_cell",
    "write_csv",
    "write_excel_csv",
    "write_json",
    "write_xlsx",
]
