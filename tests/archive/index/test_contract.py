"""The contract: entry records (built in one place, every key listed) and index documents."""

from __future__ import annotations

import json

from archive.index.contract import (
    FIELDS,
    RECORD_KEYS,
    entry_records,
    item_record,
    meeting_documents,
    page_record,
)
from archive.index.dates import days_of, span_of
from models.entities import ENTITY_KEYS, Entity
from pipeline.records import Entry
from tests.factories import corpus, letter, meeting_april, meeting_june, sha


def full_entry() -> Entry:
    """An entry with every field the reader can fill."""
    return Entry(
        kind="actie",
        text="Locaties inventariseren: 1. sporthal 2. school",
        owner="Voorzitter en secretaris",
        page=2,
        due="2022-04-21",
        due_text="voor 21 april",
        status="open",
        status_text="loopt",
        code="A-21",
        owners=["voorzitter", "secretaris"],
        owner_redacted=False,
        commitment=True,
        list_items=["sporthal", "school"],
        boxes=[(2, 10.0, 20.0, 300.0, 32.0)],
    )


def test_every_record_carries_exactly_the_listed_keys() -> None:
    records = [r for m in corpus() for r in entry_records(m)]
    april = meeting_april()
    records += [item_record(april, april.items[-1]), page_record(letter(), 1, "Geachte")]
    for record in records:
        assert tuple(record) == RECORD_KEYS
        json.dumps(record)
    for doc in (d for m in corpus() for d in meeting_documents(m)):
        assert tuple(json.loads(doc["record"])) == RECORD_KEYS


def test_the_readers_fields_reach_the_record_but_not_the_word_boxes() -> None:
    meeting = meeting_april()
    item = meeting.items[1]
    item.fields, item.kind = {"portefeuillehouder": "burgemeester"}, "action_list"
    item.entries[2] = full_entry()
    meeting.date_guessed = True
    record = entry_records(meeting)[3]
    assert record["id"] == f"{meeting.sha256}:2:2"
    assert record["code"] == "A-21" and record["status"] == "open"
    assert (record["due_date"], record["due_text"]) == ("2022-04-21", "voor 21 april")
    assert record["owners"] == ["voorzitter", "secretaris"] and record["commitment"] is True
    assert record["list_items"] == ["sporthal", "school"] and record["owner_redacted"] is False
    assert record["item_fields"] == {"portefeuillehouder": "burgemeester"}
    assert record["item_kind"] == "action_list"
    assert record["meeting_date_guessed"] is True
    assert "boxes" not in record
    # The item's own mentions, beside the entry's.
    assert record["item_entities"]["places"] == [
        {"text": "Ter Apel", "value": "Ter Apel", "municipality": "Westerwolde"}
    ]
    assert set(record["item_entities"]) == set(ENTITY_KEYS)
    assert record["places"] == []  # this entry mentions none itself


def test_records_follow_the_json_contract() -> None:
    record = next(r for r in entry_records(meeting_april()) if r["owner"] == "DPG")
    assert record["meeting_date"] == "2022-04-07"
    assert record["ocr"] is True
    assert record["dates"] == [{"text": "21 april 2022", "value": "2022-04-21"}]


def test_documents_hold_only_contract_fields_and_no_empty_values() -> None:
    for doc in (d for m in corpus() for d in meeting_documents(m)):
        assert set(doc) <= set(FIELDS)
        assert all(v not in ("", ()) for k, v in doc.items() if k not in ("id", "record"))


def test_facet_keys_in_documents() -> None:
    docs = {d["id"]: d for d in meeting_documents(meeting_april())}
    knelpunt = docs[f"{sha('april')}:2:0"]
    assert knelpunt["municipality_key"] == ("westerwolde",)
    assert knelpunt["place_key"] == ("ter apel",)
    actie = docs[f"{sha('april')}:2:2"]
    assert "dpg" in actie["owner_key"]
    assert actie["owner_role"] == ("directeur publieke gezondheid",)
    assert "2022-04-21" in actie["day"] and "2022-04-07" in actie["day"]
    assert (actie["year"], actie["body"], actie["ocr"]) == ("2022", "veiligheidsberaad", "yes")
    review = docs[f"{sha('april')}:3:0"]
    assert review["review"] == "yes"


def test_status_and_code_are_indexed_fields() -> None:
    meeting = meeting_june()
    meeting.items[0].entries[1] = full_entry()
    doc = [d for d in meeting_documents(meeting) if d["kind"] == "actie"][0]
    assert (doc["status"], doc["code"]) == ("open", "a-21")
    assert doc["owner_role"] == ("secretaris", "voorzitter")
    other = [d for d in meeting_documents(meeting) if d["kind"] == "knelpunt"][0]
    assert "status" not in other and "code" not in other


def test_a_meeting_without_pages_still_has_a_document() -> None:
    empty = letter()
    empty.pages = []
    (doc,) = meeting_documents(empty)
    assert doc["doc_type"] == "page" and json.loads(doc["record"])["page"] == 1


def test_dates_cover_days_months_and_ranges() -> None:
    assert span_of("2022-04") == (span_of("2022-04-01")[0], span_of("2022-04-30")[0])
    assert span_of("2022-02-30") is None
    assert span_of("morgen") is None
    assert days_of(["2022-04-29..2022-05-02"]) == {
        "2022-04-29",
        "2022-04-30",
        "2022-05-01",
        "2022-05-02",
    }
    assert len(days_of(["2020..2023"])) == 2  # too long a span: its ends only


def test_places_find_their_municipality_through_the_language_model() -> None:
    meeting = meeting_june()
    meeting.items[1].entries[0].entities["places"] = [Entity("Loppersum", "Loppersum")]
    doc = next(d for d in meeting_documents(meeting) if "Loppersum" in d["all"])
    assert doc["municipality_key"] == ("eemsdelta",)
