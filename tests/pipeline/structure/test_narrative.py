"""Items of running text (:mod:`pipeline.structure.narrative`): numbered headings, the
meeting's heading block above them."""

from __future__ import annotations

from pipeline.structure.ledger import Ledger
from pipeline.structure.narrative import narrative_items
from tests.pipeline.boxes import line, stack


def _minutes(sizes: list[float], conf: float | None) -> list:
    """A letterhead, a title, a date and five numbered bold headings, each over a sentence;
    the headings at `sizes` (one style, as OCR measures it line by line)."""
    lines = [
        line("Waterschap Rijn en IJssel", top=40, size=12, bold=True, conf=conf),
        line("Besluitenlijst Bestuurscommissie Waterveiligheid", top=70, size=14, bold=True,
             conf=conf),
        line("Datum: 25-09-2013", top=95, conf=conf),
    ]
    titles = ["Besluitenlijst vorige vergadering", "Omgevingsplan", "Peilbesluit Regge",
              "Grondbeleid", "Woondeal"]
    top = 130.0
    for n, (title, size) in enumerate(zip(titles, sizes, strict=True), start=1):
        lines.append(line(f"{n}. {title}", top=top, size=size, bold=True, conf=conf))
        lines.append(line("Het overleg besluit:", top=top + 16, conf=conf))
        lines.append(line("het voorstel wordt vastgesteld.", top=top + 28, conf=conf))
        top += 60
    return lines


def _scanned(heads: list[tuple], conf: float = 80.0) -> list:
    """A scanned heading block, then each (text, size, bold) heading over a sentence in 9 pt;
    a (text, size, bold, "alone") heading over the next heading, as a section stands."""
    lines = [line("Besluitenlijst Algemeen Bestuur", top=40, size=14, bold=True, conf=conf),
             line("Datum: 28 november 2018", top=60, conf=conf)]
    top = 90.0
    for text, size, bold, *alone in heads:
        lines.append(line(text, top=top, size=size, bold=bold, conf=conf))
        if alone:
            top += 24
            continue
        lines.append(line("Het overleg neemt kennis van de stand van zaken.", top=top + 14,
                          size=9.0, conf=conf))
        top += 40
    return lines


def test_the_first_item_ends_the_heading_block_whatever_it_names() -> None:
    head, items = narrative_items(_minutes([10.0] * 5, None), Ledger(), 10.0)
    assert [it.nr for it in items] == ["1", "2", "3", "4", "5"]
    assert items[0].title == "Besluitenlijst vorige vergadering"
    assert [ln.text for ln in head][-1] == "Datum: 25-09-2013"


def test_ocr_headings_of_one_style_read_at_spread_sizes_stay_one_run() -> None:
    # 8.9 and 10.6 are further apart than two sizes of one style may be, but each is close to
    # the size next to it: OCR's spread, not two styles.
    lines = _minutes([8.9, 9.5, 10.1, 10.6, 9.2], 80.0)
    _, items = narrative_items(lines, Ledger(), 10.0)
    assert [it.nr for it in items] == ["1", "2", "3", "4", "5"]


def test_ocr_agenda_rows_read_large_do_not_outrank_the_bold_headings() -> None:
    # An agenda before the narrative: OCR measures a row whose cells wrap from top to bottom,
    # so rows 2 and 3 read twice their size, in order, and would be the largest type.
    conf = 80.0
    lines = [line("Verslag Bestuurlijk Overleg", top=40, size=14, bold=True, conf=conf),
             line("Datum: 25-09-2013", top=60, conf=conf)]
    for n, size in zip(range(1, 6), (10.0, 19.0, 19.5, 10.0, 10.0), strict=True):
        lines.append(line(f"{n} Onderwerp {n} gedeputeerde Landbouw", top=70 + 14 * n,
                          size=size, conf=conf))
    for ln in _minutes([11.0] * 5, conf)[3:]:
        lines.append(line(ln.text, top=ln.top + 100, size=ln.size, bold=ln.bold, conf=conf))
    _, items = narrative_items(lines, Ledger(), 10.0)
    assert [it.nr for it in items] == ["1", "2", "3", "4", "5"]
    assert items[1].title == "Omgevingsplan"


def test_ocr_headings_broken_by_one_read_far_larger_stay_one_run() -> None:
    # A worn copy: heading 6 reads twice its size (glued to a line of specks), heading 7 was
    # lost, and two plain lines that open with a number read large too. By size the bold
    # headings fall apart into 1–5 and 8–12 and the two plain lines would outrank both; read
    # over all sizes, the bold run numbers every item.
    conf = 80.0
    lines = [line("Besluitenlijst Algemeen Bestuur", top=40, size=14, bold=True, conf=conf),
             line("Datum: 28 november 2018", top=60, conf=conf)]
    top = 90.0
    for n in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12):
        size = 18.0 if n == 6 else 9.0
        lines.append(line(f"{n}: Onderwerp nummer {n}", top=top, size=size, bold=True,
                          conf=conf))
        lines.append(line("Het overleg neemt kennis van de stand van zaken.", top=top + 14,
                          size=9.0, conf=conf))
        top += 40
        if n == 10:
            for nr in ("3", "5"):
                lines.append(line(f"{nr} Naar aanleiding van een vraag", top=top, size=16.0,
                                  conf=conf))
                top += 24
    _, items = narrative_items(lines, Ledger(), 9.0)
    assert [it.nr for it in items] == ["1", "2", "3", "4", "5", "6", "8", "9", "10", "11", "12"]


