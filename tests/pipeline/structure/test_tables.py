"""Items from tables on real PDFs: the fields beside an item's entries."""

from __future__ import annotations

from pathlib import Path

from pipeline.process import ProcessOptions, process_file


def _owners_beside_plain_lines(path: Path) -> Path:
    """An unruled action table whose item holds a decision, two unmarked tasks with an owner
    (and one with a deadline) on their own line, and a remark between them."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    height = landscape(A4)[1]

    def text(x: float, y: float, s: str, bold: bool = False) -> None:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 9)
        c.drawString(x, height - y, s)

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
