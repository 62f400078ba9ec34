"""Scoring a reader's output against gold: drawn documents and real minutes.

The prediction is the meeting as ``archive show <sha256> --json`` prints it
(``pipeline.records.Meeting.to_dict()``); keys the reader may add later are read with defaults:
item ``fields`` and ``kind`` ("action_list" for the rows of an action-list table), entry
``due_text``, ``status``, ``code``, ``owners``, ``owner_redacted``, ``list_items``,
``commitment``, meeting ``date_guessed``.

Every figure is a :class:`Figure`, hits over a count, so tables can say "97.2% (n=214)". Its
denominator is the gold count (items, entries, actions with an owner …): what was not found
counts as wrong. ``entry_precision`` and ``decision_action_precision`` count predictions
instead, and the two CER figures are edit operations over gold characters of matched pairs.

Matching. Items are aligned in order (a sequence alignment, not a greedy first match): by number
when both have one, otherwise by title similarity. Entries of a matched item are paired
order-free, most similar first, when their normalized edit similarity is at least
``ENTRY_MATCH``. Action-list rows are matched by code, else by text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from samples.textmatch import (
    align,
    best_pairs,
    is_redaction,
    levenshtein,
    loose,
    nr_key,
    owner_key,
    owner_set,
    similarity,
    title_key,
    word_recall,
    ws,
)

ENTRY_MATCH = 0.5
TITLE_MATCH = 0.6
REAL_TITLE_OK = 0.9
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Figures in the order tables show them; "lower" ones are error rates.
FIGURES = (
    "items", "titles", "sections", "fields", "entries", "entry_kinds", "owners", "due", "status",
    "entry_precision", "decision_action_precision", "cer", "toelichting_cer", "meeting_date",
    "body", "meeting_title", "action_rows", "action_owners", "action_due", "action_status",
)
LOWER_IS_BETTER = {"cer", "toelichting_cer", "false_decisions", "false_actions"}
REAL_FIGURES = (
    "items", "titles", "decisions", "actions", "owners", "false_decisions", "false_actions",
    "action_rows", "meeting_date", "body", "meeting_title",
)


@dataclass
class Figure:
    """``hits`` out of ``n``."""

    hits: float = 0.0
    n: int = 0

    def add(self, hit: bool | float, n: int = 1) -> None:
        self.hits += float(hit)
        self.n += n

    @property
    def value(self) -> float | None:
        return self.hits / self.n if self.n else None

    def __add__(self, other: Figure) -> Figure:
        return Figure(self.hits + other.hits, self.n + other.n)

    def __str__(self) -> str:
        v = self.value
        return "–" if v is None else f"{100 * v:.1f}% (n={self.n})"

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "n": self.n, "value": self.value}


@dataclass
class Score:
    """The figures of one document and what went wrong in it."""

    figures: dict[str, Figure] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def fig(self, name: str) -> Figure:
        return self.figures.setdefault(name, Figure())

    def miss(self, text: str) -> None:
        self.misses.append(text)

    def to_dict(self) -> dict[str, Any]:
        return {"figures": {k: f.to_dict() for k, f in self.figures.items()},
                "misses": list(self.misses)}


def aggregate(scores: Iterable[Score]) -> dict[str, Figure]:
    """Figures summed over documents (hits and counts, not averages of percentages)."""
    total: dict[str, Figure] = {}
    for s in scores:
        for name, f in s.figures.items():
            total[name] = total.get(name, Figure()) + f
    return total


# --- predicted structure ------------------------------------------------------------------


def _minutes_items(pred: dict[str, Any]) -> list[dict[str, Any]]:
    """The agenda items of a prediction: not the rows of an action list, not the annexes."""
    return [i for i in pred.get("items") or [] if not i.get("kind")]


def _predicted_rows(pred: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of predicted action-list tables: each entry of an ``action_list`` item, its code
    the entry's own or, for a one-entry item, the item number."""
    rows = []
    for item in pred.get("items") or []:
        if (item.get("kind") or "") != "action_list":
            continue
        entries = item.get("entries") or []
        for e in entries:
            code = e.get("code") or (item.get("nr", "") if len(entries) == 1 else "")
            rows.append({**e, "code": code, "text": e.get("text") or item.get("title", "")})
        if not entries:
            rows.append({"code": item.get("nr", ""), "text": item.get("title", "")})
    return rows