def test_two_ocr_headings_read_far_larger_are_no_style_of_their_own() -> None:
    # Headings 6 and 8 of a worn copy read twice their size: a run of two, in order, in the
    # largest type, which would outrank the twelve headings of the agenda. Numbering no
    # section of them, they are two of them.
    heads = [(f"{n}: Onderwerp nummer {n}", 18.0 if n in (6, 8) else 9.0, True)
             for n in range(1, 13)]
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    assert [it.nr for it in items] == [str(n) for n in range(1, 13)]


def test_numbered_sections_in_a_larger_type_stay_sections_of_their_items() -> None:
    # Two sections, "1" and "2", in a larger type over their items: a short run beside a long
    # one, but the parent of its numbers.
    heads = [h for section in (1, 2) for h in (
        (f"{section}. Onderdeel {section}", 16.0, True, "alone"),
        *((f"{section}.{n} Onderwerp {section}.{n}", 9.0, True) for n in range(1, 6)))]
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    assert [it.nr for it in items] == [f"{s}.{n}" for s in (1, 2) for n in range(1, 6)]
    assert items[0].section.endswith("Onderdeel 1") and items[5].section.endswith("Onderdeel 2")


def test_ocr_sections_read_at_the_size_of_their_items_are_told_apart_by_weight() -> None:
    # A worn copy reads the 14 pt plain sections and the 11 pt bold items at one spread of
    # sizes: the plain headings that number bold ones under them are their sections.
    heads = [h for section, size in ((1, 12.0), (2, 11.0)) for h in (
        (f"3.{section} Onderdeel {section}", size, False, "alone"),
        *((f"3.{section}.{n}: Onderwerp {n}", 10.5 + n % 2, True) for n in range(1, 5)))]
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    assert [it.nr for it in items] == [f"3.{s}.{n}" for s in (1, 2) for n in range(1, 5)]
    assert items[4].section == "Onderdeel 2"


def test_ocr_headings_whose_number_was_mangled_fill_the_gap_they_leave() -> None:
    # Dots lost, split or glued on: "3.413:", "3.4 15", "34.17:", "3.5.1.:Titel" (the first
    # item of the section "3.5").
    read = ["3.4.10:", "3.4.11:", "3.4.12:", "3.413:", "3.4.14:", "3.4 15", "3.4.16:",
            "34.17:", "3.4.18:"]
    heads = [(f"{nr} Onderwerp", 11.0, True) for nr in read]
    heads += [("3.5 Besluitvorming", 12.0, False, "alone"), ("3.5.1.:Crisisnoodopvang", 11.0, True),
              ("3.5.2: Onderwerp", 11.0, True), ("3.5.3: Onderwerp", 11.0, True)]
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    want = [f"3.4.{n}" for n in range(10, 19)] + ["3.5.1", "3.5.2", "3.5.3"]
    assert [it.nr for it in items] == want
    assert items[5].title == "Onderwerp" and items[9].title == "Crisisnoodopvang"
    assert items[9].section == "Besluitvorming"


def test_a_speck_at_the_page_edge_moves_no_margin() -> None:
    # A copier's streak read into one line's first word puts that line at x 0; the headings
    # at the text's margin are still at the margin.
    conf = 80.0
    lines = [line(ln.text, x0=72, top=ln.top, size=ln.size, bold=ln.bold, conf=conf)
             for ln in _minutes([11.0] * 5, conf)]
    lines.insert(5, line("| Vanuit de gemeente wordt opgemerkt dat het goed gaat.", x0=0,
                         top=150, conf=conf))
    _, items = narrative_items(lines, Ledger(), 10.0)
    assert [it.nr for it in items] == ["1", "2", "3", "4", "5"]


def test_ocr_sections_are_measured_against_the_heading_under_them() -> None:
    # A worn copy reads the item headings from 10.6 to 14.5 pt: a bold section "Beleid" at
    # 14 over "6.1" at 11.5 is larger than the heading it heads, not than the largest.
    heads = [("Bedrijfsvoering", 13.1, True, "alone"), ("5.1: Onderwerp 5.1", 10.6, True),
             ("5.2: Onderwerp 5.2", 13.0, True), ("Beleid", 14.0, True, "alone"),
             ("6.1: Onderwerp 6.1", 11.5, True), ("6.2: Onderwerp 6.2", 12.2, True),
             ("6.3: Onderwerp 6.3", 14.5, True)]
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    assert [(it.nr, it.section) for it in items] == [
        ("5.1", "Bedrijfsvoering"), ("5.2", "Bedrijfsvoering"), ("6.1", "Beleid"),
        ("6.2", "Beleid"), ("6.3", "Beleid")]


