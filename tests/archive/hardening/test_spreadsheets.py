"""Spreadsheet formula injection: text from the minutes never becomes a live formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.archive.hardening.conftest import invoke
from tests.archive.hardening.files import payload_minutes

LINK = '=HYPERLINK("http://x.example","klik")'
COMMAND = "+cmd|'/C calc'!A0"


def test_exports_of_hostile_minutes(tmp_path: Path, ingested) -> None:
    payload_minutes(
        tmp_path / "docs" / "payload.pdf",
        [
            (f"B: {LINK}\n\nA > Voorzitter: {COMMAND}", "=1+1 is het besluit"),
            ("B: @SUM(A1:A9) wordt besloten.\n\nA > Secretaris: -2+3 melden.", "Toelichting."),
        ],
    )
    index = str(ingested(tmp_path / "docs"))

    plain = invoke("export", "entries", "--index", index)
    assert plain.exit_code == 0, plain.output
    texts = {row["text"] for row in csv.DictReader(io.StringIO(plain.stdout, newline=""))}
    assert {LINK, COMMAND, "@SUM(A1:A9) wordt besloten."} <= texts  # exact, for scripts

    excel = tmp_path / "acties.csv"
    result = invoke("export", "entries", "--index", index, "--excel", "--out", str(excel))
    assert result.exit_code == 0, result.output
    rows = list(
        csv.DictReader(io.StringIO(excel.read_text("utf-8-sig"), newline=""), delimiter=";")
    )
    cells = [value for row in rows for value in row.values()]
    assert "'" + LINK in cells and "'" + COMMAND in cells and "'=1+1 is het besluit" in cells
    assert not [value for value in cells if value[:1] in ("=", "+", "-", "@")]

    workbook = tmp_path / "acties.xlsx"
    result = invoke("export", "entries", "--index", index, "--out", str(workbook))
    assert result.exit_code == 0, result.output
    assert workbook.read_bytes()[:2] == b"PK"  # a real workbook, not CSV under an .xlsx name
    from openpyxl import load_workbook

    sheet = load_workbook(workbook).active
    header = [cell.value for cell in sheet[1]]
    texts = {}
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        texts[cells["text"].value] = cells
        assert cells["meeting_date"].is_date
        assert all(c.data_type != "f" for c in row)  # no formula anywhere
    assert texts[LINK]["text"].data_type == "s"
    assert texts[COMMAND]["toelichting"].value == "=1+1 is het besluit"

    as_format = invoke("export", "actions", "--index", index, "--format", "xlsx")
    assert as_format.exit_code == 0 and as_format.stdout_bytes[:2] == b"PK"

    # The actions export (with its thread columns) and the web page's downloads: the same
    # writers, the same guard.
    def no_formula_in_excel_csv(data: str) -> list[str]:
        rows = csv.reader(io.StringIO(data.lstrip("\ufeff"), newline=""), delimiter=";")
        leads = ("=", "+", "-", "@", "\t", "\r")
        return [value for row in list(rows)[1:] for value in row if value.startswith(leads)]

    actions = invoke("export", "actions", "--index", index, "--excel")
    assert actions.exit_code == 0 and "'" + COMMAND in actions.stdout
    assert not no_formula_in_excel_csv(actions.stdout)
    from fastapi.testclient import TestClient

    from archive.web import create_app

    client = TestClient(create_app(Path(index)), base_url="http://127.0.0.1")
    excel = client.get("/actions/download", params={"format": "excel"})
    assert excel.status_code == 200 and "'" + COMMAND in excel.text
    assert not no_formula_in_excel_csv(excel.content.decode("utf-8"))
    plain = client.get("/actions/download", params={"format": "csv"})
    assert COMMAND in {row["action"] for row in csv.DictReader(io.StringIO(plain.text))}
    downloaded = load_workbook(io.BytesIO(client.get("/actions/download?format=xlsx").content))
    cells = [c for row in downloaded.active.iter_rows(min_row=2) for c in row]
    assert COMMAND in {c.value for c in cells} and all(c.data_type != "f" for c in cells)
