"""The sample archive as a new user builds it: `python -m samples` and a real ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding `sample-archive/minutes` (the sample minutes) and
    `sample-archive/index` (their archive, tagged), as `./run.sh demo` leaves them."""
    home = tmp_path_factory.mktemp("first-steps")
    minutes = home / "sample-archive" / "minutes"
    subprocess.run([sys.executable, "-m", "samples", str(minutes)], check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-m", "archive.cli", "ingest", "sample-archive/minutes"],
        cwd=home,
        env={**os.environ, "ARCHIVE_INDEX": "sample-archive/index"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return home
