"""Series mode: one body meeting N times, its actions carried from meeting to meeting, with
gold threads by construction.

``draw_series(seed)`` draws a body, a kind of meeting, one look (template, fonts, markers) and
a cadence, and then each meeting as :func:`samples.docgen.draw.draw` draws a document, with
what a series adds: the open actions of the earlier meetings come back. In a series that keeps
an action list, each list repeats the open actions by their code (`mrt24/03`, `A07`, `12`),
their words now and then reworded, with a status (loopt, O, doorlopend); a done action gets
"afgerond" or "G" once, a dropped one "vervalt", and this meeting's own actions get a row and
a code. In every series, a later meeting may repeat an action in an item (same owner, nearly
the same words, the same code where the minutes use codes), say it was done ("De
projectleider heeft de factsheet opgesteld.", "Actie A-03 is afgerond.") or dropped ("De actie
… vervalt."), or not mention it at all. A meeting may be missing from the schedule: a gap.

The gold of each document is :func:`samples.docgen.gold.gold` of its spec, so the series'
documents follow the reader's conventions like every draw; ``series_gold`` adds the threads:
which mention of which meeting belongs to which action, and each action's status as of the
last meeting (the status its latest mention states; "open" when none does).

A series is its own entry point: :func:`samples.docgen.draw.draw` and its seeds are untouched.
``render_series(seeds, outdir)`` writes ``series-<seed>-<n>-<template>.pdf`` with their
``.gold.json`` and one ``series-<seed>.threads.json`` per series.
"""

from __future__ import annotations

import dataclasses
import json
import random
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from samples.docgen import entries as en
from samples.docgen import phrases as ph
from samples.docgen.dates import long_date
from samples.docgen.draw import (
    ACTION_COLUMNS,
    AGENDA_COLUMNS,
    BODY_WEIGHTS,
    COLUMNS,
    LENGTHS,
    WIDTHS,
    _axes,
    _closing,
    _code,
    _fill_axes,
    _fill_items,
    _furniture,
    _heading,
    _meeting_date,
    _renumber,
    _style,
)
from samples.docgen.gold import spec_hash
from samples.docgen.render import Rendered, render_specs
from samples.docgen.spec import (
    GENERATOR_VERSION,
    REDACTION_CODE,
    ActionRow,
    DocSpec,
    Entry,
    Item,
    Para,
    Run,
    Style,
)

SERIES_TEMPLATES = {
    "bka_table": 3, "onderwerp_rows": 2.5, "borderless_three": 1.2, "narrative": 2.5,
    "agenda_narrative": 1, "onderwerp_toelichting": 1, "action_list": 1.2,
}
CADENCES = (7, 14, 14, 21, 28, 28, 42)
# Action lists whose code and status columns fit "mrt24/03" and "doorlopend"; the rest of the
# series keep the draws' narrow columns, which break such words.
FITTED_ACTION_WIDTHS = [0.15, 0.40, 0.19, 0.12, 0.14]
REVIEW_TITLES = (
    "Actiepunten vorig overleg", "Openstaande acties", "Actielijst vorige vergadering",
    "Terugblik acties", "Stand van zaken acties",
)
OPEN_WORDS = ("loopt", "Loopt", "O", "open", "in behandeling", "", "")
ONGOING_WORDS = ("doorlopend", "Doorlopend")
DONE_WORDS = ("afgerond", "Afgerond", "gereed", "Gereed", "G")
DROPPED_WORDS = ("vervalt", "Vervallen")
DETAILS = (
    "concept is in de maak", "wacht op reactie van {org}", "eerste versie is besproken",
    "loopt volgens planning", "afstemming met {org} loopt",
)
# The past participle of each action verb: "de factsheet opstellen" → "… opgesteld".
PARTICIPLES = {
    "opstellen": "opgesteld", "rondsturen": "rondgestuurd", "toelichten": "toegelicht",
    "voorbereiden": "voorbereid",
    "agenderen voor het volgend overleg": "geagendeerd voor het volgend overleg",
    "afstemmen met de gemeenten": "afgestemd met de gemeenten", "uitwerken": "uitgewerkt",
    "actualiseren": "geactualiseerd",
    "aanleveren bij de secretaris": "aangeleverd bij de secretaris",
    "voorleggen aan het bestuur": "voorgelegd aan het bestuur",
    "verspreiden onder de leden": "verspreid onder de leden",
    "nader onderzoeken": "nader onderzocht",
    "bespreken in het ambtelijk overleg": "besproken in het ambtelijk overleg",
    "aanpassen op basis van de opmerkingen": "aangepast op basis van de opmerkingen",
    "uitzetten in de organisatie": "uitgezet in de organisatie",
    "terugkoppelen": "teruggekoppeld",
}
_OBJECTS = sorted({o for d in ph.DOMAINS.values() for o in d.objects}, key=len, reverse=True)


