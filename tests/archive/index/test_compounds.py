"""Dutch compounds: a part finds the whole, the whole finds its parts, below an exact match;
hyphenated and multi-part names; and the words the splitter must leave whole."""

from __future__ import annotations

from datetime import date

import pytest

from archive.index import Archive
from archive.index.analysis import index_tokens, terms
from archive.index.compounds import NEAR, PART, read_word
from models.entities import Entity
from pipeline.records import Item, Meeting
from tests.factories import entry, ents, place, sha


def _meeting(name: str, items: list[Item], day: date = date(2023, 3, 6)) -> Meeting:
    return Meeting(
        title=f"Verslag {name}",
        body="Gemeente Hof van Twente",
        date=day,
        source=f"/archief/{name}.pdf",
        sha256=sha(name),
        page_count=1,
        items=items,
    )


def _item(nr: str, title: str, *texts: str, **entities: list[Entity]) -> Item:
    return Item(
        nr=nr,
        title=title,
        entries=[entry("note", text) for text in texts],
        entities=ents(**entities),
    )


def meetings() -> list[Meeting]:
    """Minutes where the words asked for stand whole, glued into compounds, or apart."""
    return [
        _meeting(
            "ggd",
            [
                _item(
                    "1",
                    "Jeugdgezondheidszorg",
                    "Het vaccinatieaanbod voor kinderen wordt uitgebreid naar de scholen.",
                ),
                _item("2", "Griep", "De vaccinatie van ouderen begint in oktober."),
                _item("3", "Jeugd", "Kinderen in de opvang krijgen extra begeleiding."),
                _item("4", "Zorg", "Het aanbod van vaccinatie op locatie wordt bekeken."),
                _item("5", "Aanbod", "Het aanbod wordt herzien."),
            ],
        ),
        _meeting(
            "ruimte",
            [
                _item(
                    "1",
                    "Woningbouw",
                    "Het ontwerpbestemmingsplan Markelo-Noord ligt zes weken ter inzage.",
                    places=[place("Markelo", "Hof van Twente")],
                ),
                _item("2", "Bestemmingsplan Delden", "Het bestemmingsplan wordt vastgesteld."),
                _item(
                    "3",
                    "Mobiliteit",
                    "De busverbinding Goor–Hengelo vervalt na de zomer.",
                    municipalities=[Entity("Hof van Twente", "Hof van Twente")],
                ),
                _item("4", "Opvang", "Er komt een 24/7-locatie voor dak- en thuislozen."),
                _item("5", "Locaties", "De locatie aan de Hengelosestraat sluit."),
            ],
        ),
    ]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, backend_name: str):
    with Archive(tmp_path_factory.mktemp("compounds"), backend=backend_name) as opened:
        opened.add_meetings(meetings())
        yield opened


def texts(result) -> list[str]:
    return [h.record["text"] for h in result.hits]


# --- the examples ------------------------------------------------------------------


def test_a_part_finds_the_compound_vaccinatie_kinderen(archive: Archive) -> None:
    found = texts(archive.search("vaccinatie kinderen"))
    assert "Het vaccinatieaanbod voor kinderen wordt uitgebreid naar de scholen." in found


def test_a_compound_with_a_linking_s_finds_the_longer_one(archive: Archive) -> None:
    result = archive.search("bestemmingsplan Markelo")
    assert texts(result)[:1] == [
        "Het ontwerpbestemmingsplan Markelo-Noord ligt zes weken ter inzage."
    ]
    assert "**ontwerpbestemmingsplan**" in result.hits[0].snippet.lower()


# --- parts and wholes --------------------------------------------------------------------------


def test_a_part_match_scores_below_the_word_itself(archive: Archive) -> None:
    found = texts(archive.search("aanbod"))
    exact = found.index("Het aanbod wordt herzien.")
    compound = found.index("Het vaccinatieaanbod voor kinderen wordt uitgebreid naar de scholen.")
    assert exact < compound
    # And the whole finds its parts, after the whole itself.
    whole = texts(archive.search("vaccinatieaanbod"))
    assert whole.index(
        "Het vaccinatieaanbod voor kinderen wordt uitgebreid naar de scholen."
    ) < whole.index("Het aanbod van vaccinatie op locatie wordt bekeken.")


