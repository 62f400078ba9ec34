"""The layout step's rules for scanned headers and words near column edges, on word boxes."""

from __future__ import annotations

from pipeline.layout.columns import column_of as _column_of
from pipeline.layout.columns import merge_within_cells as _merge_within_cells
from pipeline.layout.header import header_chunks as _header_chunks
from pipeline.records import Column, Line, Word


def words(*spec: tuple[str, float, float]) -> list[Word]:
    """Words on one line (10 pt high) from (text, x0, x1)."""
    return [Word(text, x0, x1, 100.0, 110.0, conf=90.0) for text, x0, x1 in spec]


def labels(chunks: list[Line]) -> list[str]:
    return [c.text for c in chunks]


def test_labels_of_two_roles_set_close_together_are_two_columns() -> None:
    # "Nr" and "Onderwerp" 10 pt apart (a scan widened the box of "Nr"): less than a column
    # gap, more than a word space.
    line = Line(
        words(
            ("Nr", 60, 78), ("Onderwerp", 88, 140),
            ("Besluit", 186, 218), ("/", 220, 223), ("Actie", 226, 249),
            ("Actiehouder", 447, 502),
        )
    )
    assert labels(_header_chunks(line)) == ["Nr", "Onderwerp", "Besluit / Actie", "Actiehouder"]


def test_a_label_of_one_role_stays_whole_within_a_word_space() -> None:
    line = Line(words(("Agendapunt", 60, 110), ("nr", 113, 124), ("Besluit", 186, 218)))
    assert labels(_header_chunks(line)) == ["Agendapunt nr", "Besluit"]


def test_labels_of_one_role_inside_one_ruled_cell_are_one_column() -> None:
    # OCR lost "(K) /", leaving a wide gap inside the entries label.
    chunks = [
        Line(words(("Nr", 61, 72))),
        Line(words(("Besluit", 105, 135), ("(B)/", 138, 152), ("Knelpunt", 160, 201))),
        Line(words(("Actie", 225, 250), ("(A)", 252, 264))),
        Line(words(("Toelichting", 374, 425))),
    ]
    merged = _merge_within_cells(chunks, [57.0, 100.0, 370.0, 538.0])
    assert labels(merged) == ["Nr", "Besluit (B)/ Knelpunt Actie (A)", "Toelichting"]
    # With a rule between them, two entries columns stay two.
    ruled = _merge_within_cells(chunks, [57.0, 100.0, 215.0, 370.0, 538.0])
    assert len(ruled) == 4


def test_a_word_starting_just_short_of_an_edge_belongs_beyond_it() -> None:
    columns = [Column("subject", 52, 182, "Onderwerp"), Column("entries", 182, 442, "Actie")]
    drifted, = words(("opvanglocaties", 180, 249))
    own, = words(("mededelingen", 90, 149))
    long_title_word, = words(("gezondheidszorg", 120, 176))
    assert _column_of(drifted, columns) == 1
    assert _column_of(own, columns) == 0
    assert _column_of(long_title_word, columns) == 0
    # A scan's text 4 pt left of where the label put the edge, half of "Op" beyond it.
    op = Word("Op", 178, 192, 100.0, 109.2, conf=96.0)
    assert _column_of(op, columns) == 1


def test_a_framed_header_whose_inner_lines_a_scan_lost_takes_the_grid_below() -> None:
    # Only the frame crosses the header row (its inner lines broke up on the scan, one read
    # as "I" before "Agendapunt"), and a theme row under it ("TER BESPREKING") reads as its
    # wrapped line: the columns still end at the grid's lines below.
    from pipeline.layout.columns import columns_from_header
    from pipeline.layout.header import Header
    from pipeline.layout.rules import Ruling, Segment

    line = Line(words(("Nr", 91, 102), ("I", 131, 135), ("Agendapunt", 137, 195),
                      ("Toelichting", 355, 408)))
    theme = Line([Word("TER", 91, 110, 112, 122, conf=90.0),
                  Word("BESPREKING", 114, 179, 112, 122, conf=90.0)])
    chunks = [Line(line.words[:1]), Line(line.words[1:3]), Line(line.words[3:])]
    header = Header(line=line, extra=[theme], chunks=chunks)
    ruling = Ruling(horizontal=[], vertical=[
        Segment(86, 95, 500), Segment(747, 95, 500),  # the frame, through the header
        Segment(132, 124, 480), Segment(350, 124, 480)])  # the grid, from the first row
    body = [Word("1", 90, 98, 130, 140), Word("Jeugdzorg", 137, 200, 130, 140),
            Word("Ter", 355, 370, 130, 140)]
    columns = columns_from_header(header, ruling, body, 842)
    assert [round(c.x0) for c in columns] == [86, 132, 350]
    assert [c.role for c in columns] == ["nr", "subject", "toelichting"]


