"""File names are bytes on Linux: one that is not UTF-8 is ingested, stored, shown and found
again without loss, and does not stop the rest of its folder."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.archive.hardening.conftest import invoke, run_archive
from tests.archive.hardening.files import payload_minutes

LATIN1 = b"notulen-caf\xe9-2022.pdf"  # "café" written in Latin-1: not UTF-8


def test_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    good = payload_minutes(docs / "good.pdf", [("B: Het overleg besluit over de brug.", "")])
    odd = os.fsdecode(os.fsencode(docs) + b"/" + LATIN1)  # surrogateescape, as os.walk gives it
    other = payload_minutes(tmp_path / "other.pdf", [("B: Het café gaat dicht.", "")])
    shutil.move(other, odd)
    index = tmp_path / "index"

    first = run_archive("ingest", docs, "--index", index, "--no-tag", "-w", "1")
    assert first.returncode == 0, first.stderr.decode()
    assert b"Traceback" not in first.stderr
    assert b"notulen-caf\\xe9-2022.pdf" in first.stderr  # shown escaped, on one line
    # Stored losslessly: the record names the very bytes, and is valid UTF-8 JSON.
    sources = set()
    for record in (index / "records").glob("*.json"):
        sources.add(os.fsencode(json.loads(record.read_text(encoding="utf-8"))["source"]))
    assert sources == {os.fsencode(good), os.fsencode(odd)}
    report = json.loads((index / "last-ingest-report.json").read_text(encoding="utf-8"))
    assert report["summary"]["files"]["ok"] == 2

    again = run_archive("ingest", docs, "--index", index, "--no-tag", "-w", "1", "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["files"]["skipped"] == 2  # recognised, not read again

    found = run_archive("search", "café", "--index", index)
    assert found.returncode == 0 and b"notulen-caf\\xe9-2022.pdf" in found.stdout
    shown = run_archive("show", odd, "--index", index)  # the name as the shell passes it
    assert shown.returncode == 0, shown.stderr.decode()
    assert b"caf\\xe9" in shown.stdout and b"Het caf" in shown.stdout
    hits = json.loads(run_archive("search", "café", "--index", index, "--json").stdout)
    assert os.fsencode(hits[0]["source"]) == os.fsencode(odd)

    # Exports: valid UTF-8 in every format, never stopped halfway by the name. JSON keeps the
    # name losslessly; the tables show its odd byte as the terminal does.
    exported = {}
    for fmt in ("csv", "json", "xlsx"):
        out = tmp_path / f"export.{fmt}"
        result = invoke("export", "entries", "--index", str(index), "--out", str(out))
        assert result.exit_code == 0, (fmt, result.output)
        exported[fmt] = out
    rows = exported["csv"].read_bytes().decode("utf-8")
    assert "notulen-caf\\xe9-2022.pdf" in rows and "Het café gaat dicht." in rows
    records = json.loads(exported["json"].read_bytes().decode("utf-8"))
    assert {os.fsencode(r["source"]) for r in records} == {os.fsencode(good), os.fsencode(odd)}
    excel = invoke("export", "entries", "--index", str(index), "--excel")
    assert excel.exit_code == 0 and "notulen-caf\\xe9-2022.pdf" in excel.stdout_bytes.decode()
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(exported["xlsx"]).active.iter_rows() for c in row]
    assert any(isinstance(v, str) and v.endswith("notulen-caf\\xe9-2022.pdf") for v in cells)
