"""Entry prefixes, owners and line joining in a cell's text."""

from __future__ import annotations

import pytest

from pipeline.layout.numbers import item_number
from pipeline.records import Item, Word
from pipeline.structure.entries import is_list_line, join_lines, split_marker
from pipeline.structure.numbering import fit_numbers as _fit_numbers
from pipeline.structure.numbering import repair_number
from pipeline.structure.numbering import tidy_title as _tidy_title


def split_prefix(text: str, letters: bool = False) -> tuple[str, str, str] | None:
    """(kind, owner, text) of the marker opening `text`, or None."""
    marker = split_marker(text, letters)
    return (marker.kind, marker.owner, marker.text) if marker else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "B: Persgesprek alleen bij bijzonderheden.",
            ("besluit", "", "Persgesprek alleen bij bijzonderheden."),
        ),
        (
            "K: Financiële regelingen zijn nog niet definitief.",
            ("knelpunt", "", "Financiële regelingen zijn nog niet definitief."),
        ),
        ("Besluit: De raad stemt in.", ("besluit", "", "De raad stemt in.")),
        ("Knelpunt: te weinig plekken", ("knelpunt", "", "te weinig plekken")),
        (
            "A > Projectleider Oekraïne: landelijk aandacht vragen",
            ("actie", "Projectleider Oekraïne", "landelijk aandacht vragen"),
        ),
        (
            "A Projectleider Oekraïne: Opdracht B agenderen",
            ("actie", "Projectleider Oekraïne", "Opdracht B agenderen"),
        ),
        ("Actie (voorzitter): brief sturen", ("actie", "voorzitter", "brief sturen")),
        (
            "Actie burgemeester van Almelo: overleg plannen",
            ("actie", "burgemeester van Almelo", "overleg plannen"),
        ),
        ("A: verslag rondsturen", ("actie", "", "verslag rondsturen")),
        ("Actie: DPG: advies opstellen", ("actie", "DPG", "advies opstellen")),
        # a first name is no month ("Jan"); a month in parentheses is no owner
        ("Actie: het overzicht aanpassen (Gert-Jan Velthuis)",
         ("actie", "Gert-Jan Velthuis", "het overzicht aanpassen")),
        ("Actie: het overzicht aanpassen (eind mei)",
         ("actie", "", "het overzicht aanpassen (eind mei)")),
    ],
)
def test_prefixes(text: str, expected: tuple[str, str, str]) -> None:
    assert split_prefix(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Alle in Twente geïnventariseerde plekken zijn nodig.",
        "A en B worden samengevoegd.",
        "Bestuurlijke urgentie uit blijven stralen.",
        "Knelpunten worden later besproken.",
        "Actieve houding van de gemeenten.",
    ],
)
def test_plain_text_is_not_an_entry_prefix(text: str) -> None:
    assert split_prefix(text) is None


def test_join_lines_keeps_lists_and_rejoins_hyphenation() -> None:
    lines = [
        "Projectleider Oekraïne neemt ons mee in de",
        "opdrachten/vragen:",
        "1. Opdracht A: Opvang vluchtelingen",
        "2. Opdracht B: Coördinatiepunt COA",
        "• Cyber",
    ]
    assert join_lines(lines) == (
        "Projectleider Oekraïne neemt ons mee in de opdrachten/vragen:\n"
        "1. Opdracht A: Opvang vluchtelingen\n2. Opdracht B: Coördinatiepunt COA\n• Cyber"
    )
    # two roles joined by their hyphen keep it
    assert join_lines(["de secretaris-", "directeur"]) == "de secretaris-directeur"
    assert join_lines(["de adjunct-", "griffier stuurt"]) == "de adjunct-griffier stuurt"
    assert join_lines(["de team-", "leider stuurt"]) == "de teamleider stuurt"
    assert join_lines(["Gemeenten lopen aan tegen uitvoering-", "knelpunten bij de BRP."]) == (
        "Gemeenten lopen aan tegen uitvoeringknelpunten bij de BRP."
    )
    assert join_lines(["de provincie Noord-", "Brabant"]) == "de provincie Noord-Brabant"
    # A name before the hyphen and no word when joined: the hyphen is the compound's own.
    assert join_lines(["Archief en Woo-", "verzoeken"]) == "Archief en Woo-verzoeken"
    assert join_lines(["de COA-", "locatie"]) == "de COA-locatie"
    assert join_lines(["De Verga-", "dering"]) == "De Vergadering"  # one word broken in two
    assert join_lines(["zorg-", "en welzijnsinstellingen"]) == "zorg- en welzijnsinstellingen"


