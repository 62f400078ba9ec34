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
