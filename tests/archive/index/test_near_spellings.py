"""Typos in the minutes: a near spelling of a query word joins the query at a lower weight, even
when exact hits exist, and the hit says it matched one."""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console

from archive.cli.render import render_search
from archive.index import Archive
from archive.index.compounds import read_word
from pipeline.records import Item, Meeting
from tests.factories import entry, sha

TYPO = "Openstenstelling van de opvanglocaties in het weekend is niet mogelijk."
LINK_TYPO = "De uitvoeringknelpunten worden geïnventariseerd."


def _meeting(name: str, texts: list[str]) -> Meeting:
    return Meeting(
        title=f"Verslag {name}",
        body="Veiligheidsregio Twente",
        date=date(2022, 5, 10),
        source=f"/archief/{name}.pdf",
        sha256=sha(name),
        page_count=1,
        items=[
            Item(nr=str(n), title="Opvang", entries=[entry("note", text)])
            for n, text in enumerate(texts, 1)
        ],
    )


def meetings() -> list[Meeting]:
    exact = [
        "De openstelling van de opvanglocaties wordt verlengd.",
        "Openstelling van twee opvanglocaties in Enschede per 1 juni.",
        "De gemeenten melden de openstelling van nieuwe opvanglocaties.",
        "Na de openstelling van de opvanglocaties volgt een evaluatie.",
    ]
    return [
        _meeting("rtv", [*exact, TYPO]),
        _meeting(
            "rbt",
            [
                LINK_TYPO,
                "De uitvoeringsknelpunten van de regeling worden besproken.",
                "Het kabinet opent een nieuwe locatie in Ter Apel.",
                "Besloten wordt het voorstel van de rapporteur aan te houden.",
                "Tolken zijn niet altijd beschikbaar bij het spreekuur.",
                "De burgemeester heet de aanwezigen welkom.",
            ],
        ),
    ]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, backend_name: str):
    with Archive(tmp_path_factory.mktemp("near"), backend=backend_name) as opened:
        opened.add_meetings(meetings())
        yield opened


def test_a_typo_in_the_minutes_is_found_although_exact_hits_exist(archive: Archive) -> None:
    result = archive.search("openstelling opvanglocaties")
    found = [h.record["text"] for h in result.hits]
    assert len(found) == 5 and found[-1] == TYPO  # exact hits first, the near spelling after
    assert not result.fuzzy  # not the retry for few hits: it joined the query itself
    typo = result.hits[-1]
    assert typo.near_spellings == ["Openstenstelling"]
    assert all(h.near_spellings == [] for h in result.hits[:-1])
    assert typo.to_dict()["near_spellings"] == ["Openstenstelling"]
    assert "**Openstenstelling**" in typo.snippet


def test_a_missing_linking_s_is_a_near_spelling_both_ways(archive: Archive) -> None:
    result = archive.search("uitvoeringsknelpunten")
    by_text = {h.record["text"]: h for h in result.hits}
    assert set(by_text) == {LINK_TYPO, "De uitvoeringsknelpunten van de regeling worden besproken."}
    assert result.hits[0].record["text"] != LINK_TYPO
    assert by_text[LINK_TYPO].near_spellings == ["uitvoeringknelpunten"]
    # Typed without the s, the query finds the right spelling too.
    other = archive.search("uitvoeringknelpunten")
    assert {h.record["text"] for h in other.hits} == set(by_text)


def test_near_spellings_stay_bounded(archive: Archive) -> None:
    # A real word is no misspelling of another ("opvang" is not near "opvanglocaties"), and
    # "--exact" searches leave near spellings out.
    assert archive.search("locatie").total == 1
    exact = archive.search("openstelling opvanglocaties", fuzzy=False)
    assert TYPO not in [h.record["text"] for h in exact.hits]
    assert read_word("openstelling").repaired is None
    assert read_word("openstenstelling").repaired == "openstelling"
    assert read_word("apei").repaired is None  # too short to guess
    assert read_word("treinen").repaired is None  # a known word is never a misspelling


def test_the_hits_of_the_fuzzy_retry_name_their_near_spellings(archive: Archive) -> None:
    result = archive.search("Ter ApeI")
    assert result.fuzzy
    assert result.hits[0].near_spellings == ["Apel"]


def test_damage_that_changes_the_stem_is_found_through_the_words_as_written(
    archive: Archive,
) -> None:
    # "houdcn" is two edits from the stem "houd" but one from the word "houden"; "Token" has
    # the stem "tok", too short to widen, but is five letters as typed.
    # "welkmo" swaps two letters of "welkom": two edits, one slip.
    for query, word in (
        ("houdcn rapporteur", "houden"),
        ("Token spreekuur", "Tolken"),
        ("welkmo aanwezigen", "welkom"),
    ):
        result = archive.search(query)
        assert result.fuzzy, query
        assert [h.near_spellings for h in result.hits] == [[word]], query


def test_the_command_line_shows_the_near_spelling(archive: Archive) -> None:
    out = io.StringIO()
    render_search(Console(file=out, width=120), archive.search("openstelling opvanglocaties"))
    assert "near spelling: Openstenstelling" in out.getvalue()