def test_list_lines() -> None:
    assert is_list_line("1. Opdracht A")
    assert is_list_line("• Cyber")
    assert is_list_line("a) eerste punt")
    assert not is_list_line("2022 was een lastig jaar")
    assert not is_list_line("Opdracht A")
    # OCR lost the space after the dash; a word in capitals or a number after one is no item.
    assert is_list_line("-de kosten worden gedeeld")
    assert not is_list_line("-2 graden") and not is_list_line("-De")


def test_misread_letter_prefix_only_where_the_minutes_use_letters() -> None:
    assert split_prefix("A. een factsheet maken", letters=True) == (
        "actie",
        "",
        "een factsheet maken",
    )
    assert split_prefix("B, De raad stemt in.", letters=True) == (
        "besluit",
        "",
        "De raad stemt in.",
    )
    assert split_prefix("A. een factsheet maken") is None
    assert split_prefix("A. de volgende formulering vast te stellen") is None


@pytest.mark.parametrize(
    ("read", "previous", "expected"),
    [
        ("321", "3.1.3", "3.2.1"),
        ("3.11", "2", "3.1.1"),
        ("3.11", "3.10", "3.11"),
        ("10", "9", "10"),
        ("12", "11", "12"),
        ("2.10", "2.9", "2.10"),
        ("23", "2.2", "2.3"),
        ("3.21", "3.1.4", "3.2.1"),
        ("41", "3.2", "4.1"),
        # Dots all there but out of order: a misread digit, for the neighbours to settle.
        ("2.2", "2.4", "2.2"),
        ("17", "3", "17"),
    ],
)
def test_ocr_item_numbers_get_their_dots_back(read: str, previous: str, expected: str) -> None:
    assert repair_number(read, previous) == expected


def test_a_misread_digit_that_breaks_the_order_is_mended_from_the_neighbours() -> None:
    items = [Item(nr, "") for nr in ("1", "2.4", "2.2", "2.3", "2.4", "3.7", "3.2")]
    _fit_numbers(items, read={id(item) for item in items[1:]})
    # 2.4 before 2.2 can only be 2.1; 3.7 before 3.2 is 3.1. Numbers in order stay.
    assert [item.nr for item in items] == ["1", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]


def test_numbers_from_a_text_layer_are_never_mended() -> None:
    items = [Item(nr, "") for nr in ("1", "2.4", "2.2")]
    _fit_numbers(items, read=set())
    assert [item.nr for item in items] == ["1", "2.4", "2.2"]


@pytest.mark.parametrize(
    ("read", "title"),
    [
        ("‘Psychosociale hulp", "Psychosociale hulp"),
        ("Mededelingen:", "Mededelingen"),
        ("‘Samen’ werken", "‘Samen’ werken"),
        ('"Ter Apel" en verder', '"Ter Apel" en verder'),
        (". Opening en vaststellen agenda", "Opening en vaststellen agenda"),  # "I." lost
    ],
)
def test_titles_lose_punctuation_that_cannot_belong_to_them(read: str, title: str) -> None:
    assert _tidy_title(read) == title


@pytest.mark.parametrize(
    ("read", "number"),
    [
        ("2.1", "2.1"),
        ("3,2.", "3.2"),
        ("-2.2", "2.2"),
        ("… 1", "1"),
        ("“2", "2"),
        ("3-3", "3.3"),
        ("2:5", "2.5"),
        ("Î", "1"),
        ("1O", "10"),
        ("Il", None),
        ("Opening", None),
        ("13-04-2022", None),
    ],
)
def test_ocr_item_numbers_shed_specks_and_misread_dots(read: str, number: str | None) -> None:
    assert item_number(Word(read, 50, 60, 100, 110, conf=80.0)) == number


def test_text_layer_numbers_are_taken_as_written() -> None:
    assert item_number(Word("2.1", 50, 60, 100, 110)) == "2.1"
    for text in ("3-3", "-2.2", "Î"):
        assert item_number(Word(text, 50, 60, 100, 110)) is None


