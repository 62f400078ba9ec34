"""Inline actions and the rows of the action list that repeat them.

Many minutes write an action where it was agreed ("<actiepunt> Navraag doen bij het Forum")
and again as a row of the action list at the end, with its code, owner and status
("sep24/07 | … | Peter Haasnoot | O"). The row is where the owner is written; the inline
action is where it was decided. Each inline action that a row repeats gets the row's code,
and the owner, deadline and status the inline text left out, so one action reads the same in
both places and an export can tell the two apart from two actions.
"""

from __future__ import annotations

import re

from models.clause_data import PRONOUNS
from pipeline.records import Entry, Item
from pipeline.structure.fields import mentions_date, owner_parts

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
# A row repeats an inline action nearly word for word; two actions drawn from one agenda share
# a topic ("de planning van de tweede tranche …") but not most of their words.
_MIN_SHARED = 4  # content words in common, at least
_MIN_OVERLAP = 0.75  # of the shorter text's content words


def _content(text: str) -> set[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in STOP_WORDS}


def _overlap(a: set[str], b: set[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= _MIN_SHARED else 0.0


def link_listed_actions(items: list[Item]) -> int:
    """Give inline actions what the action-list rows repeating them say; returns how many
    were linked. A row repeats at most one inline action (the closest in wording)."""
    rows = [(e, _content(e.text)) for it in items if it.kind == "action_list" for e in it.entries
            if e.kind == "actie"]
    inline = [(e, _content(e.text)) for it in items if not it.kind for e in it.entries
              if e.kind == "actie"]
    pairs = sorted(
        ((score, i, j) for i, (_, a) in enumerate(inline) for j, (_, b) in enumerate(rows)
         if (score := _overlap(a, b)) >= _MIN_OVERLAP and _compatible(inline[i][0], rows[j][0])),
        reverse=True,
    )
    used_inline: set[int] = set()
    used_rows: set[int] = set()
    for _, i, j in pairs:
        if i in used_inline or j in used_rows:
            continue
        used_inline.add(i)
        used_rows.add(j)
        _take_from(inline[i][0], rows[j][0])
    return len(used_inline)


def _named(entry: Entry) -> str:
    owner = entry.owner.lower()
    return "" if owner in PRONOUNS else " ".join(owner.split())


def _compatible(entry: Entry, row: Entry) -> bool:
    """Two actions that name different owners, or different deadlines, are two actions."""
    if _named(entry) and _named(row) and _named(entry) != _named(row):
        return False
    if (entry.owner_redacted and _named(row)) or (row.owner_redacted and _named(entry)):
        return False  # a redacted document hides a name in both places, or in neither
    return not (entry.due_text and row.due_text and entry.due_text != row.due_text)


def _take_from(entry: Entry, row: Entry) -> None:
    if not entry.code:
        entry.code = row.code
    weak_owner = not entry.owner_redacted and (not entry.owner or entry.owner.lower() in PRONOUNS)
    if weak_owner and (row.owner or row.owner_redacted):
        entry.owner, entry.owner_redacted = row.owner, row.owner_redacted
        entry.owners = owner_parts(row.owner) if row.owner else []
    if not entry.due_text and not entry.due and not mentions_date(entry.text):
        entry.due, entry.due_text = row.due, row.due_text
    if not entry.status:
        entry.status, entry.status_text = row.status, row.status_text
