"""Damaged PDFs: what qpdf can recover is recovered (and said so), the original is never
changed, and what cannot be read fails with its reason, not as "internal error … a bug"."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.archive.hardening.conftest import archive_command, invoke
from tests.archive.hardening.files import page_tree_loop_pdf, parser_error_pdf, payload_minutes


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outcomes(index: Path) -> dict[str, dict]:
    report = json.loads((index / "last-ingest-report.json").read_text())
    return {Path(f["path"]).name: f for f in report["failures"]}


def qpdf_recovers(path: Path) -> bool:
    import pikepdf

    try:
        with pikepdf.open(path, attempt_recovery=True) as pdf:
            return len(pdf.pages) > 0
    except pikepdf.PdfError:
        return False


def test_truncated_pdfs_are_repaired_by_qpdf(tmp_path: Path) -> None:
    good = payload_minutes(
        tmp_path / "good.pdf",
        [
            (f"B: Het overleg besluit over punt {n}.\n\nA > Secretaris: stuurt brief {n}.", "")
            for n in range(1, 30)
        ],
    )
    data = good.read_bytes()
    docs = tmp_path / "docs"
    docs.mkdir()
    cuts = {}
    for share in (0.5, 0.7, 0.8, 0.9, 0.97, 0.99):
        path = docs / f"cut-{round(share * 100)}.pdf"
        path.write_bytes(data[: int(len(data) * share)])
        with pytest.raises(pdfium.PdfiumError):
            pdfium.PdfDocument(str(path))  # PDFium alone refuses every one of them
        cuts[path.name] = (digest(path), qpdf_recovers(path))
    assert sum(recovers for _, recovers in cuts.values()) >= 3
    index = tmp_path / "index"
    result = invoke(
        "ingest", str(docs), "--index", str(index), "--no-tag", "-w", "1", "--ocr", "never"
    )
    assert "Traceback" not in result.output
    # One log line per file: "ok      …/cut-99.pdf (…)" or "FAILED  …/cut-50.pdf: corrupt: …".
    lines = {
        name: line
        for line in result.stderr.splitlines()
        for name in cuts
        if f"/{name} (" in line or f"/{name}:" in line
    }
    for name, (before, recovers) in cuts.items():
        if recovers:
            assert " ok " in lines[name] and "repaired by qpdf" in lines[name], lines[name]
        else:
            assert "FAILED" in lines[name] and ": corrupt:" in lines[name], lines[name]
        assert digest(docs / name) == before, "the original was changed"
    shown = invoke("show", "cut-99.pdf", "--index", str(index))
    assert shown.exit_code == 0 and "brief 1" in shown.stdout and "repaired by qpdf" in shown.stdout


def test_user_level_damage_is_a_reason_not_a_bug(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    page_tree_loop_pdf(docs / "loop.pdf")
    parser_error_pdf(docs / "parser.pdf")
    index = tmp_path / "index"
    result = invoke("ingest", str(docs), "--index", str(index), "--no-tag", "-w", "1")
    assert "internal error" not in result.output and "bug" not in result.output
    # The loop is read by pdfplumber, which walks a page tree once.
    assert "loop.pdf" in " ".join(line for line in result.stderr.splitlines() if " ok " in line)
    failed = outcomes(index)
    assert failed["parser.pdf"]["reason"] == "corrupt"
    assert result.exit_code == 1


def test_a_file_deleted_during_the_run(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    # The largest file goes first: it keeps the one worker busy while the small one is removed.
    payload_minutes(docs / "big.pdf", [(f"B: Besluit {n} van vele.", "") for n in range(300)])
    small = payload_minutes(docs / "small.pdf", [("B: Het laatste besluit.", "")])
    index = tmp_path / "index"
    proc = subprocess.Popen(
        [*archive_command("ingest", str(docs), "--index", str(index)), "--no-tag", "-w", "1"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()
    assert first.startswith("ingest: 2 files, 2 to process"), first
    small.unlink()
    rest = proc.stderr.read()
    assert proc.wait(timeout=120) == 1, rest
    assert "internal error" not in rest
    failed = outcomes(index)["small.pdf"]
    assert failed["reason"] == "unreadable" and "disappeared" in failed["message"]