def test_labels_joined_by_a_slash_without_spaces_name_their_roles() -> None:
    from pipeline.layout.header import chunk_role, role_of

    assert role_of("Besluit/Actie") == "entries" and role_of("Wie/Wat") == "owner"
    assert chunk_role(Line(words(("Besluit/Actie", 200, 260)))) == "entries"
    assert role_of("/") is None
    assert role_of("O/G") == "status"  # a label of its own as a whole


def test_words_ocr_could_hardly_read_do_not_outvote_the_labels() -> None:
    # A copier's streak through the header row, read as "EEEN" and "df" at 7% confidence.
    def header(conf: float) -> Line:
        line = Line(words(("Nr", 88, 102), ("Agendapunt", 137, 198), ("Toelichting", 355, 408)))
        line.words += [Word("EEEN", 412, 441, 100.0, 110.0, conf=conf),
                       Word("df", 480, 490, 100.0, 110.0, conf=conf)]
        return line

    assert _header_chunks(header(7.0)) is not None
    assert _header_chunks(header(80.0)) is None  # words read with confidence: no header


def test_a_word_naming_no_role_inside_a_labels_ruled_cell_is_no_column() -> None:
    chunks = [Line(words(("Nr", 88, 102))), Line(words(("Agendapunt", 137, 198))),
              Line(words(("Toelichting", 355, 408))), Line(words(("I", 492, 496)))]
    merged = _merge_within_cells(chunks, [86.0, 132.0, 350.0, 747.0])
    assert labels(merged) == ["Nr", "Agendapunt", "Toelichting I"]
    # In a cell of its own it is a column, if one the header names no role for.
    assert len(_merge_within_cells(chunks, [86.0, 132.0, 350.0, 480.0, 747.0])) == 4


def test_a_theme_row_under_the_headers_rule_is_no_wrapped_label() -> None:
    from pipeline.layout.header import find_header
    from pipeline.layout.rules import Ruling, Segment

    line = Line(words(("Nr", 91, 102), ("Agendapunt", 137, 195), ("Toelichting", 355, 408)))
    theme = Line([Word("TER", 91, 110, 114, 124, conf=90.0),
                  Word("BESPREKING", 114, 179, 114, 124, conf=90.0)])
    ruled = Ruling(horizontal=[Segment(112, 86, 747)], vertical=[])
    assert find_header([line, theme], 0, ruled)[1].extra == []
    assert find_header([line, theme], 0)[1].extra == [theme]  # no rule: it may be a label


def test_an_inner_line_a_scan_lost_in_the_header_is_taken_from_the_grid_below() -> None:
    # On the header's grey fill the line after "Nr" was read as an "I"; the frame and the
    # line before "Toelichting" were found. The grid's line below tells the missing edge.
    from pipeline.layout.columns import columns_from_header
    from pipeline.layout.header import Header
    from pipeline.layout.rules import Ruling, Segment

    line = Line(words(("Nr", 91, 102), ("I", 131, 135), ("Agendapunt", 137, 195),
                      ("Toelichting", 355, 408)))
    chunks = [Line(line.words[:1]), Line(line.words[1:3]), Line(line.words[3:])]
    header = Header(line=line, extra=[], chunks=chunks)
    ruling = Ruling(horizontal=[], vertical=[
        Segment(86, 95, 500), Segment(350, 95, 500), Segment(747, 95, 500),
        Segment(132, 112, 480)])
    body = [Word("1", 90, 98, 130, 140), Word("Jeugdzorg", 137, 200, 130, 140),
            Word("Ter", 355, 370, 130, 140)]
    columns = columns_from_header(header, ruling, body, 842)
    assert [round(c.x0) for c in columns] == [86, 132, 350]


def test_a_dark_header_fills_edge_read_before_a_label_leaves_it_a_label() -> None:
    # White on a dark fill: OCR reads the fill's left edge as a bar glued to "Nr".
    line = Line(words(("Inr", 38, 55), ("Agendapunt", 80, 140), ("Toelichting", 250, 310)))
    assert labels(_header_chunks(line)) == ["Inr", "Agendapunt", "Toelichting"]


def test_a_long_label_ocr_misread_by_a_letter_or_two_keeps_its_role() -> None:
    from pipeline.layout.header import role_of

    assert [role_of(t) for t in ("Ageridapunt", "Actiehoudcr", "Toelichtng", "Deadlinc")] == [
        "subject", "owner", "toelichting", "due"]
    # Short words and words near no label, or near two, name nothing.
    assert [role_of(t) for t in ("Aanwezigen", "Vergadering", "Voorzitter", "Wiel")] == [
        None, None, None, None]


