"""Layout regions → a :class:`Meeting`: heading facts, items from tables and running text.

The heading is what stands before the first item: title, body, date and the labelled facts.
Tables give their items (:mod:`pipeline.structure.tables`), running text its items under
headings or labels (:mod:`pipeline.structure.narrative`); text between two tables goes on
with the item above it. An agenda table whose items come back as the headings of the
narrative below it gives each item once.
"""

from __future__ import annotations

import re
import statistics

from pipeline.layout.numbers import number_key
from pipeline.records import Document, Item, Layout, Line, Meeting, PageInfo
from pipeline.structure.annex import annex_items, annex_start
from pipeline.structure.entries import parse_entries
from pipeline.structure.heading import read_heading
from pipeline.structure.ledger import Ledger
from pipeline.structure.listed import link_listed_actions
from pipeline.structure.narrative import is_label_list, narrative_items
from pipeline.structure.tables import is_action_list, table_items


def _body_size(layout: Layout) -> float:
    sizes = [ln.size for lines in layout.text_pages for ln in lines if ln.size]
    return statistics.median(sizes) if sizes else 10.0


def build_meeting(document: Document, layout: Layout) -> Meeting:
    """Assemble the meeting: heading facts, items from every region, per-page information."""
    ledger = Ledger()
    ledger.take(layout.furniture)
    ledger.take(layout.header_rows)
    body_size = _body_size(layout)
    heading: list[Line] = []
    items: list[Item] = []
    annexes: list[Line] = []  # everything from the first annex heading on
    page_tops = {id(lines[0]) for lines in layout.text_pages if lines}
    regions = layout.regions
    caption = ""  # a bold heading alone between two tables titles the one below it
    for n, region in enumerate(regions):
        if region.kind == "table" and region.table is not None:
            if annexes and not is_action_list(region.table):
                annexes.extend(region.table_lines)
                continue
            found = table_items(region.table, ledger, section=caption or _last_section(items))
            items = _merge_agenda(items, found, _written_out(items, found))
            caption = ""
            continue
        lines = region.lines
        if items and not annexes and _caption(lines, regions[n + 1 : n + 2]):
            ledger.take(lines)
            caption = " ".join(ln.text for ln in lines)
            continue
        if not annexes and items:
            cut = annex_start(lines, body_size, page_tops, _last_nr(items), _numbers_in(body_size))
            if cut is not None:
                lines, annexes = lines[:cut], lines[cut:]
        elif annexes:
            annexes.extend(lines)
            continue
        first = not items and not heading
        if first and n + 1 < len(regions) and not _has_agenda(lines, body_size):
            heading = lines  # the heading above the minutes table
            continue
        before, found = narrative_items(lines, ledger, body_size, first=first)
        written_out = _written_out(items, found)
        if first:
            heading = before
        elif before and written_out is not None:
            # The written-out part's own lead ("Verslag" over the sections) heads the
            # minutes as the meeting's heading does; it is no note of the agenda's last item.
            heading.extend(before)
        elif before:
            _continue_last(items, before, ledger, heading)
        items = _merge_agenda(items, found, written_out)
    if annexes:
        ledger.take(annexes)
        items += annex_items(annexes, body_size, page_tops)
    link_listed_actions(items)
    all_lines = [ln for lines in layout.text_pages for ln in lines]
    if not heading and not items:
        heading = all_lines[:25]
    facts = read_heading(heading, layout.furniture, all_lines)
    ledger.take(heading)
    pages = [
        PageInfo(
            number=p.number,
            ocr=p.ocr,
            confidence=p.confidence,
            needs_review=p.needs_review,
            note=p.note,
            text="\n".join(ln.text for ln in lines),
        )
        for p, lines in zip(document.pages, layout.text_pages, strict=False)
    ]
    unplaced = ledger.unplaced(all_lines)
    facts.fields.update(_closing_facts(items))
    return Meeting(
        title=facts.title,
        body=facts.body,
        date=facts.date,
        source=document.path,
        sha256=document.sha256,
        page_count=len(document.pages),
        items=[it for it in items if it.nr or it.title or it.entries or it.toelichting],
        pages=pages,
        date_guessed=facts.date_guessed,
        facts=facts.fields,
        unplaced=[(ln.page, ln.text) for ln in unplaced],
    )


