"""The `ingest` command: options, the summary, the failure report and the exit codes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from archive.cli import app
from archive.ingest import ingest_lock
from tests.factories import bad_files, encrypted_pdf, fake_pdf, minutes_pdf


def archive_ingest() -> list[str]:
    """The `archive ingest` command line, run as its own process."""
    return [sys.executable, "-m", "archive.cli", "ingest"]


def invoke(*args: str):
    """Run `archive ingest ARGS` in this process."""
    return CliRunner().invoke(app, ["ingest", *args], catch_exceptions=False)


def test_help_documents_options_and_exit_codes() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for option in ("--workers", "--ocr", "--password", "--prune", "--timeout", "--max-pixels"):
        assert option in text
    for option in ("--quiet", "--json", "--report", "--index", "--no-tag"):
        assert option in text
    assert "Exit codes" in text and "1 some files failed" in text and "143" in text


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope"), "--index", str(tmp_path / "index"))
    assert result.exit_code == 2


def test_command_exit_codes_summary_and_report(tmp_path: Path) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    minutes_pdf(docs / "good.pdf", 1)
    common = ["--index", str(index_dir), "--workers", "2", "--no-tag"]

    ok = invoke(str(docs), *common, "--json")
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.stdout)
    assert summary["files"]["ok"] == 1 and summary["failures"] == []
    assert summary["entries"] == 4
    report = json.loads((index_dir / "last-ingest-report.json").read_text())
    assert report["failures"] == []

    bad_files(docs)
    custom = tmp_path / "failures.json"
    failed = invoke(str(docs), *common, "--report", str(custom), "--password", "hunter2")
    assert failed.exit_code == 1
    assert "Ingest summary" in failed.stdout
    lines = [line for line in failed.stderr.splitlines() if "FAILED" in line]
    assert len(lines) == 3
    assert any("truncated.pdf: corrupt:" in line and "hint:" in line for line in lines)
    report = json.loads(custom.read_text())
    assert sorted(Path(f["path"]).name for f in report["failures"]) == [
        "empty.pdf",
        "notes-named.pdf",
        "truncated.pdf",
    ]
    assert all(f["reason"] and f["message"] and f["hint"] for f in report["failures"])
    assert "hunter2" not in custom.read_text()
    assert not list(custom.parent.glob(".*.tmp")), "the report's temporary file was left"

    quiet = invoke(str(docs), *common, "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout == ""
    assert len(quiet.stderr.strip().splitlines()) == 3


def test_encrypted_pdf_with_and_without_password(tmp_path: Path) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    encrypted_pdf(docs / "geheim.pdf", "s3cret")
    common = ["--index", str(index_dir), "--workers", "1", "--no-tag", "--json"]

    without = invoke(str(docs), *common)
    assert without.exit_code == 1
    assert json.loads(without.stdout)["failures"][0]["reason"] == "encrypted"

    with_password = invoke(str(docs), *common, "--password", "wrong", "--password", "s3cret")
    assert with_password.exit_code == 0, with_password.output
    assert json.loads(with_password.stdout)["files"]["ok"] == 1


def test_plain_log_lines_when_not_on_a_terminal(tmp_path: Path) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    minutes_pdf(docs / "a.pdf", 1)
    minutes_pdf(docs / "b.pdf", 2)
    proc = subprocess.run(
        [*archive_ingest(), str(docs), "--index", str(index_dir), "--no-tag"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "[1/2] ok" in proc.stderr and "[2/2] ok" in proc.stderr
    assert "\x1b[" not in proc.stderr  # no escape codes in a log
    assert "Ingest summary" in proc.stdout


def test_a_second_ingest_on_the_same_index_stops_at_once(tmp_path: Path) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    fake_pdf(docs / "a.pdf")
    with ingest_lock(index_dir):
        started = time.monotonic()
        result = invoke(str(docs), "--index", str(index_dir), "--no-tag")
    assert time.monotonic() - started < 30
    assert result.exit_code == 4
    assert "busy with another ingest" in " ".join(result.stderr.split())


def test_sigterm_commits_what_is_finished_and_exits_143(tmp_path: Path) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    for n in range(40):
        minutes_pdf(docs / f"m{n:02}.pdf", n)
    proc = subprocess.Popen(
        [*archive_ingest(), str(docs), "--index", str(index_dir), "--no-tag", "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    records = index_dir / "records"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if records.is_dir() and len(list(records.glob("*.json"))) >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode in (143, 0), err  # 0: it finished before the signal arrived
    if proc.returncode == 143:
        assert "Interrupted by SIGTERM" in err and "Ingest summary" in out
        assert not (index_dir / "pending.json").exists()
        report = json.loads((index_dir / "last-ingest-report.json").read_text())
        assert report["summary"]["interrupted"] is True