def entries_of(*texts: str):
    from pipeline.structure.entries import parse_entries
    from tests.pipeline.boxes import stack

    return [(e.kind, e.owner, e.text) for e in parse_entries(stack(list(texts)))]


def test_an_angle_marker_opens_an_entry_wherever_it_stands() -> None:
    found = entries_of("Een volgende detaillering wordt gedeeld voor input. <actiepunt Logius>: "
                       "verwerking van de discussiepunten.")
    assert found[-1] == ("actie", "Logius", "verwerking van de discussiepunten.")
    assert entries_of("<actiepunt>: Communicatie naar de basisregistraties.")[0][2] == (
        "Communicatie naar de basisregistraties.")


def test_owners_side_by_side_with_a_slash() -> None:
    assert entries_of("A: het hitteplan nader onderzoeken (voorzitter/staf)") == [
        ("actie", "voorzitter/staf", "het hitteplan nader onderzoeken")]
    assert entries_of("A-33 programmamanager/RIVM: de brief voorleggen")[0][:2] == (
        "actie", "programmamanager/RIVM")
    # a slash in an aside that names no one is no owner
    assert entries_of("A: de notitie aanpassen (en/of aanvullen)")[0][1] == ""


def test_an_owner_after_a_dash_or_in_the_sentence() -> None:
    assert entries_of("A: verslag rondsturen – secretaris") == [
        ("actie", "secretaris", "verslag rondsturen")]
    assert entries_of("Actie: DPG stuurt de notitie rond vóór 1 maart.")[0][:2] == ("actie", "DPG")
    # a time after the dash is no owner
    assert entries_of("A: verslag rondsturen – volgende vergadering")[0][1] == ""
    assert entries_of("A: verslag rondsturen – na overleg")[0][1] == ""


def test_a_redacted_owner_whose_colon_or_brackets_ocr_lost_is_still_the_owner() -> None:
    from pipeline.structure.entries import parse_entries
    from tests.pipeline.boxes import stack

    for text in ("A> [weggelakt] de inbreng terugkoppelen voor 16-11-2011",
                 "A: het scenario afstemmen met de gemeenten in week 47 ([weggelakt])",
                 "A-16 [weggelakt]: de inkoop van jeugdzorg verspreiden",
                 "Actie ([weggelakt]: de planning van de behandeling rondsturen"):
        [action] = parse_entries(stack([text]))
        assert (action.kind, action.owner, action.owner_redacted) == ("actie", "", True), text
        assert "weggelakt" not in action.text
    # a redacted name inside the sentence is no owner of it
    [action] = parse_entries(stack(["A: het plan bespreken met [weggelakt] en de GGD"]))
    assert not action.owner_redacted


def test_lists_under_a_decision_are_its_points_and_under_acties_voor_each_an_action() -> None:
    from pipeline.structure.entries import parse_entries
    from tests.pipeline.boxes import stack

    [decision] = parse_entries(stack(["Besluit: het bestuur stemt in met:",
                                      "- de begroting 2025;", "- de jaarrekening 2024."]))
    assert decision.kind == "besluit"
    assert decision.list_items == ["de begroting 2025;", "de jaarrekening 2024."]
    # After a decision said in full, a list led by another sentence gives its reasons.
    [decision] = parse_entries(stack(["Besluit: de lijst wordt uitgebreid met een status. "
                                      "Argumenten hiervoor zijn:", "- nuttig bij bijhouding;",
                                      "- steun bij de kwaliteitscontrole."]))
    assert decision.kind == "besluit" and decision.list_items == []
    assert decision.text.endswith("- steun bij de kwaliteitscontrole.")
    [decision] = parse_entries(stack(["Besluit: het verslag is akkoord. Het bestuur stemt "
                                      "verder in met:", "- de status op te nemen;",
                                      "- de keten aan te passen."]))
    assert decision.list_items == ["de status op te nemen;", "de keten aan te passen."]
    actions = parse_entries(stack(["Acties voor de werkgroep:", "- notitie schrijven",
                                   "- voorbeelden verzamelen"]))
    assert [(e.kind, e.owner, e.text) for e in actions] == [
        ("actie", "de werkgroep", "notitie schrijven"),
        ("actie", "de werkgroep", "voorbeelden verzamelen")]


