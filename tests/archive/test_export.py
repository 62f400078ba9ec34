"""Exports: columns, CSV dialects, JSON records, filters."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from archive.export import (
    columns,
    due_date,
    export_records,
    write_csv,
    write_excel_csv,
    write_json,
    write_xlsx,
)
from archive.index import Archive, Filters
from tests.factories import corpus

ACTION_COLUMNS = [
    "meeting_date",
    "meeting_title",
    "item_nr",
    "item_title",
    "owner",
    "action",
    "due_date",
    "status",
    "first_seen",
    "last_seen",
    "thread",
    "source",
    "page",
]
THREAD_COLUMNS = {"due_date", "status", "first_seen", "last_seen", "thread"}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive(tmp_path_factory.mktemp("export")) as archive:
        archive.add_meetings(corpus())
        yield archive


def test_columns() -> None:
    assert columns("actions") == ACTION_COLUMNS
    assert columns("decisions") == [
        c if c != "action" else "decision" for c in ACTION_COLUMNS if c not in THREAD_COLUMNS
    ]
    assert columns("knelpunten")[5] == "knelpunt"
    assert "kind" in columns("entries") and "toelichting" in columns("entries")


def test_actions_in_minutes_order_with_due_dates(index: Archive) -> None:
    records = export_records(index, "actions")
    assert [(r["meeting_date"], r["item_nr"]) for r in records] == [
        ("2022-04-07", "2"),
        ("2022-04-07", "3"),
        ("2022-06-02", "1"),
    ]
    assert records[0]["due_date"] == "2022-04-21"  # tagged date in the action text
    assert records[2]["due_date"] == ""  # "juli": a month, not a day


def test_entries_exclude_stand_in_documents(index: Archive) -> None:
    records = export_records(index, "entries")
    assert len(records) == 10
    assert {r["kind"] for r in records} == {"besluit", "knelpunt", "actie", "note"}


def test_filters_and_query(index: Archive) -> None:
    # "opvang" also finds the decision on "noodopvang", a compound it is part of.
    assert len(export_records(index, "decisions", query="opvang OR Loppersum")) == 3
    june = export_records(index, "entries", filters=Filters(since=date(2022, 6, 1)))
    assert {r["meeting_date"] for r in june} == {"2022-06-02"}
    assert export_records(index, "actions", filters=Filters(owner="DPG"))[0]["owner"] == "DPG"
    # Every filter reaches the export, whatever the export's own kind.
    by_role = export_records(index, "actions", filters=Filters(role="burgemeester"))
    assert [r["owner"] for r in by_role] == ["Burgemeester Groningen"]
    assert export_records(index, "decisions", filters=Filters(org="Rijksoverheid")) == []
    assert export_records(index, "knelpunten", query="zzzzzz") == []


def test_csv_is_rfc4180(index: Archive) -> None:
    out = io.StringIO(newline="")
    write_csv(export_records(index, "actions"), "actions", out)
    text = out.getvalue()
    assert text.startswith(",".join(ACTION_COLUMNS) + "\r\n")
    assert text.count("\r\n") == 4
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["action"].startswith("Locaties voor noodopvang")
    assert rows[0]["owner"] == "DPG" and rows[0]["page"] == "2"


def test_csv_quotes_fields_with_commas_quotes_and_newlines() -> None:
    record = {"text": 'Zeg "ja", of\nnee', "meeting_date": "2022-01-01", "owner": "A, B"}
    out = io.StringIO(newline="")
    write_csv([record], "decisions", out)
    row = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))[0]
    assert row["decision"] == 'Zeg "ja", of\nnee'
    assert row["owner"] == "A, B"


def test_excel_dialect_has_bom_and_semicolons(index: Archive, tmp_path: Path) -> None:
    path = tmp_path / "acties.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(export_records(index, "actions"), "actions", handle, excel=True)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfmeeting_date;meeting_title;")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ACTION_COLUMNS and len(rows) == 4


def test_json_records(index: Archive) -> None:
    out = io.StringIO()
    write_json(export_records(index, "knelpunten"), out)
    data = json.loads(out.getvalue())
    assert [r["kind"] for r in data] == ["knelpunt", "knelpunt"]
    assert data[0]["places"] == [
        {"text": "Ter Apel", "value": "Ter Apel", "municipality": "Westerwolde"}
    ]
    assert "Oekraïne" in out.getvalue() or "Ter Apel" in out.getvalue()


def test_due_date_prefers_the_table_column() -> None:
    assert due_date({"due_date": "2022-05-01", "dates": [{"value": "2022-06-01"}]}) == "2022-05-01"
    assert (
        due_date(
            {
                "meeting_date": "2022-04-07",
                "dates": [{"value": "2022-03-01"}, {"value": "2022-04-21"}],
            }
        )
        == "2022-04-21"
    )


# --- spreadsheets: no text ever becomes a formula ---------------------------------------------

PAYLOADS = [
    '=HYPERLINK("http://x.example","klik")',
    "=1+1 is het besluit",
    "+cmd|'/C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def hostile_records() -> list[dict]:
    return [
        {
            "meeting_date": "2022-04-07",
            "meeting_title": "Verslag",
            "item_nr": "2.1",
            "item_title": payload,
            "owner": payload,
            "text": payload,
            "due_date": "2022-05-01",
            "source": "/a.pdf",
            "page": 2,
        }
        for payload in PAYLOADS
    ]


def test_excel_csv_neutralizes_formula_cells_and_plain_csv_stays_exact() -> None:
    records = hostile_records()
    excel = io.StringIO(newline="")
    write_excel_csv(records, excel, "actions")
    rows = list(csv.DictReader(io.StringIO(excel.getvalue()[1:], newline=""), delimiter=";"))
    for row, payload in zip(rows, PAYLOADS, strict=True):
        for column in ("item_title", "owner", "action"):
            assert row[column] == "'" + payload, (column, payload)
        assert row["meeting_date"] == "2022-04-07" and row["page"] == "2"
    plain = io.StringIO(newline="")
    write_csv(records, "actions", plain)
    rows = list(csv.DictReader(io.StringIO(plain.getvalue(), newline="")))
    assert [row["action"] for row in rows] == PAYLOADS


def test_xlsx_text_cells_are_strings_dates_are_dates(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    records = hostile_records()
    records[0]["text"] += "\x1b[2J"  # a control character XML cannot hold
    path = tmp_path / "acties.xlsx"
    write_xlsx(records, path, columns("actions"))
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert header == ACTION_COLUMNS
    for row, payload in zip(sheet.iter_rows(min_row=2), PAYLOADS, strict=True):
        cells = dict(zip(header, row, strict=True))
        for column in ("item_title", "owner"):
            assert cells[column].data_type == "s" and cells[column].value == payload
        assert cells["action"].data_type == "s"
        assert cells["meeting_date"].is_date and cells["due_date"].is_date
        assert cells["meeting_date"].value.date() == date(2022, 4, 7)
        assert cells["item_nr"].value == "2.1"  # text, not the number 2.1 (or 2 January)
        assert cells["page"].value == 2
    assert sheet["F2"].value == PAYLOADS[0] + "\ufffd[2J"
    # To a stream as well: what the web page's download uses.
    stream = io.BytesIO()
    write_xlsx(records, stream, "actions")
    assert stream.getvalue().startswith(b"PK")
