"""Compare an extracted meeting with the hand-written gold of its sample."""

from __future__ import annotations

from typing import Any

from pipeline.records import Meeting
from samples.textmatch import ws as norm  # extraction may wrap differently; the words must match


def differences(meeting: Meeting, gold: dict[str, Any], *, pages: bool = True) -> list[str]:
    """Every way the meeting differs from the gold, as readable lines (empty when equal)."""
    out = []
    date = meeting.date.isoformat() if meeting.date else None
    for key, got in (("title", meeting.title), ("body", meeting.body), ("date", date)):
        if got != gold[key]:
            out.append(f"{key}: {got!r} != {gold[key]!r}")
    got_nrs = [item.nr for item in meeting.items]
    gold_nrs = [item["nr"] for item in gold["items"]]
    if got_nrs != gold_nrs:
        out.append(f"item numbers: {got_nrs} != {gold_nrs}")
    for item, expected in zip(meeting.items, gold["items"], strict=False):
        where = f"item {expected['nr']}"
        for key in ("nr", "title", "section", "toelichting"):
            if norm(getattr(item, key)) != norm(expected[key]):
                out.append(f"{where} {key}: {getattr(item, key)!r} != {expected[key]!r}")
        if len(item.entries) != len(expected["entries"]):
            out.append(f"{where}: {len(item.entries)} entries != {len(expected['entries'])}")
        for n, (entry, gold_entry) in enumerate(
            zip(item.entries, expected["entries"], strict=False), start=1
        ):
            keys = ("kind", "owner", "page") if pages else ("kind", "owner")
            for key in keys:
                if getattr(entry, key) != gold_entry[key]:
                    out.append(
                        f"{where} entry {n} {key}: {getattr(entry, key)!r} != {gold_entry[key]!r}"
                    )
            if norm(entry.text) != norm(gold_entry["text"]):
                out.append(f"{where} entry {n} text: {entry.text!r} != {gold_entry['text']!r}")
    return out
