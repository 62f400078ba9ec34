"""Minutes without a table: items under numbered headings ("1. Opening", "3.2 Begroting").

Decision lists and notulen are often plain text with numbered agenda points. When the layout
step finds no table, this finds the headings and reads each point's text into entries.
"""

from __future__ import annotations

import re

from pipeline.layout.lines import left_margin, median_line_height
from pipeline.records import Item, Line
from pipeline.structure.entries import join_lines, parse_entries

_HEADING = re.compile(r"^(?P<nr>\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+(?P<title>[A-ZÀ-Ý(‘'\"].{1,150})$")
_DECISION = re.compile(
    r"^(?:De raad|Het college|Het (?:algemeen |dagelijks )?bestuur|De vergadering|Het AB|Het DB"
    r"|De commissie|Provinciale Staten|Gedeputeerde Staten)\b[^.:]{0,40}\bbeslui[tn]",
    re.IGNORECASE,
)
_MIN_ITEMS = 3


def _key(nr: str) -> tuple[int, ...]:
    return tuple(int(p) for p in nr.split("."))


def _follows(prev: tuple[int, ...], nxt: tuple[int, ...]) -> bool:
    """`nxt` can come right after `prev` in an agenda: 2 → 3, 2 → 2.1, 2.3 → 3, 2.1 → 2.2."""
    if len(nxt) > len(prev):
        return nxt[: len(prev)] == prev and nxt[len(prev) :] == (1,) * (len(nxt) - len(prev))
    head = prev[: len(nxt)]
    return nxt[:-1] == head[:-1] and nxt[-1] == head[-1] + 1


def outline_items(lines: list[Line]) -> list[Item]:
    """Items from numbered headings at the left margin, or [] when the text has no outline."""
    if not lines:
        return []
    margin = left_margin(lines)
    candidates = [
        i
        for i, ln in enumerate(lines)
        if ln.x0 <= margin + 6 and (m := _HEADING.match(ln.text)) and len(m.group("title")) < 150
    ]
    # Keep the longest chain of headings whose numbers follow each other; numbered lists
    # inside the text restart at 1 and fall out of the chain.
    best: list[int] = []
    for start in candidates:
        chain = [start]
        for i in candidates:
            if i <= chain[-1]:
                continue
            prev = _key(_HEADING.match(lines[chain[-1]].text).group("nr"))
            if _follows(prev, _key(_HEADING.match(lines[i].text).group("nr"))):
                chain.append(i)
        if len(chain) > len(best):
            best = chain
    if len(best) < _MIN_ITEMS:
        return []
    height = median_line_height(lines)
    items = []
    for n, index in enumerate(best):
        m = _HEADING.match(lines[index].text)
        end = best[n + 1] if n + 1 < len(best) else len(lines)
        title = [m.group("title").strip()]
        body = lines[index + 1 : end]
        # A bold heading that wraps continues in the bold lines under it.
        while lines[index].bold and body and body[0].bold:
            title.append(body.pop(0).text)
        entries, _ = parse_entries(body, "note", height, _DECISION) if body else ([], [])
        items.append(
            Item(nr=m.group("nr"), title=join_lines(title), entries=entries, page=lines[index].page)
        )
    return items