def _title_similarity(gold_title: str, pred_title: str) -> float:
    g, p = loose(gold_title), loose(pred_title)
    if not g or not p:
        return 0.0
    s = similarity(g, p)
    if g in p:  # a title glued to more text is still this item's
        s = max(s, 0.7)
    return s


def item_pairs(gold_items: list[dict[str, Any]], pred_items: list[dict[str, Any]]
               ) -> list[tuple[int, int]]:
    """Align gold and predicted items: equal numbers first, titles otherwise."""
    def score(i: int, j: int) -> float:
        g, p = gold_items[i], pred_items[j]
        gn, pn = nr_key(g.get("nr")), nr_key(p.get("nr"))
        t = _title_similarity(g.get("title", ""), p.get("title", ""))
        if gn and pn:
            if gn == pn:
                return 2.0 + t
            return t if t >= 0.9 else 0.0
        return t if t >= TITLE_MATCH else 0.0

    return align(len(gold_items), len(pred_items), score)


def _entry_pairs(gold: list[dict[str, Any]], pred: list[dict[str, Any]]
                 ) -> list[tuple[int, int, float]]:
    return best_pairs([g.get("text", "") for g in gold], [p.get("text", "") for p in pred],
                      ENTRY_MATCH)


# --- drawn documents ----------------------------------------------------------------------


