"""The scorer on small hand-made gold/prediction pairs: a perfect prediction scores 1.0, and
each kind of mistake lowers exactly the figure it should."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from samples.metrics import score_document
from samples.textmatch import levenshtein, loose, nr_key, owner_key, owner_set


def _entry(kind: str, text: str, **kw: Any) -> dict[str, Any]:
    base = {"kind": kind, "text": text, "owner": "", "owners": [], "owner_redacted": False,
            "due": "", "due_text": "", "status": "", "code": "", "commitment": False,
            "list_items": []}
    return base | kw


GOLD: dict[str, Any] = {
    "meeting": {"title": "Verslag Bestuurlijk Afstemmingsoverleg", "date": "2024-07-04",
                "date_source": "heading", "body": "Veiligheidsregio Twente"},
    "items": [
        {"nr": "1", "title": "Opening", "section": "", "fields": {}, "toelichting": "",
         "entries": [_entry("note", "De voorzitter opent de vergadering.")]},
        {"nr": "2.1", "title": "Opvang vluchtelingen", "section": "Oekraïne", "fields": {},
         "toelichting": "Het COA zoekt landelijk naar extra plekken.",
         "entries": [
             _entry("besluit", "Het plan van aanpak wordt vastgesteld."),
             _entry("actie", "de lijst met locaties rondsturen, uiterlijk 15 juli",
                    owner="projectleider Oekraïne", due="2024-07-15", due_text="15 juli"),
             _entry("knelpunt", "Er is een tekort aan tolken op de locaties."),
         ]},
        {"nr": "2.2", "title": "Financiën", "section": "Oekraïne",
         "fields": {"portefeuillehouder": "wethouder Financiën"}, "toelichting": "",
         "entries": [
             _entry("actie", "de financiële regeling agenderen", owner_redacted=True,
                    status="open", due_text="z.s.m."),
         ]},
    ],
    "action_list": [
        {"code": "A-01", "text": "Factsheet maken", "owner": "secretaris", "owners": [],
         "owner_redacted": False, "due": "2024-07-12", "due_text": "vrijdag 12 juli",
         "status": "done", "item_nr": ""},
    ],
}


def prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """What a perfect reader prints with ``archive show --json``."""
    items = []
    for it in gold["items"]:
        entries = [{"kind": e["kind"], "text": e["text"],
                    "owner": "5.1.2e" if e["owner_redacted"] else e["owner"], "page": 1,
                    "due": e["due"], "status": e["status"], "entities": {}}
                   for e in it["entries"]]
        items.append({"nr": it["nr"], "title": it["title"], "section": it["section"],
                      "fields": dict(it["fields"]), "entries": entries,
                      "toelichting": it["toelichting"], "page": 1, "entities": {}})
    rows = [{"kind": "actie", "text": r["text"], "owner": r["owner"], "due": r["due"],
             "status": r["status"], "code": r["code"]} for r in gold["action_list"]]
    items.append({"nr": "", "title": "Actielijst", "kind": "action_list", "section": "",
                  "entries": rows, "toelichting": ""})
    m = gold["meeting"]
    return {"title": m["title"], "body": m["body"], "date": m["date"], "source": "x.pdf",
            "sha256": "0" * 64, "page_count": 1, "items": items, "pages": []}


def values(pred: dict[str, Any]) -> dict[str, float | None]:
    return {k: f.value for k, f in score_document(GOLD, pred).figures.items()}


PERFECT = values(prediction(GOLD))


def changed(pred: dict[str, Any]) -> dict[str, tuple[float | None, float | None]]:
    now = values(pred)
    return {k: (PERFECT.get(k), now.get(k)) for k in set(PERFECT) | set(now)
            if PERFECT.get(k) != now.get(k)}


def test_a_perfect_prediction_scores_one_everywhere() -> None:
    for name, value in PERFECT.items():
        expected = 0.0 if name.endswith("cer") else 1.0
        assert value == pytest.approx(expected), name
    assert {"items", "titles", "sections", "fields", "entry_kinds", "owners", "due", "status",
            "entry_precision", "decision_action_precision", "cer", "toelichting_cer",
            "meeting_date", "body", "meeting_title", "action_rows", "action_owners",
            "action_due", "action_status"} <= set(PERFECT)


def test_a_missing_item_lowers_items_and_what_it_held() -> None:
    pred = prediction(GOLD)
    del pred["items"][2]
    assert changed(pred) == {
        "items": (1.0, 2 / 3), "titles": (1.0, 2 / 3), "sections": (1.0, 0.5),
        "fields": (1.0, 0.0), "entries": (1.0, 4 / 5), "entry_kinds": (1.0, 4 / 5),
        "owners": (1.0, 0.5), "due": (1.0, 0.5), "status": (1.0, 0.0),
    }


def test_a_wrong_owner_lowers_owners_only() -> None:
    pred = prediction(GOLD)
    pred["items"][1]["entries"][1]["owner"] = "voorzitter"
    assert changed(pred) == {"owners": (1.0, 0.5)}


def test_a_name_where_the_owner_was_redacted_is_wrong() -> None:
    pred = prediction(GOLD)
    pred["items"][2]["entries"][0]["owner"] = "J. Bakker"
    assert changed(pred) == {"owners": (1.0, 0.5)}
    pred["items"][2]["entries"][0]["owner"] = ""
    pred["items"][2]["entries"][0]["owner_redacted"] = True
    assert changed(pred) == {}


def test_a_false_action_lowers_precision_only() -> None:
    pred = prediction(GOLD)
    pred["items"][1]["entries"].append(
        {"kind": "actie", "text": "De verwachting is dat het aantal zal stijgen.", "owner": ""})
    assert changed(pred) == {"entry_precision": (1.0, 5 / 6),
                             "decision_action_precision": (1.0, 3 / 4)}


def test_a_wrong_kind_lowers_kinds_and_decision_precision() -> None:
    pred = prediction(GOLD)
    pred["items"][1]["entries"][2]["kind"] = "besluit"  # the knelpunt read as a besluit
    assert changed(pred) == {"entry_kinds": (1.0, 4 / 5),
                             "decision_action_precision": (1.0, 3 / 4)}


def test_a_date_for_a_non_date_due_is_wrong() -> None:
    pred = prediction(GOLD)
    pred["items"][2]["entries"][0]["due"] = "2024-07-05"
    assert changed(pred) == {"due": (1.0, 0.5)}


def test_meeting_facts_and_text_errors() -> None:
    pred = prediction(GOLD)
    pred["date"] = "2024-07-05"
    pred["body"] = "Gemeente Enschede"
    pred["items"][0]["entries"][0]["text"] = "De voorzitter opent de vergadring."
    c = changed(pred)
    assert c.pop("meeting_date") == (1.0, 0.0)
    assert c.pop("body") == (1.0, 0.0)
    assert c.pop("cer")[1] == pytest.approx(1 / sum(
        len(e["text"]) for it in GOLD["items"] for e in it["entries"]))
    assert c == {}


def test_items_are_aligned_as_sequences_not_first_matches() -> None:
    gold = copy.deepcopy(GOLD)
    for item in gold["items"]:
        item["nr"] = ""
    gold["items"][0]["title"] = "Stand van zaken opvang"
    gold["items"][1]["title"] = "Stand van zaken opvang Oekraïne"
    pred = prediction(gold)
    del pred["items"][0]  # only the second, longer title was read
    s = score_document(gold, pred)
    assert s.figures["items"].hits == 2
    assert s.figures["titles"].hits == 2  # the right gold item got the prediction


def test_numbers_match_whatever_their_spelling() -> None:
    gold = copy.deepcopy(GOLD)
    pred = prediction(gold)
    pred["items"][0]["nr"] = "Agendapunt 1"
    pred["items"][1]["nr"] = "2.1."
    assert changed(pred) == {}


def test_owner_and_text_normalization() -> None:
    assert owner_key("De Projectleider Oekraïne") == owner_key("projectleider oekraïne")
    assert owner_set("voorzitter en secretaris") == owner_set("Secretaris / de voorzitter")
    assert owner_set("GGD Twente, gemeente Enschede") == {"ggd twente", "gemeente enschede"}
    assert nr_key("Punt 5") == nr_key("5.") == "5"
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3


def test_a_redaction_is_one_word_however_it_is_written() -> None:
    # The gold's "[redacted]" is the reader's mark or the ground printed on the box, and two
    # boxes side by side are the one redaction the gold's hand saw.
    assert loose("Overleg met [weggelakt] [weggelakt] over") == loose("Overleg met [redacted] over")
    assert loose("Contact met 5.1.2e, VWS") == loose("contact met [redacted] vws")
    assert loose("5.1.2 overleg") == "redacted overleg"
    assert loose("Versie 2.1.3") == "versie 2 1 3"