def test_a_filler_joins_the_labels_either_side_however_wide_the_scans_spaces() -> None:
    line = Line(words(("Nr", 40, 52), ("Onderwerp", 100, 150), ("en", 158, 170),
                      ("bespreking", 178, 230), ("Afspraken", 490, 547)))
    assert labels(_header_chunks(line)) == ["Nr", "Onderwerp en bespreking", "Afspraken"]


def test_a_label_box_specks_stretched_over_a_rule_takes_the_cell_holding_its_middle() -> None:
    # "Wanneer" read at 43% from 630 to 744 across the rule at 683: its cell starts at 683.
    # A label read with confidence keeps its own start (a rule inside it is another matter).
    from pipeline.layout.columns import _rule_through

    rules = [66.0, 115.0, 270.0, 550.0, 683.0, 767.0]
    stretched = Line([Word("Wanneer", 630, 744, 208, 218, conf=43.0)])
    assert _rule_through(rules, stretched) == 683.0
    assert _rule_through(rules, Line([Word("Wanneer", 630, 744, 208, 218, conf=90.0)])) is None
    assert _rule_through(rules, Line([Word("Wie", 560, 580, 208, 218, conf=40.0)])) is None


def test_a_title_row_right_under_the_header_mends_no_label_of_it() -> None:
    # "agenda" of the bold title row "Vaststellen agenda" lies under the header's "/": no
    # piece of a label broken for want of room ("Wannee" over "r" is), so no label takes it.
    def at(text: str, x0: float, top: float, bold: bool = False) -> Word:
        return Word(text, x0, x0 + 5.0 * len(text), top, top + 10, 1, 10.0, bold)

    header = Line([at(t, x, 253) for t, x in (
        ("Nr", 71), ("Besluit", 107), ("(B)", 138), ("/", 153), ("Knelpunt", 159), ("(K)", 200),
        ("/", 214), ("Actie", 221), ("(A)", 245), ("Toelichting", 357))])
    title = Line([at("Vaststellen", 107, 266, True), at("agenda", 158, 266, True)])
    assert labels(_header_chunks(header, title)) == [
        "Nr", "Besluit (B) / Knelpunt (K) / Actie (A)", "Toelichting"]
    broken = Line([at("Nr", 71, 253), at("Onderwerp", 107, 253), at("Wannee", 357, 253)])
    assert labels(_header_chunks(broken, Line([at("r", 380, 266)]))) == [
        "Nr", "Onderwerp", "Wanneer"]


def test_a_rule_ocr_read_as_a_letter_between_two_labels_parts_them() -> None:
    # "Nr. I B/K/A": the rule between the number column and the entries read as an "I".
    words = [Word("Nr.", 72.0, 85.4, 244, 254, conf=93.0), Word("I", 100.8, 105.6, 244, 254,
             conf=86.0), Word("B/K/A", 108.2, 135.4, 244, 254, conf=52.0),
             Word("Toelichting", 356.9, 413.8, 244, 254, conf=96.0)]  # fmt: skip
    assert labels(_header_chunks(Line(words))) == ["Nr.", "B/K/A", "Toelichting"]


def test_a_date_starting_just_short_of_its_column_is_of_that_column() -> None:
    # "18-09-2011" in 9.5 pt from 708.7, the Deadline column from 712: digits have no
    # descenders, so the box is 6.5 pt high, but half an em of its type is 4.75 pt. A word
    # starting well inside the column before it stays there.
    columns = [Column("owner", 568, 712), Column("due", 712, 760)]
    date = Word("18-09-2011", 708.7, 753.0, 241.2, 247.7, 2, 9.5)
    assert _column_of(date, columns) == 1
    owner = Word("gemeentesecretaris", 690.0, 745.0, 241.2, 249.3, 2, 9.5)
    assert _column_of(owner, columns) == 0


def test_a_marker_and_a_word_of_the_cell_beside_it_are_no_header() -> None:
    # "B:" alone on its line in the entries column, "agendapunt." ending the toelichting
    # beside it: two roles, but one of them a letter; a header names two labels in words.
    line = Line([Word("B:", 119, 128, 300, 310), Word("agendapunt.", 347, 395, 300, 310)])
    assert _header_chunks(line) is None
    header = Line([Word("Nr", 86, 96, 100, 110), Word("B/K/A", 119, 145, 100, 110),
                   Word("Toelichting", 347, 395, 100, 110)])
    assert labels(_header_chunks(header)) == ["Nr", "B/K/A", "Toelichting"]
