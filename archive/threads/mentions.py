"""The mentions of actions in one meeting, read off its record.

Every actie entry is a mention (inline in an item, or a row of an action list: an item of kind
`action_list`); so is any other entry whose words say an action was done or dropped ("De
projectleider heeft de factsheet opgesteld", "Actie A-03 vervalt"), which can only continue an
action set before. Annexes (items of kind `annex`) hold no actions of the meeting.
"""

from __future__ import annotations

from archive.threads.model import Mention
from archive.threads.text import closing_status, status_of_text
from pipeline.records import Entry, Item, Meeting

ACTION_LIST = "action_list"
ANNEX = "annex"


def entry_id(meeting: Meeting, item: Item, n: int) -> str:
    """The record id of entry `n` of `item` (as :func:`archive.index.contract.entry_record`
    gives it), so that a thread names the same entries search and export hand out."""
    return f"{meeting.sha256}:{item.nr}:{n}"


def _mention(
    meeting: Meeting, item: Item, n: int, entry: Entry, role: str, status: str, id_: str
) -> Mention:
    row = item.kind == ACTION_LIST
    # A row's code is the entry's own, else the row number the list gives it.
    code = entry.code or (item.nr if row and len(item.entries) == 1 else "")
    return Mention(
        id=id_,
        sha256=meeting.sha256,
        source=meeting.source,
        meeting_date=meeting.date.isoformat() if meeting.date else None,
        meeting_title=meeting.title,
        item_nr=item.nr,
        item_title=item.title if not row else "",
        row=row,
        entry=n,
        kind=entry.kind,
        role=role,
        text=entry.text or (item.title if row else ""),
        owner="" if entry.owner_redacted else entry.owner,
        owners=[] if entry.owner_redacted else list(entry.owners),
        code=code,
        due=entry.due,
        due_text=entry.due_text,
        status=status,
        status_text=entry.status_text,
        page=entry.page,
    )


def mentions_of(meeting: Meeting) -> list[Mention]:
    """The mentions of actions in `meeting`, in the order of the minutes."""
    out = []
    taken: set[str] = set()
    for i, item in enumerate(meeting.items):
        for n, entry in enumerate(item.entries):
            # Two items of one number (a list whose codes the reader cut short) would give two
            # entries one record id; the later one gets its item's place after an "@".
            id_ = entry_id(meeting, item, n)
            id_ = id_ if id_ not in taken else f"{id_}@{i}"
            taken.add(id_)
            if item.kind == ANNEX:
                continue
            said = closing_status(entry.text, strict=entry.kind == "actie")
            if entry.kind == "actie":
                status = entry.status or status_of_text(entry.status_text) or said
                out.append(_mention(meeting, item, n, entry, "action", status, id_))
            elif said:
                out.append(_mention(meeting, item, n, entry, "closing", said, id_))
    return out


__all__ = ["ACTION_LIST", "entry_id", "mentions_of"]
