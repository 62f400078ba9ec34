"""Threads from meetings: series first, then the mentions of each series linked meeting by
meeting, oldest first.

Within a meeting, an inline action and the action-list row that repeats it become one *unit*
(the best pairs first, each mention in one pair at most). Each unit is then scored against the
threads of the earlier meetings (:class:`~archive.threads.match.Scorer`); the best-scoring
pairs are linked first, a thread taking at most one inline and one row mention per meeting, so
two actions of one meeting never fold into one thread. A unit that links nowhere starts a
thread; a closing sentence that links nowhere is no action and is left out. Links below
:data:`~archive.threads.match.LINK` are kept on the thread as candidates, never followed.

The status of a thread is the one its latest meeting with a stated status gives (a closing
sentence or a done/dropped row outweighs an "open" in the same meeting); a thread whose
mentions state none is open.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.threads.match import LINK, POSSIBLE, SAME_MEETING_LINK, Features, Scorer
from archive.threads.mentions import mentions_of
from archive.threads.model import Link, Mention, Series, SeriesMeeting, Thread, ThreadSet
from archive.threads.series import group
from archive.threads.text import code_month
from pipeline.records import Meeting

# How many meetings back a mention looks for the action it continues, unless a code ties them.
WINDOW = 8
# Which status wins when one meeting states several for one action.
_STRENGTH = {"done": 4, "dropped": 4, "ongoing": 2, "open": 1, "unknown": 0}


@dataclass
class MeetingFacts:
    """What threads need of a meeting: its place in a series and its mentions."""

    sha256: str
    date: str | None
    title: str
    source: str
    body: str
    mentions: list[Mention] = field(default_factory=list)

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingFacts:
        return cls(
            sha256=meeting.sha256,
            date=meeting.date.isoformat() if meeting.date else None,
            title=meeting.title,
            source=meeting.source,
            body=meeting.body,
            mentions=mentions_of(meeting),
        )


@dataclass
class _Unit:
    """The mentions of one action in one meeting (an inline action and its row)."""

    features: list[Features]
    pair: tuple[float, list[str]] | None = None  # the score and evidence that paired them

    def links(self, anchor: str) -> list[Link]:
        """Links from the unit's other mentions to `anchor`, the one that joined a thread."""
        if self.pair is None:
            return []
        score, evidence = self.pair
        return [
            Link(f.mention.id, anchor, round(score, 3), ["same meeting", *evidence])
            for f in self.features
            if f.mention.id != anchor
        ]

    @property
    def closing_only(self) -> bool:
        return all(f.mention.role == "closing" for f in self.features)

    @property
    def rows(self) -> bool:
        return any(f.mention.row for f in self.features)

    @property
    def inline(self) -> bool:
        return any(not f.mention.row for f in self.features)


@dataclass
class _Open:
    """A thread being built."""

    features: list[Features]
    links: list[Link]
    candidates: list[Link]
    last: int  # the index of its last meeting in the series

    def codes(self) -> set[str]:
        return {f.code for f in self.features if f.identifying}


def build(meetings: Iterable[MeetingFacts | Meeting]) -> ThreadSet:
    """The series and threads of `meetings` (records, or their :class:`MeetingFacts`)."""
    facts = [m if isinstance(m, MeetingFacts) else MeetingFacts.of(m) for m in meetings]
    by_sha = {f.sha256: f for f in facts}
    series = group(
        (SeriesMeeting(f.sha256, f.date, f.title, f.source) for f in facts),
        {f.sha256: f.body for f in facts},
    )
    threads: list[Thread] = []
    for one in series:
        threads.extend(_threads(one, [by_sha[m.sha256] for m in one.meetings]))
    return ThreadSet(series=series, threads=threads)


def _features(meeting: MeetingFacts) -> list[Features]:
    """The mentions of a meeting as compared; a code that two rows (or two inline entries) of
    the meeting share names neither (a reader that cut "mei18/06" and "mei18/07" short)."""
    out = [Features.of(m) for m in meeting.mentions]
    seen = Counter((f.mention.row, f.code) for f in out if f.identifying)
    for f in out:
        if f.identifying and seen[(f.mention.row, f.code)] > 1:
            f.identifying = False
    return out


def _threads(series: Series, meetings: list[MeetingFacts]) -> list[Thread]:
    per_meeting = [_features(m) for m in meetings]
    scorer = Scorer(f for fs in per_meeting for f in fs)
    built: list[_Open] = []
    dated = [m.date is not None for m in meetings]
    for k, features in enumerate(per_meeting):
        units = _units(features, scorer)
        if not dated[k]:
            # An undated meeting has no place in time: its actions stand alone.
            built.extend(_start(u, k) for u in units if not u.closing_only)
            continue
        taken = _link(units, built, k, scorer, meetings)
        for n, unit in enumerate(units):
            if n not in taken and not unit.closing_only:
                built.append(_start(unit, k))
    return [_thread(series, t) for t in built]


def _start(unit: _Unit, k: int) -> _Open:
    """A new thread, begun by a unit of meeting `k`."""
    return _Open(list(unit.features), unit.links(unit.features[0].mention.id), [], k)


