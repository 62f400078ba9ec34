"""Render a minutes document (heading plus minutes table) as a PDF that looks like a Word export.

A :class:`MinutesSpec` describes the document; :func:`render_minutes` writes it. Cell text is
plain text: ``"\\n\\n"`` separates paragraphs (drawn with a visible gap) and ``"\\n"`` separates
lines inside a paragraph, which is how numbered lists (``"1. ..."``) and bullets (``"• ..."``) are
written. The renderer never hyphenates; it wraps at spaces only.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

DEFAULT_COLUMNS: tuple[str, ...] = ("Nr", "Besluit (B) / Knelpunt (K) / Actie (A)", "Toelichting")
DEFAULT_WIDTHS: tuple[float, ...] = (0.07, 0.58, 0.35)

_DEJAVU_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_LIST_LINE = re.compile(r"^(?:\d+[.)]|[a-z][.)]|[•\-–])\s")


@dataclass
class ThemeRow:
    """A bold row spanning the whole table that opens a theme ("Opvang vluchtelingen Oekraïne")."""

    text: str


@dataclass
class TitleRow:
    """A bold row spanning the whole table that names the next item ("Financiën")."""

    text: str


@dataclass
class ItemRow:
    """An item's body row: the number in the first column, one string per further column."""

    nr: str
    cells: list[str]


Row = ThemeRow | TitleRow | ItemRow


@dataclass
class MinutesSpec:
    """Everything needed to draw one minutes document.

    `col_widths` are fractions of the text width, one per column. `heading_lines` come after the
    date line (attendees, absentees, minute taker). `running_header` defaults to
    "<body> | <title>"; `footer` is formatted with ``page`` and ``pages``.
    """

    body: str
    title: str
    date_line: str
    rows: list[Row]
    heading_lines: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=lambda: list(DEFAULT_COLUMNS))
    col_widths: list[float] = field(default_factory=lambda: list(DEFAULT_WIDTHS))
    ruled: bool = True
    shade_header: bool = False  # grey fill behind the header row and theme rows
    running_header: str | None = None
    footer: str = "Pagina {page} van {pages}"
    font: str = "Helvetica"  # "Helvetica" or "DejaVuSans" (falls back to Helvetica if absent)
    font_size: float = 9.5


@dataclass
class PageGeometry:
    """Where things land on every page, in points from the top-left corner (as pdfplumber)."""

    width: float
    height: float
    frame_x0: float
    frame_x1: float
    frame_top: float  # below the running header
    frame_bottom: float  # above the footer
    columns: list[tuple[float, float]]  # x0, x1 of each table column


_MARGIN_X = 2.0 * cm
_MARGIN_TOP = 2.2 * cm
_MARGIN_BOTTOM = 2.0 * cm


def page_geometry(spec: MinutesSpec) -> PageGeometry:
    """The page frame and the table's column extents for `spec` (the table fills the frame)."""
    width, height = A4
    usable = width - 2 * _MARGIN_X
    edges = []
    x = _MARGIN_X
    for w in _column_points(spec, usable):
        edges.append((x, x + w))
        x += w
    return PageGeometry(
        width=width,
        height=height,
        frame_x0=_MARGIN_X,
        frame_x1=width - _MARGIN_X,
        frame_top=_MARGIN_TOP,
        frame_bottom=height - _MARGIN_BOTTOM,
        columns=edges,
    )


def _column_points(spec: MinutesSpec, usable: float) -> list[float]:
    if len(spec.col_widths) != len(spec.columns):
        raise ValueError("col_widths needs one fraction per column")
    total = sum(spec.col_widths)
    return [usable * w / total for w in spec.col_widths]


_ENCODING = "WinAnsiMinutes"


