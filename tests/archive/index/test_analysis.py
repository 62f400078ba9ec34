"""The Dutch analysis as plain Python, and the snippets made with it."""

from __future__ import annotations

from archive.index.analysis import (
    facet_key,
    fold,
    index_tokens,
    index_words,
    key_words,
    spelling_words,
    split_owners,
    term,
    terms,
    tokens,
)
from archive.index.snippets import MARK, mark, snippet
from tests.factories import corpus


def test_words_are_folded_and_stemmed_and_stop_words_go() -> None:
    assert terms("De besluiten over Oekraïne") == ["besluit", "oekrain"]
    assert terms("Oekraine") == terms("Oekraïne")
    assert terms("GGD-regio 2.1 a.s.") == ["ggd", "regio", "2.1", "a.s"]
    assert terms("de het een") == []


def test_positions_count_the_kept_words_from_the_first_one() -> None:
    # "de" is dropped; "raad" keeps its place in the text, the words after it follow on.
    assert [(t.text, t.pos) for t in tokens("de raad en de burgemeester besluiten")] == [
        ("rad", 1),  # Snowball: raad → rad
        ("burgemeester", 2),
        ("besluit", 3),
    ]
    kept = list(tokens("de raad", keep_stops=True))
    assert [(t.text, t.stopped, t.start, t.end) for t in kept] == [
        ("de", True, 0, 2),
        ("rad", False, 3, 7),
    ]


def test_one_term_for_prefixes_and_fuzzy_words() -> None:
    assert term("Besluiten") == "besluit"
    assert term("de") == "de"  # a stop word stays as it is


def test_keys_and_owners() -> None:
    assert fold("Súdwest-Fryslân") == "sudwest-fryslan"
    assert facet_key("  Burgemeester,  van Almelo ") == "burgemeester van almelo"
    assert key_words("Burgemeester van Dinkelland") == ["burgemeester", "dinkelland"]
    assert split_owners("DPG / GGD en gemeente") == ["DPG", "GGD", "gemeente"]
    assert spelling_words("Ter Apel 2022 COA-locatie") == ["ter", "apel", "coa", "locatie"]


def test_short_texts_are_marked_whole() -> None:
    text = "Het aanmeldcentrum in Ter Apel zit vol."
    assert mark(text, frozenset({"ter", "apel"})) == (
        f"Het aanmeldcentrum in {MARK}Ter{MARK} {MARK}Apel{MARK} zit vol."
    )
    assert mark(text, frozenset({"coa"})) == ""


def test_long_texts_are_cut_around_the_matches() -> None:
    filler = "Het overleg bespreekt de stand van zaken in de regio. " * 12
    text = filler + "Het COA zoekt plekken in Ter Apel. " + filler
    marked = mark(text, frozenset({"coa"}))
    assert f"{MARK}COA{MARK}" in marked and len(marked) < 260


def test_a_match_in_the_toelichting_is_shown_after_the_text() -> None:
    record = {"text": "Besluit genomen.", "toelichting": "De GGD meldt een daling."}
    assert snippet(record, frozenset({"ggd"})) == (
        f"Besluit genomen. · Toelichting: De {MARK}GGD{MARK} meldt een daling."
    )
    assert snippet(record, frozenset()) == "Besluit genomen."


def _as_tokens(text: str) -> list[tuple[str, int]]:
    """:func:`index_words` as (term, position) pairs, in :func:`index_tokens`'s order."""
    first, words = index_words(text)
    return [
        (name, pos) for pos, (word, extras) in enumerate(words, first) for name in (word, *extras)
    ]


def test_the_cached_index_analysis_reads_every_text_as_index_tokens_does() -> None:
    # The index writers read text through index_words (each word and line analysed once);
    # the terms and positions must be index_tokens's, line breaks and stop-word lines included.
    texts = [
        "De burgemeester van 's-Hertogenbosch en de GGD-regio besluiten 2.1 a.s.",
        "vaccinatieaanbod openstenstelling uitvoeringsknelpunten Huisartsen",
        "de het een\nDe opvang\n\nvan de gemeente Súdwest-Fryslân",
        "en\n\nde",
        "",
    ]
    for meeting in corpus():
        for item in meeting.items:
            texts += [item.title, item.toelichting, *(e.text for e in item.entries)]
            texts.append("\n".join([item.title, item.title, item.toelichting, meeting.title]))
    for text in texts:
        expect = [(t.text, t.pos) for t in index_tokens(text)]
        assert _as_tokens(text) == expect, text
        # Read a second time from the caches: the same.
        assert _as_tokens(text) == expect, text
