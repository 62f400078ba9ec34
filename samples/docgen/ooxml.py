"""OOXML that python-docx has no API for: borders, shading, repeated header rows, rows that may
not split, fields, column widths and redaction boxes, written as the elements Word writes."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(parent: Any, tag: str) -> Any:
    """The first child ``tag`` of ``parent``, created when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def table_borders(table: Table, edges: dict[str, tuple[str, int, str]]) -> None:
    """Set the table's borders: edge -> (val, size in eighths of a point, colour). Edges not
    named are switched off, so "no borders" is an empty dict."""
    tbl_pr = table._tbl.tblPr  # noqa: SLF001
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in BORDER_EDGES:
        el = OxmlElement(f"w:{edge}")
        val, size, color = edges.get(edge, ("nil", 0, "auto"))
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), color)
        borders.append(el)
    tbl_pr.append(borders)


def no_table_style(table: Table) -> None:
    """Drop the table style, whose borders would otherwise show through."""
    style = table._tbl.tblPr.find(qn("w:tblStyle"))  # noqa: SLF001
    if style is not None:
        table._tbl.tblPr.remove(style)  # noqa: SLF001


def cell_shading(cell: _Cell, fill: str) -> None:
    """Background colour of a cell, as hex ("D9D9D9")."""
    tc_pr = cell._tc.get_or_add_tcPr()  # noqa: SLF001
    shd = _child(tc_pr, "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def cell_bottom_border(cell: _Cell, size: int = 8) -> None:
    """A rule under one cell (a header underline in an otherwise unruled table)."""
    tc_pr = cell._tc.get_or_add_tcPr()  # noqa: SLF001
    borders = _child(tc_pr, "w:tcBorders")
    bottom = _child(borders, "w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "0")
    bottom.set(qn("w:color"), "000000")


def repeat_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto (``w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
    _child(tr_pr, "w:tblHeader").set(qn("w:val"), "true")


def cant_split(row: _Row) -> None:
    """Keep the row on one page (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
    _child(tr_pr, "w:cantSplit").set(qn("w:val"), "true")


def column_widths(table: Table, widths_pt: list[float]) -> None:
    """Fixed column widths: the grid and every cell, so LibreOffice does not autofit."""
    tbl = table._tbl  # noqa: SLF001
    tbl_pr = tbl.tblPr
    layout = _child(tbl_pr, "w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    width = _child(tbl_pr, "w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_pt) * 20)))
    width.set(qn("w:type"), "dxa")
    grid = tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_pt, strict=False):
        col.set(qn("w:w"), str(round(w * 20)))
    for row in table.rows:
        for tc, w in zip(row._tr.tc_lst, widths_pt, strict=False):  # noqa: SLF001
            tc_w = _child(tc.get_or_add_tcPr(), "w:tcW")
            tc_w.set(qn("w:w"), str(round(w * 20)))
            tc_w.set(qn("w:type"), "dxa")


def field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) as Word writes it: begin, instruction, result, end."""
    def run_with(el: Any) -> None:
        r = OxmlElement("w:r")
        r.append(el)
        paragraph._p.append(r)  # noqa: SLF001

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    text = OxmlElement("w:t")
    text.text = placeholder
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def redaction_box(run: DocxRun, fill: str = "000000") -> None:
    """White text on a black (or grey) box: how Woo releases black out a name and show the
    ground."""
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    r_pr = run._r.get_or_add_rPr()  # noqa: SLF001
    shd = _child(r_pr, "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def white_text(run: DocxRun) -> None:
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def cell_margins(table: Table, top_bottom_pt: float, left_right_pt: float) -> None:
    """Default cell margins of the table."""
    tbl_pr = table._tbl.tblPr  # noqa: SLF001
    mar = _child(tbl_pr, "w:tblCellMar")
    for edge, value in (("top", top_bottom_pt), ("bottom", top_bottom_pt),
                        ("left", left_right_pt), ("right", left_right_pt)):
        el = _child(mar, f"w:{edge}")
        el.set(qn("w:w"), str(round(value * 20)))
        el.set(qn("w:type"), "dxa")


def keep_with_next(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


def font_everywhere(style: Any, name: str) -> None:
    """Set the font for every script slot, so no theme font sneaks back in."""
    style.font.name = name
    r_pr = style.element.get_or_add_rPr()
    fonts = _child(r_pr, "w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if fonts.get(qn(theme)) is not None:
            del fonts.attrib[qn(theme)]


__all__ = [
    "Pt", "cant_split", "cell_bottom_border", "cell_margins", "cell_shading", "column_widths",
    "field", "font_everywhere", "keep_with_next", "no_table_style", "redaction_box",
    "repeat_header", "table_borders", "white_text",
]