# A labelled line that closes the minutes with a fact of the meeting, not of its last item.
_CLOSING = re.compile(
    r"^(?P<label>(?:eerst)?volgende\s+(?:vergadering|bijeenkomst|overleg))\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)


def _closing_facts(items: list[Item]) -> dict[str, str]:
    """Take "Volgende vergadering: donderdag 5 januari" off the last item it ended up in:
    the date of the next meeting is a fact of the meeting (beside "Locatie:" and the rest)."""
    found: dict[str, str] = {}
    for item in reversed(items[-2:]):
        for entry in list(item.entries):
            m = _CLOSING.match(" ".join(entry.text.split()))
            if m:
                item.entries.remove(entry)
                found.setdefault(" ".join(m["label"].lower().split()), m["value"].strip())
    return found


def _caption(lines: list[Line], after: list) -> bool:
    """Whether a text between two tables is only the next table's title ("Actielijst (stand
    van zaken)"): one or two bold lines right above a table with a header row of its own."""
    return (
        0 < len(lines) <= 2 and all(ln.bold for ln in lines)
        and bool(after) and after[0].kind == "table" and after[0].table is not None
        and bool(after[0].table.header)
    )


def _has_agenda(lines: list[Line], body_size: float) -> bool:
    """Whether text before a table holds items of its own: numbered headings or a label list
    (then the table below is an action list or an annex), not just the heading. Unnumbered
    headings count when nearly each stands over text of its own (an item may be a heading
    alone: "Rondvraag"): a heading block's bold labels do not."""
    scratch = Ledger()
    _, items = narrative_items(lines, scratch, body_size)
    if len([it for it in items if it.nr]) >= 3 or (items and is_label_list(lines)):
        return True
    with_text = sum(bool(it.entries) for it in items)
    return len(items) >= 3 and with_text >= len(items) - max(1, len(items) // 10)


def _last_nr(items: list[Item]) -> str:
    return next((it.nr for it in reversed(items) if it.nr and it.kind == ""), "")


def _numbers_in(body_size: float):
    """The item numbers running text would hold, read with a scratch ledger."""

    def numbers(lines: list[Line]) -> list[str]:
        _, found = narrative_items(lines, Ledger(), body_size)
        return [it.nr for it in found if it.nr]

    return numbers


def _last_section(items: list[Item]) -> str:
    return items[-1].section if items else ""


def _continue_last(items: list[Item], lines: list[Line], ledger: Ledger, heading: list[Line]):
    """Text between regions with no heading of its own: more of the item above, or, before
    any item, more of the heading."""
    if not items:
        heading.extend(lines)
        return
    ledger.take(lines)
    items[-1].entries.extend(parse_entries(lines, "note"))


def _merge_agenda(
    items: list[Item], found: list[Item], matched: list[Item | None] | None
) -> list[Item]:
    """Items of a new region, after the ones so far. When the earlier items are an agenda
    (titles without entries) and the new ones are the same items written out, each item is
    kept once: the written-out one, under the agenda's title when it has none. `matched` is
    what :func:`_written_out` found for them."""
    if matched is None:
        return items + found
    for it, old in zip(found, matched, strict=True):
        if old is not None:
            it.title = it.title or old.title
            it.section = it.section or old.section
            it.toelichting = it.toelichting or old.toelichting
    return [it for it in items if it.kind == "action_list"] + found


def _written_out(items: list[Item], found: list[Item]) -> list[Item | None] | None:
    """When the items so far are an agenda (titles without entries) and `found` are the same
    items written out: the agenda item each found one writes out (None where none); else
    None."""
    agenda = [it for it in items if it.kind != "action_list"]
    if not agenda or len(found) < 2 or any(it.entries for it in agenda):
        return None
    keyed = {_agenda_key(it): it for it in agenda}
    matched = [keyed.get(_agenda_key(it)) for it in found]
    return matched if sum(m is not None for m in matched) >= max(2, len(found) // 2) else None


def _agenda_key(item: Item) -> str:
    if number_key(item.nr):
        return item.nr
    return " ".join(item.title.lower().split())

