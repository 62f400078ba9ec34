"""Annexes after the minutes: "Bijlage 1: …" headings and what follows them.

An annex is kept (its words are searchable) but it holds no agenda items: the numbered points
of an e-mail or a consultation report in "Bijlage 2" are not items 1–4 of the meeting, and
what they "decide" is not what the meeting decided.
"""

from __future__ import annotations

import re

from pipeline.layout.numbers import follows, number_key
from pipeline.records import Item, Line
from pipeline.structure.entries import join_lines

# "Bijlage 1: Verwerking …", "Bijlage B – Presentatie", "Bijlagen", "Annex II". A bare
# "Bijlage: notitie.pdf" is an item's field, not an annex heading.
_ANNEX = re.compile(
    r"^(?:bijlagen?|annex|appendix|aanhangsel)"
    r"(?:\s+(?:\d{1,2}|[IVX]{1,4}|[A-Z])\b\.?(?:\s*[:.\-–—]\s*\S.*|\s+[A-Z]\S*.*)?|\s*)$",
    re.IGNORECASE,
)


def is_annex_heading(line: Line, body_size: float, page_top: bool) -> bool:
    """Whether a line opens an annex: it says so, and it stands as a heading (first on its
    page, bold, or larger than the running text)."""
    text = line.text.strip()
    if len(text) > 120 or not _ANNEX.match(text):
        return False
    styled = line.bold or (line.size or 0) > body_size + 0.5
    return page_top or styled


def annex_start(lines: list[Line], body_size: float, page_tops: set[int],
                last_nr: str, numbered_after) -> int | None:
    """Index of the line in `lines` that opens the annexes, or None.

    `numbered_after(lines)` gives the item numbers the text from a line on would hold: when
    the first of them goes on from the last item so far (`last_nr`), the "Bijlage" line was
    a reference inside the minutes, not the start of the annexes.
    """
    last = number_key(last_nr)
    for i, line in enumerate(lines):
        if not is_annex_heading(line, body_size, id(line) in page_tops):
            continue
        after = [key for nr in numbered_after(lines[i:]) if (key := number_key(nr))]
        if last and after and follows(last, after[0]):
            continue  # the items go on: still the minutes
        return i
    return None


def annex_items(lines: list[Line], body_size: float, page_tops: set[int]) -> list[Item]:
    """One item of kind "annex" per annex heading in `lines` (which open with one), holding
    the annex's text as its explanation."""
    items: list[Item] = []
    body: list[Line] = []

    def close() -> None:
        if items:
            items[-1].toelichting = join_lines([ln.text for ln in body])
        body.clear()

    for line in lines:
        if not items or is_annex_heading(line, body_size, id(line) in page_tops):
            close()
            items.append(Item(nr="", title=line.text.strip(), page=line.page, kind="annex"))
        else:
            body.append(line)
    close()
    return items
