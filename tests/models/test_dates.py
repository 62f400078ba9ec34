"""Date recognition and normalization: the meeting date, mentions in text, year inference."""

from __future__ import annotations

from datetime import date

import pytest

from models.datecalc import easter
from models.dates import due_date, find_meeting_date, parse_dates

MARCH_2022 = date(2022, 3, 24)  # a Thursday, the seed meeting


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Datum: donderdag 24 maart 2022", date(2022, 3, 24)),
        ("24-03-2022", date(2022, 3, 24)),
        ("24 maart 2022", date(2022, 3, 24)),
        ("Vergadering van 29 juni 2015", date(2015, 6, 29)),
        ("09 AUG 2022", date(2022, 8, 9)),
        ("27 juli 2020", date(2020, 7, 27)),
        ("Vergaderdatum 2022-03-24", date(2022, 3, 24)),
        ("Verslag BAO   Datum: donderdag 24 maart 2022", date(2022, 3, 24)),
        # the labelled line wins over an earlier full date
        ("Verslag\nOpgesteld 1 april 2022\nDatum vergadering: 24 maart 2022", date(2022, 3, 24)),
        # the value on the line after its label (a two-column heading)
        ("Datum:\n24-03-2022", date(2022, 3, 24)),
        ("Overleg op 1 april 2022 en 8 april 2022", date(2022, 4, 1)),
    ],
)
def test_find_meeting_date(heading: str, expected: date) -> None:
    assert find_meeting_date(heading) == expected


@pytest.mark.parametrize(
    "heading",
    [
        "",
        "Verslag bestuurlijk afstemmingsoverleg",
        "agendapunt 2.4",
        "25 maart",
        "31 februari 2022",
    ],
)
def test_find_meeting_date_needs_a_full_valid_date(heading: str) -> None:
    assert find_meeting_date(heading) is None


def one(text: str, ref: date | None = MARCH_2022) -> tuple[str, str]:
    mentions = parse_dates(text, ref)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0].text, mentions[0].value


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("voor 25 maart 1000 plekken", "voor 25 maart", "2022-03-25"),
        ("op donderdag 7 april.", "donderdag 7 april", "2022-04-07"),
        ("7 april 2022", "7 april 2022", "2022-04-07"),
        ("op 14-04-2022", "14-04-2022", "2022-04-14"),
        ("medio april", "medio april", "2022-04-11/2022-04-20"),
        ("begin mei", "begin mei", "2022-05-01/2022-05-10"),
        ("eind juni", "eind juni", "2022-06-21/2022-06-30"),
        ("uiterlijk 1 mei", "uiterlijk 1 mei", "2022-05-01"),
        ("in week 16", "week 16", "2022-04-18/2022-04-24"),
        ("in Q3", "Q3", "2022-07-01/2022-09-30"),
        ("het derde kwartaal", "het derde kwartaal", "2022-07-01/2022-09-30"),
        ("(juli)", "juli", "2022-07-01/2022-07-31"),
        ("volgende week maandag", "volgende week maandag", "2022-03-28"),
        ("staat voor maandag op de agenda", "voor maandag", "2022-03-28"),
        ("afgelopen dinsdag", "afgelopen dinsdag", "2022-03-22"),
        ("vandaag", "vandaag", "2022-03-24"),
        ("vanmorgen", "vanmorgen", "2022-03-24"),
        ("vannacht", "vannacht", "2022-03-24"),
        ("gisteravond", "gisteravond", "2022-03-23"),
        ("morgenochtend", "morgenochtend", "2022-03-25"),
        ("volgende week", "volgende week", "2022-03-28/2022-04-03"),
        ("eind van de maand", "eind van de maand", "2022-03-21/2022-03-31"),
        ("2 t/m 4 september", "2 t/m 4 september", "2022-09-02/2022-09-04"),
        ("14-04-2022 t/m 18-04-2022", "14-04-2022 t/m 18-04-2022", "2022-04-14/2022-04-18"),
        ("april-mei", "april-mei", "2022-04-01/2022-05-31"),
        ("vandaag 17.00 uur", "vandaag 17.00 uur", "2022-03-24T17:00"),
        ("op 1 mei a.s. om 10.00 uur", "1 mei a.s. om 10.00 uur", "2022-05-01T10:00"),
        ("8 april van 10.00-12.00 uur", "8 april van 10.00-12.00 uur",
         "2022-04-08T10:00/2022-04-08T12:00"),
        ("sinds 2019", "sinds 2019", "2019-01-01/2019-12-31"),
        ("Pasen", "Pasen", "2022-04-17/2022-04-18"),
        ("na de kerst", "na de kerst", "2021-12-25/2021-12-26"),  # the nearest one
        ("op Koningsdag", "Koningsdag", "2022-04-27"),
        ("na de zomer", "na de zomer", "2022-06-21/2022-09-22"),
        ("1 apr.", "1 apr.", "2022-04-01"),
    ],
)  # fmt: skip
def test_mentions_and_values(text: str, span: str, value: str) -> None:
    assert one(text) == (span, value)


