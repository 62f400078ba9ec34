"""Items from tables on real PDFs: the fields beside an item's entries."""

from __future__ import annotations

from pathlib import Path

from pipeline.layout.table import find_layout
from pipeline.process import ProcessOptions, process_file
from pipeline.records import Document, Meeting, Page, Rule, Word
from pipeline.structure.meeting import build_meeting


def _writer(c, page_height: float, size: float):
    """A function drawing text on canvas `c` at x, and y points from the page's top."""

    def text(x: float, y: float, s: str, bold: bool = False) -> None:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        c.drawString(x, page_height - y, s)

    return text


def _meeting(words: list[Word], *, ocr: bool = True, rules: list[Rule] | None = None) -> Meeting:
    """The meeting the reader makes of one page of positioned words (and ruling lines)."""
    pages = [Page(1, 595, 842, words, rules=rules or [], ocr=ocr)]
    return build_meeting(Document("x.pdf", "0" * 64, pages), find_layout(pages))


def _owners_beside_plain_lines(path: Path) -> Path:
    """An unruled action table whose item holds a decision, two unmarked tasks with an owner
    (and one with a deadline) on their own line, and a remark between them."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    height = landscape(A4)[1]

    text = _writer(c, height, 9)

    columns = ((40, "Nr"), (90, "Agendapunt"), (250, "Besluit/Actie"), (560, "Actiehouder"),
               (700, "Deadline"))
    for x, label in columns:
        text(x, 100, label, bold=True)
    text(40, 120, "3b")
    text(90, 120, "Subsidieverdeling", bold=True)
    text(250, 120, "Afspraak: de huidige werkwijze blijft gelden.")
    text(250, 140, "De subsidieverdeling uitwerken")
    text(560, 140, "dijkgraaf")
    text(700, 140, "25-6-2017")
    text(250, 160, "Het overleg constateert dat de reserve boven de bandbreedte ligt.")
    text(250, 180, "De begrotingswijziging terugkoppelen")
    text(560, 180, "Provincie Overijssel")
    c.save()
    return path


def test_each_owner_goes_to_the_unmarked_line_it_stands_beside(tmp_path: Path) -> None:
    pdf = _owners_beside_plain_lines(tmp_path / "owners.pdf")
    [item] = process_file(pdf, ProcessOptions(ocr="never", tag=False)).to_dict()["items"]
    assert [(e["kind"], e["owner"], e["due"], e["text"]) for e in item["entries"]] == [
        ("besluit", "", "", "de huidige werkwijze blijft gelden."),
        ("actie", "dijkgraaf", "25-6-2017", "De subsidieverdeling uitwerken"),
        ("note", "", "", "Het overleg constateert dat de reserve boven de bandbreedte ligt."),
        ("actie", "Provincie Overijssel", "", "De begrotingswijziging terugkoppelen"),
    ]


def test_an_action_list_row_is_titled_by_its_first_sentence_or_short_line(
    tmp_path: Path,
) -> None:
    # The row's action keeps all its text; the item's title is what it opens with, up to the
    # first sentence's end or a line that stops well short of the column.
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "actions.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)

    text = _writer(c, A4[1], 10)

    for x, label in ((60, "Nr"), (100, "Actiepunten"), (400, "Wie"), (480, "Status")):
        text(x, 100, label, bold=True)
    text(60, 120, "12")
    text(100, 120, "Contact opnemen met de GGD over de")
    text(100, 132, "vervolgstappen. Daarna de planning")
    text(100, 144, "aanpassen en rondsturen.")
    text(400, 120, "secretaris")
    text(480, 120, "Loopt")
    text(60, 170, "13")
    text(100, 170, "Netwerken extern")
    text(100, 182, "Contacten leggen met de provincie en")
    text(100, 194, "met de gemeenten in de regio.")
    text(400, 170, "voorzitter")
    text(480, 170, "Afgerond")
    c.save()
    items = process_file(path, ProcessOptions(ocr="never", tag=False)).to_dict()["items"]
    assert [(i["nr"], i["title"]) for i in items] == [
        ("12", "Contact opnemen met de GGD over de vervolgstappen"),
        ("13", "Netwerken extern"),
    ]
    assert items[0]["entries"][0]["text"].endswith("de planning aanpassen en rondsturen.")
    assert items[1]["entries"][0]["text"].startswith("Netwerken extern Contacten leggen")


def test_an_item_number_ocr_could_not_read_is_the_one_after_the_item_above() -> None:
    # A worn copy: "5" read as "g". The row is item 5, not a theme row over item 6.
    from tests.pipeline.boxes import words

    found = [*words("Nr", 60, 100, conf=90.0), *words("Onderwerp", 100, 100, conf=90.0),
             *words("Besluit", 330, 100, conf=90.0)]
    for n, (nr, title) in enumerate((("4", "Begroting"), ("g", "Treasury"),
                                     ("6", "Rondvraag"))):
        top = 130 + 40 * n
        found += [*words(nr, 60, top, conf=70.0), *words(title, 100, top, conf=90.0),
                  *words("Het overleg stemt in met het voorstel.", 330, top, conf=90.0)]
    meeting = _meeting(found)
    assert [(i.nr, i.title) for i in meeting.items] == [
        ("4", "Begroting"), ("5", "Treasury"), ("6", "Rondvraag")]


def test_lines_of_a_table_are_measured_on_its_running_text() -> None:
    # Glyph-tight boxes: the number cells' "3.1." and "1", a date's "25-07" and "uur" stand
    # 7.3 pt high, the lines of text 9.3; set 11.5 pt apart, a cell's sentence is one entry,
    # not one entry per line.
    from tests.pipeline.boxes import words

    def tight(text: str, x0: float, top: float, low: float = 9.3) -> list[Word]:
        return [Word(w.text, w.x0, w.x1, top, top + low, 1, 10.0) for w in words(text, x0, 0)]

    found = [*words("Nr.", 60, 100, bold=True), *words("Onderwerp", 100, 100, bold=True),
             *words("Besluit", 220, 100, bold=True), *words("Gereed", 420, 100, bold=True)]
    for n, top in enumerate((130, 200), start=1):
        found += tight("3.1.", 60, top, 7.3) + tight(str(n), 60, top + 11.5, 7.3)
        found += tight(f"Punt {n}", 100, top)
        found += tight("De voorzitter opent de", 220, top)
        found += tight("vergadering. Er zijn geen", 220, top + 11.5)
        found += tight("mededelingen.", 220, top + 23)
        for k, piece in enumerate(("25-07", "10.00", "uur")):
            found += tight(piece, 420, top + 11.5 * k, 7.3)
    meeting = _meeting(found, ocr=False)
    assert [len(i.entries) for i in meeting.items] == [1, 1]
    assert meeting.items[0].entries[0].text == (
        "De voorzitter opent de vergadering. Er zijn geen mededelingen.")


def test_a_column_whose_label_names_no_role_takes_one_from_its_cells() -> None:
    # OCR read the status column's "O/G" as "OIG": its "O" and "Gereed" still make it the
    # status column, not a toelichting.
    from tests.pipeline.boxes import words

    found = [*words("Nr", 40, 100, conf=90.0), *words("Actie", 100, 100, conf=90.0),
             *words("Wie", 330, 100, conf=90.0), *words("OIG", 450, 100, conf=60.0)]
    rows = (("jan16/31", "De aanvraag uitwerken", "griffier", "O"),
            ("jan16/32", "Het plan agenderen", "wethouder", "Gereed"),
            ("jan16/33", "De notitie rondsturen", "secretaris", "Open"))
    for n, (nr, action, owner, status) in enumerate(rows):
        top = 130 + 30 * n
        found += [*words(nr, 40, top, conf=90.0), *words(action, 100, top, conf=90.0),
                  *words(owner, 330, top, conf=90.0), *words(status, 450, top, conf=90.0)]
    meeting = _meeting(found)
    actions = [e for i in meeting.items for e in i.entries]
    assert [(e.owner, e.status) for e in actions] == [
        ("griffier", "open"), ("wethouder", "done"), ("secretaris", "open")]


def test_items_whose_numbers_ocr_lost_are_counted_back_from_the_next_number() -> None:
    # A scan: "II." and "III." beside the rules read as nothing. Each item's bold title has a
    # ruled row of its own, its decision the row under it, also without a number: an item
    # each, numbered back from "IV".
    from tests.pipeline.boxes import words

    found = [*words("Nr", 90, 100, conf=90.0), *words("Besluit / Actie", 125, 100, conf=90.0),
             *words("Toelichting", 360, 100, conf=90.0),
             *words("I.", 90, 120, conf=90.0),
             *words("Opening", 125, 120, bold=True, conf=90.0),
             *words("De voorzitter opent het overleg.", 125, 138, conf=90.0)]
    top = 160
    for nr, title in (("", "Verslag vorig overleg"), ("", "Huisartsenzorg"), ("IV.", "Evacuatie")):
        if nr:
            found += words(nr, 90, top, conf=90.0)
        found += [*words(title, 125, top, bold=True, conf=90.0),
                  *words("Besluit: het overleg stemt in.", 125, top + 18, conf=90.0)]
        top += 44
    rules = [Rule(85, y, 500, y) for y in (96, 116, 134, 156, 174, 200, 218, 244, 262, 288)]
    meeting = _meeting(found, rules=rules)
    assert [(i.nr, i.title, len(i.entries)) for i in meeting.items] == [
        ("I", "Opening", 1), ("II", "Verslag vorig overleg", 1), ("III", "Huisartsenzorg", 1),
        ("IV", "Evacuatie", 1)]


def test_a_grid_without_its_header_reads_bold_short_cells_beside_the_text_as_titles() -> None:
    # Nr | title | content, the header lost (or never set): the bold short cells are the
    # items' titles, the column beside them their entries.
    from pipeline.records import Column, Line, Row, Table
    from pipeline.structure.ledger import Ledger
    from pipeline.structure.tables import table_items

    def cell(text: str, x0: float, top: float, bold: bool = False) -> list[Line]:
        return [Line([Word(t, x0 + 40 * k, x0 + 40 * k + 35, top, top + 10, bold=bold)
                      for k, t in enumerate(text.split())])]

    rows = []
    for n, (title, text) in enumerate([
        ("Besluitenlijst", "B - Het verslag wordt ongewijzigd vastgesteld."),
        ("Wachtlijsten jeugd-ggz", "K - Zorgaanbieders kunnen de tarieven niet dragen."),
        ("Huisvesting", "A - de huisvestingsvisie voorbereiden (C. Bakker)"),
    ], start=1):
        top = 100.0 + 40 * n
        rows.append(Row("body", {0: cell(f"1.{n}", 40, top), 1: cell(title, 80, top, True),
                                 2: cell(text, 250, top)}, page=1, top=top))
    columns = [Column("other", 36, 77), Column("other", 77, 244), Column("other", 244, 545)]
    items = table_items(Table(columns, rows, ruled=True), Ledger())
    assert [(i.nr, i.title, [e.kind for e in i.entries]) for i in items] == [
        ("1.1", "Besluitenlijst", ["besluit"]),
        ("1.2", "Wachtlijsten jeugd-ggz", ["knelpunt"]),
        ("1.3", "Huisvesting", ["actie"]),
    ]


def test_roman_numbers_ocr_read_as_bars_in_a_number_column_are_numbers() -> None:
    # "I", "II" without a stop read like bars, and "III" read as "I": in the Nr column they
    # number the items, the lost bars put back from the item above.
    from pipeline.records import Column, Line, Row, Table
    from pipeline.structure.ledger import Ledger
    from pipeline.structure.tables import table_items

    def cell(text: str, x0: float, top: float) -> list[Line]:
        return [Line([Word(t, x0 + 40 * k, x0 + 40 * k + 35, top, top + 10, conf=90.0)
                      for k, t in enumerate(text.split())])]

    rows = []
    for n, (nr, title) in enumerate([("I", "Opening"), ("II", "Verslag vorig overleg"),
                                     ("I", "Medische screening"), ("IV", "Sluiting")]):
        top = 100.0 + 40 * n
        rows.append(Row("body", {0: cell(nr, 70, top), 1: cell(title, 120, top),
                                 2: cell("Het overleg neemt er kennis van.", 490, top)},
                        page=1, top=top))
    columns = [Column("nr", 66, 115, "Nr."), Column("subject", 115, 487, "Onderwerp"),
               Column("entries", 487, 769, "Besluit")]
    items = table_items(Table(columns, rows, ruled=True, header="Nr. | Onderwerp | Besluit"),
                        Ledger())
    assert [(i.nr, i.title) for i in items] == [
        ("I", "Opening"), ("II", "Verslag vorig overleg"), ("III", "Medische screening"),
        ("IV", "Sluiting")]


def test_a_theme_row_is_read_without_the_specks_a_scan_left_around_it() -> None:
    # A speck before the theme read as an opening quote, one after it as a full stop.
    from tests.pipeline.boxes import words

    found = [*words("Nr", 60, 100, conf=90.0), *words("Onderwerp", 100, 100, conf=90.0),
             *words("Besluit", 330, 100, conf=90.0), *words("‘Sociaal domein.", 60, 130)]
    for n, (nr, title) in enumerate((("1", "Begroting"), ("2", "Treasury"))):
        top = 160 + 40 * n
        found += [*words(nr, 60, top, conf=90.0), *words(title, 100, top, conf=90.0),
                  *words("Het overleg stemt in met het voorstel.", 330, top, conf=90.0)]
    meeting = _meeting(found)
    assert [(i.nr, i.title, i.section) for i in meeting.items] == [
        ("1", "Begroting", "Sociaal domein"), ("2", "Treasury", "Sociaal domein")]


def test_roman_numbers_a_copy_made_letters_of_are_counted_back_from_the_next_one_read() -> None:
    # I, II and III read as "JL.", "il." and "All": marks, not numbers, the first one's too,
    # with nothing above to count on from; IV read as it is.
    from tests.pipeline.boxes import words

    found = [*words("Nr", 60, 100, conf=90.0), *words("Onderwerp", 100, 100, conf=90.0),
             *words("Besluit", 330, 100, conf=90.0)]
    rows = (("JL.", 24.0, "Opening"), ("il.", 78.0, "Mantelzorg"),
            ("All", 49.0, "Tussenrapportage"), ("IV", 90.0, "Subsidieverdeling"))
    for n, (nr, conf, title) in enumerate(rows):
        top = 130 + 40 * n
        found += [*words(nr, 60, top, conf=conf), *words(title, 100, top, conf=90.0),
                  *words("Het overleg stemt in met het voorstel.", 330, top, conf=90.0)]
    meeting = _meeting(found)
    assert [(i.nr, i.title) for i in meeting.items] == [
        ("I", "Opening"), ("II", "Mantelzorg"), ("III", "Tussenrapportage"),
        ("IV", "Subsidieverdeling")]


def test_a_numbered_row_whose_rules_a_copy_lost_is_no_theme_across_the_table() -> None:
    # A ruled grid whose vertical lines a copy lost along row VIII: its number, alone in the
    # number column with the title where the next column starts, still opens a row of cells.
    from tests.pipeline.boxes import words

    found = [*words("Nr", 60, 100, conf=90.0), *words("Onderwerp", 100, 100, conf=90.0),
             *words("Besluit", 330, 100, conf=90.0)]
    numbers = ("VI", "VII", "VIII", "IX")
    for n, nr in enumerate(numbers):
        top = 130 + 40 * n
        found += [*words(nr, 60, top, conf=90.0), *words(f"Onderwerp {nr}", 100, top, conf=90.0),
                  *words("Het overleg stemt in met het voorstel.", 330, top, conf=90.0)]
    rules = [Rule(x, top, x, bottom) for x in (55, 95, 325, 560)
             for top, bottom in ((95, 213), (217, 285))]  # fmt: skip
    rules += [Rule(55, y, 560, y) for y in (95, 125, 165, 205, 245, 285)]
    meeting = _meeting(found, rules=rules)
    assert [(i.nr, i.title) for i in meeting.items] == [(nr, f"Onderwerp {nr}") for nr in numbers]