def test_a_marker_alone_on_its_line_marks_the_paragraph_under_it() -> None:
    # "Conclusie:" in a box of its own, the agreed text a paragraph below it.
    found = entries_of("Heddo pleit voor een extra status.", "", "Conclusie:", "",
                       "Voorstel is om de lijst uit te breiden.", "", "Sjors vult aan.")
    assert found == [("note", "", "Heddo pleit voor een extra status."),
                     ("besluit", "", "Voorstel is om de lijst uit te breiden."),
                     ("note", "", "Sjors vult aan.")]
    [action] = entries_of("Actie Geonovum:", "", "de voorbeelden verzamelen.")
    assert action == ("actie", "Geonovum", "de voorbeelden verzamelen.")


def test_a_decision_that_goes_on_to_set_an_action_is_split_there() -> None:
    found = entries_of("Conclusie: voor nu is er voldoende opgehaald. Geonovum werkt dit verder "
                       "uit en zoekt afstemming met KING.")
    assert found == [("besluit", "", "voor nu is er voldoende opgehaald."),
                     ("actie", "Geonovum",
                      "Geonovum werkt dit verder uit en zoekt afstemming met KING.")]
    # a decision whose later sentence only explains stays whole
    [decision] = entries_of("Besluit: het bestuur stemt in. De kosten zijn gedekt.")
    assert decision[0] == "besluit" and decision[2].endswith("gedekt.")
    # where the minutes mark their actions, what a decision lays down is part of it
    found = entries_of("Besluit: de wacht loopt in ploegen. De gemeente regelt verlichting.", "",
                       "Actie (teamleider): de kantine inrichten.")
    assert found == [("besluit", "", "de wacht loopt in ploegen. De gemeente regelt verlichting."),
                     ("actie", "teamleider", "de kantine inrichten.")]


def test_a_status_in_brackets_ends_its_entry() -> None:
    from pipeline.structure.entries import parse_entries
    from tests.pipeline.boxes import stack

    found = parse_entries(stack(["Actie: de verpleegkundige neemt contact op met het Rode Kruis.",
                                 "[Doorlopend]",
                                 "De verwachting is dat het aantal besmettingen zal stijgen."]))
    assert [(e.kind, e.status) for e in found] == [("actie", "ongoing"), ("note", "")]
    assert found[0].text == "de verpleegkundige neemt contact op met het Rode Kruis."



def test_a_line_far_short_of_its_column_ends_its_paragraph() -> None:
    from pipeline.structure.entries import paragraphs
    from tests.pipeline.boxes import stack

    lines = stack(["A > Adviseur: de prognose van de waterstanden nader onderzoeken en",
                   "terugkoppelen voor woensdag",
                   "In Langeveen zijn op dit moment 89 plekken beschikbaar, zegt de",
                   "gemeente."])
    assert [len(p.lines) for p in paragraphs(lines)] == [2, 2]
    # a line that runs on nearly to the column's edge goes on in the next
    lines = stack(["A > Adviseur: de prognose van de waterstanden nader onderzoeken en",
                   "terugkoppelen voor woensdag aan de gemeenten in het overleg met",
                   "Langeveen over de plekken."])
    assert [len(p.lines) for p in paragraphs(lines)] == [3]


def test_a_redacted_name_opening_a_line_after_a_short_one_opens_a_paragraph() -> None:
    # "[weggelakt]" hides a name: as good as a capital after a line that stopped short. Line
    # gaps are not weighed here, as for a scan's own text layer.
    from pipeline.structure.entries import paragraphs
    from tests.pipeline.boxes import stack

    lines = stack(["Netwerken extern en intern",
                   "[weggelakt] tijd vrij laten maken voor de contacten met de provincie",
                   "en de gemeenten."])
    assert [len(p.lines) for p in paragraphs(lines, 10.0, gaps=False)] == [1, 2]
    lines = stack(["Netwerken extern en intern",
                   "tijd vrij laten maken voor de contacten met de provincie en de",
                   "gemeenten."])
    assert [len(p.lines) for p in paragraphs(lines, 10.0, gaps=False)] == [3]



