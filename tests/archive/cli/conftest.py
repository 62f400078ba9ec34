"""The sample archive as a new user builds it: `python -m samples` and a real ingest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_archive() -> Iterator[Path]:
    """A folder holding `sample-archive/minutes` (the sample minutes) and
    `sample-archive/index` (their archive, tagged), as `./run.sh demo` leaves them.

    A short path, as a checkout's usually is: the README's examples show a terminal 100
    columns wide, in which pytest's long temporary paths would wrap.
    """
    home = Path(tempfile.mkdtemp(prefix="sa-"))
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
    yield home
    shutil.rmtree(home, ignore_errors=True)
