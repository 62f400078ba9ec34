"""Header-less, unruled tables found from the whitespace gutters that run down them."""

from __future__ import annotations

from pipeline.layout.gutters import gutter_table
from pipeline.records import Line
from tests.pipeline.boxes import line, words


def row(nr: str, subject: str, owner: str, status: str, top: float) -> Line:
    return Line(words(nr, 50, top) + words(subject, 80, top) + words(owner, 330, top)
                + words(status, 470, top))


def test_numbered_rows_with_two_gutters_are_a_table() -> None:
    lines = [line("Actielijst", 50, 60)]
    rows = [("1", "Notitie opvang uitwerken", "DPG", "open"),
            ("2", "Brief aan gemeenten sturen", "voorzitter", "gereed"),
            ("3", "Locaties inventariseren", "Regio Twente", "open"),
            ("4", "Evaluatie agenderen", "secretaris", "lopend"),
            ("5", "Draaiboek bijwerken", "OvD", "open")]
    lines += [row(*r, top=80 + 16 * i) for i, r in enumerate(rows)]
    found = gutter_table(lines)
    assert found is not None
    first, end, edges = found
    assert (first, end) == (1, 6)
    # the subject, owner and status columns start right of the gutters between them
    assert any(300 < e <= 330 for e in edges) and any(440 < e <= 470 for e in edges)


def test_a_numbered_list_of_prose_is_no_table() -> None:
    """Prose wraps to the margin: no gap runs down all its lines."""
    texts = ["1. De notitie wordt besproken en vastgesteld door het bestuur.",
             "2. Het algemeen bestuur stemt in met de begroting van volgend jaar.",
             "3. De voorzitter licht het voorstel toe en beantwoordt de vragen.",
             "4. Rondvraag: er zijn geen vragen van de leden meer gesteld.",
             "5. Sluiting om half vijf door de voorzitter van de vergadering."]
    lines = [line(t, 50, 80 + 14 * i) for i, t in enumerate(texts)]
    assert gutter_table(lines) is None


def test_too_few_rows_are_no_table() -> None:
    lines = [row("1", "Notitie", "DPG", "open", 80), row("2", "Brief", "voorzitter", "open", 96)]
    assert gutter_table(lines) is None


def test_a_label_list_set_with_tabs_is_no_table() -> None:
    """Numbered items whose lines open with labels ("Agendapunt:", "Zaak:", "Besluit:") at
    one tab stop and their values at the next: a label list, not three columns."""
    lines: list[Line] = []
    top = 80.0
    for n in range(1, 6):
        for label, value in (("Agendapunt:", f"Onderwerp {n}"), ("Zaak:", "Brief regering"),
                             ("Besluit:", "Het overleg stemt in met het voorstel.")):
            nr = words(f"{n}.", 50, top) if label == "Agendapunt:" else []
            lines.append(Line(nr + words(label, 80, top) + words(value, 160, top)))
            top += 14
    assert gutter_table(lines) is None


def test_a_larger_bold_heading_ends_the_last_row() -> None:
    rows = [("1", "Notitie opvang uitwerken", "DPG", "open"),
            ("2", "Brief aan gemeenten sturen", "voorzitter", "gereed"),
            ("3", "Locaties inventariseren", "Regio Twente", "open"),
            ("4", "Evaluatie agenderen", "secretaris", "lopend")]
    lines = [row(*r, top=80 + 16 * i) for i, r in enumerate(rows)]
    lines.append(line("Actielijst (stand van zaken)", 50, 160, size=12.5, bold=True))
    found = gutter_table(lines)
    assert found is not None and found[1] == 4
