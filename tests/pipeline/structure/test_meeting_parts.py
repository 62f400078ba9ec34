"""Parts of minutes around their items: the closing line, a lone footer, a table's caption."""

from __future__ import annotations

from pipeline.layout.table import find_layout
from pipeline.records import Document, Meeting, Page, Word
from pipeline.structure.meeting import build_meeting
from tests.pipeline.boxes import words


def _meeting(*pages: list[Word]) -> Meeting:
    paged = [Page(number=n, width=595, height=842, words=w) for n, w in enumerate(pages, 1)]
    return build_meeting(Document(path="t.pdf", sha256="0" * 64, pages=paged), find_layout(paged))


def _narrative(last: str) -> list[Word]:
    out = words("Verslag van het overleg van 3 mei 2024", 40, 60, size=14, bold=True)
    y = 100.0
    for n, title in enumerate(("Opening", "Begroting", "Rondvraag"), 1):
        out += words(f"{n}. {title}", 40, y, bold=True)
        out += words("Het overleg stemt in met het voorstel.", 40, y + 14)
        y += 40
    return out + words(last, 40, y)


def test_the_next_meeting_closing_the_minutes_is_a_meeting_fact() -> None:
    meeting = _meeting(_narrative("Volgende vergadering: donderdag 5 januari 2012"))
    assert meeting.facts.get("volgende vergadering") == "donderdag 5 januari 2012"
    assert all("Volgende" not in e.text for it in meeting.items for e in it.entries)
    assert not meeting.unplaced


def test_a_footer_with_the_page_number_on_a_single_page_is_furniture() -> None:
    page = _narrative("Geen vragen.") + words("Openbaar 1", 40, 800, size=8)
    meeting = _meeting(page)
    assert all("Openbaar" not in e.text for it in meeting.items for e in it.entries)
    assert not meeting.unplaced


def test_a_bold_heading_between_two_tables_titles_the_second() -> None:
    out = words("Besluitenlijst dagelijks bestuur 3 mei 2024", 40, 60, size=14, bold=True)
    out += words("Nr", 40, 100, bold=True) + words("Onderwerp", 80, 100, bold=True)
    out += words("Besluit", 260, 100, bold=True)
    y = 120.0
    for n in (1, 2, 3):
        out += words(str(n), 40, y) + words(f"Onderwerp {n}", 80, y)
        out += words("Het bestuur stemt in.", 260, y)
        y += 20
    out += words("Actielijst", 40, y + 20, bold=True, size=12)
    y += 50
    out += words("Code", 40, y, bold=True) + words("Actie", 80, y, bold=True)
    out += words("Actiehouder", 300, y, bold=True) + words("Gereed", 420, y, bold=True)
    for n in (1, 2):
        y += 18
        out += words(f"A{n}", 40, y) + words("Brief versturen", 80, y)
        out += words("secretaris", 300, y) + words("1 juni", 420, y)
    meeting = _meeting(out)
    actions = [it for it in meeting.items if it.nr.startswith("A")]
    assert [it.nr for it in actions] == ["A1", "A2"]
    assert {it.section for it in actions} == {"Actielijst"}
    assert all("Actielijst" not in e.text for it in meeting.items for e in it.entries)


def test_a_labelled_note_stays_a_note() -> None:
    """In a decision list, what "Noot:" files is a note even when it says what someone
    will do; what "Besluit:" files is a decision."""
    out = words("Besluitenlijst procedurevergadering 3 mei 2024", 40, 60, size=14, bold=True)
    y = 100.0
    for n in (1, 2):
        for text in (f"{n}. Agendapunt: Wetsvoorstel {n}", "Besluit: Aanmelden voor plenaire "
                     "behandeling.", "Noot: De commissie zal de Voorzitter verzoeken het "
                     "wetsvoorstel snel te behandelen."):
            out += words(text, 40, y)
            y += 16
    kinds = [[e.kind for e in it.entries] for it in _meeting(out).items]
    assert kinds == [["besluit", "note"], ["besluit", "note"]]


def test_unnumbered_headings_over_text_before_an_action_list_are_items() -> None:
    # Bold headings, each over a sentence, and a bold label over a theme among them, then an
    # action list: the headings are the items, not a heading block above the table.
    from pipeline.structure.meeting import _has_agenda
    from tests.pipeline.boxes import stack

    lines = stack(["Hoogheemraadschap De Stichtse Rijnlanden"], top=40, size=11, bold=True)
    lines += stack(["Verslag van de vergadering van maandag 20 februari 2012"], top=70,
                   size=14, bold=True)
    lines += stack(["Concept", "Verzonden: 09-03-2012", "Locatie: provinciehuis Almelo"],
                   top=95, size=9)
    y = 150.0
    for n, title in enumerate(("Opening", "Vaststellen verslag", "Begroting 2025", "Woondeal",
                               "Treasury", "Kadernota", "Omgevingsvisie")):
        if n == 3:  # a bold label over a theme in capitals: no item of its own to speak of
            lines += stack(["Besluiten"], top=y, size=10.5, bold=True)
            lines += stack(["WATERSYSTEEM"], top=y + 15, size=9)
            y += 40
        lines += stack([title], top=y, size=11, bold=True)
        lines += stack(["Het overleg neemt kennis van de stukken."], top=y + 15, size=9)
        y += 40
    assert _has_agenda(lines, 9.0)
    # A heading block's bold labels, with nothing under most of them, are no items.
    block = stack(["Aanwezig", "Afwezig", "Notulist", "Locatie"], top=100, pitch=30, size=11,
                  bold=True)
    block += stack(["De heer Jansen."], top=115, size=9)
    assert not _has_agenda(block, 9.0)


def test_a_label_list_of_two_items_before_an_action_list_holds_items() -> None:
    # "Agendapunt:" lines open items as surely as numbers do, two of them as much as ten.
    from pipeline.structure.meeting import _has_agenda
    from tests.pipeline.boxes import stack

    lines = stack(["Notulen Regionaal Beleidsteam", "Datum 22-7-2022"], top=40, size=11)
    lines += stack(["1. Agendapunt: Maatschappelijke onrust", "Zaak: Wetsvoorstel - 32926",
                    "Besluit: De inzet van verkeersregelaars wordt vastgesteld.",
                    "2. Agendapunt: Droogte en beregeningsverbod",
                    "Besluit: Het onderhoudsplan wordt voorlopig niet uitgevoerd."], top=90)
    assert _has_agenda(lines, 10.0)


def test_an_agenda_written_out_under_a_lead_of_its_own_gives_each_item_once(tmp_path) -> None:
    # A drawn Word document (rendered by LibreOffice): an agenda table, then "Verslag" and a
    # section over the same items written out. The lead heads the written-out part; taken
    # for notes of the agenda's last item, it made the agenda look read out and kept every
    # item twice, the copy without entries first.
    from pipeline.process import ProcessOptions, process_file
    from samples.docgen import render_draws

    [doc] = render_draws([11700019], tmp_path)
    meeting = process_file(doc.pdf, ProcessOptions(ocr="never"))
    items = [it for it in meeting.items if it.kind != "action_list"]
    assert [it.nr for it in items] == [it["nr"] for it in doc.gold["items"]]
    assert all(it.entries for it in items)
    assert all(e.text not in ("Verslag", "Financiën") for it in items for e in it.entries)
