"""Meeting records written by hand for the thread tests: short, readable, and shaped exactly
as the reader hands them out (`pipeline.records`)."""

from __future__ import annotations

import hashlib
from datetime import date

from pipeline.records import Entry, Item, Meeting


def sha(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def meeting(
    name: str,
    day: str | None,
    *items: Item,
    title: str = "Verslag Stuurgroep Woningbouw",
    body: str = "Gemeente Almelo",
) -> Meeting:
    return Meeting(
        title=title,
        body=body,
        date=date.fromisoformat(day) if day else None,
        source=f"/minutes/{name}.pdf",
        sha256=sha(name),
        page_count=1,
        items=list(items),
    )


def item(nr: str, title: str, *entries: Entry) -> Item:
    return Item(nr=nr, title=title, entries=list(entries))


def row(code: str, text: str, owner: str = "", status: str = "", status_text: str = "") -> Item:
    """One row of an action list, as the reader gives it: an item of kind action_list."""
    entry = Entry("actie", text, owner=owner, code=code, status=status, status_text=status_text)
    return Item(nr=code, title=text, entries=[entry], kind="action_list")


def action(text: str, owner: str = "", *, code: str = "", status: str = "", due: str = "") -> Entry:
    return Entry("actie", text, owner=owner, code=code, status=status, due=due)


def note(text: str) -> Entry:
    return Entry("note", text)


def decision(text: str) -> Entry:
    return Entry("besluit", text)