def _owner_ok(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold.get("owner_redacted"):
        return bool(pred.get("owner_redacted")) or is_redaction(pred.get("owner"))
    if pred.get("owner_redacted") or is_redaction(pred.get("owner")):
        return False
    g = owner_set(gold.get("owner"))
    p = owner_set(pred.get("owner"))
    if len(g) > 1 or len(p) > 1:
        return g == p
    return owner_key(gold.get("owner")) == owner_key(pred.get("owner"))


def _due_ok(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    due = ws(pred.get("due"))
    if gold.get("due"):
        return due == gold["due"]
    return not ISO_DAY.match(due)  # a non-date must not become a date


def _describe(e: dict[str, Any]) -> str:
    owner = f" [{e.get('owner')}]" if e.get("owner") else ""
    return f"{e.get('kind', '?')}{owner}: {ws(e.get('text'))[:90]}"


def _score_entries(s: Score, where: str, gold: list[dict[str, Any]],
                   pred: list[dict[str, Any]]) -> None:
    pairs = _entry_pairs(gold, pred)
    by_gold = {i: j for i, j, _ in pairs}
    matched_pred = {j for _, j, _ in pairs}
    for i, g in enumerate(gold):
        p = pred[by_gold[i]] if i in by_gold else None
        s.fig("entries").add(p is not None)
        s.fig("entry_kinds").add(p is not None and p.get("kind") == g["kind"])
        if p is None:
            s.miss(f"{where}: missed {_describe(g)}")
            # What an entry not found carried is not found either.
            if g["kind"] == "actie" and (g.get("owner") or g.get("owner_redacted")):
                s.fig("owners").add(False)
            if g["kind"] == "actie" and (g.get("due") or g.get("due_text")):
                s.fig("due").add(False)
            if g.get("status"):
                s.fig("status").add(False)
            continue
        if p.get("kind") != g["kind"]:
            s.miss(f"{where}: kind {g['kind']} read as {p.get('kind')}: {ws(g['text'])[:70]}")
        gt, pt = ws(g["text"]), ws(p.get("text"))
        s.fig("cer").add(levenshtein(gt, pt), len(gt))
        if g["kind"] == "actie" and (g.get("owner") or g.get("owner_redacted")):
            ok = _owner_ok(g, p)
            s.fig("owners").add(ok)
            if not ok:
                want = "<redacted>" if g.get("owner_redacted") else g.get("owner")
                s.miss(f"{where}: owner {want!r} read as {p.get('owner')!r}: {gt[:60]}")
        if g["kind"] == "actie" and (g.get("due") or g.get("due_text")):
            ok = _due_ok(g, p)
            s.fig("due").add(ok)
            if not ok:
                s.miss(f"{where}: due {g.get('due') or g.get('due_text')!r} read as "
                       f"{p.get('due')!r}: {gt[:60]}")
        if g.get("status"):
            ok = (p.get("status") or "") == g["status"]
            s.fig("status").add(ok)
            if not ok:
                s.miss(f"{where}: status {g['status']} read as {p.get('status')!r}")
    for j, p in enumerate(pred):
        real = j in matched_pred
        s.fig("entry_precision").add(real)
        if p.get("kind") in ("besluit", "actie"):
            same = real and any(gj == j and gold[gi]["kind"] == p.get("kind")
                                for gi, gj, _ in pairs)
            s.fig("decision_action_precision").add(same)
        if not real:
            s.miss(f"{where}: false {_describe(p)}")


def score_document(gold: dict[str, Any], pred: dict[str, Any]) -> Score:
    """Score a predicted meeting against the gold of a drawn document."""
    s = Score()
    gold_items = gold.get("items") or []
    pred_items = _minutes_items(pred)
    pairs = item_pairs(gold_items, pred_items)
    by_gold = dict(pairs)
    for i, g in enumerate(gold_items):
        where = f"item {g.get('nr') or '-'} {g.get('title', '')[:40]!r}"
        p = pred_items[by_gold[i]] if i in by_gold else None
        s.fig("items").add(p is not None)
        title_ok = p is not None and title_key(p.get("title")) == title_key(g.get("title"))
        s.fig("titles").add(title_ok)
        if p is None:
            s.miss(f"{where}: item not found")
            if g.get("section"):
                s.fig("sections").add(False)
            for _ in g.get("fields") or {}:
                s.fig("fields").add(False)
            _score_entries(s, where, g.get("entries") or [], [])
            continue
        if not title_ok:
            s.miss(f"{where}: title read as {ws(p.get('title'))[:60]!r}")
        if g.get("section"):
            ok = ws(p.get("section")) == ws(g["section"])
            s.fig("sections").add(ok)
            if not ok:
                s.miss(f"{where}: section {g['section']!r} read as {p.get('section')!r}")
        for key, value in (g.get("fields") or {}).items():
            got = (p.get("fields") or {}).get(key, "")
            s.fig("fields").add(ws(got) == ws(value))
        if g.get("toelichting"):
            gt, pt = ws(g["toelichting"]), ws(p.get("toelichting"))
            s.fig("toelichting_cer").add(levenshtein(gt, pt), len(gt))
        _score_entries(s, where, g.get("entries") or [], p.get("entries") or [])
    matched = {j for _, j in pairs}
    for j, p in enumerate(pred_items):
        if j not in matched:
            s.miss(f"extra item {p.get('nr') or '-'} {ws(p.get('title'))[:50]!r}")
            _score_entries(s, "extra item", [], p.get("entries") or [])
    _score_meeting(s, gold.get("meeting") or {}, pred)
    _score_action_list(s, gold.get("action_list") or [], _predicted_rows(pred))
    return s


def _score_meeting(s: Score, gold: dict[str, Any], pred: dict[str, Any]) -> None:
    date_ok = (pred.get("date") or "") == gold.get("date")
    s.fig("meeting_date").add(date_ok)
    if not date_ok:
        guessed = " (guessed)" if pred.get("date_guessed") else ""
        s.miss(f"meeting date {gold.get('date')} read as {pred.get('date')}{guessed}")
    body_ok = loose(pred.get("body")) == loose(gold.get("body"))
    s.fig("body").add(body_ok)
    if not body_ok:
        s.miss(f"body {gold.get('body')!r} read as {pred.get('body')!r}")
    title_ok = title_key(pred.get("title")) == title_key(gold.get("title"))
    s.fig("meeting_title").add(title_ok)
    if not title_ok:
        s.miss(f"meeting title {gold.get('title')!r} read as {pred.get('title')!r}")


def row_pairs(gold_rows: list[dict[str, Any]], pred_rows: list[dict[str, Any]]
              ) -> dict[int, int]:
    """Action-list rows: equal codes first, then the most similar texts."""
    out: dict[int, int] = {}
    used: set[int] = set()
    codes = {nr_key(p.get("code")): j for j, p in enumerate(pred_rows) if p.get("code")}
    for i, g in enumerate(gold_rows):
        j = codes.get(nr_key(g.get("code") or g.get("nr")))
        if j is not None and j not in used:
            out[i] = j
            used.add(j)
    rest_g = [i for i in range(len(gold_rows)) if i not in out]
    rest_p = [j for j in range(len(pred_rows)) if j not in used]
    for a, b, _ in best_pairs([gold_rows[i].get("text", "") for i in rest_g],
                              [pred_rows[j].get("text", "") for j in rest_p], ENTRY_MATCH):
        out[rest_g[a]] = rest_p[b]
    return out


def _score_action_list(s: Score, gold_rows: list[dict[str, Any]],
                       pred_rows: list[dict[str, Any]]) -> None:
    pairs = row_pairs(gold_rows, pred_rows)
    for i, g in enumerate(gold_rows):
        p = pred_rows[pairs[i]] if i in pairs else None
        s.fig("action_rows").add(p is not None)
        if p is None:
            s.miss(f"action row {g.get('code')}: not found: {ws(g.get('text'))[:60]}")
            continue
        if g.get("owner") or g.get("owner_redacted"):
            s.fig("action_owners").add(_owner_ok(g, p))
        if g.get("due") or g.get("due_text"):
            s.fig("action_due").add(_due_ok(g, p))
        if g.get("status"):
            s.fig("action_status").add((p.get("status") or "") == g["status"])


# --- real minutes -------------------------------------------------------------------------

_PAREN = re.compile(r"\([^)]*\)")
_GENERIC = {"de", "het", "van", "en", "voor", "der", "gemeente", "provincie", "ministerie",
            "overleg", "team", "the", "of"}


def _real_owner_ok(expected: str, found: dict[str, Any]) -> bool:
    e = owner_key(_PAREN.sub(" ", expected))
    if set(e.split()) <= {"redacted", "en"}:  # "[redacted] en [redacted]": nothing to read
        return bool(found.get("owner_redacted")) or is_redaction(found.get("owner"))
    p = owner_key(_PAREN.sub(" ", found.get("owner") or ""))
    return bool(e and p) and (e == p or e in p or p in e)


def _body_ok(expected: str, predicted: str | None) -> bool:
    """Lenient: the predicted body's name, or all its distinctive words, occur in the expected
    description; an abbreviation in brackets after the name ("(BO ATT)") is not asked for."""
    p = loose(_PAREN.sub(" ", predicted or ""))
    if len(p) < 3:
        return False
    e = loose(expected)
    if p in e:
        return True
    words = [w for w in p.split(" ") if w not in _GENERIC and len(w) > 1]
    return bool(words) and all(w in e.split(" ") for w in words)


def _action_match(action: dict[str, Any], candidates: list[dict[str, Any]]) -> int | None:
    text = action.get("text") or ""
    best, best_j = 0.0, None
    for j, c in enumerate(candidates):
        ct = c.get("text") or ""
        # Word overlap both ways too: a hand-written expectation may add words of its own
        # to what the minutes say ("om dit (release-kolommen / pull requests) actiever …").
        recall, precision = word_recall(text, ct), word_recall(ct, text)
        overlap = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
        s = max(recall, overlap, similarity(text, ct))
        if s > best:
            best, best_j = s, j
    return best_j if best >= 0.6 else None


def _decisions(entries: list[dict[str, Any]]) -> int:
    """Decisions among predicted entries: a decision that lists its points ("Besluit: – a –
    b") counts each point, as the hand-written expectations do."""
    decisions = [e for e in entries if e.get("kind") == "besluit"]
    return sum(max(1, len(e.get("list_items") or [])) for e in decisions)


def score_real(expected: dict[str, Any], pred: dict[str, Any]) -> Score:
    """Score a predicted meeting against the hand-written expectations of a real file
    (``../shared/corpus/minutes/expected/*.json``). Expectations marked uncertain are skipped."""
    s = Score()
    exp_items = [i for i in expected.get("items") or [] if not i.get("uncertain")]
    pred_items = _minutes_items(pred)
    if not expected.get("action_list"):
        # A document that is an action list has its rows for items.
        pred_items = [i for i in pred.get("items") or [] if i.get("kind") != "annex"]
    pairs = dict(item_pairs(exp_items, pred_items))
    all_actions = [e for it in pred_items for e in it.get("entries") or []
                   if e.get("kind") == "actie"] + _predicted_rows(pred)
    used_actions: set[int] = set()
    for i, g in enumerate(exp_items):
        where = f"item {g.get('nr')} {g.get('title', '')[:40]!r}"
        p = pred_items[pairs[i]] if i in pairs else None
        s.fig("items").add(p is not None)
        entries = (p or {}).get("entries") or []
        decisions = _decisions(entries)
        actions = [e for e in entries if e.get("kind") == "actie"]
        want = int(g.get("decisions_min", g.get("decisions", 0)) or 0)
        allow = int(g.get("decisions_max", g.get("decisions", 0)) or 0)
        s.fig("decisions").add(min(decisions, want), want)
        if p is None:
            s.miss(f"{where}: item not found")
        else:
            ok = similarity(g.get("title"), p.get("title")) >= REAL_TITLE_OK
            s.fig("titles").add(ok)
            if not ok:
                s.miss(f"{where}: title read as {ws(p.get('title'))[:60]!r}")
        if p is None:
            s.fig("titles").add(False)
        s.fig("false_decisions").add(max(0, decisions - allow), decisions)
        exp_actions = g.get("actions") or []
        if isinstance(exp_actions, int):
            exp_actions = [{}] * exp_actions
        s.fig("false_actions").add(max(0, len(actions) - len(exp_actions)), len(actions))
        for a in exp_actions:
            if a.get("uncertain"):
                continue
            if a.get("text"):
                j = _action_match(a, actions)
                found = actions[j] if j is not None else None
                if found is None:
                    k = _action_match(a, all_actions)
                    found = all_actions[k] if k is not None and k not in used_actions else None
                    if k is not None:
                        used_actions.add(k)
            else:  # an action-list row: the item is the action
                found = actions[0] if actions else (p if p and p.get("kind") == "action_list"
                                                    else None)
            s.fig("actions").add(found is not None)
            if found is None:
                s.miss(f"{where}: action not found: {(a.get('text') or '')[:60]!r}")
            owner = a.get("owner")
            if owner and not a.get("owner_uncertain"):
                ok = found is not None and _real_owner_ok(owner, found)
                s.fig("owners").add(ok)
                if found is not None and not ok:
                    s.miss(f"{where}: owner {owner!r} read as {found.get('owner')!r}")
    matched = set(pairs.values())
    for j, p in enumerate(pred_items):
        if j not in matched:
            entries = p.get("entries") or []
            d = _decisions(entries)
            a = sum(e.get("kind") == "actie" for e in entries)
            s.fig("false_decisions").add(d, d)
            s.fig("false_actions").add(a, a)
            s.miss(f"extra item {p.get('nr') or '-'} {ws(p.get('title'))[:50]!r}")
    rows = expected.get("action_list") or []
    if rows:
        row_map = row_pairs([{**r, "code": r.get("nr", "")} for r in rows], _predicted_rows(pred))
        for i in range(len(rows)):
            s.fig("action_rows").add(i in row_map)
    date_ok = (pred.get("date") or "") == expected.get("meeting_date")
    s.fig("meeting_date").add(date_ok)
    if not date_ok:
        s.miss(f"meeting date {expected.get('meeting_date')} read as {pred.get('date')}")
    body_ok = _body_ok(expected.get("body", ""), pred.get("body"))
    s.fig("body").add(body_ok)
    if not body_ok:
        s.miss(f"body read as {pred.get('body')!r}")
    s.fig("meeting_title").add(
        similarity(expected.get("meeting_title"), pred.get("title")) >= REAL_TITLE_OK)
    return s
