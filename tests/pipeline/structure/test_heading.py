"""The meeting's heading: title, body and date from the lines above the first item."""

from __future__ import annotations

from pipeline.records import Line
from pipeline.structure.heading import read_heading
from tests.pipeline.boxes import line, words


def test_a_year_wrapped_off_a_bold_title_stays_on_it() -> None:
    # A line of digits alone has no letter to be bold by; its words are set bold all the same.
    heading = [
        line("GGD Twente", top=40, size=14, bold=True),
        line("Verslag van de vergadering van maandag 14 december", top=100, size=16, bold=True),
        Line(words("2009", top=118, size=16, bold=True)),
    ]
    facts = read_heading(heading, [], heading)
    assert facts.title == "Verslag van de vergadering van maandag 14 december 2009"


def test_a_scanned_title_wraps_onto_a_line_ocr_measured_a_little_larger() -> None:
    # OCR sizes a line by its own ink: 15.6 and 16.3 pt for one 16 pt title.
    heading = [
        line("Actiepunten Burgemeester en Wethouders d.d. 12", top=111, size=15.6, bold=True,
             conf=96.0),
        line("december 2011", top=129.4, size=16.3, bold=True, conf=96.0),
        line("Definitief", top=151, size=12.8, conf=96.0),
    ]
    facts = read_heading(heading, [], heading)
    assert facts.title == "Actiepunten Burgemeester en Wethouders d.d. 12 december 2011"
    assert str(facts.date) == "2011-12-12"
    # A year wrapped off alone: too few strokes for OCR to see it bold.
    heading = [
        line("Actiepunten van de vergadering van 20 november", top=108.8, size=14.6,
             bold=True, conf=96.0),
        line("2017", top=125.7, size=15.0, conf=96.0),
        line("Versie 1.0", top=146, size=10.4, conf=96.0),
    ]
    facts = read_heading(heading, [], heading)
    assert str(facts.date) == "2017-11-20" and not facts.date_guessed


def test_the_letterhead_names_the_body_whatever_word_starts_it() -> None:
    heading = [
        line("Beleidsteam Hoogwater Zwolle", top=40, size=13, bold=True),
        line("Besluitenlijst van de vergadering van maandag 25 maart 2013", top=80, size=15,
             bold=True),
        line("Kenmerk en datum: 01-04-2013", top=110),
        line("Notulist: Marieke Vos", top=124),
    ]
    facts = read_heading(heading, [], heading)
    assert facts.body == "Beleidsteam Hoogwater Zwolle"


def test_a_body_line_ends_at_a_dash_also_where_ocr_read_it_as_a_hyphen() -> None:
    for dash in ("–", "-"):
        heading = [
            line(f"Ministerie van Justitie en Veiligheid {dash} 25 december 2017", top=40),
            line("Verslag van het Veiligheidsberaad", top=80, size=15, bold=True),
        ]
        assert read_heading(heading, [], heading).body == "Ministerie van Justitie en Veiligheid"


def test_a_title_that_names_no_body_gives_none() -> None:
    heading = [
        line("Verslag van de vergadering van vrijdag 24 april 2009", top=80, size=15, bold=True),
        line("Datum: 24-04-2009", top=110),
    ]
    assert read_heading(heading, [], heading).body == ""


def test_a_bold_margin_label_is_no_letterhead() -> None:
    heading = [
        line("Contactpersoon", x0=460, top=40, size=8, bold=True),
        line("Peter Haasnoot (vz.)", x0=460, top=50, size=8),
        line("Verslag Technisch Overleg Digikoppeling", x0=160, top=80, size=8),
        line("Vergaderdatum 19 september 2024", top=110, size=8),
    ]
    assert read_heading(heading, [], heading).body != "Contactpersoon"


def test_a_date_without_a_year_takes_the_year_the_document_writes_most() -> None:
    heading = [
        line("Verslag Regionaal Beleidsteam", top=80, size=15, bold=True),
        line("Datum: dinsdag 12 maart", top=110),
    ]
    text = [*heading, line("De brief van 4 maart 2024. Het plan volgt in 2024.", top=200)]
    facts = read_heading(heading, [], text)
    assert facts.date is not None and facts.date.isoformat() == "2024-03-12"


def test_the_date_a_document_was_sent_or_registered_is_not_the_meeting_date() -> None:
    for label in ("Kenmerk en datum: 27-04-2018", "Datum verzending: 27-04-2018",
                  "Verzonden: 27 april 2018"):
        heading = [
            line("Notulen Bestuurlijk Overleg Publieke Gezondheid", top=80, size=15, bold=True),
            line("Datum: woensdag 18 april", top=110),
            line(label, top=124),
        ]
        facts = read_heading(heading, [line("Overleg 18 april 2018", top=10)], heading)
        assert facts.date is not None and facts.date.isoformat() == "2018-04-18", label
    # an action list brought up to date before the meeting it is for
    heading = [line("Ter bespreking tijdens kernteamoverleg", top=80, size=13, bold=True),
               line("Geactualiseerd 25-9 ter bespreking 28-9", top=96, size=13, bold=True)]
    facts = read_heading(heading, [], [*heading, line("Gepland op 28-8-2020", top=200)])
    assert facts.date is not None and facts.date.isoformat() == "2020-09-28"
    # a label on its own line, the date under it, in a two-column heading
    heading = [
        line("Verslag Regionaal Beleidsteam", top=80, size=15, bold=True),
        line("Datum verzending", top=110), line("27-04-2018", top=124),
        line("Datum", top=140), line("18 april 2018", top=154),
    ]
    facts = read_heading(heading, [], heading)
    assert facts.date is not None and facts.date.isoformat() == "2018-04-18"


def test_a_letterhead_without_descenders_is_told_by_its_type_size() -> None:
    # "Crisisteam Hof van Twente" in 12 pt has a box no taller than the 10 pt text under it
    # (no letter reaches below the line); the bold section above the first item is no
    # measure of the heading's text.
    letterhead = words("Crisisteam Hof van Twente", x0=390, top=70, size=12, bold=True)
    for w in letterhead:
        w.bottom = w.top + 8.5
    heading = [
        Line(letterhead),
        line("Notulen Crisisoverleg", top=100, size=14, bold=True),
        line("gehouden op maandag 8 januari 2024 om 10.00 uur", top=140),
        line("Locatie: Teams Zwolle", top=156),
        line("3.1 Oordeelsvorming", top=190, size=14, bold=True),
    ]
    assert read_heading(heading, [], heading).body == "Crisisteam Hof van Twente"
