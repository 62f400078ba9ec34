"""``write_docx(spec, path)``: lay a drawn document out as a Word file with python-docx.

The writer makes no choices of its own: every word, run and layout decision comes from the
spec, so the same spec always gives the same document and the gold stays true to it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from samples.docgen import ooxml
from samples.docgen.draw import ACTION_WIDTHS
from samples.docgen.spec import DocSpec, Entry, Item, Para, Run, Style

DARK_FILLS = ("1F3864", "404040", "2E74B5", "385623")
LIGHT_FILL = "D9D9D9"
TINTS = ("00B0F0", "5B9BD5", "70AD47", "FFC000")  # mid tones, black type on them
SECTION_FILL = "EDEDED"


class Writer:
    """One document being written."""

    def __init__(self, spec: DocSpec) -> None:
        self.spec = spec
        self.style: Style = spec.style
        self.doc: DocxDocument = Document()
        self.width_pt = 0.0
        self._widths: list[float] = []  # of the table being written, in points

    # --- page, styles, furniture ----------------------------------------------------------

    def setup(self) -> None:
        st = self.style
        section = self.doc.sections[0]
        if st.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        else:
            section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(st.margin_cm))
        section.header_distance = Cm(max(0.6, st.margin_cm - 1.0))
        section.footer_distance = Cm(max(0.6, st.margin_cm - 1.0))
        width_cm = (29.7 if st.landscape else 21.0) - 2 * st.margin_cm
        self.width_pt = width_cm * 28.35
        normal = self.doc.styles["Normal"]
        ooxml.font_everywhere(normal, st.font)
        normal.font.size = Pt(st.size)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        for name, grow in (("Heading 1", 4), ("Heading 2", 2)):
            heading = self.doc.styles[name]
            ooxml.font_everywhere(heading, st.font)
            heading.font.size = Pt(st.size + grow)
            heading.paragraph_format.space_before = Pt(st.size)
            heading.paragraph_format.space_after = Pt(st.size * 0.4)

    def furniture(self) -> None:
        st = self.style
        section = self.doc.sections[0]
        if st.running_header:
            p = section.header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            r = p.add_run(st.running_header)
            r.font.size = Pt(max(7.0, st.size - 2))
        if st.footer == "none":
            return
        p = section.footer.paragraphs[0]
        size = Pt(max(7.0, st.size - 2))
        if st.footer == "pagina_x_van_y":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run("Pagina ").font.size = size
            ooxml.field(p, "PAGE")
            p.add_run(" van ").font.size = size
            ooxml.field(p, "NUMPAGES")
        elif st.footer == "number":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            ooxml.field(p, "PAGE")
        else:
            p.add_run(st.footer_text + "    ").font.size = size
            ooxml.field(p, "PAGE")

    # --- paragraphs -----------------------------------------------------------------------

    def runs(self, paragraph: Paragraph, runs: list[Run], *, bold: bool | None = None) -> None:
        for run in runs:
            r = paragraph.add_run(run.text)
            r.bold = bold if bold is not None and not run.redacted else run.bold or None
            if run.italic:
                r.italic = True
            if run.redacted:
                ooxml.redaction_box(r, self.spec.style.redaction_fill)

    def para(self, paragraph: Paragraph, para: Para, *, bold: bool | None = None) -> None:
        fmt = paragraph.paragraph_format
        if para.bullet:
            indent = Cm(0.55 if len(para.bullet) <= 2 else 0.75)
            fmt.left_indent = indent
            fmt.first_line_indent = -indent
            paragraph.add_run(para.bullet + " ")
        self.runs(paragraph, para.runs, bold=bold)
        fmt.space_after = Pt(self.style.size * 0.45) if para.space_after else Pt(0)

    def body_para(self, para: Para, *, bold: bool | None = None) -> Paragraph:
        p = self.doc.add_paragraph()
        self.para(p, para, bold=bold)
        return p

    def text(self, text: str, *, bold: bool = False, italic: bool = False,
             size: float | None = None, space: float = 0.45) -> Paragraph:
        p = self.doc.add_paragraph()
        r = p.add_run(text)
        r.bold = bold or None
        r.italic = italic or None
        if size:
            r.font.size = Pt(size)
        p.paragraph_format.space_after = Pt(self.style.size * space)
        return p

    def cell(self, cell: _Cell, paras: list[Para], *, bold: bool | None = None) -> None:
        """Fill a cell with paragraphs; the cell's own first paragraph takes the first one."""
        for i, para in enumerate(paras):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            self.para(p, para, bold=bold)
        if paras:
            cell.paragraphs[-1].paragraph_format.space_after = Pt(0)

    # --- heading ------------------------------------------------------------------------

    def heading(self) -> None:
        h = self.spec.heading
        for i, para in enumerate(h.letterhead):
            p = self.body_para(para)
            if h.letterhead_right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if i == 0:
                for r in p.runs:
                    r.font.size = Pt(self.style.size + 2)
        self.text("")
        for para in h.title:
            p = self.body_para(para)
            for r in p.runs:
                r.font.size = Pt(self.style.size + 4)
        for para in h.lines:
            self.body_para(para)
        if h.label_rows:
            table = self.doc.add_table(rows=0, cols=2)
            ooxml.no_table_style(table)
            ooxml.table_borders(table, {})
            for label, runs in h.label_rows:
                cells = table.add_row().cells
                self.cell(cells[0], [Para([Run(label, bold=True)])])
                self.cell(cells[1], [Para(runs)])
            ooxml.column_widths(table, [self.width_pt * 0.22, self.width_pt * 0.78])
        self.text("")

    # --- tables ---------------------------------------------------------------------------

    def table(self, columns: list[str], widths: list[float]) -> Table:
        st = self.style
        table = self.doc.add_table(rows=1, cols=len(columns))
        ooxml.no_table_style(table)
        thin = ("single", 4, "000000")
        if st.rules == "ruled":
            ooxml.table_borders(table, dict.fromkeys(ooxml.BORDER_EDGES, thin))
        elif st.rules == "shaded":
            grey = ("single", 4, "808080")
            ooxml.table_borders(table, {"top": grey, "bottom": grey, "insideH": grey})
        else:
            ooxml.table_borders(table, {})
        ooxml.cell_margins(table, 1.5, 4.5)
        header = table.rows[0]
        fill = {"white_on_dark": DARK_FILLS[self.spec.seed % len(DARK_FILLS)],
                "tinted": TINTS[self.spec.seed % len(TINTS)],
                "shaded": LIGHT_FILL}.get(st.header_row)
        for cell, label in zip(header.cells, columns, strict=True):
            p = cell.paragraphs[0]
            r = p.add_run(label)
            r.bold = st.header_row != "plain" or None
            if fill:
                ooxml.cell_shading(cell, fill)
            if st.header_row == "white_on_dark":
                ooxml.white_text(r)
            if st.rules == "unruled":
                ooxml.cell_bottom_border(cell)
        if st.repeat_header:
            ooxml.repeat_header(header)
        self._widths = [w * self.width_pt for w in widths]
        return table

    def finish(self, table: Table) -> None:
        ooxml.column_widths(table, self._widths)
        if self.style.cant_split:
            for row in table.rows[1:]:
                ooxml.cant_split(row)
        self.text("")

    def span_row(self, table: Table, text: str, *, section: bool) -> None:
        st = self.style
        row = table.add_row()
        cell = row.cells[0].merge(row.cells[-1])
        italic = section and st.section_style == "italic"
        self.cell(cell, [Para([Run(text, bold=not italic, italic=italic)])])
        if section and (st.section_style == "shaded" or st.rules == "shaded"):
            ooxml.cell_shading(cell, SECTION_FILL)

    def entry_paras(self, entries: list[Entry], column: int | None = None) -> list[Para]:
        out: list[Para] = []
        for e in entries:
            if column is None or e.column == column:
                out.extend(e.paras)
        return out

    def title_para(self, item: Item) -> Para:
        return Para([Run(item.title, bold=item.title_bold)])

    def three_column(self) -> None:
        """B/K/A tables and borderless three columns: title rows, number rows, entries."""
        spec = self.spec
        table = self.table(spec.columns, spec.widths)
        placement = spec.title_placement
        borderless = spec.template == "borderless_three"
        section = ""
        for item in spec.items:
            if item.section and item.section != section:
                self.span_row(table, item.section, section=True)
                section = item.section
            middle = self.entry_paras(item.entries, 0 if borderless else None)
            right = (self.entry_paras(item.entries, 1) if borderless
                     else [Para([Run(t)]) for t in item.toelichting])
            label = [Para([Run(item.label)])] if item.label else []
            if placement == "own_row_span":
                self.span_row(table, item.title, section=False)
            elif placement == "own_row_middle":
                cells = table.add_row().cells
                self.cell(cells[1], [self.title_para(item)])
            elif placement == "number_row":
                cells = table.add_row().cells
                self.cell(cells[0], label)
                self.cell(cells[1], [self.title_para(item)])
                label = []
            if placement == "cell_first_line":
                middle = [self.title_para(item), *middle]
            cells = table.add_row().cells
            self.cell(cells[0], label)
            self.cell(cells[1], middle)
            self.cell(cells[2], right)
        self.finish(table)

    def subject_paras(self, item: Item) -> list[Para]:
        return [self.title_para(item), *item.field_paras, *(Para([Run(t)]) for t in
                                                              item.toelichting)]

    def subject_table(self) -> None:
        """Nr. | Onderwerp | Besluit and Nr | Onderwerp | Toelichting: title and explanation in
        the Onderwerp cell, entries in the last column."""
        spec = self.spec
        table = self.table(spec.columns, spec.widths)
        section = ""
        for item in spec.items:
            if item.section and item.section != section:
                self.span_row(table, item.section, section=True)
                section = item.section
            cells = table.add_row().cells
            self.cell(cells[0], [Para([Run(item.label)])] if item.label else [])
            self.cell(cells[1], self.subject_paras(item))
            self.cell(cells[2], self.entry_paras(item.entries))
        self.finish(table)

    def row_per_entry(self) -> None:
        """Nr | Onderwerp | Besluit/Actie | Actiehouder | Gereed: one row per entry, the number
        and subject cells merged down over the item's rows."""
        spec = self.spec
        table = self.table(spec.columns, spec.widths)
        section = ""
        for item in spec.items:
            if item.section and item.section != section:
                self.span_row(table, item.section, section=True)
                section = item.section
            rows = [table.add_row() for _ in range(max(1, len(item.entries)))]
            nr_cell, subject_cell = rows[0].cells[0], rows[0].cells[1]
            if len(rows) > 1:
                nr_cell = nr_cell.merge(rows[-1].cells[0])
                subject_cell = subject_cell.merge(rows[-1].cells[1])
            self.cell(nr_cell, [Para([Run(item.label)])] if item.label else [])
            self.cell(subject_cell, self.subject_paras(item))
            for row, entry in zip(rows, item.entries, strict=False):
                cells = row.cells
                self.cell(cells[2], entry.paras)
                self.cell(cells[3], [Para(entry.owner_cell)] if entry.owner_cell else [])
                self.cell(cells[4], [Para([Run(entry.due_cell)])] if entry.due_cell else [])
        self.finish(table)

    # --- without a table ------------------------------------------------------------------

    def item_heading(self, item: Item) -> None:
        st = self.style
        if item.label:
            sep = st.title_sep if not item.label.endswith(".") or st.title_sep != ": " else " "
            text = f"{item.label}{sep}{item.title}"
        else:
            text = item.title
        if st.heading_style == "word_heading":
            p = self.doc.add_heading(level=2)
            p.add_run(text)
        else:
            p = self.text(text, bold=item.title_bold, space=0.3)
            p.paragraph_format.space_before = Pt(st.size * 0.8)
        ooxml.keep_with_next(p)

    def section_heading(self, item: Item) -> None:
        st = self.style
        text = item.section
        if st.section_numbers and item.nr and "." in item.nr:
            text = f"{item.nr.rsplit('.', 1)[0]} {text}"
        if st.heading_style == "word_heading":
            p = self.doc.add_heading(level=1)
            p.add_run(text)
        else:
            p = self.text(text, bold=True, size=st.size + 1.5, space=0.4)
            p.paragraph_format.space_before = Pt(st.size * 1.2)
        ooxml.keep_with_next(p)

    def narrative(self) -> None:
        section = ""
        for item in self.spec.items:
            if item.section and item.section != section:
                self.section_heading(item)
                section = item.section
            self.item_heading(item)
            for para in item.field_paras:
                self.body_para(para)
            for e in item.entries:
                for para in e.paras:
                    self.body_para(para)

    def agenda(self) -> None:
        spec = self.spec
        self.text("Agenda", bold=True, size=self.style.size + 1.5)
        table = self.table(spec.agenda_columns, [0.12, 0.63, 0.25])
        for item, note in zip(spec.items, spec.agenda_notes, strict=False):
            cells = table.add_row().cells
            self.cell(cells[0], [Para([Run(item.label)])] if item.label else [])
            self.cell(cells[1], [Para([Run(item.title)])])
            self.cell(cells[2], [Para([Run(note)])] if note else [])
        self.finish(table)
        self.text("Verslag", bold=True, size=self.style.size + 1.5)

    def label_list(self) -> None:
        """Tweede Kamer style: "1. Agendapunt: …", "Zaak: …", "Besluit: …", "Noot: …" under
        unnumbered section headings, labels and values on tab stops."""
        section = ""
        for item in self.spec.items:
            if item.section and item.section != section:
                p = self.text(item.section, bold=True, size=self.style.size + 1, space=0.5)
                p.paragraph_format.space_before = Pt(self.style.size)
                ooxml.keep_with_next(p)
                section = item.section
            self.label_line(item.label, "Agendapunt:", [Run(item.title, bold=item.title_bold)],
                            first=True)
            if "zaak" in item.fields:
                self.label_line("", "Zaak:", [Run(item.fields["zaak"])])
            for e in item.entries:
                head, *rest = e.paras
                if e.kind == "note" and not e.code:
                    self.label_line("", "Noot:", head.runs)
                else:
                    self.label_line("", head.runs[0].text, [r for r in head.runs[1:]
                                                             if r.text != " "])
                for para in rest:
                    p = self.body_para(para)
                    p.paragraph_format.left_indent = Cm(4.2)
                    p.paragraph_format.first_line_indent = Cm(-0.5)
            if "volgcommissie" in item.fields:
                self.label_line("", "Volgcommissie(s):", [Run(item.fields["volgcommissie"])])

    def label_line(self, number: str, label: str, runs: list[Run], *, first: bool = False) -> None:
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.tab_stops.add_tab_stop(Cm(1.0))
        fmt.tab_stops.add_tab_stop(Cm(3.7))
        fmt.left_indent = Cm(3.7)
        fmt.first_line_indent = Cm(-3.7)
        fmt.space_after = Pt(self.style.size * 0.35)
        if first:
            fmt.space_before = Pt(self.style.size * 0.6)
        p.add_run(f"{number}\t{label}\t")
        self.runs(p, [Run(r.text.lstrip() if i == 0 else r.text, bold=r.bold, italic=r.italic,
                          redacted=r.redacted) for i, r in enumerate(runs)])

    def action_list(self) -> None:
        spec = self.spec
        if spec.template != "action_list":
            self.text(spec.action_list_title, bold=True, size=self.style.size + 1.5)
        # A spec may size its own columns (a series fits the code column to its codes).
        table = self.table(spec.action_columns, getattr(spec, "action_widths", None)
                           or ACTION_WIDTHS)
        for row in spec.action_list:
            cells = table.add_row().cells
            self.cell(cells[0], [Para([Run(row.code)])])
            self.cell(cells[1], [Para([Run(row.text)])])
            self.cell(cells[2], [Para(row.owner_cell)] if row.owner_cell else [])
            self.cell(cells[3], [Para([Run(row.due_cell)])] if row.due_cell else [])
            self.cell(cells[4], [Para([Run(row.status_cell)])] if row.status_cell else [])
        self.finish(table)


TEMPLATE_WRITERS: dict[str, Callable[[Writer], None]] = {
    "bka_table": Writer.three_column,
    "borderless_three": Writer.three_column,
    "onderwerp_rows": Writer.row_per_entry,
    "onderwerp_besluit": Writer.subject_table,
    "onderwerp_toelichting": Writer.subject_table,
    "narrative": Writer.narrative,
    "agenda_narrative": Writer.narrative,
    "label_list": Writer.label_list,
    "action_list": lambda w: None,
}


def write_docx(spec: DocSpec, path: Path) -> Path:
    """Write ``spec`` as a Word document at ``path``; returns the path."""
    w = Writer(spec)
    w.setup()
    w.furniture()
    w.heading()
    if spec.agenda:
        w.agenda()
    TEMPLATE_WRITERS[spec.template](w)
    if spec.action_list:
        w.action_list()
    for para in spec.closing:
        w.body_para(para)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    w.doc.save(str(path))
    return path