def test_a_lone_letter_whose_dash_ocr_lost_is_a_marker() -> None:
    # "A – het advies …" read as "A het advies …": no sentence opens with a lone capital A.
    found = split_marker("A het advies over mondkapjes voorbereiden (projectsecretaris)")
    assert found is not None and found.kind == "actie" and found.owner == "projectsecretaris"
    assert found.text == "het advies over mondkapjes voorbereiden"
    # Before a capital only where the minutes use letters; an initial stays a name.
    assert split_marker("K Er is onvoldoende capaciteit.", letters=True).kind == "knelpunt"
    assert split_marker("K Er is onvoldoende capaciteit.") is None
    assert split_marker("A Jansen neemt contact op met de GGD.", letters=True) is None
    assert split_marker("A en B worden samengevoegd.", letters=True) is None


def test_a_letter_with_its_dash_glued_on_is_a_marker_and_a_hyphenated_letter_a_word() -> None:
    # OCR reads "K - De kernboodschap …" as "K- De kernboodschap …".
    found = split_marker("K- De kernboodschap loopt vertraging op.")
    assert found is not None and found.kind == "knelpunt"
    assert found.text == "De kernboodschap loopt vertraging op."
    assert split_marker("A- en B-wegen worden gescheiden.") is None
    assert split_marker("A-status voor de locatie.") is None
    assert split_marker("A: met de huisartsenkring afspraken maken.").kind == "actie"


def test_narrative_minutes_that_mark_with_letters_read_a_lost_dash_before_a_capital() -> None:
    from pipeline.structure.ledger import Ledger
    from pipeline.structure.narrative import narrative_items
    from tests.pipeline.boxes import line

    conf = 80.0
    texts = ["Notulen Stuurgroep", "Datum: 13 oktober 2015", "1: Huisvesting",
             "B - De leden gaan akkoord met het verslag.", "2: Communicatie",
             "K - Niet alle bewoners zijn bereikt.", "3: Beleid",
             "B De leden gaan akkoord met de afschaling."]
    lines = [line(t, top=40 + 20 * n, bold=t[:1].isdigit() or t.startswith("Notulen"),
                  size=12 if t[:1].isdigit() else 10, conf=conf) for n, t in enumerate(texts)]
    _, items = narrative_items(lines, Ledger(), 10.0)
    assert [(it.nr, [e.kind for e in it.entries]) for it in items] == [
        ("1", ["besluit"]), ("2", ["knelpunt"]), ("3", ["besluit"])]
    assert items[2].entries[0].text == "De leden gaan akkoord met de afschaling."


def test_list_items_whose_bullets_ocr_lost_are_the_leads_points() -> None:
    # "B-01: Afgesproken wordt:" over three bullets OCR did not read, the items set in from
    # the lead and each ending short of the cell; the last one wraps.
    from pipeline.records import Line
    from pipeline.structure.entries import parse_entries
    from tests.pipeline.boxes import words

    def lines(conf: float | None) -> list[Line]:
        rows = [(128, "B-01: Afgesproken wordt:"), (134, "De kosten worden gedeeld"),
                (134, "De communicatie loopt via de veiligheidsregio"),
                (134, "De gemeenten leveren hun gegevens aan bij het"),
                (134, "regionaal coördinatiepunt"),
                (128, "B-02: Akkoord met het programma van het werkbezoek.")]
        out = [Line(words(text, x0, 100 + 16 * n, conf=conf)) for n, (x0, text) in enumerate(rows)]
        out[3].words[-1].x1 = 360.0  # the third item fills its line: the next line goes on
        return out

    decision, second = parse_entries(lines(90.0), line_height=10.0)
    assert decision.kind == "besluit" and decision.list_items == [
        "De kosten worden gedeeld", "De communicatie loopt via de veiligheidsregio",
        "De gemeenten leveren hun gegevens aan bij het regionaal coördinatiepunt"]
    assert second.text == "Akkoord met het programma van het werkbezoek."
    # A text layer keeps its bullets: lines without one are no list.
    assert parse_entries(lines(None), line_height=10.0)[0].list_items == []


def test_a_speck_read_as_a_colon_before_the_owner_in_brackets_parts_off_no_owner() -> None:
    from pipeline.structure.entries import parse_entries
    from tests.pipeline.boxes import stack

    [action] = parse_entries(stack(["A-55: de factsheet voor gemeenten opstellen voor",
                                    "woensdag: (wethouder Hellendoorn)."]))
    assert (action.kind, action.owner) == ("actie", "wethouder Hellendoorn")
    assert action.text == "de factsheet voor gemeenten opstellen voor woensdag."
