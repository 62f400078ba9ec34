"""A new user's first steps: `./run.sh demo` ends with the next commands, complete and
copy-pasteable, and each works when pasted; no escape codes reach a log."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.paths import ROOT

RUN_SH = ROOT / "run.sh"


def test_the_demo_ends_with_next_steps_that_work(tmp_path: Path) -> None:
    demo = tmp_path / "sample-archive"
    env = {**os.environ, "SKIP_SETUP": "1", "DEMO_DIR": str(demo), "TERM": "xterm"}
    env.pop("ARCHIVE_INDEX", None)
    result = subprocess.run(
        ["bash", str(RUN_SH), "demo"],
        cwd=tmp_path,  # not the checkout: the steps say where to go
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "\x1b" not in output, "escape codes in a log"
    assert "Ter Apel" in result.stdout
    steps = result.stdout.split("\n")
    start = next(
        n
        for n, line in enumerate(steps)
        if 'search "Ter Apel"' in line and "ARCHIVE_INDEX=" in line
    )
    commands = [line for line in steps[start:] if line.strip()]
    assert "==> next, try:" in result.stderr
    assert len(commands) >= 4
    for line in commands:
        assert f"ARCHIVE_INDEX={demo}/index" in line, line
        if " serve" in line:
            continue  # a server does not end by itself
        line = line.replace("--out acties.xlsx", f"--out {tmp_path / 'acties.xlsx'}")
        pasted = subprocess.run(
            ["bash", "-c", line], cwd=tmp_path, capture_output=True, text=True, timeout=120
        )
        assert pasted.returncode == 0, (line, pasted.stderr)
        assert "Traceback" not in pasted.stderr
    assert (tmp_path / "acties.xlsx").read_bytes()[:2] == b"PK"


def test_usage_without_escape_codes() -> None:
    result = subprocess.run(["bash", str(RUN_SH)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "usage: ./run.sh demo|test|bench" in result.stderr
    assert "\x1b" not in result.stderr
