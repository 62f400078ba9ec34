"""The query language: fields in Dutch and English, facets, dates, helpful errors, and the one
neutral tree every backend translates."""

from __future__ import annotations

from datetime import date

import pytest

from archive.index.query import (
    Filters,
    QuerySyntaxError,
    filter_tree,
    fuzzy_variant,
    kind_of,
    parse_date_spec,
    parse_query,
    status_of,
    word_spans,
)
from archive.index.query import tree as t


def terms(q: t.Node) -> set[tuple[str, str]]:
    """(field, text) of every term-like leaf of a tree."""
    out = set()
    for node in t.walk(q):
        if isinstance(node, (t.Term, t.Prefix)):
            out.add((node.field, node.text))
        elif isinstance(node, t.Phrase):
            out.update((node.field, w) for w in node.words)
    return out


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("kind:besluit", "besluit"),
        ("soort:B", "besluit"),
        ("type:knelpunten", "knelpunt"),
        ("soort:actie", "actie"),
        ("kind:action", "actie"),
        ("soort:notitie", "note"),
        ("Kind:actie", "actie"),
    ],
)
def test_kind_field_in_dutch_and_english(text: str, kind: str) -> None:
    assert parse_query(text) == t.Term("kind", kind)


def test_words_are_analyzed_dutch_with_accents_folded() -> None:
    assert parse_query("Oekraïne") == t.Term("all", "oekrain")
    assert parse_query("Oekraine") == t.Term("all", "oekrain")
    assert parse_query("besluiten") == t.Term("all", "besluit")
    # Two spellings of one word are one term: the duplicate goes.
    assert parse_query("besluiten Besluit") == t.Term("all", "besluit")


def test_phrase_prefix_and_boolean_operators() -> None:
    assert parse_query('"Ter Apel"') == t.Phrase("all", ("ter", "apel"))
    assert parse_query("oekra*") == t.Prefix("all", "oekra")
    assert parse_query("opvang OR noodopvang") == t.Or(
        (t.Term("all", "opvang"), t.Term("all", "noodopvang"))
    )
    assert parse_query("opvang NOT kind:note") == t.And(
        (t.Term("all", "opvang"), t.Not(t.Term("kind", "note")))
    )
    assert parse_query("opvang NIET soort:note") == parse_query("opvang NOT kind:note")
    assert parse_query("a1 OF b1") == parse_query("a1 OR b1")
    assert parse_query("a1 EN b1") == parse_query("a1 AND b1")
    assert parse_query("*") == t.EVERY


def test_operators_bind_as_they_always_did() -> None:
    a, b, c = (t.Term("all", w) for w in ("a1", "b1", "c1"))
    # OR binds tighter than words side by side, AND tighter than OR.
    assert parse_query("a1 b1 OR c1") == t.And((a, t.Or((b, c))))
    assert parse_query("a1 AND b1 OR c1") == t.Or((t.And((a, b)), c))
    assert parse_query("NOT a1 b1") == t.And((t.Not(a), b))
    assert parse_query("a1 ANDNOT b1") == t.AndNot(a, b)
    assert parse_query("a1 ANDMAYBE b1") == t.AndMaybe(a, b)
    assert parse_query("(a1 OR b1) c1") == t.And((t.Or((a, b)), c))


def test_boosts_fuzzy_words_wildcards_and_named_text_fields() -> None:
    assert parse_query("opvang^2") == t.Term("all", "opvang", 2.0)
    assert parse_query("(a1 b1)^3") == t.And((t.Term("all", "a1", 3.0), t.Term("all", "b1", 3.0)))
    assert parse_query("apel~") == t.Fuzzy("all", "apel", 1, 0)
    assert parse_query("apel~2/1") == t.Fuzzy("all", "apel", 2, 1)
    assert parse_query("a?c") == t.Wildcard("all", "a?c")
    assert parse_query("titel:opvang") == t.Term("meeting_title", "opvang")
    assert parse_query("Titel:opvang") == t.Term("meeting_title", "opvang")
    assert parse_query('onderwerp:"ter apel"') == t.Phrase("item_title", ("ter", "apel"))
    assert parse_query("de het") == t.NOTHING  # stop words only


def test_dutch_hyphens_and_apostrophes_are_words_not_operators() -> None:
    q = parse_query("'s-Hertogenbosch GGD-regio")
    assert not any(isinstance(n, t.Not) for n in t.walk(q))
    assert ("all", "hertogenbosch") in terms(q) and ("all", "regio") in terms(q)


def test_owner_matches_key_and_normalized_role() -> None:
    q = parse_query("eigenaar:DPG")
    assert ("owner_key", "dpg") in terms(q)
    assert ("owner_key", "directeur publieke gezondheid") in terms(q)
    assert parse_query("owner:DPG") == q


