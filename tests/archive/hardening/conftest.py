"""Shared set-up of the hardening tests: the real `archive` command, in this process or as one
of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from archive.cli import app


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """`archive ARGS` in this process (stdout and stderr apart)."""
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "120", **(env or {})})


def archive_command(*args: str) -> list[str]:
    """The command line that runs `archive ARGS` as a process of its own."""
    return [sys.executable, "-m", "archive.cli", *args]


def run_archive(
    *args: str | Path, timeout: float = 120, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    """`archive ARGS` as its own process, its output as bytes (names need not be UTF-8)."""
    return subprocess.run(
        archive_command(*(os.fsdecode(a) for a in args)),
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def ingested(tmp_path: Path):
    """`ingested(folder)`: run `archive ingest FOLDER --no-tag` into tmp_path/index; returns
    the index directory."""

    def ingest(folder: Path, *extra: str) -> Path:
        index = tmp_path / "index"
        result = invoke("ingest", str(folder), "--index", str(index), "--no-tag", "-w", "1", *extra)
        assert result.exit_code in (0, 1), result.output
        return index

    return ingest
