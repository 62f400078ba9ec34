"""Exports of entries as CSV (RFC 4180, UTF-8; or what Dutch Excel opens) and JSON.

`actions`, `decisions` and `knelpunten` are tables with one column for the entry text, named
after the kind; `entries` has every kind and every scalar field. JSON exports carry the full
records of the JSON contract, entity lists included.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TextIO

from archive.index.query import Filters

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


def columns(what: str) -> list[str]:
    """The CSV columns of an export, in order."""
    kind, text_column = EXPORTS[what]
    if kind is None:
        return list(ENTRY_COLUMNS)
    head = ["meeting_date", "meeting_title", "item_nr", "item_title", "owner", text_column]
    due = ["due_date"] if kind == "actie" else []
    return [*head, *due, "source", "page"]


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
    return records


def _row(record: dict[str, Any], what: str) -> dict[str, Any]:
    _, text_column = EXPORTS[what]
    row = {col: record.get(col, "") for col in columns(what) if col != text_column}
    row[text_column] = record.get("text", "")
    if "ocr" in row:
        row["ocr"] = "true" if record.get("ocr") else "false"
    return {col: "" if row[col] is None else row[col] for col in columns(what)}


def write_csv(
    records: list[dict[str, Any]], what: str, out: TextIO, *, excel: bool = False
) -> None:
    """CSV with a header row: RFC 4180 (comma, CRLF, quotes as needed), or with `excel` the
    dialect Dutch Excel opens without a wizard: semicolons and a UTF-8 byte order mark.

    `out` should be opened with `newline=""` so the CRLF line ends pass unchanged.
    """
    if excel:
        out.write("\ufeff")
    writer = csv.DictWriter(
        out,
        fieldnames=columns(what),
        delimiter=";" if excel else ",",
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writeheader()
    for record in records:
        writer.writerow(_row(record, what))


def write_json(records: list[dict[str, Any]], out: TextIO) -> None:
    """The records as one JSON array (UTF-8, not ASCII-escaped)."""
    json.dump(records, out, ensure_ascii=False, indent=2)
    out.write("\n")


__all__ = ["EXPORTS", "columns", "due_date", "export_records", "write_csv", "write_json"]