@dataclass
class SeriesDoc(DocSpec):
    """One meeting of a series: a document spec with its series and place in it."""

    series_seed: int = 0
    meeting_index: int = 0
    action_widths: list[float] = field(default_factory=list)  # [] for the draws' own

    @property
    def name(self) -> str:
        return f"series-{self.series_seed:06d}-{self.meeting_index + 1:02d}-{self.template}"


@dataclass
class GoldMention:
    """Where one thread is mentioned: document, item or action-list row, and what it says."""

    doc: str
    meeting: int
    date: str
    where: str  # "item" or "action_list"
    item_nr: str
    code: str
    kind: str  # actie, or note for a sentence saying it was done or dropped
    text: str
    owner: str
    status: str  # as this mention states it ("" for none)
    role: str  # set, repeat, close, drop


@dataclass
class _Action:
    """An action of the series being drawn: what it is and what became of it."""

    id: str
    obj: str
    verb: ph.Verb
    owner: en.Owner
    domain: ph.Domain
    code: str = ""  # its action-list code
    inline_code: str = ""  # the code the minutes' markers give it ("A-03"), if any
    status: str = "open"
    due_text: str = ""
    row_text: str = ""  # its words in the last action list
    mentions: list[GoldMention] = field(default_factory=list)

    @property
    def phrase(self) -> str:
        return f"{self.obj} {self.verb.inf}"

    @property
    def closed(self) -> bool:
        return self.status in ("done", "dropped")

    @property
    def any_code(self) -> str:
        return self.code or self.inline_code


@dataclass
class SeriesSpec:
    """Everything one series seed decides."""

    seed: int
    template: str
    body: str
    meeting_name: str
    cadence_days: int
    action_lists: bool
    docs: list[SeriesDoc]
    actions: list[_Action]
    skipped: list[str]  # dates the cadence gives that no meeting was held on (the gaps)

    @property
    def name(self) -> str:
        return f"series-{self.seed:06d}"


def _seeded(seed: int, *parts: object) -> random.Random:
    return random.Random("/".join(["docgen-series", str(GENERATOR_VERSION), str(seed),
                                   *map(str, parts)]))


def draw_series(seed: int, meetings: int | None = None) -> SeriesSpec:
    """The series of ``seed``: the same seed gives the same documents and threads."""
    rng = _seeded(seed)
    count = meetings or rng.randint(4, 6)
    kind = rng.choices(list(BODY_WEIGHTS), list(BODY_WEIGHTS.values()))[0]
    body = ph.BODIES[kind]
    template = rng.choices(list(SERIES_TEMPLATES), list(SERIES_TEMPLATES.values()))[0]
    axes = _axes(rng, template, body)
    axes["length"] = rng.choices(("1", "2-3"), (3, 1))[0]
    if template != "action_list":
        axes["action_list"] = "after" if rng.random() < 0.6 else "none"
    if axes["redaction"] == "owners" and rng.random() < 0.5:
        axes["redaction"] = "none"
    _fill_axes(seed, axes)
    style = _style(rng, axes)
    cadence = rng.choice(CADENCES)
    start = _meeting_date(rng)
    slots = count + (1 if count >= 4 and rng.random() < 0.4 else 0)
    skip = rng.randint(1, slots - 2) if slots > count else -1
    days = [start + timedelta(days=cadence * n) for n in range(slots)]
    held = [d for n, d in enumerate(days) if n != skip]
    series = _Drawing(
        rng=rng, seed=seed, template=template, body=body, axes=axes, style=style,
        body_name=rng.choice(body.names), meeting_name=rng.choice(body.meetings),
        actor=rng.choice(body.actor), code_style=rng.choice(("number", "letter", "month",
                                                             "year")),
        columns=list(rng.choice(COLUMNS[template])) if template in COLUMNS else [],
        action_columns=list(rng.choice(ACTION_COLUMNS)),
        action_title=rng.choice(("Actielijst", "Actiepunten", "Overzicht acties",
                                 "Actielijst (stand van zaken)")),
        next_row=rng.randint(1, 30),
        action_widths=list(FITTED_ACTION_WIDTHS) if rng.random() < 0.85 else [],
    )
    for k, day in enumerate(held):
        series.meeting(k, day)
    return SeriesSpec(
        seed=seed, template=template, body=series.body_name, meeting_name=series.meeting_name,
        cadence_days=cadence, action_lists=axes["action_list"] != "none", docs=series.docs,
        actions=series.actions, skipped=[days[skip].isoformat()] if skip >= 0 else [],
    )