def _units(features: list[Features], scorer: Scorer) -> list[_Unit]:
    """Pair each inline action with the action-list row of the same meeting that restates it;
    every other mention is a unit of its own."""
    inline = [f for f in features if not f.mention.row and f.mention.role == "action"]
    rows = [f for f in features if f.mention.row]
    pairs = []
    for i, a in enumerate(inline):
        for j, b in enumerate(rows):
            score, evidence = scorer.score(a, b, same_meeting=True)
            if score >= SAME_MEETING_LINK:
                pairs.append((score, i, j, evidence))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    paired_inline: dict[int, tuple[int, float, list[str]]] = {}
    used_rows: set[int] = set()
    for score, i, j, evidence in pairs:
        if i in paired_inline or j in used_rows:
            continue
        paired_inline[i] = (j, score, evidence)
        used_rows.add(j)
    units = []
    for f in features:
        if f.mention.row:
            j = rows.index(f)
            if j in used_rows:
                continue  # it travels with its inline action
            units.append(_Unit([f]))
        elif f.mention.role == "action" and (i := inline.index(f)) in paired_inline:
            j, score, evidence = paired_inline[i]
            units.append(_Unit([f, rows[j]], (score, evidence)))
        else:
            units.append(_Unit([f]))
    return units


def _link(
    units: list[_Unit], built: list[_Open], k: int, scorer: Scorer, meetings: list[MeetingFacts]
) -> set[int]:
    """Link the units of meeting `k` to the threads before it; returns the units linked."""
    by_code: dict[str, list[int]] = {}
    for t, thread in enumerate(built):
        for code in thread.codes():
            by_code.setdefault(code, []).append(t)
    scored = []
    for n, unit in enumerate(units):
        reach = {t for t, thread in enumerate(built) if k - thread.last <= WINDOW}
        for f in unit.features:
            for code in {f.code, *f.cited} if f.identifying or f.cited else ():
                reach.update(by_code.get(code, ()))
        for t in reach:
            thread = built[t]
            if thread.last >= k:
                continue
            best = _best(unit, thread, k, scorer)
            if best and best[0] >= POSSIBLE:
                scored.append((best[0], n, t, best[1], best[2], best[3]))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    taken: set[int] = set()
    filled: set[tuple[int, str]] = set()  # (thread, "row" / "inline" / "closing") this meeting
    for score, n, t, mention, to, evidence in scored:
        unit, thread = units[n], built[t]
        slots = _slots(unit)
        link = Link(mention, to, round(score, 3), evidence)
        if n in taken or any((t, s) in filled for s in slots):
            if score >= LINK and n not in taken:
                thread.candidates.append(link)
            continue
        if score < LINK:
            thread.candidates.append(link)
            continue
        taken.add(n)
        filled.update((t, s) for s in slots)
        thread.links.append(link)
        thread.links.extend(unit.links(mention))
        thread.features.extend(unit.features)
        thread.last = k
    return taken


def _slots(unit: _Unit) -> set[str]:
    """What a unit fills in its thread for this meeting: a thread takes one inline action, one
    row and one closing sentence per meeting."""
    if unit.closing_only:
        return {"closing"}
    return ({"row"} if unit.rows else set()) | ({"inline"} if unit.inline else set())


def _best(
    unit: _Unit, thread: _Open, k: int, scorer: Scorer
) -> tuple[float, str, str, list[str]] | None:
    """The best pair between a unit and a thread's mentions: (score, the unit's mention, the
    thread's mention, evidence)."""
    skipped = max(0, k - thread.last - 1)
    best = None
    for b in unit.features:
        for a in thread.features:
            if a.mention.role == "closing":
                continue  # a thread is matched on its actions, not on "is afgerond"
            score, evidence = scorer.score(a, b, skipped=skipped)
            if best is None or score > best[0]:
                best = (score, b.mention.id, a.mention.id, evidence)
    return best


def _thread(series: Series, built: _Open) -> Thread:
    mentions = [f.mention for f in built.features]
    order = {m.id: n for n, m in enumerate(mentions)}
    mentions.sort(key=lambda m: (m.meeting_date or "9999", order[m.id]))
    first = mentions[0]
    status, status_date = _status(mentions)
    owner = next((m.owner for m in reversed(mentions) if m.owner), "")
    dated = [m for m in mentions if m.due or m.due_text]
    code = next((f.mention.code for f in built.features if f.identifying), "")
    origin = code_month(code) if code else ""
    if origin and first.meeting_date and origin >= first.meeting_date[:7]:
        origin = ""  # set in the first meeting the archive has: no earlier origin
    return Thread(
        thread_id="t" + hashlib.sha1(first.id.encode()).hexdigest()[:11],
        series=series.key,
        body=series.body,
        status=status,
        first_seen=first.meeting_date,
        last_seen=mentions[-1].meeting_date,
        mentions=mentions,
        links=built.links,
        candidates=_kept(built.candidates, {m.id for m in mentions}),
        owner=owner,
        code=code,
        due=dated[-1].due if dated else "",
        due_text=dated[-1].due_text if dated else "",
        origin=origin,
        status_date=status_date,
    )


def _kept(candidates: list[Link], members: set[str]) -> list[Link]:
    """Candidates worth showing: the best one per mention that is not in the thread."""
    best: dict[str, Link] = {}
    for link in candidates:
        if link.mention in members:
            continue
        if link.mention not in best or link.score > best[link.mention].score:
            best[link.mention] = link
    return sorted(best.values(), key=lambda x: -x.score)[:5]


def _status(mentions: list[Mention]) -> tuple[str, str | None]:
    """The status as of the latest meeting that states one, and that meeting's date."""
    status, when = "open", None
    by_meeting: dict[str | None, list[Mention]] = {}
    for m in mentions:
        by_meeting.setdefault(m.meeting_date, []).append(m)
    for day, group_ in by_meeting.items():
        stated = [m.status for m in group_ if m.status]
        if stated:
            status = max(stated, key=lambda s: _STRENGTH.get(s, 0))
            when = day
    return status, when


__all__ = ["WINDOW", "MeetingFacts", "build"]
