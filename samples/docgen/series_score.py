"""Scoring threads found in a generated series against its gold threads.

The gold names each mention by document, place (an item or the action list), item number,
code and words; the reader's entries are matched to them document by document, by their words
(:func:`samples.textmatch.similarity`), within the same place. Then every pair of matched
mentions is judged: *together* in the gold (one action) and together in the prediction (one
thread) is a hit. Precision is the share of the predicted pairs that are gold pairs, recall the
share of the gold pairs predicted; pairs of two mentions the gold does not have (a reader's
false action) are left out, but a false action joined to a real one counts against
precision. ``end_to_end_recall`` counts the gold pairs whose mentions the reader missed too.

The status of an action is judged on the thread its first found mention is in: its status
against the gold status as of the last meeting.

This module knows nothing of the archive: the prediction is a mapping from entry record ids
(`<sha256>:<item nr>:<n>`) to (thread id, status).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from samples.textmatch import similarity, word_recall

MATCH_THRESHOLD = 0.55


@dataclass
class Found:
    """An entry of a predicted meeting, as the scorer compares it with the gold."""

    id: str
    doc: str
    where: str  # "item" or "action_list"
    item_nr: str
    code: str
    text: str
    status: str


@dataclass
class ThreadScore:
    """Counts over one or more series; the figures are computed from them."""

    gold_mentions: int = 0
    found_mentions: int = 0
    gold_pairs: int = 0  # among the mentions found
    all_gold_pairs: int = 0
    predicted_pairs: int = 0
    hit_pairs: int = 0
    actions: int = 0
    status_right: int = 0
    threads: int = 0  # gold threads of two or more found mentions
    threads_exact: int = 0
    misses: list[str] = field(default_factory=list)

    def __add__(self, other: ThreadScore) -> ThreadScore:
        out = ThreadScore()
        for name in self.__dataclass_fields__:
            a, b = getattr(self, name), getattr(other, name)
            setattr(out, name, a + b)
        return out

    @property
    def precision(self) -> float:
        return self.hit_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.hit_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def end_to_end_recall(self) -> float:
        return self.hit_pairs / self.all_gold_pairs if self.all_gold_pairs else 1.0

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.actions if self.actions else 1.0

    @property
    def mentions_found(self) -> float:
        return self.found_mentions / self.gold_mentions if self.gold_mentions else 1.0

    def figures(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "end_to_end_recall": self.end_to_end_recall,
            "status": self.status_accuracy,
            "mentions_found": self.mentions_found,
            "threads_exact": self.threads_exact / self.threads if self.threads else 1.0,
        }


def found_entries(meeting: Any, doc: str) -> list[Found]:
    """The entries of a predicted meeting (a :class:`pipeline.records.Meeting`), by place."""
    out = []
    taken: set[str] = set()
    for i, item in enumerate(meeting.items):
        where = "action_list" if item.kind == "action_list" else "item"
        for n, entry in enumerate(item.entries):
            # Record ids as the threads give them: a second item of one number gets "@i".
            id_ = f"{meeting.sha256}:{item.nr}:{n}"
            id_ = id_ if id_ not in taken else f"{id_}@{i}"
            taken.add(id_)
            if item.kind == "annex":
                continue
            out.append(Found(id_, doc, where, item.nr,
                             entry.code or (item.nr if where == "action_list" else ""),
                             entry.text, entry.status))
    return out


def _match_score(gold: dict[str, Any], found: Found) -> float:
    if gold["where"] != found.where:
        return 0.0
    text = max(similarity(gold["text"], found.text), word_recall(gold["text"], found.text))
    if gold.get("code") and gold["code"].lower() == (found.code or "").lower():
        text += 0.1
    if gold.get("item_nr") and gold["item_nr"] == found.item_nr:
        text += 0.05
    return text


def match_mentions(golds: list[dict[str, Any]], found: list[Found]) -> dict[int, Found]:
    """Gold mention (by index) → the entry that says it, best pairs first, one each."""
    pairs = []
    for i, g in enumerate(golds):
        for j, f in enumerate(found):
            score = _match_score(g, f)
            if score >= MATCH_THRESHOLD:
                pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    out: dict[int, Found] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i in out or j in used:
            continue
        out[i] = found[j]
        used.add(j)
    return out


def score_series(
    gold: dict[str, Any],
    meetings: Mapping[str, Any],
    predicted: Callable[[str], tuple[str, str] | None],
) -> ThreadScore:
    """Score one series. `meetings` maps a document name (the PDF's stem) to its predicted
    meeting; `predicted(entry_id)` gives the (thread id, status) an entry is in, or None."""
    s = ThreadScore()
    mentions = [(t["id"], m) for t in gold["threads"] for m in t["mentions"]]
    s.gold_mentions = len(mentions)
    by_doc: dict[str, list[int]] = {}
    for n, (_, m) in enumerate(mentions):
        by_doc.setdefault(m["doc"], []).append(n)
    matched: dict[int, Found] = {}
    spurious: list[Found] = []
    for doc, indexes in by_doc.items():
        meeting = meetings.get(doc)
        if meeting is None:
            s.misses.append(f"{doc}: not in the archive")
            continue
        entries = found_entries(meeting, doc)
        pairs = match_mentions([mentions[n][1] for n in indexes], entries)
        for local, f in pairs.items():
            matched[indexes[local]] = f
        used = {f.id for f in pairs.values()}
        spurious.extend(f for f in entries if f.id not in used and predicted(f.id))
    s.found_mentions = len(matched)
    for n, (_, m) in enumerate(mentions):
        if n not in matched:
            s.misses.append(f"{m['doc']} {m['where']} {m['item_nr'] or m['code']}: not found: "
                            f"{m['text'][:70]}")
    # Elements: found gold mentions and spurious predicted mentions.
    elements: list[tuple[str | None, str]] = []  # (gold thread or None, predicted cluster)
    for n, f in matched.items():
        elements.append((mentions[n][0], _cluster(predicted, f)))
    for f in spurious:
        elements.append((None, _cluster(predicted, f)))
    for (ga, pa), (gb, pb) in combinations(elements, 2):
        if ga is None and gb is None:
            continue
        same_gold = ga is not None and ga == gb
        same_pred = pa == pb
        s.gold_pairs += same_gold
        s.predicted_pairs += same_pred
        s.hit_pairs += same_gold and same_pred
    counts: dict[str, int] = {}
    for thread_id, _ in mentions:
        counts[thread_id] = counts.get(thread_id, 0) + 1
    s.all_gold_pairs = sum(c * (c - 1) // 2 for c in counts.values())
    _judge_threads(s, gold, mentions, matched, elements, predicted)
    return s


def _cluster(predicted: Callable[[str], tuple[str, str] | None], found: Found) -> str:
    hit = predicted(found.id)
    return hit[0] if hit else f"alone:{found.id}"


def _judge_threads(s: ThreadScore, gold: dict[str, Any], mentions: list[tuple[str, dict]],
                   matched: dict[int, Found], elements: list[tuple[str | None, str]],
                   predicted: Callable[[str], tuple[str, str] | None]) -> None:
    """Status of each action, exact threads, and the misses that explain the pair counts."""
    clusters_of: dict[str, set[str]] = {}
    for g, p in elements:
        clusters_of.setdefault(p, set()).add(g or "?")
    for thread in gold["threads"]:
        found = [(n, matched[n]) for n, (t, _) in enumerate(mentions)
                 if t == thread["id"] and n in matched]
        if not found:
            continue
        s.actions += 1
        # The action as the archive has it: the thread of its first mention that is in one
        # (a mention the reader did not read as an action or a closing sentence is in none).
        hit = next((h for h in (predicted(f.id) for _, f in found) if h), None)
        status = hit[1] if hit else (found[0][1].status or "open")
        if status == thread["status"]:
            s.status_right += 1
        else:
            s.misses.append(f"{gold['name']} {thread['id']} status {status}, gold "
                            f"{thread['status']}: "
                            f"{thread['phrase'][:60]}")
        if len(found) < 2:
            continue
        s.threads += 1
        clusters = {_cluster(predicted, f) for _, f in found}
        if len(clusters) == 1 and clusters_of[next(iter(clusters))] == {thread["id"]}:
            s.threads_exact += 1
            continue
        where = ", ".join(f"{mentions[n][1]['doc'][-20:]} {f.where} {f.item_nr}"
                          f"→{_cluster(predicted, f)[:14]}" for n, f in found)
        s.misses.append(f"{gold['name']} {thread['id']} split or merged: {where} "
                        f"({thread['phrase'][:50]})")


def score_all(
    golds: Iterable[dict[str, Any]],
    meetings: Iterable[Any],
    predicted: Callable[[str], tuple[str, str] | None],
) -> ThreadScore:
    """Score several series at once: `meetings` are all predicted meetings, matched to the
    gold's documents by the stem of their source file."""
    by_doc = {Path(m.source).stem: m for m in meetings}
    total = ThreadScore()
    for gold in golds:
        total = total + score_series(gold, by_doc, predicted)
    return total


__all__ = ["Found", "ThreadScore", "found_entries", "match_mentions", "score_all",
           "score_series"]