@dataclass
class _Drawing:
    """The state of a series while its meetings are drawn."""

    rng: random.Random
    seed: int
    template: str
    body: ph.Body
    axes: dict[str, str]
    style: Style
    body_name: str
    meeting_name: str
    actor: str
    code_style: str
    columns: list[str]
    action_columns: list[str]
    action_title: str
    next_row: int
    action_widths: list[float]
    next_inline: int = 1
    docs: list[SeriesDoc] = field(default_factory=list)
    actions: list[_Action] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    @property
    def lists(self) -> bool:
        return self.axes["action_list"] != "none"

    # --- one meeting --------------------------------------------------------------------

    def meeting(self, k: int, day: date) -> None:
        """Draw meeting `k` on `day`: a document as ``draw`` makes one, then the carried
        actions, the action list and the gold mentions."""
        rng = _seeded(self.seed, k)
        spec, ctx = self._document(rng, k, day)
        carried = [a for a in self.actions if not a.closed]
        fresh = self._fresh_actions(spec)
        inline, rows = self._carry(rng, ctx, carried, has_items=bool(spec.items))
        self._place(rng, spec, [entry for _, entry, _ in inline])
        if inline and any(i.nr for i in spec.items):
            _renumber(spec)
        if spec.agenda:
            spec.agenda_notes = [rng.choice(("Notitie", "Memo", "–", "Presentatie", ""))
                                 for _ in spec.items]
        fresh_rows: list[tuple[ActionRow, _Action]] = []
        if self.lists:
            spec.action_columns = list(self.action_columns)
            spec.action_list_title = self.action_title
            fresh_rows = self._rows_for(rng, day, fresh)
            if self.template == "action_list":
                fresh_rows += self._new_rows(rng, ctx, day)
            spec.action_list = [row for row, _, _ in rows] + [row for row, _ in fresh_rows]
        spec.closing = _closing(rng, self.axes, ctx)
        spec.redacted_names = sorted(set(ctx.hidden_names))
        self.next_inline = ctx.next_code
        self._gold_mentions(spec, k, day, fresh, inline, rows, fresh_rows)
        self.docs.append(spec)

    def _document(self, rng: random.Random, k: int, day: date) -> tuple[SeriesDoc, en.Context]:
        """The document of meeting `k` before the series adds to it: the steps of
        :func:`samples.docgen.draw.draw`, with the series' axes, look, body and date."""
        axes = self.axes
        ctx = en.Context(rng=rng, body=self.body, meeting=day, actor=self.actor,
                         family=axes["marker_family"], redaction=axes["redaction"],
                         code_style=self.code_style,
                         prose_share=0.15 if axes["marker_family"] != "prose" else 1.0)
        ctx.next_code = self.next_inline  # codes run on through the series: …
        ctx.used |= self.used  # a new action never repeats the words of an earlier one
        heading, facts = _heading(rng, axes, ctx, self.body, self.body_name,
                                     self.meeting_name, day)
        style = dataclasses.replace(self.style)
        style.running_header, style.footer_text, furniture = _furniture(
            rng, axes, facts, self.body_name, self.meeting_name, day)
        if axes["date_form"] == "no_year":
            facts.date_source = "running_header"
        spec = SeriesDoc(
            seed=self.seed * 100 + k, template=self.template, axes=dict(axes), meeting=facts,
            heading=heading, style=style, columns=list(self.columns),
            widths=list(WIDTHS.get(self.template, [])), title_placement=axes["title_placement"],
            furniture=furniture, series_seed=self.seed, meeting_index=k,
            action_widths=list(self.action_widths),
        )
        lo, hi = LENGTHS[axes["length"]]
        spec.target_pages = rng.randint(lo, hi)
        if self.template == "agenda_narrative":
            spec.agenda = True
            spec.agenda_columns = list(rng.choice(AGENDA_COLUMNS))
            spec.agenda_columns[2] = "Stukken"
        if self.template != "action_list":
            _fill_items(rng, spec, ctx, self.body)
        return spec, ctx

    # --- the actions this meeting sets --------------------------------------------------

    def _fresh_actions(self, spec: DocSpec) -> list[tuple[_Action, Item, Entry]]:
        """The actions the document's items set: each a new action of the series."""
        out = []
        for item in spec.items:
            for entry in item.entries:
                if entry.kind != "actie":
                    continue
                action = self._action_of(entry)
                if action is None:
                    continue
                self.used.add(action.phrase)
                self.actions.append(action)
                out.append((action, item, entry))
        return out

    def _action_of(self, entry: Entry) -> _Action | None:
        """What an actie entry asks, read back into its object and verb (the phrase bank is
        finite), with its owner; None for one without a verb of the bank ("neemt contact
        op"), which then stays a one-off."""
        text = entry.text.lower()
        obj = next((o for o in _OBJECTS if o in text), None)
        verb = next((v for v in ph.ACTION_VERBS if v.inf in text or v.te in text), None)
        if obj is None or verb is None:
            return None
        domain = next(d for d in ph.DOMAINS.values() if obj in d.objects)
        status = entry.status if entry.status in ("done", "dropped") else "open"
        return _Action(id=f"A{len(self.actions) + 1:02d}", obj=obj, verb=verb,
                       owner=_bare_owner(entry), domain=domain, inline_code=entry.code,
                       status=status, due_text=entry.due_text)

    def _new_rows(self, rng: random.Random, ctx: en.Context,
                  day: date) -> list[tuple[ActionRow, _Action]]:
        """New actions of a meeting that publishes an action list only."""
        out = []
        for _ in range(rng.randint(2, 6)):
            domain = ph.DOMAINS[rng.choice(self.body.domains)]
            for _ in range(8):
                obj, verb = rng.choice(domain.objects), rng.choice(ph.ACTION_VERBS)
                if f"{obj} {verb.inf}" not in self.used:
                    break
            kind = rng.choices(en.OWNER_KINDS, [5, 2.5, 1.5, 2, 1.5,
                                                2 if ctx.redaction != "none" else 0, 0.6])[0]
            action = _Action(id=f"A{len(self.actions) + 1:02d}", obj=obj, verb=verb,
                             owner=ctx.owner(kind), domain=domain)
            self.used.add(action.phrase)
            self.actions.append(action)
            action.code = self._code(day)
            word = rng.choice(("", "O", "open", "loopt"))
            action.row_text = en.cap(action.phrase)
            out.append((_row_of(action, action.row_text, word), action))
        return out

    # --- carried actions ----------------------------------------------------------------

    def _carry(self, rng: random.Random, ctx: en.Context, carried: list[_Action], *,
               has_items: bool
               ) -> tuple[list[tuple[_Action, Entry, str]], list[tuple[ActionRow, _Action, str]]]:
        """What becomes of each open action in this meeting: the entries of items (with
        their role: repeat, close, drop) and the action-list rows it gets."""
        inline: list[tuple[_Action, Entry, str]] = []
        rows: list[tuple[ActionRow, _Action, str]] = []
        for action in carried:
            age = len({m.meeting for m in action.mentions})
            close = min(0.55, 0.15 + 0.08 * age)
            fate = rng.choices(("close", "drop", "continue", "silent"),
                               (close, 0.06, 0.8 - close, 0.08 if self.lists else 0.3))[0]
            if fate == "silent" or (not has_items and not self.lists):
                continue
            if fate == "continue":
                if self.lists:
                    word = rng.choice(OPEN_WORDS if rng.random() < 0.85 else ONGOING_WORDS)
                    rows.append((self._row(rng, ctx, action, word), action, "repeat"))
                if has_items and (not self.lists or rng.random() < 0.25):
                    inline.append((action, self._repeat_entry(rng, ctx, action), "repeat"))
                continue
            done = fate == "close"
            role = "close" if done else "drop"
            sentence = has_items and (not self.lists or rng.random() < 0.6)
            if self.lists and (not sentence or rng.random() < 0.5):
                word = rng.choice(DONE_WORDS if done else DROPPED_WORDS)
                rows.append((self._row(rng, ctx, action, word), action, role))
            if sentence:
                inline.append((action, self._closing_entry(rng, ctx, action, done), role))
            action.status = "done" if done else "dropped"
        return inline, rows

    def _reworded(self, rng: random.Random, action: _Action, *, row: bool) -> str:
        """The action in nearly the same words: with "nog" or "verder", a line of progress,
        a new due date, "Vervolg:" before it (rows); a row starts with a capital."""
        obj, verb = action.obj, action.verb
        form = rng.choices(("same", "nog", "verder", "detail", "due", "vervolg"),
                           (3, 1.5, 1, 1.5, 1, 1 if row else 0))[0]
        text = action.phrase
        if form == "nog":
            text = f"{obj} nog {verb.inf}"
        elif form == "verder":
            text = f"{obj} verder {verb.inf}"
        elif form == "detail":
            detail = rng.choice(DETAILS).format(org=rng.choice(ph.ORGANISATIONS))
            text = f"{action.phrase}; {detail}"
        elif form == "due":
            month = rng.choice(("mei", "juni", "oktober", "november"))
            text = f"{action.phrase} uiterlijk {rng.randint(1, 28)} {month}"
        elif form == "vervolg":
            text = f"Vervolg: {action.phrase}"
        return en.cap(text) if row or rng.random() < 0.3 else text

    def _row(self, rng: random.Random, ctx: en.Context, action: _Action, word: str) -> ActionRow:
        """The row of a carried action: its code (a new one if it had none), the words of its
        last row or reworded, a status word."""
        if not action.code:
            action.code = action.inline_code or self._code(ctx.meeting)
        if not action.row_text or rng.random() < 0.35:
            action.row_text = self._reworded(rng, action, row=True)
        return _row_of(action, action.row_text, word)

    def _repeat_entry(self, rng: random.Random, ctx: en.Context, action: _Action) -> Entry:
        """The action once more in an item, in the document's marker family, same owner."""
        owner = action.owner
        family = ctx.family
        if family == "prose" and owner.text and not owner.redacted:
            subject = en._subject(ctx, owner)
            tail = f" zal {action.obj} {action.verb.inf}."
            return Entry("actie", subject + tail, owner=subject, owners=_subject_parts(owner),
                         paras=[Para([Run(subject), Run(tail)])],
                         axes={"marker": "X zal", "owner_position": "sentence",
                               "series": "repeat"})
        if family == "codes" and action.inline_code:
            marker, bold, code = f"{action.inline_code}:", False, action.inline_code
        else:
            family = family if family != "prose" else "words"
            marker, bold, code = en._marker("actie", ctx, family)
            action.inline_code = action.inline_code or code
        text = self._reworded(rng, action, row=False)
        entry = Entry("actie", text, owner=owner.text, owners=list(owner.parts),
                      owner_redacted=owner.redacted, code=code,
                      commitment=marker == "Toezegging:",
                      axes={"marker": marker, "series": "repeat"})
        if not owner.text and not owner.redacted:
            entry.paras = [en._written(marker, bold, [Run(text)])]
        elif self.template == "onderwerp_rows":
            entry.owner_cell = owner.runs()
            entry.paras = [en._written(marker, bold, [Run(text)])]
        else:
            head, tail, _ = rng.choice(en._owner_forms(marker, family))
            if tail == ")":
                entry.paras = [Para([Run(head, bold=bold), Run(" " + text + " ("),
                                     *owner.runs(), Run(")")])]
            else:
                entry.paras = [Para([Run(head, bold=bold), *owner.runs(),
                                     Run(tail, bold=bold), Run(" " + text)])]
        return entry

    def _closing_entry(self, rng: random.Random, ctx: en.Context, action: _Action,
                       done: bool) -> Entry:
        """A sentence that says the action was done ("De projectleider heeft … opgesteld.")
        or dropped ("De actie … vervalt."): a note, as the reader's conventions have it."""
        obj, inf = action.obj, action.verb.inf
        code = action.any_code if _identifying(action.any_code) else ""
        owner = action.owner
        axes = {"entry": "closing", "series": "close" if done else "drop"}
        if not done:
            form = rng.choice(["actie", "nodig"] + (["code"] if code else []))
            if form == "code":
                text = f"Actie {code} {rng.choice(('vervalt', 'komt te vervallen'))}."
            elif form == "nodig":
                text = f"{en.cap(obj)} {inf} is niet meer nodig; de actie vervalt."
            else:
                text = f"De actie {obj} {inf} vervalt."
            return Entry("note", text, paras=[Para([Run(text)])], axes=axes)
        forms = ["passive", "actie"] + (["code"] if code else [])
        if owner.text or owner.redacted:
            forms += ["active"] * 3
        form = rng.choice(forms)
        if form == "active":
            verb = "hebben" if owner.kind == "two_owners" else "heeft"
            if owner.redacted:
                subject_runs, subject = [Run(REDACTION_CODE, redacted=True)], REDACTION_CODE
            else:
                subject = en._subject(ctx, owner)
                subject_runs = [Run(subject)]
            tail = f" {verb} {obj} {PARTICIPLES[inf]}."
            if rng.random() < 0.3:
                tail = tail[:-1] + "; de actie is afgerond."
            return Entry("note", subject + tail, paras=[Para([*subject_runs, Run(tail)])],
                         axes=axes)
        if form == "code":
            text = f"Actie {code} is {rng.choice(('afgerond', 'gereed', 'uitgevoerd'))}."
        elif form == "actie":
            text = f"De actie {obj} {inf} is afgerond."
        else:
            text = f"{en.cap(obj)} is {PARTICIPLES[inf]}."
        return Entry("note", text, paras=[Para([Run(text)])], axes=axes)

    def _place(self, rng: random.Random, spec: DocSpec, entries: list[Entry]) -> None:
        """Put the carried entries in the document: together in an item of their own
        ("Openstaande acties") near the start, or each in one of the items."""
        if not entries or not spec.items:
            return
        if self.template == "borderless_three":
            for e in entries:
                e.column = 0 if e.kind == "note" else 1
        if rng.random() < 0.5:
            at = min(1, len(spec.items))
            section = spec.items[min(at, len(spec.items) - 1)].section
            spec.items.insert(at, Item(nr="", label="", title=rng.choice(REVIEW_TITLES),
                                       section=section, entries=list(entries)))
            return
        body_items = [i for i in spec.items if not _special(i)] or spec.items
        for entry in entries:
            rng.choice(body_items).entries.append(entry)

    # --- the action list ----------------------------------------------------------------

    def _code(self, day: date) -> str:
        n = self.next_row
        self.next_row += 1
        return _code(self.rng, self.code_style, n, day)

    def _rows_for(self, rng: random.Random, day: date,
                  fresh: list[tuple[_Action, Item, Entry]]) -> list[tuple[ActionRow, _Action]]:
        """Rows for this meeting's own actions (most of them), each with a new code."""
        rows = []
        for action, item, entry in fresh:
            if rng.random() >= 0.85:
                continue
            action.code = action.inline_code or self._code(day)
            action.row_text = en.cap(action.phrase) if rng.random() < 0.7 else en.cap(entry.text)
            word = "" if rng.random() < 0.5 else rng.choice(("O", "open", "loopt"))
            if action.closed:
                word = rng.choice(DONE_WORDS) if action.status == "done" else "vervalt"
            row = _row_of(action, action.row_text, word)
            row.item_nr = item.nr
            if entry.due_text and rng.random() < 0.5:
                row.due, row.due_text, row.due_cell = entry.due, entry.due_text, entry.due_text
            rows.append((row, action))
        return rows

    # --- gold ---------------------------------------------------------------------------

    def _gold_mentions(self, spec: SeriesDoc, k: int, day: date,
                       fresh: list[tuple[_Action, Item, Entry]],
                       inline: list[tuple[_Action, Entry, str]],
                       rows: list[tuple[ActionRow, _Action, str]],
                       fresh_rows: list[tuple[ActionRow, _Action]]) -> None:
        iso = day.isoformat()
        nr_of = {id(e): item.nr for item in spec.items for e in item.entries}

        def item_mention(entry: Entry, status: str, role: str) -> GoldMention:
            return GoldMention(spec.name, k, iso, "item", nr_of[id(entry)], entry.code,
                               entry.kind, entry.text, entry.owner, status, role)

        def row_mention(row: ActionRow, role: str) -> GoldMention:
            return GoldMention(spec.name, k, iso, "action_list", "", row.code, "actie",
                               row.text, row.owner, row.status, role)

        for action, _, entry in fresh:
            action.mentions.append(item_mention(entry, entry.status, "set"))
        for action, entry, role in inline:
            status = {"close": "done", "drop": "dropped"}.get(role, "")
            action.mentions.append(item_mention(entry, status, role))
        for row, action, role in rows:
            action.mentions.append(row_mention(row, role))
        for row, action in fresh_rows:
            action.mentions.append(row_mention(row, "set"))


