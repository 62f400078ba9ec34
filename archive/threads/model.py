"""The plain records of actions over time: mentions, links, threads, series.

A :class:`Mention` is one entry of one meeting that speaks of an action: the action itself
(an actie entry, inline or a row of an action list) or a sentence saying it was done or dropped.
A :class:`Thread` is one action followed through its mentions, each later mention tied to an
earlier one by a :class:`Link` that keeps its score and the evidence for it. A
:class:`Series` is the meetings of one body (and kind of meeting) in date order, with the gaps
in it. A :class:`ThreadSet` holds them all, as computed from every record of an archive.

Everything here is derived data: :mod:`archive.threads.build` computes it from the records,
:mod:`archive.threads.store` keeps it beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.plain import as_plain

CLOSED = frozenset({"done", "dropped"})


@dataclass
class Mention:
    """One entry that speaks of an action. `id` is the entry's record id
    (`<sha256>:<item nr>:<n>`, as :mod:`archive.index.contract` gives it); `role` is `action`
    (an actie entry) or `closing` (a sentence saying an action was done or dropped); `status`
    is what this mention says (the entry's own status, or what its words say), "" for nothing."""

    id: str
    sha256: str
    source: str
    meeting_date: str | None
    meeting_title: str
    item_nr: str
    item_title: str
    row: bool  # a row of an action list
    entry: int
    kind: str
    role: str  # action | closing
    text: str
    owner: str = ""
    owners: list[str] = field(default_factory=list)
    code: str = ""
    due: str = ""
    due_text: str = ""
    status: str = ""
    status_text: str = ""
    page: int = 1

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(**data)


@dataclass
class Link:
    """Why mention `mention` continues the thread of mention `to`: a score in [0, 1] and the
    evidence read off the two ("same code mrt24/03", "text 0.86", "same owner")."""

    mention: str
    to: str
    score: float
    evidence: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        return cls(**data)


@dataclass
class Thread:
    """One action over time. `status` is the status as of its last mention that says one
    (`open` when none does); `first_seen`/`last_seen` are the dates of its first and last
    mention; `origin` the month its code says it was set in, when that is before the first
    meeting in the archive (`mrt24/03` in a September list: `2024-03`).

    `mentions` are in date order; `links` tie each later mention to an earlier one (a mention
    without a link is the first); `candidates` are links that scored too low to be followed,
    kept so that a reader can see what was left apart and why."""

    thread_id: str
    series: str
    body: str
    status: str
    first_seen: str | None
    last_seen: str | None
    mentions: list[Mention]
    links: list[Link] = field(default_factory=list)
    candidates: list[Link] = field(default_factory=list)
    owner: str = ""
    code: str = ""
    due: str = ""
    due_text: str = ""
    origin: str = ""
    status_date: str | None = None  # the meeting date of the mention that set `status`

    @property
    def text(self) -> str:
        """The action as first written."""
        first = next((m for m in self.mentions if m.role == "action"), self.mentions[0])
        return first.text

    @property
    def latest(self) -> Mention:
        """The last mention that is an action (the latest wording), else the last."""
        actions = [m for m in self.mentions if m.role == "action"]
        return (actions or self.mentions)[-1]

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    def link_of(self, mention_id: str) -> Link | None:
        """The link that brought `mention_id` into this thread (None for the first)."""
        return next((link for link in self.links if link.mention == mention_id), None)

    def overdue(self, today: str) -> bool:
        """Due before `today` (ISO) and neither done nor dropped."""
        return bool(self.due) and self.due < today and not self.closed

    def to_dict(self, *, mention_ids: bool = False) -> dict[str, Any]:
        """The thread as plain data; with `mention_ids` its mentions as their ids only (the
        threads file keeps each mention once, under its meeting)."""
        if mention_ids:
            # Not converted only to be thrown away: a thread's mentions are most of it.
            data = as_plain(replace(self, mentions=[]))
            data["text"] = self.text
            data["mentions"] = [m.id for m in self.mentions]
            return data
        data = as_plain(self)
        data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Thread:
        fields = {k: v for k, v in data.items() if k in _THREAD_FIELDS}
        fields["mentions"] = [Mention.from_dict(m) for m in data.get("mentions", [])]
        fields["links"] = [Link.from_dict(x) for x in data.get("links", [])]
        fields["candidates"] = [Link.from_dict(x) for x in data.get("candidates", [])]
        return cls(**fields)


@dataclass
class Gap:
    """Meetings a series would have held between two it has, by its cadence."""

    after: str  # the date of the meeting before the gap
    before: str  # the date of the meeting after it
    missing: int
    expected: list[str] = field(default_factory=list)  # the dates the cadence gives them


@dataclass
class SeriesMeeting:
    sha256: str
    date: str | None
    title: str
    source: str


@dataclass
class Series:
    """The meetings of one body and kind of meeting, in date order. `cadence_days` is the
    usual interval (7 for a weekly overleg; 0 when it cannot be told), `gaps` the meetings
    missing by that cadence, `years` per year the meetings held and the meetings expected."""

    key: str
    body: str
    kind: str
    label: str
    meetings: list[SeriesMeeting]
    cadence_days: int = 0
    cadence: str = ""  # "weekly", "every 2 weeks", "monthly", "irregular", ""
    gaps: list[Gap] = field(default_factory=list)
    years: dict[str, dict[str, int]] = field(default_factory=dict)  # "2024": {held, expected}

    @property
    def missing(self) -> int:
        return sum(g.missing for g in self.gaps)

    def position(self, sha256: str) -> int | None:
        """The 1-based place of a meeting in the series."""
        for n, meeting in enumerate(self.meetings, 1):
            if meeting.sha256 == sha256:
                return n
        return None

    def to_dict(self) -> dict[str, Any]:
        data = as_plain(self)
        data["missing"] = self.missing
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Series:
        fields = {k: v for k, v in data.items() if k in _SERIES_FIELDS}
        fields["meetings"] = [SeriesMeeting(**m) for m in data.get("meetings", [])]
        fields["gaps"] = [Gap(**g) for g in data.get("gaps", [])]
        return cls(**fields)


@dataclass
class ThreadSet:
    """Every series and thread of an archive, with lookups by mention and by meeting."""

    series: list[Series] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_mention: dict[str, Thread] = {}
        self._by_id: dict[str, Thread] = {}
        self._series_of: dict[str, Series] = {}
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the lookups after the lists changed."""
        self._by_id = {t.thread_id: t for t in self.threads}
        self._by_mention = {m.id: t for t in self.threads for m in t.mentions}
        self._shared: dict[str, list[tuple[str, Thread]]] = {}
        for thread in self.threads:
            for m in thread.mentions:
                if "@" in m.id:
                    base = m.id.split("@", 1)[0]
                    self._shared.setdefault(base, []).append((m.text, thread))
        self._series_of = {m.sha256: s for s in self.series for m in s.meetings}

    def series_records(self) -> list[dict[str, Any]]:
        """The series as `archive stats --json` and `/api/stats` list them."""
        return [s.to_dict() for s in self.series]

    def thread_of(self, mention_id: str, text: str | None = None) -> Thread | None:
        """The thread an entry (by record id) belongs to. Two entries of one record id (two
        items of one number) are told apart by their `text`."""
        if text is not None and mention_id in self._shared:
            for said, thread in self._shared[mention_id]:
                if said == text:
                    return thread
        return self._by_mention.get(mention_id)

    def get(self, thread_id: str) -> Thread | None:
        return self._by_id.get(thread_id)

    def find(self, key: str) -> list[Thread]:
        """Threads whose id starts with `key`."""
        key = key.strip().lower()
        return [t for t in self.threads if t.thread_id.lower().startswith(key)] if key else []

    def series_of(self, sha256: str) -> Series | None:
        """The series a meeting belongs to."""
        return self._series_of.get(sha256)

    def to_dict(self) -> dict[str, Any]:
        return {
            "series": [s.to_dict() for s in self.series],
            "threads": [t.to_dict() for t in self.threads],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThreadSet:
        return cls(
            series=[Series.from_dict(s) for s in data.get("series", [])],
            threads=[Thread.from_dict(t) for t in data.get("threads", [])],
        )


_THREAD_FIELDS = frozenset(Thread.__dataclass_fields__)
_SERIES_FIELDS = frozenset(Series.__dataclass_fields__)

__all__ = ["CLOSED", "Gap", "Link", "Mention", "Series", "SeriesMeeting", "Thread", "ThreadSet"]
