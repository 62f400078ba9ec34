"""The README's examples are executable: every `$ archive …` in a code block runs against the
sample archive (as `./run.sh demo` builds it), and prints output of the shape the README shows.

Shape, not bytes: numbers, hashes and timings may differ, and so may the order of an ingest's
lines (the workers finish in any order), how many commits a run makes (they follow the clock) and
the width of a box; the lines, their words and their layout may not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import ROOT

README = ROOT / "README.md"
BIN = Path(sys.executable).parent  # where `archive` is installed


def code_blocks(text: str) -> list[tuple[str, list[str]]]:
    """(info string, lines) of every fenced code block."""
    blocks, current, info = [], None, ""
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current, info = [], line[3:].strip()
            else:
                blocks.append((info, current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def examples() -> list[tuple[str, list[str]]]:
    """(command, the output lines the README shows for it), for each `$ archive` line of a
    plain code block."""
    found = []
    for info, lines in code_blocks(README.read_text(encoding="utf-8")):
        if info not in ("", "console"):
            continue
        for n, line in enumerate(lines):
            if not line.startswith("$ archive "):
                continue
            output = []
            for following in lines[n + 1 :]:
                if following.startswith("$ "):
                    break
                output.append(following)
            found.append((line[2:], output))
    return found


def shape(lines: list[str], home: Path) -> Counter[str]:
    """The lines as the comparison sees them (see the module docstring)."""
    out: Counter[str] = Counter()
    for line in lines:
        line = line.replace(f"{home}/", "").rstrip()
        line = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", line)
        line = re.sub(r"\d+(?:[.,]\d+)?", "<n>", line)
        line = re.sub(r"\b(document|file|page|entry|hit)(s|ies)?\b", r"\1(s)", line)
        line = re.sub(r"\bentr(y|ies)\b", "entry(s)", line)
        line = re.sub(r"([─━═│┃]) *\1+| {2,}", lambda m: m.group(1) or " ", line)
        line = re.sub(r"─+", "─", line)
        if line.startswith("committed "):
            out[line] = 1  # commits follow the clock: a slower machine makes more of them
        elif line.strip():
            out[line] += 1
    return out


@pytest.fixture
def fresh_home(sample_archive: Path) -> Iterator[Path]:
    """The sample minutes without an index yet, at a path as short as the sample archive's."""
    home = Path(tempfile.mkdtemp(prefix="sa-"))
    shutil.copytree(
        sample_archive / "sample-archive" / "minutes", home / "sample-archive" / "minutes"
    )
    yield home
    shutil.rmtree(home, ignore_errors=True)


@pytest.mark.parametrize("command,expected", examples(), ids=[c for c, _ in examples()])
def test_readme_example(
    command: str, expected: list[str], sample_archive: Path, request: pytest.FixtureRequest
) -> None:
    # An ingest runs into a fresh index, as the README's first run did: the sample's is done.
    home = (
        request.getfixturevalue("fresh_home")
        if command.startswith("archive ingest")
        else (sample_archive)
    )
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "ARCHIVE_INDEX": "sample-archive/index",
        "COLUMNS": "100",  # the README shows a terminal 100 columns wide
    }
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{command} 2>&1"],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 2), result.stdout  # 2: the README's bad-query example
    actual = result.stdout.splitlines()
    assert shape(actual, home) == shape(expected, home), "\n".join(actual)