def _special(item: Item) -> bool:
    return all(e.kind == "note" for e in item.entries) and len(item.entries) <= 2


def _identifying(code: str) -> bool:
    """A code that names one action (not a bare row number)."""
    return bool(code) and not code.isdigit()


def _row_of(action: _Action, text: str, word: str) -> ActionRow:
    owner = action.owner
    status = ph.STATUS_WORDS.get(word, "")
    return ActionRow(
        code=action.code, text=text, owner=owner.text, owners=list(owner.parts),
        owner_redacted=owner.redacted, due="", due_text="", status=status,
        owner_cell=owner.runs(), due_cell="", status_cell=word,
    )


def _bare_owner(entry: Entry) -> en.Owner:
    """The owner of an actie entry as a party ("voorzitter", not the subject "De
    voorzitter"), so that it can be written again in any form."""
    kind = entry.axes.get("owner_kind", "role")
    if entry.owner_redacted:
        return en.Owner(redacted=True, kind="redacted")
    text = entry.owner
    parts = list(entry.owners)
    if entry.axes.get("owner_position") == "sentence":
        parts = [p[3:] if p.lower().startswith("de ") else p for p in parts]
        if text.lower().startswith("de "):
            text = text[3:]
        if kind == "two_owners" and len(parts) == 2:
            sep = " en "
            text = sep.join(parts)
    return en.Owner(text=text, parts=parts, kind=kind if text else "none")


