"""Tables on real PDFs: a header band white on dark, and a table going on over a page end."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.colors import darkgreen, white
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.document import extract_document
from pipeline.layout.table import _TableBuilder, find_layout
from pipeline.process import ProcessOptions, process_file
from pipeline.records import Page, Row, Table, Word
from tests.pipeline.boxes import line, words

# x of the three columns' text: Nr, Bespreking, Besluit / actie.
X = (72, 110, 345)


def _text(c: canvas.Canvas, x: float, y: float, s: str, *, bold: bool = False,
          colour=None) -> None:
    """Text at `y` points from the top of an A4 page, 10 pt Helvetica."""
    c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
    c.setFillColor(colour or "black")
    c.drawString(x, A4[1] - y, s)


def _band_table_pdf(path: Path, foot: float = 760) -> Path:
    """Two pages of a Nr | Bespreking | Besluit / actie table without rules: the header is
    white on a dark band (whose frame is the only 'vertical' on the page); page 2 opens with
    rows whose Nr cell is empty. Item 2 stands at `foot` on page 1: at the page's foot it
    goes on over the page end; higher up, the page ended it."""
    c = canvas.Canvas(str(path), pagesize=A4)

    def text(x: float, y: float, s: str, **kw) -> None:
        _text(c, x, y, s, **kw)

    c.setFillColor(darkgreen)
    c.rect(68, A4[1] - 128, 460, 24, stroke=0, fill=1)
    for x, label in zip(X, ("Nr", "Bespreking", "Besluit / actie"), strict=True):
        text(x, 120, label, bold=True, colour=white)
    text(X[0], 140, "1.")
    text(X[1], 140, "Het verslag wordt besproken.")
    text(X[2], 140, "Besluit: het verslag wordt vastgesteld.")
    text(X[0], foot, "2.")
    text(X[1], foot, "De wethouder licht de opvang toe.")
    text(X[2], foot, "Besluit: de sporthal blijft open.")
    c.showPage()
    text(X[1], 80, "Over de kosten van de opvang")
    text(X[1], 92, "is gesproken.")
    for n, said in enumerate(("Actie (wethouder): de huur", "afstemmen met de eigenaar.",
                              "Knelpunt: er zijn te weinig", "bussen voor het vervoer.")):
        text(X[2], 80 + 12 * n, said)
    text(X[0], 140, "3.")
    text(X[1], 140, "Rondvraag.")
    text(X[2], 140, "Besluit: geen.")
    text(X[0], 760, "De voorzitter sluit de vergadering.")
    c.save()
    return path


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Table:
    return _table_of(_band_table_pdf(tmp_path_factory.mktemp("band") / "band.pdf"))


def _table_of(pdf: Path) -> Table:
    layout = find_layout(extract_document(pdf, ocr="never").pages)
    [table] = [r.table for r in layout.regions if r.table is not None]
    return table


def _cells(table: Table) -> list[list[str]]:
    return [
        [" ".join(ln.text for ln in row.cells.get(i, [])) for i in range(len(table.columns))]
        for row in table.rows
        if row.kind == "body"
    ]


def test_labels_in_a_dark_band_are_as_many_columns(table: Table) -> None:
    assert [c.label for c in table.columns] == ["Nr", "Bespreking", "Besluit / actie"]


def test_rows_without_a_number_over_a_page_end_keep_their_columns(table: Table) -> None:
    # Page 2 starts in the second column; the columns did not move a column to the right.
    assert [round(c.x0) for c in table.page_columns[2]] == [
        round(c.x0) for c in table.page_columns[1]]
    assert _cells(table) == [
        ["1.", "Het verslag wordt besproken.", "Besluit: het verslag wordt vastgesteld."],
        ["2.", "De wethouder licht de opvang toe. Over de kosten van de opvang is gesproken.",
         "Besluit: de sporthal blijft open. Actie (wethouder): de huur afstemmen met de "
         "eigenaar. Knelpunt: er zijn te weinig bussen voor het vervoer."],
        ["3.", "Rondvraag.", "Besluit: geen."],
    ]


def test_a_page_that_ends_with_room_to_spare_ends_its_last_row(tmp_path: Path) -> None:
    cells = _cells(_table_of(_band_table_pdf(tmp_path / "short.pdf", foot=160)))
    assert [row[:2] for row in cells] == [
        ["1.", "Het verslag wordt besproken."], ["2.", "De wethouder licht de opvang toe."],
        ["", "Over de kosten van de opvang is gesproken."], ["3.", "Rondvraag."]]


def test_a_page_top_line_goes_on_only_in_a_cell_that_filled_to_the_foot() -> None:
    # The last row of page 1: a one-line action beside a two-line owner at the page's foot.
    last = Row(kind="body", page=1, top=447, cells={
        2: [line("A-05: de visie aanleveren bij de secretaris", x0=200, top=447)],
        3: [line("heemraad", x0=400, top=447), line("Waterveiligheid", x0=400, top=461)],
    })
    in_entries = {2: words("Naar verwachting zal het aantal afnemen.", x0=200, top=96, page=2)}
    in_owner = {3: words("Waterkeringen", x0=400, top=96, page=2)}
    assert _TableBuilder._cells_closed(in_entries, last)  # a new entry of its own
    assert not _TableBuilder._cells_closed(in_owner, last)  # the owner cell goes on
    assert not _TableBuilder._cells_closed({**in_entries, **in_owner}, last)


def test_a_bold_title_at_the_top_of_a_page_opens_the_item_below_it(tmp_path: Path) -> None:
    path = tmp_path / "title.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)

    def text(x: float, y: float, s: str, **kw) -> None:
        _text(c, x, y, s, **kw)

    for x, label in zip(X, ("Nr", "Onderwerp", "Toelichting"), strict=True):
        text(x, 120, label, bold=True)
    text(X[1], 140, "Verslag", bold=True)
    text(X[0], 154, "1.")
    for n in range(44):  # the item runs to the page's foot
        text(X[1], 154 + 14 * n, f"Besluit: regel {n + 1} van het verslag wordt vastgesteld.")
    c.showPage()
    text(X[1], 80, "Grondbeleid", bold=True)
    text(X[0], 94, "2.")
    text(X[1], 94, "Actie: de grondexploitatie voorbereiden.")
    c.save()
    meeting = process_file(path, ProcessOptions(ocr="never", tag=False)).to_dict()
    first, second = meeting["items"]
    assert (second["nr"], second["title"]) == ("2", "Grondbeleid")
    assert not any("Grondbeleid" in e["text"] for e in first["entries"])


def test_a_row_with_nothing_written_in_it_closes_nothing() -> None:
    # A row whose cells are all empty (a photocopy's ruled row OCR read nothing in) gives the
    # first line of the next page no row to end, rather than an error.
    empty = Row(kind="body", cells={0: [], 1: []}, page=1, top=700.0)
    assert _TableBuilder._cells_closed({1: words("Besluit", 200, 60)}, empty) is False


def test_a_ruled_grid_without_the_border_between_two_labelled_columns_keeps_both(
    tmp_path: Path,
) -> None:
    # An action list ruled round Nr and Status, but with no line between the actions and the
    # Wie column: the labels tell the two columns apart, so each row's owner stays its own.
    path = tmp_path / "open-border.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    cols = (72, 110, 330, 420)
    rows = (("1", "Contact opnemen met de GGD over de", "de voorzitter", "Afgerond"),
            ("2", "Planning opstellen voor de zomer", "de secretaris", "Loopt"))
    for x, label in zip(cols, ("Nr", "Actiepunten", "Wie", "Status"), strict=True):
        _text(c, x + 3, 120, label, bold=True)
    tops = (108, 126, 166, 206)
    for n, (nr, action, who, status) in enumerate(rows):
        y = tops[1 + n] + 12
        for x, s in zip(cols, (nr, action, who, status), strict=True):
            _text(c, x + 3, y, s)
        _text(c, cols[1] + 3, y + 12, "vervolgstappen.")
    for y in tops:
        c.line(68, A4[1] - y, 520, A4[1] - y)
    for x in (68, cols[1] - 2, cols[3] - 2, 520):  # no line at the Wie column's left edge
        c.line(x, A4[1] - tops[0], x, A4[1] - tops[-1])
    c.save()
    meeting = process_file(path, ProcessOptions(ocr="never", tag=False)).to_dict()
    actions = [e for item in meeting["items"] for e in item["entries"]]
    assert [(e["owner"], e["status"]) for e in actions] == [
        ("de voorzitter", "done"), ("de secretaris", "open")]
    assert all("voorzitter" not in e["text"] and "secretaris" not in e["text"] for e in actions)


def test_a_blot_left_of_an_ocr_table_does_not_end_it() -> None:
    # A photocopy's smudge at the paper's edge, read as "TOT" with confidence 5, on the line
    # of a cell's text on the table's second page: the table goes on; a word read with
    # confidence there starts text left of the table, which ends it.
    def ocr_words(text: str, x0: float, top: float) -> list:
        return words(text, x0, top, conf=90.0, page=top // 1000 + 1)

    def row(n: int, top: float) -> list:
        return [*ocr_words(str(n), 72, top), *ocr_words(f"Onderwerp {n}", 110, top),
                *ocr_words("Het overleg neemt kennis van de stand.", 300, top)]

    def pages(blot_conf: float) -> list[Page]:
        first = [*ocr_words("Nr", 72, 100), *ocr_words("Onderwerp", 110, 100),
                 *ocr_words("Toelichting", 300, 100), *row(1, 120), *row(2, 160)]
        second = [*row(3, 1100), *ocr_words("en de regio", 110, 1114), *row(4, 1160)]
        second.append(Word("TOT", 2, 60, 1114, 1124, 2, 10.0, False, blot_conf))
        for w in second:
            w.top, w.bottom = w.top - 1000, w.bottom - 1000
        return [Page(1, 595, 842, first, ocr=True), Page(2, 595, 842, second, ocr=True)]

    for blot_conf, rows in ((5.0, 4), (90.0, 3)):
        layout = find_layout(pages(blot_conf))
        tables = [r.table for r in layout.regions if r.table is not None]
        assert len([row for row in tables[0].rows if row.kind == "body"]) == rows


def test_a_streak_stretching_a_words_box_starts_the_word_where_its_letters_do() -> None:
    # A copier's streak across the page runs into a theme row's first word: OCR, hardly
    # believing it, gives "Evaluatie" a box from the paper's edge (x 13) to its end (x 154).
    # In a 9 pt body its letters start near x 97, inside a table at x 87; read with
    # confidence, a word starts where its box does.
    from pipeline.layout.table import _start_of

    stretched = Word("Evaluatie", 13, 154, 372, 387, 2, 15.0, False, 54.0)
    assert 87 - 12 <= _start_of(stretched, 9.0) <= 110
    assert _start_of(Word("Evaluatie", 13, 154, 372, 387, 2, 15.0, False, 90.0), 9.0) == 13
    assert _start_of(Word("Evaluatie", 13, 154, 372, 387, 2, 15.0, False, None), 9.0) == 13


def test_a_scanned_header_repeated_with_a_label_ocr_lost_goes_on_with_its_table() -> None:
    # OCR lost "Nr" in the grey header of the second page: the header is still the table's.
    # A header with other labels at that place opens a new table.
    def ocr_words(text: str, x0: float, top: float, page: int) -> list:
        return words(text, x0, top, conf=90.0, page=page)

    def header(page: int, *labels: tuple[str, float]) -> list:
        return [w for text, x0 in labels for w in ocr_words(text, x0, 60, page)]

    first = [*header(1, ("Nr", 72), ("Besluiten en acties", 110), ("Toelichting", 360)),
             *ocr_words("3a", 72, 100, 1), *ocr_words("Coördinatiepunt COA", 110, 100, 1)]

    def tables(*labels: tuple[str, float]) -> list[Table]:
        second = [*header(2, *labels),
                  *ocr_words("B. De aanvraag wordt vastgesteld.", 110, 100, 2)]
        layout = find_layout([Page(1, 595, 842, first, ocr=True),
                              Page(2, 595, 842, second, ocr=True)])
        return [r.table for r in layout.regions if r.table is not None]

    same = tables(("Besluiten en acties", 111), ("Toelichting", 361))
    assert len(same) == 1
    assert same[0].rows[-1].text(1).endswith("B. De aanvraag wordt vastgesteld.")
    assert "".join(row.text(0) for row in same[0].rows) == "3a"
    other = tables(("Actiehouder", 111), ("Gereed", 361))
    assert len(other) == 2


def test_a_large_bold_word_inside_a_later_column_is_no_heading_after_the_table() -> None:
    # A redaction box OCR read as a bold word, taller than the text, in a cell of the third
    # column: the cell goes on. The same line where the table starts is a heading after it.
    def page(x0: float) -> list[Word]:
        out = [*words("Nr", 72, 60), *words("Onderwerp", 110, 60), *words("Toelichting", 260, 60)]
        out += [*words("31", 72, 100), *words("Nafase", 110, 100),
                *words("A-62: het beeld rondsturen op 14-03-", 260, 100)]
        out += [*words("2022", x0, 112), *words("(RWE)", x0 + 30, 111, size=15.0, bold=True)]
        out += words("A-63: de inzet voorbereiden.", 260, 130)
        return out

    def regions(x0: float) -> list[str]:
        return [r.kind for r in find_layout([Page(1, 595, 842, page(x0))]).regions]

    assert regions(260) == ["table"]
    assert regions(72) == ["table", "text"]


def test_a_rule_a_scan_lost_over_the_number_column_merges_no_number_down() -> None:
    # Rows ruled apart, but the rule above item 13 starts right of the number column (the
    # scan lost its left end): 13 opens its own row, not a second line of 12's number cell.
    from pipeline.records import Rule

    def row(nr: str, title: str, text: str, top: float) -> list[Word]:
        return [*words(nr, 90, top, conf=90.0), *words(title, 124, top, conf=90.0),
                *words(text, 260, top, conf=90.0)]

    found = [*words("Nr.", 90, 93, conf=90.0), *words("Onderwerp", 124, 93, conf=90.0),
             *words("Toelichting en besluit", 260, 93, conf=90.0),
             *row("11", "Infectieziekten", "B-15: De screening wordt vastgesteld.", 160),
             *row("12", "Crisisnoodopvang", "Ter besluitvorming", 368),
             *row("13", "Evaluatie hoogwater", "Ter vaststelling", 513)]
    rules = [Rule(86, y, 500, y) for y in (90, 106, 158, 365, 708)] + [Rule(110, 510, 488, 510)]
    layout = find_layout([Page(1, 595, 842, found, rules=rules, ocr=True)])
    [table] = [r.table for r in layout.regions if r.table is not None]
    assert [row.text(0) for row in table.rows] == ["11", "12", "13"]