def test_numbered_list_lines_ocr_reads_large_are_list_items_not_headings() -> None:
    # A worn copy reads the first heading and two lines of a numbered decision list far
    # larger than the rest: "1.1", "3", "4" run in order in the largest type, but numbered
    # sentences are a list, and the headings of the agenda are the items.
    conf = 80.0
    lines = [line("Verslag Dagelijks Bestuur", top=40, size=14, bold=True, conf=conf),
             line("Datum: 8 januari 2024", top=60, conf=conf)]
    top = 90.0
    for n in range(1, 13):
        lines.append(line(f"1.{n} Onderwerp nummer {n}", top=top, size=17.0 if n == 1 else 10.5,
                          bold=True, conf=conf))
        top += 16
        if n == 1:
            lines.append(line("Het bestuur besluit:", top=top, conf=conf))
            for k, size in ((1, 9.8), (2, 10.3), (3, 17.5), (4, 19.4)):
                end = "." if k == 4 else ";"
                lines.append(line(f"{k} de kosten te dekken uit de reserve{end}", top=top + 14 * k,
                                  size=size, conf=conf))
            top += 70
        lines.append(line("Het overleg neemt kennis van de stand van zaken.", top=top, conf=conf))
        top += 30
    _, items = narrative_items(lines, Ledger(), 10.0)
    assert [it.nr for it in items] == [f"1.{n}" for n in range(1, 13)]


def test_an_unnumbered_heading_of_another_style_right_over_a_heading_is_its_section() -> None:
    # "Verslag" (12 pt) stands right over "Mededelingen" (12.5 pt, the items' style) with
    # nothing of its own: the section of the items under it. A bold header row of an agenda
    # table ("Nr. Onderwerp Voorbereiding") heads nothing.
    lines = stack(["Verslag Crisisoverleg"], top=40, size=14.5, bold=True)
    lines += stack(["Vergaderdatum: maandag 18 januari 2010"], top=60)
    lines += stack(["Agenda"], top=90, size=12, bold=True)
    lines += stack(["Nr. Onderwerp Voorbereiding"], top=105, bold=True)
    lines += stack(["Mededelingen adviseur", "Vaccinatiecampagne burgemeester"], x0=125, top=118)
    lines += stack(["Verslag"], top=160, size=12, bold=True)
    top = 175.0
    for title in ("Mededelingen", "Capaciteit bron- en contactonderzoek", "Vaccinatiecampagne"):
        lines += stack([title], top=top, size=12.5, bold=True)
        lines += stack(["Het overleg stemt in met het voorstel."], top=top + 16)
        top += 40
    _, items = narrative_items(lines, Ledger(), 10.0)
    got = [(it.title, it.section) for it in items]
    assert got[-3:] == [("Mededelingen", "Verslag"),
                        ("Capaciteit bron- en contactonderzoek", "Verslag"),
                        ("Vaccinatiecampagne", "Verslag")]
    assert all("Nr." not in title for title, _ in got)


def test_ocr_punt_headings_read_through_specks_and_glued_dashes() -> None:
    # A speck before "Punt" read as a quote; a dash set tight against the title.
    heads = [("Punt 4 - Droogte", 10.0, True), ("‘Punt 5 - Actueel beeld", 10.0, True),
             ("Punt 6 - Opvang", 10.0, True), ("Punt 7 —Waterpeil Dinkel", 10.0, True)]
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    assert [(it.nr, it.title) for it in items] == [
        ("4", "Droogte"), ("5", "Actueel beeld"), ("6", "Opvang"), ("7", "Waterpeil Dinkel")]


def test_ocr_sections_stand_over_a_heading_read_large_and_through_a_speck() -> None:
    # "Oordeelsvorming," with a speck read as a comma; "Communicatie" over a heading that OCR
    # read far larger than the others, and than the section.
    heads = [(f"Punt {n} - Onderwerp {n}", 12.9 if n == 9 else 9.8 + n % 3 * 0.2, True)
             for n in range(1, 13)]
    heads.insert(8, ("Communicatie", 10.3, True, "alone"))
    heads.insert(4, ("Oordeelsvorming,", 10.2, True, "alone"))
    _, items = narrative_items(_scanned(heads), Ledger(), 9.0)
    assert [it.nr for it in items] == [str(n) for n in range(1, 13)]
    assert [it.section for it in items] == [""] * 4 + ["Oordeelsvorming"] * 4 + [
        "Communicatie"] * 4