def test_hyphenated_compounds_and_names_are_found_by_either_part(archive: Archive) -> None:
    assert "Er komt een 24/7-locatie voor dak- en thuislozen." in texts(archive.search("locatie"))
    assert texts(archive.search("24/7-locatie")) == [
        "Er komt een 24/7-locatie voor dak- en thuislozen."
    ]
    markelo = "Het ontwerpbestemmingsplan Markelo-Noord ligt zes weken ter inzage."
    assert markelo in texts(archive.search("Markelo"))
    bus = "De busverbinding Goor–Hengelo vervalt na de zomer."  # an en dash
    assert bus in texts(archive.search("Goor"))
    assert bus in texts(archive.search("Hengelo"))


def test_hof_van_twente_stays_one_municipality(archive: Archive) -> None:
    counts = archive.facets(names=["municipality"])["municipality"]
    assert counts == {"hof van twente": 2}
    found = texts(archive.search('gemeente:"Hof van Twente"'))
    assert "Het ontwerpbestemmingsplan Markelo-Noord ligt zes weken ter inzage." in found
    assert "De busverbinding Goor–Hengelo vervalt na de zomer." in found


def test_exact_search_keeps_compounds_but_no_near_spellings(archive: Archive) -> None:
    found = texts(archive.search("vaccinatie kinderen", fuzzy=False))
    assert "Het vaccinatieaanbod voor kinderen wordt uitgebreid naar de scholen." in found


# --- the analysis ------------------------------------------------------------------------------


def test_compounds_split_into_known_words_with_their_linking_elements() -> None:
    assert read_word("vaccinatieaanbod").leaves == ("vaccinatie", "aanbod")
    assert read_word("bestemmingsplan").leaves == ("bestemming", "plan")
    assert read_word("ontwerpbestemmingsplan").leaves == ("ontwerp", "bestemming", "plan")
    # The run of parts that is a word itself is a part too: "bestemmingsplan" finds it.
    assert "bestemmingsplan" in read_word("ontwerpbestemmingsplan").parts
    assert read_word("veiligheidsregio").leaves == ("veiligheid", "regio")
    assert read_word("opvanglocaties").leaves == ("opvang", "locaties")  # no hyphenation point
    # Where two cuts fit, the one Dutch hyphenates wins: water-standen, not waters-tanden.
    assert read_word("waterstanden").leaves == ("water", "standen")
    # A run of parts as written too: Snowball stems "huisarts" and "huisartsen" apart.
    assert {"huisart", "huisarts"} <= set(read_word("huisartsenkring").parts)


@pytest.mark.parametrize(
    "word",
    [
        "verslag",  # not vers + lag: the word is commoner than its parts
        "overleg",  # over is a particle: a derivation
        "opvang",
        "aanbod",
        "samenwerking",
        "zorgelijk",  # -lijk is a suffix
        "burgemeester",
        "dinkelland",  # a name is never taken apart
        "haaksbergen",
        "kinderen",
    ],
)
def test_words_that_stay_whole(word: str) -> None:
    assert read_word(word).leaves == ()
    assert read_word(word).parts == ()


def test_the_index_holds_parts_and_keys_beside_the_word_at_its_place() -> None:
    got = [(t.text, t.pos, t.start, t.end) for t in index_tokens("het vaccinatieaanbod")]
    assert got == [
        ("vaccinatieaanbod", 1, 4, 20),
        (PART + "vaccinatie", 1, 4, 20),
        (PART + "aanbod", 1, 4, 20),
    ]
    # Both spellings of a linking s share a key; the query language's terms stay the words.
    with_s, without = read_word("uitvoeringsknelpunten"), read_word("uitvoeringknelpunten")
    assert with_s.key == without.key and with_s.stem != without.stem
    assert NEAR + with_s.key in [t.text for t in index_tokens("uitvoeringsknelpunten")]
    assert terms("het vaccinatieaanbod") == ["vaccinatieaanbod"]
