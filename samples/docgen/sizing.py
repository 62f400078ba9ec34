"""A rough estimate of how many pages a spec will fill once LibreOffice has laid it out.

The draw adds items until this estimate reaches the drawn page target; the real count is read
from the rendered PDF and written into the gold. Character widths are averages of the three
font families (Carlito is narrow, DejaVu Sans wide), measured on rendered drafts.
"""

from __future__ import annotations

import math

from samples.docgen.spec import DocSpec, Entry, Item, Para

CM = 28.35  # points per centimetre
CHAR_EM = {"Calibri": 0.47, "Arial": 0.52, "Verdana": 0.6}
LINE = {"Calibri": 1.22, "Arial": 1.15, "Verdana": 1.17}
CELL_PAD = 0.38 * CM  # left + right cell margins
PARA_GAP = 0.35  # space after a paragraph, in lines


class Geometry:
    """Page and font measures of one spec, in points and lines."""

    def __init__(self, spec: DocSpec) -> None:
        st = spec.style
        w, h = (29.7, 21.0) if st.landscape else (21.0, 29.7)
        self.width = (w - 2 * st.margin_cm) * CM
        furniture = 1.2 if (st.running_header or st.footer != "none") else 0.0
        self.height = (h - 2 * st.margin_cm - furniture) * CM
        self.size = st.size
        self.em = CHAR_EM.get(st.font, 0.52) * st.size
        self.line = LINE.get(st.font, 1.17) * st.size

    def lines(self, text: str, width: float) -> float:
        per_line = max(8.0, (width - CELL_PAD) / self.em)
        # Words do not break, so a line holds a little less than its width in characters.
        return sum(max(1, math.ceil(len(part) * 1.06 / per_line)) for part in text.split("\n"))

    def paras(self, paras: list[Para], width: float) -> float:
        return sum(self.lines(p.text, width) + (PARA_GAP if p.space_after else 0) for p in paras)


def _entry_lines(g: Geometry, entries: list[Entry], width: float) -> float:
    return sum(g.paras(e.paras, width) for e in entries)


def _item_lines(g: Geometry, spec: DocSpec, item: Item) -> float:
    t = spec.template
    widths = [f * g.width for f in spec.widths]
    title = g.lines(item.title, widths[1] if widths else g.width)
    toel = sum(g.lines(p, widths[-1] if widths else g.width) + PARA_GAP for p in item.toelichting)
    if t in ("bka_table", "borderless_three"):
        left = [e for e in item.entries if e.column == 0]
        right = [e for e in item.entries if e.column == 1]
        middle = _entry_lines(g, left, widths[1])
        other = toel if t == "bka_table" else _entry_lines(g, right, widths[2])
        extra = title + 0.6 if spec.title_placement in ("own_row_middle", "own_row_span",
                                                        "number_row") else title
        return max(middle + (0 if spec.title_placement != "cell_first_line" else title),
                   other) + extra + 0.6
    if t == "onderwerp_rows":
        rows = sum(max(g.paras(e.paras, widths[2]), 1.0) + 0.6 for e in item.entries)
        return max(rows, title + toel + g.paras(item.field_paras, widths[1]))
    if t in ("onderwerp_besluit", "onderwerp_toelichting"):
        subject = title + g.paras(item.field_paras, widths[1]) + toel
        return max(subject, _entry_lines(g, item.entries, widths[2])) + 0.8
    if t == "label_list":
        body = g.width * 0.78
        fields = sum(g.lines(v, body) + PARA_GAP for v in item.fields.values())
        return g.lines(item.title, body) + fields + _entry_lines(g, item.entries, body) + 1.0
    # narrative and agenda_narrative: headings carry space before and after
    gap = 1.9 if spec.style.heading_style == "word_heading" else 1.1
    return title + gap + g.paras(item.field_paras, g.width) + _entry_lines(
        g, item.entries, g.width)


def estimate_pages(spec: DocSpec) -> float:
    """Estimated page count of ``spec`` (fractional)."""
    g = Geometry(spec)
    h = spec.heading
    lines = 2.5 + len(h.letterhead) + len(h.title) * 1.5
    lines += sum(g.lines(p.text, g.width) + PARA_GAP for p in h.lines)
    lines += sum(g.lines("".join(r.text for r in runs), g.width * 0.75) + 0.3
                 for _, runs in h.label_rows)
    if spec.columns:
        lines += 1.5
    section = ""
    for item in spec.items:
        if item.section and item.section != section:
            lines += 1.8
            section = item.section
        lines += _item_lines(g, spec, item)
    if spec.agenda:
        lines += 3 + sum(g.lines(i.title, g.width * 0.6) + 0.5 for i in spec.items)
    if spec.action_list:
        text_w = g.width * 0.48
        lines += 3 + sum(max(g.lines(r.text, text_w), 1.0) + 0.6 for r in spec.action_list)
    return lines * g.line / g.height