def _subject_parts(owner: en.Owner) -> list[str]:
    return en._subject_parts("", owner) if owner.kind == "two_owners" and owner.parts else []


# --- gold and rendering ---------------------------------------------------------------------


def series_gold(spec: SeriesSpec) -> dict[str, Any]:
    """The gold threads of a series: every action with its mentions, in meeting order, and
    its status as of the last meeting; the meetings and the gaps in their schedule."""
    threads = []
    for action in spec.actions:
        mentions = sorted(action.mentions, key=lambda m: m.meeting)
        status = "open"
        for m in mentions:
            if m.status:
                status = m.status
        threads.append({
            "id": action.id,
            "status": status,
            "owner": action.owner.text,
            "code": action.code or action.inline_code,
            "phrase": action.phrase,
            "mentions": [asdict(m) for m in mentions],
        })
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": spec.seed,
        "name": spec.name,
        "template": spec.template,
        "body": spec.body,
        "meeting_name": spec.meeting_name,
        "cadence_days": spec.cadence_days,
        "action_lists": spec.action_lists,
        "meetings": [{"doc": d.name, "date": d.meeting.date.isoformat(), "title":
                      d.meeting.title} for d in spec.docs],
        "skipped": list(spec.skipped),
        "threads": threads,
        "spec_hash": _series_hash(spec),
    }