def _helvetica() -> tuple[str, str]:
    """Helvetica with WinAnsi glyphs, spelled out for text extractors.

    reportlab writes "•" as code 127 under the plain /WinAnsiEncoding name, which extractors
    (pdfminer) cannot map back. The same glyphs declared as StandardEncoding plus /Differences
    name every glyph, so "•", "’", "ë", "ï" and "é" all round-trip. The name starts with
    "WinAnsi" so that reportlab keeps using its WinAnsi codec and metrics; the font in the PDF
    is still the standard /Helvetica, nothing is embedded, and the layout is the same everywhere.
    """
    encoding = pdfmetrics.Encoding(_ENCODING, "StandardEncoding")
    encoding.vector = tuple(pdfmetrics.getEncoding("WinAnsiEncoding").vector)
    pdfmetrics.registerEncoding(encoding)  # idempotent for an identical vector
    registered = pdfmetrics.getRegisteredFontNames()
    regular, bold = "Helvetica-Minutes", "Helvetica-Bold-Minutes"
    for name, base in ((regular, "Helvetica"), (bold, "Helvetica-Bold")):
        if name not in registered:
            pdfmetrics.registerFont(pdfmetrics.Font(name, base, _ENCODING))
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return regular, bold


def _fonts(requested: str) -> tuple[str, str]:
    """Regular and bold font names; registers DejaVu Sans when asked for and installed."""
    if requested != "DejaVuSans":
        return _helvetica()
    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return "DejaVuSans", "DejaVuSans-Bold"
    for folder in _DEJAVU_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return "DejaVuSans", "DejaVuSans-Bold"
    return _helvetica()


@dataclass
class _Styles:
    regular: str
    bold: str
    body: ParagraphStyle
    listline: ParagraphStyle
    header: ParagraphStyle
    span: ParagraphStyle
    org: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle


def _styles(spec: MinutesSpec) -> _Styles:
    regular, bold = _fonts(spec.font)
    size = spec.font_size
    leading = round(size * 1.25, 2)
    # splitLongWords=0: a word wider than its column is an error in the spec (see _check_words),
    # never a silent break inside the word that would corrupt the extracted text.
    body = ParagraphStyle(
        "cell", fontName=regular, fontSize=size, leading=leading, splitLongWords=0
    )
    # Word indents wrapped list lines under the text, not under the number or bullet.
    listline = ParagraphStyle("list", parent=body, leftIndent=12, firstLineIndent=-12)
    return _Styles(
        regular=regular,
        bold=bold,
        body=body,
        listline=listline,
        header=ParagraphStyle("head", parent=body, fontName=bold),
        span=ParagraphStyle("span", parent=body, fontName=bold, fontSize=size + 0.5),
        org=ParagraphStyle("org", fontName=regular, fontSize=11, leading=14, spaceAfter=4),
        title=ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=8),
        meta=ParagraphStyle("meta", fontName=regular, fontSize=10, leading=13, spaceAfter=2),
    )


def _cell(text: str, st: _Styles) -> list[Flowable]:
    """One table cell as flowables: a paragraph per line, with a gap after each paragraph."""
    flowables: list[Flowable] = []
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    for p_index, paragraph in enumerate(paragraphs):
        lines = [ln.strip() for ln in paragraph.split("\n") if ln.strip()]
        for l_index, line in enumerate(lines):
            style = st.listline if _LIST_LINE.match(line) else st.body
            last_line = l_index == len(lines) - 1
            last_par = p_index == len(paragraphs) - 1
            gap = 6 if last_line and not last_par else 0
            gapped = ParagraphStyle(f"{style.name}-gap{gap}", parent=style, spaceAfter=gap)
            flowables.append(Paragraph(escape(line), gapped))
    return flowables


class _MinutesTable(Table):
    """A table that breaks inside a row at the page end, as Word does by default, and never
    leaves a spanning theme or title row alone at the foot of a page."""

    def _span_rows(self) -> set[int]:
        last = self._ncols - 1
        return {
            row
            for (col, row), rng in (getattr(self, "_spanRanges", None) or {}).items()
            if col == 0 and rng is not None and tuple(rng) == (0, row, last, row)
        }

    def _getFirstPossibleSplitRowPosition(self, availHeight, ignoreSpans=0):  # noqa: N802, N803
        spans = self._span_rows()
        height = 0.0
        fitting = 0
        split_at = 0
        for n, row_height in enumerate(self._rowHeights, start=1):
            if height + row_height > availHeight:
                break
            height += row_height
            fitting = n
            if n - 1 not in spans:
                split_at = n
        # In-row splitting breaks the first row that does not fit; between rows, the break
        # must not come right after a spanning row.
        return fitting if ignoreSpans else split_at

    def _splitRows(self, availHeight, doInRowSplit=0):  # noqa: N802, N803
        if doInRowSplit:
            n = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
            if n in self._span_rows():
                return []  # a one-line spanning row cannot break; move it instead
        return super()._splitRows(availHeight, doInRowSplit=doInRowSplit)