def test_kingsday_on_a_sunday_moves_to_saturday() -> None:
    assert one("Koningsdag", date(2025, 3, 4)) == ("Koningsdag", "2025-04-26")


def test_time_with_a_numeric_day_without_year() -> None:
    assert one("15-07 12.00 uur", date(2021, 7, 8)) == ("15-07 12.00 uur", "2021-07-15T12:00")


@pytest.mark.parametrize(
    ("ref", "text", "value"),
    [
        (date(2021, 12, 16), "6 januari", "2022-01-06"),
        (date(2022, 1, 10), "20 december", "2021-12-20"),
        (date(2021, 12, 16), "in januari", "2022-01-01/2022-01-31"),
        (date(2021, 12, 16), "in Q1", "2022-01-01/2022-03-31"),
        (date(2021, 12, 16), "week 2", "2022-01-10/2022-01-16"),
        (date(2019, 12, 19), "week 3", "2020-01-13/2020-01-19"),
        (date(2021, 12, 16), "rond de jaarwisseling", "2021-12-31/2022-01-01"),
        # the weekday settles the year
        (date(2022, 6, 30), "maandag 2 januari", "2023-01-02"),
        (date(2024, 2, 27), "29 februari", "2024-02-29"),
    ],
)
def test_year_inferred_across_the_year_boundary(ref: date, text: str, value: str) -> None:
    assert parse_dates(text, ref)[0].value == value


@pytest.mark.parametrize(
    "text",
    [
        "24/7 bereikbaar",
        "1x in de 14 dagen",
        "agendapunt 2.4",
        "100.000 vluchtelingen",
        "voor 2000 vluchtelingen",
        "elke maandag",
        "iedere dinsdag een overleg",
        "10-12 plekken",
        "versie 2.1",
        "1x per week 3 uur",
        "de morgen",
        "een zomer zonder regen",
    ],
)
def test_things_that_look_like_dates_are_not(text: str) -> None:
    assert parse_dates(text, MARCH_2022) == []


def test_several_mentions_in_order_and_offsets() -> None:
    text = "Op dit moment geen gemeenten die medio dit jaar (juli) ruimte zien."
    mentions = parse_dates(text, MARCH_2022)
    assert [(m.text, m.value) for m in mentions] == [
        ("medio dit jaar", "2022-05-01/2022-08-31"),
        ("juli", "2022-07-01/2022-07-31"),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_without_meeting_date_no_year_is_invented() -> None:
    values = {m.text: m.value for m in parse_dates("donderdag 7 april, vandaag, medio april")}
    assert values == {
        "donderdag 7 april": "--04-07",
        "vandaag": "",
        "medio april": "--04-11/--04-20",
    }
    assert one("het overleg van 7 april 2022", None) == ("7 april 2022", "2022-04-07")


def test_kinds_and_qualifiers() -> None:
    (m,) = parse_dates("uiterlijk 1 mei", MARCH_2022)
    assert (m.kind, m.qualifier, m.due) == ("date", "uiterlijk", "2022-05-01")
    (m,) = parse_dates("medio april", MARCH_2022)
    assert (m.kind, m.due) == ("interval", "2022-04-20")
    (m,) = parse_dates("vandaag 17.00 uur", MARCH_2022)
    assert (m.kind, m.due) == ("datetime", "2022-03-24")
    (m,) = parse_dates("vandaag", None)
    assert (m.kind, m.due) == ("unresolved", "")


@pytest.mark.parametrize(
    ("value", "due"),
    [
        ("2022-05-01", "2022-05-01"),
        ("2022-04-11/2022-04-20", "2022-04-20"),
        ("2021-07-15T12:00", "2021-07-15"),
        ("--03-25", ""),
        ("", ""),
    ],
)
def test_due_date(value: str, due: str) -> None:
    assert due_date(value) == due


def test_easter() -> None:
    assert [easter(y) for y in (2022, 2024, 2025)] == [
        date(2022, 4, 17),
        date(2024, 3, 31),
        date(2025, 4, 20),
    ]
