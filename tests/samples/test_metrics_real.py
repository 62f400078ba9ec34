"""The real-minutes scorer: hand-made expectations, and every expectation file of
``../shared/corpus/minutes`` against a prediction built from it (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samples.metrics import score_real
from tests.paths import REAL_MINUTES as MINUTES

EXPECTED: dict[str, Any] = {
    "meeting_title": "Verslag Bestuurlijk Overleg Energiegebied d.d. 18 maart 2024",
    "meeting_date": "2024-03-18",
    "body": "Bestuurlijk Overleg Energiegebied: provincie Overijssel with wethouders of Almelo",
    "items": [
        {"nr": "1", "title": "Opening door Gedeputeerde", "decisions": 0, "actions": []},
        {"nr": "2", "title": "Verslag 15 november 2023", "decisions": 1, "actions": []},
        {"nr": "3", "title": "Memo beleid Tubbergen", "decisions": 2, "decisions_max": 3,
         "actions": [
             {"owner": "de wethouder (Tubbergen)", "due": None,
              "text": "zal dit terugkoppelen aan de gemeenteraad"},
             {"owner": None, "due": None, "text": "iets onzekers", "uncertain": True},
         ]},
    ],
}


def prediction_from(expected: dict[str, Any]) -> dict[str, Any]:
    """What a reader that gets every expectation right would print."""
    items = []
    for it in expected["items"]:
        n = int(it.get("decisions_min", it.get("decisions", 0)) or 0)
        entries = [{"kind": "besluit", "text": f"Besluit {k} van punt {it['nr']}."}
                   for k in range(n)]
        actions = it.get("actions") or []
        for a in actions if isinstance(actions, list) else []:
            if a.get("uncertain"):
                continue
            entries.append({"kind": "actie", "text": a.get("text") or it.get("title", ""),
                            "owner": a.get("owner") or ""})
        items.append({"nr": it["nr"], "title": it["title"], "section": "",
                      "entries": entries, "toelichting": ""})
    rows = [{"kind": "actie", "text": r.get("text", ""), "owner": r.get("owner", ""),
             "code": r.get("nr", "")} for r in expected.get("action_list") or []]
    if rows:
        items.append({"nr": "", "title": "Actielijst", "kind": "action_list", "entries": rows})
    return {"title": expected["meeting_title"], "date": expected["meeting_date"],
            "body": "provincie Overijssel", "items": items}


def test_an_owner_that_is_all_redaction_is_matched_by_the_redacted_flag() -> None:
    expected = json.loads(json.dumps(EXPECTED))
    action = expected["items"][2]["actions"][0]
    action["owner"] = "[redacted] en [redacted]"
    pred = prediction_from(expected)
    entry = next(e for e in pred["items"][2]["entries"] if e["kind"] == "actie")
    entry.update(owner="", owner_redacted=True)
    assert score_real(expected, pred).figures["owners"].value == 1.0
    entry.update(owner_redacted=False)  # an empty owner is no reading of a redacted one
    assert score_real(expected, pred).figures["owners"].value == 0.0


def test_a_perfect_prediction_scores_one() -> None:
    s = score_real(EXPECTED, prediction_from(EXPECTED))
    v = {k: f.value for k, f in s.figures.items()}
    assert v["items"] == v["titles"] == v["decisions"] == v["actions"] == v["owners"] == 1.0
    assert v["false_decisions"] == 0.0 and v["false_actions"] == 0.0
    assert v["meeting_date"] == v["body"] == 1.0


def test_extra_decisions_beyond_the_maximum_are_false() -> None:
    pred = prediction_from(EXPECTED)
    pred["items"][2]["entries"] += [{"kind": "besluit", "text": f"extra {k}"} for k in range(2)]
    s = score_real(EXPECTED, pred)
    assert s.figures["decisions"].value == 1.0
    assert (s.figures["false_decisions"].hits, s.figures["false_decisions"].n) == (1, 5)


def test_a_missed_action_and_a_wrong_owner() -> None:
    pred = prediction_from(EXPECTED)
    pred["items"][2]["entries"][-1]["owner"] = "gedeputeerde"
    assert score_real(EXPECTED, pred).figures["owners"].value == 0.0
    pred["items"][2]["entries"].pop()
    s = score_real(EXPECTED, pred)
    assert s.figures["actions"].value == 0.0


def test_an_action_matches_an_expectation_that_adds_words_of_its_own() -> None:
    # The hand-written text inserts what "dit" refers to; the minutes' own words all match.
    expected = json.loads(json.dumps(EXPECTED))
    expected["items"][2]["actions"][0]["text"] = (
        "zal dit (release-kolommen / pull requests) terugkoppelen aan de gemeenteraad")
    pred = prediction_from(EXPECTED)
    assert score_real(expected, pred).figures["actions"].value == 1.0
    pred["items"][2]["entries"][-1]["text"] = "zal dit terugkoppelen"  # half its words only
    assert score_real(expected, pred).figures["actions"].value == 0.0


def test_an_unexpected_body_is_wrong() -> None:
    pred = prediction_from(EXPECTED) | {"body": "Gemeente Hengelo"}
    assert score_real(EXPECTED, pred).figures["body"].value == 0.0
    # The body's name with its abbreviation after it is the name.
    pred = prediction_from(EXPECTED) | {"body": "Bestuurlijk Overleg Energiegebied (BO ATT)"}
    assert score_real(EXPECTED, pred).figures["body"].value == 1.0
    pred = prediction_from(EXPECTED) | {"body": "Bestuurlijk Overleg Hengelo (BO ATT)"}
    assert score_real(EXPECTED, pred).figures["body"].value == 0.0


@pytest.mark.parametrize("path", sorted((MINUTES / "expected").glob("*.json")),
                         ids=lambda p: p.stem)
def test_every_real_expectation_file_scores_one_against_itself(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    pred = prediction_from(expected)
    s = score_real(expected, pred)
    for name in ("items", "titles", "decisions", "actions", "meeting_date"):
        f = s.figures.get(name)
        assert f is None or f.n == 0 or f.value == 1.0, (name, f, s.misses[:5])
    for name in ("false_decisions", "false_actions"):
        assert s.figures[name].hits == 0, name
