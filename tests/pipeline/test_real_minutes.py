"""The reader on real minutes of public bodies (``../shared/corpus/minutes``), scored against
the expectations written by hand next to them. Skipped when the folder is absent.

These six files are a sample of what the reader meets, not its target: the floors guard what
it reaches on them, so a change that costs accuracy on real minutes fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.process import ProcessOptions, process_file
from samples.metrics import Figure, aggregate, score_real
from tests.paths import REAL_MINUTES

pytestmark = pytest.mark.skipif(not (REAL_MINUTES / "expected").is_dir(),
                                reason=f"no real minutes at {REAL_MINUTES}")

FLOORS = {"items": 0.95, "titles": 0.83, "decisions": 0.90, "actions": 0.88, "owners": 0.82}
CEILINGS = {"false_decisions": 0.1, "false_actions": 0.08}


def expectations() -> list[dict[str, Any]]:
    folder = REAL_MINUTES / "expected"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))] if (
        folder.is_dir()) else []


@pytest.fixture(scope="module")
def read() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Each expectation with what the reader made of its file (the text layer only: the
    scanned file carries its own OCR layer)."""
    options = ProcessOptions(ocr="never")
    return [(e, process_file(Path(REAL_MINUTES / e["file"]), options).to_dict())
            for e in expectations()]


@pytest.fixture(scope="module")
def figures(read: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Figure]:
    return aggregate(score_real(e, pred) for e, pred in read)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_reaches_its_floor(figures: dict[str, Figure], name: str) -> None:
    figure = figures[name]
    assert figure.n > 0 and figure.value >= FLOORS[name], f"{name}: {figure}"


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_false_finds_stay_under_their_ceiling(figures: dict[str, Figure], name: str) -> None:
    figure = figures[name]
    assert figure.n > 0 and figure.value <= CEILINGS[name], f"{name}: {figure}"


def test_every_file_gives_items_and_keeps_every_word(
        read: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    for expected, pred in read:
        assert pred["items"], expected["file"]
        assert not pred["unplaced"], (expected["file"], pred["unplaced"][:3])


def test_meeting_dates(read: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """The date of the meeting, not of the letter or a date in the text."""
    hits = aggregate(score_real(e, p) for e, p in read)["meeting_date"]
    assert hits.n == len(read) and hits.value >= 0.8, str(hits)
