"""The real example page (../shared/seed), rebuilt as a ruled table PDF, read back."""

from __future__ import annotations

import pytest

from pipeline.process import ProcessOptions, process_file
from tests.seed_pdf import DEFAULT_SEED_TXT, SEED_EXPECTED, build_seed_pdf

pytestmark = pytest.mark.skipif(
    not DEFAULT_SEED_TXT.exists(), reason="../shared/seed is not present"
)


@pytest.fixture(scope="module")
def seed_meeting(tmp_path_factory: pytest.TempPathFactory):
    pdf = build_seed_pdf(DEFAULT_SEED_TXT, tmp_path_factory.mktemp("seed") / "seed.pdf")
    return process_file(pdf, ProcessOptions(tag=False, ocr="never"))


def test_items_and_titles(seed_meeting) -> None:
    assert [(item.nr, item.title) for item in seed_meeting.items] == list(SEED_EXPECTED.items)
    assert seed_meeting.items[0].section == SEED_EXPECTED.section
    assert seed_meeting.date.isoformat() == SEED_EXPECTED.date


def test_three_actions_of_the_projectleider(seed_meeting) -> None:
    actions = [
        (item.nr, entry.owner, entry.text)
        for item in seed_meeting.items
        for entry in item.entries
        if entry.kind == "actie"
    ]
    assert len(actions) == len(SEED_EXPECTED.actions) == 3
    for (nr, owner, text), expected in zip(actions, SEED_EXPECTED.actions, strict=True):
        assert (nr, owner) == (expected.nr, expected.owner)
        assert text.startswith(expected.text_start)


def test_text_is_kept_as_written(seed_meeting) -> None:
    texts = " ".join(e.text for item in seed_meeting.items for e in item.entries)
    assert "openstenstelling" in texts  # the original's typo survives
    item_22 = next(item for item in seed_meeting.items if item.nr == "2.2")
    kinds = [e.kind for e in item_22.entries]
    assert kinds.count("besluit") == 3 and "knelpunt" in kinds
    assert "telefoonteam" in item_22.toelichting
