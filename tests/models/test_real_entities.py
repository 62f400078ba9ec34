"""The language pipeline on pages of real minutes, against an annotation made before it ran on them.

The gold file is checked always; the scores need ``../shared/corpus/minutes`` and skip without it.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from benchmarks import real_entities as real
from models.entities import ENTITY_LABELS
from tests.paths import REAL_MINUTES

needs_minutes = pytest.mark.skipif(
    not REAL_MINUTES.is_dir(), reason=f"no real minutes at {REAL_MINUTES}"
)


def _is_iso(value: str) -> bool:
    """An ISO date or date-time, an interval of two, or a date without a year (--MM-DD)."""
    for part in value.split("/"):
        if re.fullmatch(r"--\d\d-\d\d", part):
            continue
        try:
            (datetime if "T" in part else date).fromisoformat(part)
        except ValueError:
            return False
    return value.count("/") <= 1


def test_real_gold_is_well_formed() -> None:
    gold = real.load_gold()
    assert len(gold) >= 12
    assert len({r["file"] for r in gold}) >= 4
    assert len({(r["file"], r["page"]) for r in gold}) == len(gold)
    for record in gold:
        assert record["file"].endswith(".pdf")
        assert isinstance(record["page"], int) and record["page"] >= 1
        assert re.fullmatch(r"[0-9a-f]{16}", record["sha16"])
        date.fromisoformat(record["ref"])
        for e in record["entities"]:
            assert set(e) <= {"label", "text", "value", "uncertain"}, e
            assert e["label"] in ENTITY_LABELS, e
            assert e["text"] == e["text"].strip() and e["text"], e
            if e["label"] == "DATE" and e["value"]:
                assert _is_iso(e["value"]), e
    assert sum(not e.get("uncertain") for r in gold for e in r["entities"]) >= 200


@needs_minutes
def test_real_gold_pages_exist_and_hold_their_mentions() -> None:
    gold = real.load_gold()
    texts = {}
    for record in gold:
        pdf = REAL_MINUTES / record["file"]
        if not pdf.is_file() or real.sha16(pdf) != record["sha16"]:
            continue
        if record["file"] not in texts:
            texts[record["file"]] = real.page_texts(pdf)
        pages = texts[record["file"]]
        assert record["page"] in pages, (record["file"], record["page"])
        text = " ".join(pages[record["page"]].split())
        for e in record["entities"]:
            assert re.search(rf"(?<!\w){re.escape(e['text'])}(?!\w)", text), (record["page"], e)
    assert texts, "no annotated file found unchanged"


@needs_minutes
def test_precision_and_recall_on_real_pages() -> None:
    scores, skipped = real.evaluate(real.load_gold(), REAL_MINUTES)
    assert not skipped, skipped
    p, r, _ = scores.prf(ENTITY_LABELS)
    # measured 3 December 2026: P 0.930, R 0.438, dates exactly normalized 0.977
    assert p >= 0.90, p
    assert r >= 0.41, r
    assert scores.value_share("DATE") >= 0.93
    assert scores.prf(("DATE",))[1] >= 0.90


def test_absent_minutes_folder_is_reported_not_an_error(tmp_path, capsys) -> None:
    assert real.main(["--minutes", str(tmp_path / "nowhere")]) == 0
    assert "no real minutes" in capsys.readouterr().out
