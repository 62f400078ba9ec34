"""Memory bombs fail alone: each worker has an address-space ceiling (`--max-memory`), so a
few kilobytes of nested forms or a Flate bomb fail with "exceeds the memory limit" while the
rest of the batch is indexed.

The ingest runs under an outer `prlimit`, so that a regression (no ceiling) fails this test
instead of taking the test machine down.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from archive.ingest.options import DEFAULT_MAX_MEMORY
from tests.archive.hardening.conftest import archive_command
from tests.archive.hardening.files import flate_bomb_pdf, nested_forms_pdf, payload_minutes

OUTER_LIMIT = 4 << 30  # per process: what the machine can spare if the inner ceiling fails


def test_memory_bombs_fail_alone(tmp_path: Path) -> None:
    if not shutil.which("prlimit"):
        pytest.skip("prlimit (util-linux) is needed to run a memory bomb safely")
    docs = tmp_path / "docs"
    nested_forms_pdf(docs / "nested-forms.pdf")
    flate_bomb_pdf(docs / "flate-bomb.pdf", mib=2048)
    payload_minutes(docs / "good.pdf", [("B: Het overleg besluit over de brug.", "")])
    index = tmp_path / "index"
    # No --max-memory: the default ceiling is what is tested.
    command = archive_command("ingest", str(docs), "--index", str(index), "--no-tag", "-w", "1")
    started = time.monotonic()
    result = subprocess.run(
        ["prlimit", f"--as={OUTER_LIMIT}", "--", *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.stderr
    report = json.loads((index / "last-ingest-report.json").read_text())
    failed = {Path(f["path"]).name: f for f in report["failures"]}
    assert set(failed) == {"nested-forms.pdf", "flate-bomb.pdf"}
    for failure in failed.values():
        assert failure["reason"] == "memory", failure
        assert "exceeds the memory limit of 1.5 GiB" in failure["message"]
        assert "--max-memory" in failure["hint"]
    assert report["summary"]["files"]["ok"] == 1
    assert DEFAULT_MAX_MEMORY == 3 << 29  # the 1.5 GiB the message names
