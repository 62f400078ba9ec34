"""The query language: fields in Dutch and English, facets, dates, and helpful errors."""

from __future__ import annotations

from datetime import date

import pytest
from whoosh import query as wq

from archive.query import (
    Filters,
    QuerySyntaxError,
    fuzzy_variant,
    kind_of,
    parse_date_spec,
    parse_query,
    word_spans,
)


def terms(q: wq.Query) -> set[tuple[str, str]]:
    return {(f, t if isinstance(t, str) else t.decode()) for f, t in q.iter_all_terms()}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kind:besluit", "besluit"),
        ("soort:B", "besluit"),
        ("type:knelpunten", "knelpunt"),
        ("soort:actie", "actie"),
        ("kind:action", "actie"),
        ("soort:notitie", "note"),
    ],
)
def test_kind_field_in_dutch_and_english(text: str, kind: str) -> None:
    assert parse_query(text) == wq.Term("kind", kind)


def test_words_are_analyzed_dutch_with_accents_folded() -> None:
    assert ("all", "oekrain") in terms(parse_query("Oekraïne"))
    assert ("all", "oekrain") in terms(parse_query("Oekraine"))
    assert ("all", "besluit") in terms(parse_query("besluiten"))


def test_phrase_prefix_and_boolean_operators() -> None:
    assert isinstance(parse_query('"Ter Apel"'), wq.Phrase)
    assert isinstance(parse_query("oekra*"), wq.Prefix)
    assert isinstance(parse_query("opvang OR noodopvang"), wq.Or)
    assert "NOT" in str(parse_query("opvang NOT kind:note"))
    assert str(parse_query("opvang NIET soort:note")) == str(parse_query("opvang NOT kind:note"))
    assert str(parse_query("a1 OF b1")) == str(parse_query("a1 OR b1"))
    assert isinstance(parse_query("*"), wq.Every)


def test_dutch_hyphens_and_apostrophes_are_words_not_operators() -> None:
    assert "NOT" not in str(parse_query("'s-Hertogenbosch GGD-regio"))


def test_owner_matches_key_and_normalized_role() -> None:
    from tests.factories import FAKE_NLP

    from archive import analysis

    analysis.set_language_model(FAKE_NLP)
    try:
        q = parse_query("eigenaar:DPG")
        assert ("owner_key", "dpg") in terms(q)
        assert ("owner_key", "directeur publieke gezondheid") in terms(q)
        assert terms(parse_query("owner:DPG")) == terms(q)
    finally:
        analysis.set_language_model(None)


def test_municipality_includes_its_places() -> None:
    from tests.factories import FAKE_NLP

    from archive import analysis

    analysis.set_language_model(FAKE_NLP)
    try:
        q = parse_query("gemeente:Westerwolde")
        assert ("municipality_key", "westerwolde") in terms(q)
        assert ("place_key", "ter apel") in terms(q)
        assert ("place_key", "ter apel") in terms(parse_query('gemeente:"Ter Apel"'))
    finally:
        analysis.set_language_model(None)


def test_facets_work_without_a_language_model() -> None:
    q = parse_query("owner:DPG")
    assert ("owner_key", "dpg") in terms(q)


def test_item_numbers_and_titles() -> None:
    item = parse_query("item:2")
    assert wq.Term("item_nr", "2") in item.children()
    assert wq.Prefix("item_nr", "2.") in item.children()  # 2.1, 2.2 …
    assert isinstance(parse_query('punt:"Ter Apel"'), wq.Phrase)


@pytest.mark.parametrize(
    ("spec", "first", "last"),
    [
        ("2022-04-07", date(2022, 4, 7), date(2022, 4, 7)),
        ("2022-04", date(2022, 4, 1), date(2022, 4, 30)),
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("7-4-2022", date(2022, 4, 7), date(2022, 4, 7)),
        ("2022-04-01..2022-04-30", date(2022, 4, 1), date(2022, 4, 30)),
        ("2022-03..", date(2022, 3, 1), None),
        ("..2022-05", None, date(2022, 5, 31)),
    ],
)
def test_date_specs(spec: str, first: date | None, last: date | None) -> None:
    assert parse_date_spec(spec) == (first, last)


def test_date_field_is_a_day_range() -> None:
    assert parse_query("datum:2022-04") == wq.Term("day", "2022-04")
    spread = parse_query("datum:2022-03-31..2023-01")
    assert terms(spread) == {
        ("day", t) for t in ("2022-03-31", *(f"2022-{m:02}" for m in range(4, 13)), "2023-01")
    }


@pytest.mark.parametrize(
    ("text", "message", "suggestion"),
    [
        ('"Ter Apel', "quote", '"Ter Apel"'),
        ("(opvang", "bracket", "(opvang)"),
        ("opvang)", "bracket", "opvang"),
        ("soortt:besluit", "Unknown field", "soort:besluit"),
        ("gemeete:Westerwolde", "Unknown field", "gemeente:Westerwolde"),
        ("kind:", "no value", None),
        ("AND opvang", "start", "opvang"),
        ("opvang OR", "end", "opvang"),
        ("kind:besluitt", "Unknown kind", "besluit"),
        ("datum:2022-13", "Not a date", None),
        ("datum:2022-05..2022-04", "ends before", "2022-04..2022-05"),
        ("   ", "empty", "*"),
    ],
)
def test_bad_syntax_gives_a_message_and_a_suggestion(
    text: str, message: str, suggestion: str | None
) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(text)
    assert message.lower() in caught.value.message.lower()
    assert caught.value.suggestion == suggestion


def test_times_and_urls_are_not_taken_for_fields() -> None:
    parse_query("10:30 overleg")


def test_fuzzy_variant_widens_words_but_not_negations() -> None:
    wide = fuzzy_variant(parse_query("Ter ApeI NOT brief"))
    text = str(wide)
    assert "apei~" in text
    assert "brief~" not in text
    assert fuzzy_variant(parse_query("kind:besluit")) is None


def test_word_spans_skip_fields_and_operators() -> None:
    text = 'Ter ApeI kind:actie OR oekra* gemeente:Westerwolde "opvang plekken"'
    assert [text[a:b] for a, b in word_spans(text)] == ["Ter", "ApeI", "opvang", "plekken"]


def test_filters() -> None:
    assert Filters().query() is None
    q = Filters(kind="B", since=date(2022, 4, 1)).query()
    assert ("kind", "besluit") in terms(q)
    # --since/--until reach the dates an entry mentions, as `datum:` does.
    assert {("day", "2022-04"), ("day", "2023")} <= terms(q)
    assert ("org_key", "coa") in terms(Filters(org="COA").query())
    assert kind_of("Besluiten") == "besluit"
