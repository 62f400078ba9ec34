"""The language pipeline: entity labels and values, traps, roles, batching, meeting tagging."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date

import pytest

from models.nlp import load, normalize_role, process, tag_text, tag_texts
from pipeline.records import ENTITY_KEYS, Entity, Entry, Item, Meeting
from pipeline.tagging import tag_meeting
from tests.paths import ROOT

MARCH_2022 = date(2022, 3, 24)


def mentions(text: str, ref: date | None = MARCH_2022) -> list[tuple[str, str, str]]:
    return [(m.label, m.text, m.value) for m in process(text, ref)._.mentions]


def labelled(text: str, label: str) -> list[str]:
    return [t for lab, t, _ in mentions(text) if lab == label]


# --- the pipeline ---------------------------------------------------------------------------


def test_pipeline_is_built_once_from_a_blank_dutch_model() -> None:
    nlp = load()
    assert nlp is load()
    assert nlp.lang == "nl"
    assert nlp.pipe_names == ["minutes_dates", "minutes_gazetteer", "minutes_entities"]


def test_spans_carry_values() -> None:
    doc = process("De DPG komt uiterlijk 1 mei naar Ter Apel.", MARCH_2022)
    assert [(e.label_, e.text, e._.value) for e in doc.ents] == [
        ("ROLE", "DPG", "directeur publieke gezondheid"),
        ("DATE", "uiterlijk 1 mei", "2022-05-01"),
        ("PLACE", "Ter Apel", "Ter Apel"),
    ]
    assert doc.ents[2]._.extra["municipality"] == "Westerwolde"


def test_tag_text_fills_all_six_lists() -> None:
    found = tag_text(
        "De burgemeester van Almelo, het COA en de VRT zoeken medio april plek in Delden "
        "en de Twentse gemeenten.",
        MARCH_2022,
    )
    assert list(found) == list(ENTITY_KEYS)
    as_pairs = {key: [(e.text, e.value) for e in found[key]] for key in ENTITY_KEYS}
    assert as_pairs == {
        "dates": [("medio april", "2022-04-11/2022-04-20")],
        "roles": [("burgemeester van Almelo", "burgemeester van Almelo")],
        "municipalities": [("Almelo", "Almelo")],
        "places": [("Delden", "Delden")],
        "regions": [("Twentse gemeenten", "Twente")],
        "orgs": [("COA", "COA"), ("VRT", "Veiligheidsregio Twente")],
    }
    place = found["places"][0]
    assert place.extra == {
        "municipality": "Hof van Twente",
        "gm_code": "GM1735",
        "province": "Overijssel",
    }
    assert found["roles"][0].extra["gm_code"] == "GM0141"
    assert found["dates"][0].extra["kind"] == "interval"


def test_tag_texts_batches_like_single_calls() -> None:
    texts = ["Enschede en Hengelo.", "", "De OL belt morgen.", "Geen entiteiten hier."]
    assert tag_texts(texts, MARCH_2022) == [tag_text(t, MARCH_2022) for t in texts]


def test_repeated_texts_get_equal_lists_of_their_own() -> None:
    texts = ["Projectleider Enschede", "De OL belt morgen.", "Projectleider Enschede", ""]
    found = tag_texts(texts, MARCH_2022)
    assert found == [tag_text(t, MARCH_2022) for t in texts]
    first, again = found[0], found[2]
    assert first["roles"] and first["roles"][0] is not again["roles"][0]
    again["roles"].append(Entity("x", "x"))
    again["municipalities"][0].extra["gm_code"] = "changed"
    assert found[0] == tag_text(texts[0], MARCH_2022)


# --- places and their traps -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Uitvragen best practices.", []),
        ("Best practices uit Groningen.", ["Groningen"]),
        ("Best is om eerst te overleggen.", []),
        ("Ook de gemeente Best heeft een locatie.", ["gemeente Best"]),
        ("In Best is een locatie gevonden.", ["Best"]),
        ("Jan van Putten meldt dat Putten geen plek heeft.", ["Putten"]),
        ("De buren in Putten zijn boos.", ["Putten"]),
        ("Mevrouw Van Ede (COA) licht toe.", []),
        ("In Ede en Wageningen.", ["Ede", "Wageningen"]),
        ("EDE is een afkorting.", []),
        ("Echt niet alle gemeenten doen mee.", []),
        ("De wethouder Jansen van Venlo belt.", ["Venlo"]),
        ("Wethouder De Vries van Leeuwarden belt.", ["Leeuwarden"]),
        ("Het leek erop dat Leek vol zat.", ["Leek"]),
        ("Het leek erop dat de opvang in Leek vol zat.", ["Leek"]),
        ("Zij holten heen en weer en delden de lasten.", []),
        ("Putten, Ermelo en Harderwijk doen mee.", ["Putten", "Ermelo", "Harderwijk"]),
        ("Een locatie in Hoek van Holland.", ["Hoek van Holland"]),
        ("Een tafel in de hoek van de zaal.", []),
        ("Hoek en kant zijn bekeken.", []),
        ("De heer Hoogland sluit aan.", []),
        ("Het Rode Kruis in Meerssen en Beek.", ["Meerssen", "Beek"]),
        ("De beek trad buiten haar oevers.", []),
        ("Naar verwachting moet Nederland zich voorbereiden.", []),
    ],
)
def test_municipality_and_place_traps(text: str, expected: list[str]) -> None:
    found = [t for lab, t, _ in mentions(text) if lab in ("MUNICIPALITY", "PLACE")]
    assert found == expected


def test_values_of_municipalities_and_places() -> None:
    found = tag_text("Den Haag, Hengelo, Dongeradeel en Ter Apel.")
    assert [(e.text, e.value) for e in found["municipalities"]] == [
        ("Den Haag", "'s-Gravenhage"),
        ("Hengelo", "Hengelo (O.)"),
        ("Dongeradeel", "Noardeast-Fryslân"),
    ]
    assert found["municipalities"][2].extra["former"] == "Dongeradeel"
    assert found["places"][0].extra["municipality"] == "Westerwolde"


def test_municipality_adjectives() -> None:
    found = tag_text("De Almelose wethouder en de Haagse scholen.")
    assert [(e.text, e.value) for e in found["municipalities"]] == [
        ("Almelose", "Almelo"),
        ("Haagse", "'s-Gravenhage"),
    ]


def test_regions() -> None:
    assert mentions("De provincie Groningen en Groningen.") == [
        ("REGION", "provincie Groningen", "Groningen"),
        ("MUNICIPALITY", "Groningen", "Groningen"),
    ]
    assert labelled("Er is 24/7 een Twents telefoonteam.", "REGION") == ["Twents"]
    assert labelled("De GGD Groningen meldt dit.", "REGION") == ["Groningen"]
    assert mentions("Ook Friesland en Fryslân.") == [
        ("REGION", "Friesland", "Fryslân"),
        ("REGION", "Fryslân", "Fryslân"),
    ]


# --- roles and organisations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "value"),
    [
        ("De projectleider Oekraïne belt.", "projectleider Oekraïne", "projectleider Oekraïne"),
        ("Voorzitter is terughoudend.", "Voorzitter", "voorzitter"),
        ("De burgemeester van Almelo belt.", "burgemeester van Almelo", "burgemeester van Almelo"),
        ("burgemeester Hof van Twente", "burgemeester Hof van Twente",
         "burgemeester van Hof van Twente"),
        ("De DPG belt.", "DPG", "directeur publieke gezondheid"),
        ("De OL schaalt op.", "OL", "operationeel leider"),
        ("De voorzitter van het VB.", "voorzitter van het VB", "voorzitter Veiligheidsberaad"),
        ("De gemeentesecretarissen komen bijeen.", "gemeentesecretarissen", "gemeentesecretaris"),
        ("De commissaris van de Koning in Groningen.", "commissaris van de Koning in Groningen",
         "commissaris van de Koning in Groningen"),
        ("De wethouder Jansen belt.", "wethouder", "wethouder"),
    ],
)  # fmt: skip
def test_roles(text: str, role: str, value: str) -> None:
    roles = [(t, v) for lab, t, v in mentions(text) if lab == "ROLE"]
    assert roles == [(role, value)]


def test_role_tied_to_a_municipality_carries_it() -> None:
    found = tag_text("De burgemeester Hof van Twente belt.")
    (role,) = found["roles"]
    assert role.extra == {
        "municipality": "Hof van Twente",
        "gm_code": "GM1735",
        "province": "Overijssel",
    }
    assert [e.value for e in found["municipalities"]] == ["Hof van Twente"]


def test_cdk_and_rijksheer() -> None:
    assert mentions("De CdK (rijksheer) en het COA uitnodigen.") == [
        ("ROLE", "CdK", "commissaris van de Koning"),
        ("ROLE", "rijksheer", "commissaris van de Koning"),
        ("ORG", "COA", "COA"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Projectleider Oekraïne", "projectleider Oekraïne"),
        ("DPG", "directeur publieke gezondheid"),
        ("CdK", "commissaris van de Koning"),
        ("rijksheer", "commissaris van de Koning"),
        ("OL", "operationeel leider"),
        ("  Gemeentesecretarissen ", "gemeentesecretaris"),
        ("Burgemeester van Almelo", "burgemeester van Almelo"),
        ("Jan  Jansen", "Jan Jansen"),  # no known role: the text, tidied
    ],
)
def test_normalize_role(text: str, value: str) -> None:
    assert normalize_role(text) == value


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Op de agenda van het VB.", [("VB", "Veiligheidsberaad")]),
        ("Het Veiligheidsberaad en de VRT.", [("Veiligheidsberaad", "Veiligheidsberaad"),
                                             ("VRT", "Veiligheidsregio Twente")]),
        ("Zie vb. de bijlage.", []),
        ("Het ministerie van JenV en de IND.", [
            ("ministerie van JenV", "ministerie van Justitie en Veiligheid"), ("IND", "IND")]),
        ("De waterschappen en Rijkswaterstaat.", [("waterschappen", "waterschap"),
                                                   ("Rijkswaterstaat", "Rijkswaterstaat")]),
        ("Het agendapunt Financiën.", []),
        ("Het waterschap Hunze en Aa's en Vechtstromen.", [
            ("waterschap Hunze en Aa's", "Waterschap Hunze en Aa's"),
            ("Vechtstromen", "Waterschap Vechtstromen")]),
    ],
)  # fmt: skip
def test_organisations(text: str, orgs: list[tuple[str, str]]) -> None:
    assert [(e.text, e.value) for e in tag_text(text)["orgs"]] == orgs


# --- tagging a meeting -----------------------------------------------------------------------


def meeting(day: date | None) -> Meeting:
    item = Item(
        nr="2.2",
        title="Stand van zaken opvang vluchtelingen Twente",
        toelichting="Er is 24/7 een Twents telefoonteam in de lucht.",
        entries=[
            Entry(kind="knelpunt", text="Twente voldoet niet aan de opdracht voor 25 maart."),
            Entry(
                kind="actie",
                text="Uiterlijk 1 mei een overzicht van plekken in Ter Apel aanleveren.",
                owner="Projectleider Oekraïne",
            ),
            Entry(kind="actie", text="Medio april de locatie openen.", owner="Jan Jansen"),
            Entry(kind="actie", text="Brief sturen voor 1 juni.", owner="DPG", due="2022-06-15"),
        ],
    )
    return Meeting(
        title="Bestuurlijk Afstemmingsoverleg",
        body="BAO",
        date=day,
        source="bao.pdf",
        sha256="x",
        page_count=1,
        items=[item],
    )


def test_tag_meeting_fills_entries_items_and_due_dates() -> None:
    m = tag_meeting(meeting(MARCH_2022))
    item = m.items[0]
    assert [e.value for e in item.entities["regions"]] == ["Twente", "Twente"]
    knelpunt, first, second, third = item.entries
    assert [e.value for e in knelpunt.entities["dates"]] == ["2022-03-25"]
    assert knelpunt.due == ""  # only actions get a due date
    assert first.due == "2022-05-01"
    assert [e.value for e in first.entities["places"]] == ["Ter Apel"]
    (owner,) = first.entities["roles"]
    assert (owner.value, owner.extra["source"]) == ("projectleider Oekraïne", "owner")
    assert second.due == "2022-04-20"  # an interval's end
    (unknown,) = second.entities["roles"]
    assert (unknown.value, unknown.extra["known"]) == ("Jan Jansen", "false")
    assert third.due == "2022-06-15"  # a due date from the table stays
    assert third.entities["roles"][0].value == "directeur publieke gezondheid"
    # texts stay as written
    assert first.text == "Uiterlijk 1 mei een overzicht van plekken in Ter Apel aanleveren."
    assert first.owner == "Projectleider Oekraïne"


def test_an_action_due_by_the_clock_is_due_on_the_meeting_day() -> None:
    def entries(day: date | None) -> list[Entry]:
        m = meeting(day)
        m.items[0].entries = [
            Entry(kind="actie", text="Het persbericht uiterlijk 16.00 uur versturen.", owner="DPG"),
            Entry(kind="actie", text="Vrijdag 1 april om 10:30 uur de locatie openen.", owner="A"),
            Entry(kind="actie", text="De lijst met 16.00 aanmeldingen delen.", owner="DPG"),
            Entry(kind="actie", text="Elke ochtend om 07.00 uur een prognose leveren.", owner="B"),
        ]
        return tag_meeting(m).items[0].entries

    clock, dated, number, routine = entries(MARCH_2022)
    assert clock.due == MARCH_2022.isoformat()
    assert dated.due == "2022-04-01"  # a date beats the clock
    assert number.due == ""  # a number is no time
    assert routine.due == ""  # a daily time is no deadline
    assert entries(None)[0].due == ""  # no meeting day, no day to give


def test_tag_meeting_without_date_invents_no_year() -> None:
    m = tag_meeting(meeting(None))
    first = m.items[0].entries[1]
    assert [e.value for e in first.entities["dates"]] == ["--05-01"]
    assert first.due == ""


def test_tagging_survives_a_round_trip_through_json() -> None:
    m = tag_meeting(meeting(MARCH_2022))
    again = Meeting.from_dict(m.to_dict())
    assert again.items[0].entries[1].entities == m.items[0].entries[1].entities


# --- the gold set -----------------------------------------------------------------------------


def _evaluation():
    spec = importlib.util.spec_from_file_location(
        "eval_entities", ROOT / "benchmarks/eval_entities.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_entities", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_gold_set_is_big_enough_and_well_formed() -> None:
    ev = _evaluation()
    gold = ev.load_gold()
    assert sum(len(r["entities"]) for r in gold) >= 200
    for record in gold:
        for e in record["entities"]:
            assert e["text"] in record["text"], (record["id"], e)
            assert e["label"] in ev.LABELS


def test_precision_recall_and_normalization_on_the_gold_set() -> None:
    ev = _evaluation()
    scores = ev.evaluate(ev.load_gold())
    # targets: P >= 0.95, R >= 0.92, dates exactly normalized >= 95%; asserted with a margin
    for group in (("DATE",), ("MUNICIPALITY", "PLACE"), ("ROLE",)):
        p, r, _ = scores.prf(group)
        assert p >= 0.96, (group, p)
        assert r >= 0.93, (group, r)
    assert scores.value_share("DATE") >= 0.96
