"""What a sentence says without a marker: decisions, actions with their owner, and notes."""

from __future__ import annotations

import pytest

from models.clauses import agent, read_clause, reports


@pytest.mark.parametrize(
    "sentence",
    [
        "Het college besluit de subsidie toe te kennen.",
        "Het managementteam besluit: 1. RIVM te informeren;",
        "Besloten wordt om geen crisisnoodopvang te realiseren.",
        "Het overleg stemt in met de planning.",
        "Verslag is besproken en akkoord.",
        "De begroting is vastgesteld.",
        "Het verslag wordt met een tekstuele aanpassing vastgesteld.",
        "Het verslag van de vorige keer is zonder verdere aanpassingen goedgekeurd.",
        "Het overleg neemt het advies over.",
        "De leden gaan akkoord met de inbreng.",
        "Gedeputeerde Staten besluit het plan vast te stellen.",
        "Burgemeester en wethouders besluit: 1. de kosten te dekken uit de algemene reserve;",
        "B&W besluiten de raad voor te stellen het plan vast te stellen.",
        "De huisvestingsvisie wordt door het college van B&W vastgesteld.",
        "Het verslag wordt door de Woo-coördinator goedgekeurd.",
    ],
)
def test_decisions_said_in_words(sentence: str) -> None:
    clause = read_clause(sentence)
    assert clause is not None and clause.kind == "besluit", sentence


@pytest.mark.parametrize(
    ("sentence", "owner", "commitment"),
    [
        ("De wethouder zal dit terugkoppelen aan de gemeenteraad.", "De wethouder", False),
        ("Tubbergen zal een aparte programmeringsafspraak maken.", "Tubbergen", False),
        ("Hiervoor zal de provincie een format delen.", "de provincie", False),
        ("De projectleider Oekraïne zegt toe de cijfers te delen.", "De projectleider Oekraïne",
         True),
        ("Kadaster neemt contact op met Rode Kruis over de inzet.", "Kadaster", False),
        ("[weggelakt] zegt toe de brief te sturen.", "[weggelakt]", True),
        ("De secretaris wordt gevraagd de stukken rond te sturen.", "De secretaris", False),
        ("Het opnemen van een versienummer wordt nader onderzocht door Geonovum.", "Geonovum",
         False),
        ("R. Koster zal het scenario terugkoppelen voor vrijdag.", "R. Koster", False),
        ("De adviseur watersystemen gaat het overzicht voorleggen aan het bestuur.",
         "De adviseur watersystemen", False),
        ("De DG Volksgezondheid en de directie Financieel-Economische Zaken gaan het plan "
         "onderzoeken.", "De DG Volksgezondheid en de directie Financieel-Economische Zaken",
         False),
        ("5.1.2e zal het formatieplan uitwerken.", "5.1.2e", False),
        ("Het voorstel zal door Logius worden uitgewerkt.", "Logius", False),
        ("De notitie zal door de secretaris uitgewerkt worden.", "de secretaris", False),
    ],
)  # fmt: skip
def test_actions_and_who_acts(sentence: str, owner: str, commitment: bool) -> None:
    clause = read_clause(sentence)
    assert clause is not None and clause.kind == "actie", sentence
    assert clause.owner == owner
    assert clause.commitment is commitment


@pytest.mark.parametrize(
    "sentence",
    [
        "De verwachting is dat het aantal zal stijgen.",
        "Dit zal worden besproken in het volgend overleg.",
        "De voorzitter opent het overleg en heet de aanwezigen welkom.",
        "Het besluit van de minister is nog niet bekend.",
        "De kosten zullen stijgen.",
        "Het voorstel wordt in de volgende vergadering ter besluitvorming voorgelegd.",
        "De politie en de boa's gaan langs de deuren met een brief.",
        "Het gaat om de kosten van de gemeenten.",
        "Dit punt is eerder besproken; toen is afgesproken dat de kades worden versterkt.",
        "RIVM te informeren over het formatieplan;",
        "Volgend Technisch overleg zal online gehouden worden op 10 december 2024.",
        "De eerste wijziging is al goedgekeurd.",
        "Toelichting: deze roadmap is reeds begin 2024 goedgekeurd.",
        "Twente gaat voorlopig uit van een taakstelling van 2000 plekken.",
        "De regio gaat daarom over tot het inrichten van een tweede locatie.",
        "Het college gaat met de gemeenten in op de vragen.",
        "Middels de wijzigingen zullen we hier doorheen lopen (op het scherm gedeeld):",
        "Hierna zullen wij de voorstellen een voor een bespreken:",
    ],
)
def test_explanations_stay_notes(sentence: str) -> None:
    assert read_clause(sentence) is None, sentence


def test_agents_are_someone_who_can_act() -> None:
    assert agent(["de", "verkenner"]) and agent(["woningcorporatie", "Welbions"])
    assert agent(["Peter"]) and agent(["VNG"]) and agent(["we"])
    assert not agent(["de", "planning"]) and not agent(["het", "aantal"])
    assert not agent(["Hiervoor"])
    assert not agent(["na", "overleg"]) and not agent(["in", "de", "vergadering"])
    # The one who acts is named before a preposition: a thing for the municipalities is no one.
    assert not agent(["de", "factsheet", "voor", "gemeenten"])
    assert agent(["de", "coördinator", "voor", "de", "opvang"])


def test_reporting_sentences_are_told_apart() -> None:
    assert reports("De burgemeester merkt op dat de huisartsen de druk als hoog ervaren.")
    assert reports("Ter kennisname")
    # ... also as a worn copy reads it: a speck after "Ter", or "Ter" lost.
    assert reports("Ter. informatie") and reports("kennisname")
    assert not reports("Vaststelling van de begroting wordt vastgesteld.")
    assert reports("De leden nemen kennis van de voorjaarsnota.")
    assert not reports("Aanhouden tot de volgende procedurevergadering.")
    # Forecasts, open questions, explanations and the next meeting's date report too.
    assert reports("Of het aantal vacatures verder zal toenemen, is nog onduidelijk.")
    assert reports("Het tekort op de jeugdzorg zal volgens de prognose licht dalen.")
    assert reports("Het aantal aanvragen zal de komende weken stijgen.")
    assert reports("De wethouder geeft een toelichting op de ontwerpbegroting.")
    assert reports("Het volgend overleg is op woensdag 12 juni.")
    assert not reports("Het budget voor de ontwerpbegroting wordt verhoogd met € 330.000.")
    assert not reports("De volgende vergadering wordt verplaatst naar 3 mei.")
