"""Born-digital sample minutes → items, entries and toelichting exactly as the gold says."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.process import ProcessOptions, process_file
from samples import MEETINGS, load_gold, render_minutes
from tests.goldcheck import differences

NO_TAGS = ProcessOptions(tag=False, ocr="never")


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    for slug, spec in MEETINGS.items():
        render_minutes(spec, out / f"{slug}.pdf")
    return out


@pytest.mark.parametrize("slug", sorted(MEETINGS))
def test_sample_matches_gold(sample_dir: Path, slug: str) -> None:
    meeting = process_file(sample_dir / f"{slug}.pdf", NO_TAGS)
    assert differences(meeting, load_gold(slug)) == []


def _gold_actions(slug: str) -> list[tuple[str, str, str]]:
    return [
        (item["nr"], entry["owner"], " ".join(entry["text"].split()))
        for item in load_gold(slug)["items"]
        for entry in item["entries"]
        if entry["kind"] == "actie"
    ]


@pytest.mark.parametrize("slug", sorted(MEETINGS))
def test_actions_are_exactly_the_gold_actions(sample_dir: Path, slug: str) -> None:
    meeting = process_file(sample_dir / f"{slug}.pdf", NO_TAGS)
    got = [
        (item.nr, entry.owner, " ".join(entry.text.split()))
        for item in meeting.items
        for entry in item.entries
        if entry.kind == "actie"
    ]
    assert got == _gold_actions(slug)
    assert got, "every sample has actions"


# The same minutes drawn differently must give the same structure: the layout step may not
# depend on one font, size, column split or on ruling lines.
VARIANTS = {
    "unruled": {"ruled": False},
    "ruled": {"ruled": True},
    "dejavu": {"font": "DejaVuSans"},
    "narrow-nr-wide-toelichting": {"col_widths": None},
    "larger-type": {"font_size": 10.5},
    "shaded": {"shade_header": True},
}


def _variant(spec, name: str):
    change = dict(VARIANTS[name])
    if change.get("col_widths", 0) is None:
        widths = list(spec.col_widths)
        # Move 8% of the width from the widest column to the last one.
        widest = widths.index(max(widths))
        widths[widest] -= 0.08
        widths[-1] += 0.08
        change["col_widths"] = widths
    return dataclasses.replace(spec, **change)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("slug", sorted(MEETINGS))
def test_layout_variants_keep_structure(tmp_path: Path, slug: str, variant: str) -> None:
    path = render_minutes(_variant(MEETINGS[slug], variant), tmp_path / f"{slug}.pdf")
    meeting = process_file(path, NO_TAGS)
    # Page numbers move with the font and widths; everything else must stay.
    assert differences(meeting, load_gold(slug), pages=False) == []
