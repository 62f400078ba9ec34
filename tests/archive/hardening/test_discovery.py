"""What an ingest cannot read is reported, never passed over in silence: a subfolder it may not
list, a FIFO or a device named on the command line."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from pipeline.errors import ExitCode
from tests.archive.hardening.conftest import archive_command, invoke, run_archive
from tests.archive.hardening.files import payload_minutes


def without_root_powers(command: list[str]) -> list[str]:
    """`command` bound by file permissions: root reads any folder, unless it gives up the
    capabilities that let it (it stays root, so it can still run the interpreter)."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a folder cannot be made unreadable")
    drop = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", *command]


def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    payload_minutes(docs / "open.pdf", [("B: Het overleg besluit over de brug.", "")])
    payload_minutes(docs / "geheim" / "dicht.pdf", [("B: Niemand leest dit.", "")])
    (docs / "geheim").chmod(0)
    index = tmp_path / "index"
    command = [*archive_command("ingest", str(docs), "--index", str(index)), "--no-tag", "-w", "1"]
    try:
        result = subprocess.run(
            without_root_powers(command), capture_output=True, text=True, timeout=120
        )
    finally:
        (docs / "geheim").chmod(0o755)
    assert result.returncode == ExitCode.SOME_FAILED, result.stderr
    assert "Traceback" not in result.stderr
    line = next(line for line in result.stderr.splitlines() if "FAILED" in line)
    assert f"{docs / 'geheim'}: unreadable: cannot read the folder" in line
    report = json.loads((index / "last-ingest-report.json").read_text())
    assert [f["path"] for f in report["failures"]] == [str(docs / "geheim")]
    assert report["summary"]["files"]["ok"] == 1  # the rest of the folder is in


def test_a_fifo_or_device_named_on_the_command_line_is_reported(tmp_path: Path) -> None:
    fifo = tmp_path / "notulen.pdf"
    os.mkfifo(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    index = tmp_path / "index"
    result = run_archive("ingest", fifo, "/dev/null", "--index", index, "--no-tag", timeout=60)
    assert result.returncode == ExitCode.SOME_FAILED, result.stderr
    err = result.stderr.decode()
    assert f"{fifo}: unsupported: a named pipe (FIFO), not a file to ingest" in err
    assert "/dev/null: unsupported: a character device, not a file to ingest" in err
    # In a folder, a FIFO is no document: skipped without blocking on it.
    folder = invoke("ingest", str(tmp_path), "--index", str(index), "--no-tag", "--json")
    assert folder.exit_code == 0 and json.loads(folder.stdout)["files"]["failed"] == 0
