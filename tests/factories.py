"""Meetings built by hand for the index, search and export tests, and small files for the ingest
tests.

Entities are filled in the way the tagger fills them, so facet search is tested on known
mentions; facet queries themselves use the project's real language model (`models`).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.entities import ENTITY_KEYS, Entity
from pipeline.records import Entry, Item, Meeting, PageInfo

if TYPE_CHECKING:
    from archive.index import Archive


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


def rows_meeting(
    name: str, rows: list[tuple[str, str]], *, day: date | None = None, title: str = "Verslag",
    body: str = "",
) -> Meeting:
    """A meeting of one item per (kind, text) row, numbered from 0, for index tests that need
    many entries of a few shapes."""
    items = [
        Item(nr=str(n), title="Punt", entries=[entry(kind, text)])
        for n, (kind, text) in enumerate(rows)
    ]
    return Meeting(title=title, body=body, date=day, source=f"/{name}.pdf", sha256=sha(name),
                   page_count=1, items=items)


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


def all_records(archive: Archive) -> list[dict[str, Any]]:
    """The record of every indexed document (entries, items, pages), as search returns them."""
    return [hit.record for hit in archive.search("*", limit=None, snippets=False).hits]


# --- files for the ingest tests ---------------------------------------------------------------


def fake_pdf(path: Path, marker: str = "") -> Path:
    """A file that sniffs as PDF, carrying `marker` for the ingest tests' stand-in pipeline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"%PDF-1.4\n% {path.name} {marker}\n".encode())
    return path


def minutes_pdf(path: Path, n: int, items: int = 2) -> Path:
    """A small born-digital minutes document whose content is unique to `n`."""
    from samples.render import ItemRow, MinutesSpec, ThemeRow, render_minutes

    rows: list = [ThemeRow(f"Thema {n}")]
    for i in range(1, items + 1):
        rows.append(
            ItemRow(
                f"{i}.1",
                [
                    f"B: Het overleg {n} besluit over punt {i}.\n\n"
                    f"A > Voorzitter: stuurt de brief {n}-{i} voor 25 maart.",
                    f"Toelichting {n} bij punt {i}.",
                ],
            )
        )
    spec = MinutesSpec(
        body="Regionaal Beleidsteam",
        title=f"Verslag overleg {n}",
        date_line=f"Datum: {1 + n % 28} maart 2022",
        rows=rows,
    )
    return render_minutes(spec, path)


def letter_pdf(path: Path, text: str) -> Path:
    """A PDF without a minutes table: a one-page letter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780
    for line in ["Geachte heer, mevrouw,", "", text, "", "Met vriendelijke groet,"]:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.save()
    return path


def encrypted_pdf(path: Path, password: str) -> Path:
    """A one-page PDF that opens only with `password`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=password)
    pdf.drawString(72, 780, "Vertrouwelijk verslag")
    pdf.save()
    return path


def bad_files(folder: Path) -> None:
    """An empty, a truncated and a mislabelled "PDF"."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.6\n")
    (folder / "notes-named.pdf").write_text("Dit is geen PDF maar een tekstbestand.\n")


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its reaper does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")
