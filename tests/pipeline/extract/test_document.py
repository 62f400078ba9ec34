"""A scanned page with an OCR layer made elsewhere, as Woo releases come: the layer is kept, and
what it cannot hold is read from the page image (redaction boxes, a header row on a tint, the
table's rules)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from models.redaction import is_redaction_mark
from pipeline.extract.document import extract_document
from pipeline.process import ProcessOptions, process_file

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DPI = 300
PT = DPI / 72  # pixels per point
# The table: Nr | Actiepunt | Wie | Status, columns at these x (points), rows from these tops.
COLUMNS = (60, 100, 330, 440, 540)
HEADER_TOP, ROW_TOPS, BOTTOM = 150, (172, 222, 272), 322
ROWS = (
    ("12", "Contact opnemen met de GGD over de opvang", None, "Afgehandeld"),
    ("13", "Offerte maken voor de volgende fase", "Projectleider", "Loopt"),
    ("14", "Overleg plannen met de gemeente Assen", None, "Gepland"),
)


def _scan() -> Image.Image:
    """The page image: a title, and a ruled table whose header row is set black on cyan and
    whose empty Wie cells are redacted with a grey box, its ground in white."""
    image = Image.new("RGB", (round(595 * PT), round(842 * PT)), "white")
    draw = ImageDraw.Draw(image)

    def text(x: float, top: float, words: str, *, bold: bool = False, fill: str = "black") -> None:
        font = ImageFont.truetype(BOLD if bold else FONT, round(10 * PT))
        draw.text((x * PT, top * PT), words, font=font, fill=fill)

    text(60, 80, "Actielijst kernteam 12 maart 2021", bold=True)
    draw.rectangle((COLUMNS[0] * PT, HEADER_TOP * PT, COLUMNS[-1] * PT, (HEADER_TOP + 22) * PT),
                   fill=(0, 176, 240))
    for x, label in zip(COLUMNS, ("Nr", "Actiepunt", "Wie", "Status"), strict=False):
        text(x + 4, HEADER_TOP + 5, label, bold=True)
    bottom = BOTTOM
    for y in (HEADER_TOP, *ROW_TOPS, bottom):
        draw.line((COLUMNS[0] * PT, y * PT, COLUMNS[-1] * PT, y * PT), fill="black", width=3)
    for x in COLUMNS:
        draw.line((x * PT, HEADER_TOP * PT, x * PT, bottom * PT), fill="black", width=3)
    for top, (nr, action, owner, status) in zip(ROW_TOPS, ROWS, strict=True):
        text(COLUMNS[0] + 4, top + 6, nr)
        first, _, rest = action.partition(" de ") if len(action) > 32 else (action, "", "")
        text(COLUMNS[1] + 4, top + 6, first + (" de" if rest else ""))
        if rest:
            text(COLUMNS[1] + 4, top + 20, rest)
        text(COLUMNS[3] + 4, top + 6, status)
        if owner:
            text(COLUMNS[2] + 4, top + 6, owner)
        else:
            box = ((COLUMNS[2] + 6) * PT, (top + 5) * PT, (COLUMNS[2] + 60) * PT, (top + 19) * PT)
            draw.rectangle(box, fill=(108, 108, 108))
            text(COLUMNS[2] + 14, top + 7, "5.1.2e", fill="white")
    return image


def _woo_pdf(path: Path) -> Path:
    """The scan as a PDF with Tesseract's own invisible text layer over it, as OCR programs
    make them (Tesseract loses the header row on its tint, as other OCR programs do)."""
    image = _scan()
    png = path.with_suffix(".png")
    image.save(png, dpi=(DPI, DPI))
    subprocess.run(["tesseract", str(png), str(path.with_suffix("")), "-l", "nld", "pdf"],
                   check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def woo_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _woo_pdf(tmp_path_factory.mktemp("woo") / "actielijst.pdf")


@pytest.mark.usefixtures("tesseract_ready")
def test_a_kept_layer_is_mended_from_the_page_image(woo_pdf: Path) -> None:
    (page,) = extract_document(woo_pdf).pages
    assert not page.ocr and "OCR layer" in page.note
    # The header row the layer lost is read from the image, emphasised like a header.
    header = [w for w in page.words if HEADER_TOP < w.top < HEADER_TOP + 22]
    assert [w.text for w in header] == ["Nr", "Actiepunt", "Wie", "Status"]
    assert all(w.bold for w in header)
    # Each redaction box is a mark, in the Wie column, though the layer read nothing on it.
    marks = [w for w in page.words if is_redaction_mark(w.text)]
    assert len(marks) == 2 and all(COLUMNS[2] < w.x0 < COLUMNS[3] for w in marks)
    # The table's rules come from the image: the lines between its rows, the column edges
    # (also where they meet the tinted header row); none round the redaction boxes.
    flat = [r for r in page.rules if abs(r.top - r.bottom) < 1]
    upright = [r for r in page.rules if abs(r.x0 - r.x1) < 1]
    below = sorted(r.top for r in flat if r.top > ROW_TOPS[0] + 2)
    assert len(below) == 3
    assert all(abs(y - want) <= 2 for y, want in zip(below, (*ROW_TOPS[1:], BOTTOM), strict=True))
    assert all(r.x1 - r.x0 > 400 for r in flat)
    edges = sorted(r.x0 for r in upright if r.bottom - r.top > 100)
    assert len(edges) == len(COLUMNS)
    assert all(abs(x - want) <= 2 for x, want in zip(edges, COLUMNS, strict=True))


@pytest.mark.usefixtures("tesseract_ready")
def test_the_mended_page_reads_as_an_action_list(woo_pdf: Path) -> None:
    meeting = process_file(woo_pdf, ProcessOptions(tag=False))
    entries = [(it.nr, e) for it in meeting.items for e in it.entries]
    assert [nr for nr, _ in entries] == ["12", "13", "14"]
    assert [e.owner_redacted for _, e in entries] == [True, False, True]
    assert entries[1][1].owner == "Projectleider"
    assert [e.status_text for _, e in entries] == ["Afgehandeld", "Loopt", "Gepland"]
    assert entries[0][1].text.startswith("Contact opnemen met de GGD")
