"""Meetings built by hand for the index, search and export tests (no PDFs, no language model).

Entities are filled in the way the tagger fills them, so facet search can be tested before the
model exists.
"""

from __future__ import annotations

import hashlib
from datetime import date
from types import SimpleNamespace

from pipeline.records import ENTITY_KEYS, Entity, Entry, Item, Meeting, PageInfo


def sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def ents(**lists: list[Entity]) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = {key: [] for key in ENTITY_KEYS}
    out.update(lists)
    return out


def place(text: str, municipality: str) -> Entity:
    return Entity(text, text, {"municipality": municipality})


def role(text: str, value: str) -> Entity:
    return Entity(text, value)


def day(text: str, value: str) -> Entity:
    return Entity(text, value)


def entry(kind: str, text: str, owner: str = "", page: int = 1, **entities: list[Entity]) -> Entry:
    return Entry(kind=kind, text=text, owner=owner, page=page, entities=ents(**entities))


def meeting_april() -> Meeting:
    """Veiligheidsberaad 7 April 2022: Ter Apel, Oekraïne, an OCR page needing review."""
    return Meeting(
        title="Verslag Veiligheidsberaad Groningen",
        body="Veiligheidsberaad",
        date=date(2022, 4, 7),
        source="/archief/2022/vb-2022-04-07.pdf",
        sha256=sha("april"),
        page_count=3,
        pages=[
            PageInfo(1, text="Verslag Veiligheidsberaad"),
            PageInfo(2, ocr=True, confidence=91.0),
            PageInfo(3, ocr=True, confidence=48.0, needs_review=True, note="lage OCR-kwaliteit"),
        ],
        items=[
            Item(
                nr="1",
                title="Opening en mededelingen",
                entries=[entry("note", "De voorzitter opent de vergadering.")],
                page=1,
            ),
            Item(
                nr="2",
                title="Opvang asielzoekers Ter Apel",
                section="Migratie",
                toelichting="De situatie in het aanmeldcentrum is zorgelijk; er slapen mensen "
                "buiten.",
                page=2,
                entities=ents(
                    places=[place("Ter Apel", "Westerwolde")],
                    municipalities=[Entity("Westerwolde", "Westerwolde")],
                ),
                entries=[
                    entry(
                        "knelpunt",
                        "Het aanmeldcentrum in Ter Apel zit vol; de nachtopvang is onvoldoende.",
                        page=2,
                        places=[place("Ter Apel", "Westerwolde")],
                    ),
                    entry(
                        "besluit",
                        "Het beraad besluit tot tijdelijke noodopvang in de regio.",
                        page=2,
                    ),
                    entry(
                        "actie",
                        "Locaties voor noodopvang inventariseren voor 21 april 2022.",
                        owner="DPG",
                        page=2,
                        dates=[day("21 april 2022", "2022-04-21")],
                    ),
                ],
            ),
            Item(
                nr="3",
                title="Vluchtelingen uit Oekraïne",
                section="Migratie",
                toelichting="Gemeenten melden hun opvangcapaciteit wekelijks.",
                page=3,
                entries=[
                    entry(
                        "besluit",
                        "De gemeenten vangen samen 2.000 ontheemden uit Oekraïne op.",
                        page=3,
                    ),
                    entry(
                        "actie",
                        "Overzicht opvangplekken Oekraïners delen met het Rijk.",
                        owner="Burgemeester Groningen",
                        page=3,
                        roles=[role("Burgemeester", "burgemeester")],
                        municipalities=[Entity("Groningen", "Groningen")],
                        orgs=[Entity("het Rijk", "Rijksoverheid")],
                    ),
                ],
            ),
            Item(nr="4", title="Rondvraag", page=3),
        ],
    )


def meeting_june() -> Meeting:
    """Regionaal Beleidsteam 2 June 2022: COVID, a knelpunt on staffing."""
    return Meeting(
        title="Verslag Regionaal Beleidsteam",
        body="RBT",
        date=date(2022, 6, 2),
        source="/archief/2022/rbt-2022-06-02.pdf",
        sha256=sha("june"),
        page_count=2,
        pages=[PageInfo(1), PageInfo(2)],
        items=[
            Item(
                nr="1",
                title="Coronavirus: stand van zaken",
                section="Gezondheid",
                toelichting="De GGD meldt een daling van het aantal besmettingen.",
                entries=[
                    entry(
                        "knelpunt",
                        "Personeelstekort bij de GGD door ziekteverzuim.",
                        page=1,
                        orgs=[Entity("GGD", "GGD Groningen")],
                    ),
                    entry(
                        "actie",
                        "Vaccinatielocaties in Stadskanaal openhouden tot juli.",
                        owner="directeur publieke gezondheid",
                        page=1,
                        places=[place("Stadskanaal", "Stadskanaal")],
                        dates=[day("juli", "2022-07")],
                    ),
                ],
            ),
            Item(
                nr="2",
                title="Aardbevingen en versterking",
                entries=[
                    entry(
                        "besluit",
                        "De versterkingsoperatie in Loppersum krijgt voorrang.",
                        page=2,
                        places=[place("Loppersum", "Eemsdelta")],
                    ),
                    entry("note", "Besluiten over de begroting volgen later.", page=2),
                ],
                page=2,
            ),
        ],
    )


def letter() -> Meeting:
    """A letter: no minutes table, so it is indexed page by page."""
    return Meeting(
        title="Brief aan de minister",
        body="",
        date=date(2022, 5, 10),
        source="/archief/2022/brief-minister.pdf",
        sha256=sha("letter"),
        page_count=2,
        pages=[
            PageInfo(1, text="Geachte minister, de opvangcrisis in Ter Apel vraagt om actie."),
            PageInfo(2, ocr=True, text="Met vriendelijke groet, de voorzitters."),
        ],
    )


def corpus() -> list[Meeting]:
    return [meeting_april(), meeting_june(), letter()]


# A stand-in for `models.nlp` with the same three functions.
FAKE_NLP = SimpleNamespace(
    normalize_role=lambda text: {
        "dpg": "directeur publieke gezondheid",
        "burgemeester groningen": "burgemeester",
    }.get(text.strip().lower(), text),
    places_in=lambda municipality: {
        "westerwolde": ["Ter Apel", "Vlagtwedde", "Sellingen"],
        "eemsdelta": ["Loppersum", "Appingedam", "Delfzijl"],
    }.get(municipality.strip().lower(), []),
    municipality_of=lambda name: {
        "ter apel": "Westerwolde",
        "loppersum": "Eemsdelta",
        "stadskanaal": "Stadskanaal",
    }.get(name.strip().lower()),
)
