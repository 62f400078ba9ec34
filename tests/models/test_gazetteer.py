"""The gazetteer data files: headers, contents, lookups, and agreement with official lists."""

from __future__ import annotations

import csv
import re

import pytest

from models.gazetteer import DATA_DIR, gazetteer, read_header, read_table
from models.nlp import municipality_of, places_in
from tests.paths import REFERENCE

DATA_FILES = [
    "municipalities.tsv",
    "municipality_adjectives.tsv",
    "former_municipalities.tsv",
    "places.tsv",
    "regions.tsv",
    "roles.tsv",
    "role_topics.tsv",
    "organisations.tsv",
    "homographs.txt",
]


def reference(name: str) -> list[dict[str, str]]:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"official list {name} not available")
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_names_its_source_and_reference_date(name: str) -> None:
    header = read_header(name)
    assert "Source:" in header
    assert "Reference date: 20" in header


def test_data_stays_small() -> None:
    assert sum(p.stat().st_size for p in DATA_DIR.iterdir()) < 1_000_000


def test_current_municipalities() -> None:
    rows = read_table("municipalities.tsv")
    assert len(rows) == 342
    assert len({r["gm_code"] for r in rows}) == 342
    assert len({r["province"] for r in rows}) == 12
    by_name = {r["name"]: r for r in rows}
    assert by_name["Westerwolde"]["gm_code"] == "GM1950"
    assert by_name["Hof van Twente"]["province"] == "Overijssel"
    assert by_name["Súdwest-Fryslân"]["province"] == "Fryslân"


@pytest.mark.parametrize(
    ("name", "municipality"),
    [
        ("Ter Apel", "Westerwolde"),
        ("Denekamp", "Dinkelland"),
        ("Delden", "Hof van Twente"),
        ("Zenderen", "Borne"),
        ("Westerwolde", "Westerwolde"),
        ("Hengelo", "Hengelo (O.)"),
        ("Hengelo (Gld)", "Bronckhorst"),
        ("Den Haag", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
        ("Dongeradeel", "Noardeast-Fryslân"),  # merged in 2019
        ("Haaren", "Oisterwijk"),  # split in 2021; the village went to Oisterwijk
        ("Brielle", "Voorne aan Zee"),  # merged in 2023
        ("ter apel", "Westerwolde"),
    ],
)
def test_municipality_of(name: str, municipality: str) -> None:
    assert municipality_of(name) == municipality


def test_municipality_adjectives_name_existing_municipalities() -> None:
    g = gazetteer()
    for row in read_table("municipality_adjectives.tsv"):
        assert row["municipality"] in g.municipalities, row


def test_municipality_of_unknown() -> None:
    assert municipality_of("Atlantis") is None


def test_places_in() -> None:
    places = places_in("Westerwolde")
    assert {"Ter Apel", "Sellingen", "Vlagtwedde", "Bellingwedde"} <= set(places)
    assert "Almelo" not in places
    assert {"Delden", "Goor", "Markelo", "Diepenheim"} <= set(places_in("Hof van Twente"))
    assert places_in("Atlantis") == []


def test_common_words_are_not_places() -> None:
    g = gazetteer()
    for word in ("Een", "Hoek", "Broek", "Nederland", "Noord", "Oranje", "Heide", "Heel"):
        assert municipality_of(word) is None, word
        assert word not in g.places
    # word-like names that are kept need context when tagging
    assert {"best", "putten", "holten", "delden", "dieren", "echt"} <= g.homographs


def test_ambiguous_place_names_are_left_out_unless_one_is_meant() -> None:
    g = gazetteer()
    assert "Geesteren" not in g.places  # in Tubbergen and in Berkelland
    assert g.places["Haren"].municipality == "Groningen"  # the former municipality


def test_roles_and_organisations() -> None:
    g = gazetteer()
    assert g.roles["DPG"].role == "directeur publieke gezondheid"
    assert g.roles["CdK"].role == g.roles["rijksheer"].role == "commissaris van de Koning"
    assert g.roles["OL"].role == "operationeel leider"
    assert g.orgs["VB"].value == "Veiligheidsberaad"
    assert g.orgs["VRT"].value == g.orgs["Veiligheidsregio Twente"].value
    assert g.orgs["VRT"].region == "Twente"
    # six veiligheidsregio's (Groningen, Fryslân, Drenthe, Utrecht, Zeeland, Flevoland) share
    # their province's name and are listed once, as the province
    regions = {r.name for r in g.regions.values() if r.kind == "veiligheidsregio"}
    assert len(regions) == 19
    provinces = {r.name for r in g.regions.values() if r.kind == "provincie"}
    assert len(provinces) == 12
    veiligheidsregios = {o.value for o in g.orgs.values() if o.value.startswith("Veiligheids")}
    assert len(veiligheidsregios - {"Veiligheidsberaad"}) == 25


# --- against the official lists, when ../shared/reference is there -------------------------


def test_municipalities_match_cbs() -> None:
    cbs = reference("cbs_gemeenten_2025.csv")
    ours = read_table("municipalities.tsv")
    assert {(r["GemeentecodeGM"], r["Gemeentenaam"], r["Provincienaam"]) for r in cbs} == {
        (r["gm_code"], r["name"], r["province"]) for r in ours
    }


def test_places_match_cbs_woonplaatsen() -> None:
    cbs = reference("cbs_woonplaatsen_2024_gemeente_corop.csv")
    # A plain name may stand for a place the BAG writes with a province suffix: "Haren" is the
    # former municipality in Groningen ("Haren Gn"), not the village "Haren" in Oss.
    municipalities_of: dict[str, set[str]] = {}
    for r in cbs:
        for name in {r["Woonplaats"], re.sub(r"\s+\(?[A-Za-z]+\)?$", "", r["Woonplaats"])}:
            municipalities_of.setdefault(name, set()).add(r["Gemeente"])
    rows = read_table("places.tsv")
    checked = 0
    for r in rows:
        if r["place"] in municipalities_of:
            assert r["municipality"] in municipalities_of[r["place"]], r
            checked += 1
    assert checked > 1900


def test_former_municipalities_match_history() -> None:
    history = reference("gemeenten_historie_afgeleid.csv")
    successor = {
        r["naam_rvig"]: r["opvolger_huidig_naam"] for r in history if r["opvolger_huidig_naam"]
    }
    rows = read_table("former_municipalities.tsv")
    assert rows
    for r in rows:
        if r["name"] in successor:
            assert r["successor"] == successor[r["name"]], r
        assert r["ended"] >= "2000-01-01"