def test_municipality_includes_its_places() -> None:
    q = parse_query("gemeente:Westerwolde")
    assert ("municipality_key", "westerwolde") in terms(q)
    assert ("place_key", "ter apel") in terms(q)
    assert ("place_key", "vlagtwedde") in terms(q)
    assert ("place_key", "ter apel") in terms(parse_query('gemeente:"Ter Apel"'))


def test_item_numbers_and_titles() -> None:
    item = parse_query("item:2")
    assert isinstance(item, t.Or)
    assert t.Term("item_nr", "2") in item.children
    assert t.Prefix("item_nr", "2.") in item.children  # 2.1, 2.2 …
    assert isinstance(parse_query('punt:"Ter Apel"'), t.Phrase)


def test_status_and_code() -> None:
    assert parse_query("status:open") == t.Term("status", "open")
    assert parse_query("status:afgerond") == t.Term("status", "done")
    assert parse_query("code:B-14") == t.Term("code", "b-14")
    assert parse_query("code:A-*") == t.Prefix("code", "a-")
    assert status_of("Lopend") == "ongoing"
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("status:opn")
    assert caught.value.suggestion == "open"


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
    assert parse_query("datum:2022-04") == t.Term("day", "2022-04")
    spread = parse_query("datum:2022-03-31..2023-01")
    assert terms(spread) == {
        ("day", d) for d in ("2022-03-31", *(f"2022-{m:02}" for m in range(4, 13)), "2023-01")
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
        ("NOT NOT opvang", "NOT", None),
    ],
)
def test_bad_syntax_gives_a_message_and_a_suggestion(
    text: str, message: str, suggestion: str | None
) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(text)
    assert message.lower() in caught.value.message.lower()
    assert caught.value.suggestion == suggestion
    assert caught.value.exit_code == 2


def test_times_and_urls_are_not_taken_for_fields() -> None:
    # `10:30` and `https://…` are text: no field named `10` or `https`, no error.
    assert parse_query("10:30 overleg") == t.And(
        (t.Term("all", "10"), t.Term("all", "30"), t.Term("all", "overleg"))
    )
    url = parse_query("https://www.veiligheidsregio.nl/verslag")
    assert terms(url) == {("all", "https"), ("all", "www.veiligheidsregio.nl"), ("all", "verslag")}
    assert t.fields(url) == {"all"}


def test_fuzzy_variant_widens_words_but_not_negations() -> None:
    wide = fuzzy_variant(parse_query("Ter ApeI NOT brief"))
    assert wide is not None
    fuzzy = {n.text for n in t.walk(wide) if isinstance(n, t.Fuzzy)}
    assert fuzzy == {"apei"}  # "ter" is too short to widen; "brief" is negated
    assert t.Not(t.Term("all", "brief")) in t.walk(wide)
    assert fuzzy_variant(parse_query("kind:besluit")) is None


def test_fuzzy_variant_with_the_index_words() -> None:
    wide = fuzzy_variant(parse_query("ApeI"), lambda field, word, d: ["apel", "apen"])
    assert wide == t.Or((t.Term("all", "apei"), t.Term("all", "apel"), t.Term("all", "apen")))


def test_word_spans_skip_fields_and_operators() -> None:
    text = 'Ter ApeI kind:actie OR oekra* gemeente:Westerwolde "opvang plekken"'
    assert [text[a:b] for a, b in word_spans(text)] == ["Ter", "ApeI", "opvang", "plekken"]


def test_filters_are_plain_data_expanded_into_a_tree() -> None:
    assert filter_tree(Filters()) is None
    assert filter_tree(None) is None
    q = filter_tree(Filters(kind="B", since=date(2022, 4, 1)))
    assert ("kind", "besluit") in terms(q)
    # --since/--until reach the dates an entry mentions, as `datum:` does.
    assert {("day", "2022-04"), ("day", "2023")} <= terms(q)
    assert ("org_key", "coa") in terms(filter_tree(Filters(org="COA")))
    assert ("status", "open") in terms(filter_tree(Filters(status="open")))
    assert ("doc_type", "entry") in terms(filter_tree(Filters(entries_only=True)))
    assert kind_of("Besluiten") == "besluit"


def test_normalize_merges_drops_and_unwraps() -> None:
    a, b = t.Term("all", "a"), t.Term("all", "b")
    assert t.normalize(t.And((t.And((a, b)), a))) == t.And((a, b))
    assert t.normalize(t.Or((a, t.NOTHING))) == a
    assert t.normalize(t.And((t.NOTHING, t.NOTHING))) == t.NOTHING
    assert t.normalize(t.Or((a, t.EVERY))) == t.EVERY
    assert t.normalize(t.And((t.And((a,), 2.0),))) == t.Term("all", "a", 2.0)
    assert t.normalize(t.AndNot(t.NOTHING, b)) == t.NOTHING
    assert t.normalize(t.Wildcard("all", "ab*")) == t.Prefix("all", "ab")