_PADDING_X = 4


def _check_words(text: str, width: float, st: _Styles, where: str) -> None:
    """Refuse words that cannot fit their column: reportlab would overflow into the next one."""
    for line in text.split("\n"):
        indent = st.listline.leftIndent if _LIST_LINE.match(line.strip()) else 0
        room = width - 2 * _PADDING_X - indent
        for word in line.split():
            if pdfmetrics.stringWidth(word, st.bold, st.body.fontSize) > room:
                raise ValueError(f"{where}: word {word!r} is too wide for its column")


def _table(spec: MinutesSpec, st: _Styles, usable: float) -> Table:
    ncols = len(spec.columns)
    widths = _column_points(spec, usable)
    for header, width in zip(spec.columns, widths, strict=True):
        _check_words(header, width, st, "column header")
    # Every cell is a list of flowables: reportlab can only break list cells inside a row.
    data: list[list[object]] = [[[Paragraph(escape(h), st.header)] for h in spec.columns]]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if spec.shade_header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9D9D9")))
    for row in spec.rows:
        r = len(data)
        if isinstance(row, ThemeRow | TitleRow):
            data.append([[Paragraph(escape(row.text), st.span)]] + [""] * (ncols - 1))
            commands.append(("SPAN", (0, r), (-1, r)))
            if spec.shade_header and isinstance(row, ThemeRow):
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#EDEDED")))
            continue
        if len(row.cells) != ncols - 1:
            raise ValueError(f"item {row.nr}: expected {ncols - 1} cells, got {len(row.cells)}")
        for text, width in zip([row.nr, *row.cells], widths, strict=True):
            _check_words(text, width, st, f"item {row.nr}")
        data.append([[Paragraph(escape(row.nr), st.body)]] + [_cell(c, st) for c in row.cells])
    if spec.ruled:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    return _MinutesTable(
        data,
        colWidths=widths,
        repeatRows=1,
        splitByRow=0,
        # the least height (points) of the part of a row left on a page: two lines of text
        splitInRow=int(2 * st.body.leading + 8),
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def _story(spec: MinutesSpec, st: _Styles, usable: float) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(spec.body), st.org),
        Paragraph(escape(spec.title), st.title),
        Paragraph(escape(spec.date_line), st.meta),
    ]
    story += [Paragraph(escape(line), st.meta) for line in spec.heading_lines]
    story.append(Spacer(1, 10))
    story.append(_table(spec, st, usable))
    return story


def _build(spec: MinutesSpec, target: io.BytesIO | str, total_pages: int) -> int:
    """Lay out and write the document once; returns the number of pages it took."""
    st = _styles(spec)
    geo = page_geometry(spec)
    header = (
        spec.running_header if spec.running_header is not None else (f"{spec.body} | {spec.title}")
    )

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(st.regular, 8)
        canvas.drawString(geo.frame_x0, geo.height - 1.2 * cm, header)
        footer = spec.footer.format(page=doc.page, pages=total_pages)
        canvas.drawRightString(geo.frame_x1, 1.1 * cm, footer)
        canvas.restoreState()

    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=spec.title,
        author=spec.body,
        subject=spec.date_line,
        invariant=1,
    )
    # No frame padding: the table then sits exactly where page_geometry says it does.
    frame = Frame(
        geo.frame_x0,
        geo.height - geo.frame_bottom,
        geo.frame_x1 - geo.frame_x0,
        geo.frame_bottom - geo.frame_top,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="minutes", frames=[frame], onPage=decorate)])
    doc.build(_story(spec, st, geo.frame_x1 - geo.frame_x0))
    return doc.page


def render_minutes(spec: MinutesSpec, path: Path) -> Path:
    """Write `spec` as a PDF at `path` and return the path.

    The output is byte-for-byte reproducible: fixed document id and dates (``invariant``).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # "Pagina N van M" needs M before the first page is drawn, so lay out twice.
    pages = _build(spec, io.BytesIO(), total_pages=0)
    final = _build(spec, str(path), total_pages=pages)
    if final != pages:
        raise RuntimeError(f"page count changed between passes ({pages} → {final})")
    return path