def _series_hash(spec: SeriesSpec) -> str:
    import hashlib

    return hashlib.sha256("".join(spec_hash(d) for d in spec.docs).encode()).hexdigest()[:16]


@dataclass
class RenderedSeries:
    """One rendered series: its documents (with their gold) and its gold threads."""

    seed: int
    docs: list[Rendered]
    gold: dict[str, Any]
    gold_path: Path


def render_series(seeds: list[int], outdir: Path, *, meetings: int | None = None,
                  workers: int = 2, timeout: float = 900.0) -> list[RenderedSeries]:
    """Draw and render every series seed into ``outdir`` (documents cached by their spec, as
    :func:`samples.docgen.render.render_draws` caches draws)."""
    drawn = [draw_series(s, meetings) for s in seeds]
    rendered = iter(render_specs([d for series in drawn for d in series.docs], outdir,
                                 workers=workers, timeout=timeout))
    out = []
    for series in drawn:
        docs = [next(rendered) for _ in series.docs]
        threads = series_gold(series)
        path = Path(outdir) / f"{series.name}.threads.json"
        path.write_text(json.dumps(threads, ensure_ascii=False, indent=1), encoding="utf-8")
        out.append(RenderedSeries(series.seed, docs, threads, path))
    return out


def closing_date(spec: SeriesSpec) -> str:
    """The date of the last meeting of a series."""
    return spec.docs[-1].meeting.date.isoformat()


__all__ = [
    "GoldMention", "RenderedSeries", "SeriesDoc", "SeriesSpec", "draw_series", "long_date",
    "render_series", "series_gold",
]
