"""Drawing one entry: what it says (gold) and how it is written (markers, owner, due, status).

Every function here returns an :class:`Entry` whose gold fields and written paragraphs come from
the same choices, so the two cannot disagree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from samples.docgen import phrases as ph
from samples.docgen.dates import DUE_FORMS, resolve_due, write_due
from samples.docgen.spec import REDACTION_CODE, Entry, Para, Run

MARKER_FAMILIES = (
    "letters", "letters_dash", "letters_bold", "codes", "words", "words_varied", "prose",
)
OWNER_KINDS = (
    "role", "person", "two_owners", "organisation", "role_municipality", "redacted", "none",
)
OWNER_POSITIONS = ("after_marker", "parentheses", "column", "sentence", "none")
STATUS_POSITIONS = ("column", "text", "none")
ENTRY_LISTS = ("marker_list", "numbered_decisions")
PROSE_DECISION_AXES = dict(zip(ph.MARKERLESS_DECISIONS, (
    "X besluit", "Besloten wordt", "X stemt in met", "X gaat akkoord met",
    "wordt door X vastgesteld",
), strict=True))


def cap(text: str) -> str:
    """First letter upper case, the rest as it is."""
    return text[:1].upper() + text[1:]


@dataclass
class Owner:
    """An owner as written: its text, the parts of a shared ownership, a hidden name."""

    text: str = ""
    parts: list[str] = field(default_factory=list)
    redacted: bool = False
    hidden: str = ""  # the name behind a redaction box (never written)
    kind: str = "none"

    def runs(self) -> list[Run]:
        if self.redacted:
            return [Run(REDACTION_CODE, redacted=True)]
        return [Run(self.text)] if self.text else []


@dataclass
class Context:
    """What the entries of one document share: the body, its people, the meeting date."""

    rng: random.Random
    body: ph.Body
    meeting: date
    actor: str
    family: str  # the document's marker family
    redaction: str  # none | owners | names
    code_style: str  # how action list / entry codes look
    hidden_names: list[str] = field(default_factory=list)
    next_code: int = 1
    used: set[str] = field(default_factory=set)
    visible_names: set[str] = field(default_factory=set)
    prose_share: float = 0.2

    def _name(self) -> str:
        r = self.rng
        if r.random() < 0.6:
            return f"{r.choice(ph.FIRST_INITIALS)} {r.choice(ph.SURNAMES)}"
        return f"{r.choice(ph.FIRST_NAMES)} {r.choice(ph.SURNAMES)}"

    def person(self) -> str:
        """A made-up name that is written: never one that is blacked out elsewhere."""
        name = self._name()
        while name in self.hidden_names:
            name = self._name()
        self.visible_names.add(name)
        return name

    def hidden_person(self) -> str:
        """A made-up name behind a Woo box: never one that is written elsewhere."""
        name = self._name()
        while name in self.visible_names:
            name = self._name()
        self.hidden_names.append(name)
        return name

    def owner(self, kind: str) -> Owner:
        r = self.rng
        if kind == "role":
            return Owner(r.choice(self.body.roles), kind=kind)
        if kind == "person":
            return Owner(self.person(), kind=kind)
        if kind == "organisation":
            return Owner(r.choice(ph.ORGANISATIONS), kind=kind)
        if kind == "role_municipality":
            muni = r.choice(ph.MUNICIPALITIES)
            frame = r.choice(("wethouder {m}", "burgemeester van {m}", "gemeentesecretaris {m}",
                              "teamleider bevolkingszorg {m}", "wethouder Wonen {m}"))
            return Owner(frame.format(m=muni), kind=kind)
        if kind == "two_owners":
            a, b = r.sample(self.body.roles, 2)
            if r.random() < 0.3:
                b = r.choice(ph.ORGANISATIONS)
            sep = r.choice((" en ", " en ", ", ", "/", " & "))
            return Owner(f"{a}{sep}{b}", parts=[a, b], kind=kind)
        if kind == "redacted":
            return Owner(redacted=True, hidden=self.hidden_person(), kind=kind)
        return Owner(kind="none")

    def code(self, letter: str) -> str:
        n = self.next_code
        self.next_code += 1
        return f"{letter}-{n:02d}"


def _fill(frame: str, ctx: Context, domain: ph.Domain, **extra: str) -> str:
    """``frame`` with its slots filled; a sentence this document already has is drawn again
    (a few times), so that a document does not repeat itself."""
    text = ""
    for _ in range(8):
        text = _fill_once(frame, ctx, domain, **extra)
        if text not in ctx.used:
            break
    ctx.used.add(text)
    return text


def _fill_once(frame: str, ctx: Context, domain: ph.Domain, **extra: str) -> str:
    r = ctx.rng
    obj = r.choice(domain.objects)
    verb = r.choice(ph.DECISION_VERBS)
    slots = {
        "obj": obj, "Obj": cap(obj), "actor": ctx.actor, "Actor": cap(ctx.actor),
        "org": r.choice(ph.ORGANISATIONS), "Org": r.choice(ph.ORGANISATIONS),
        "fact": r.choice(domain.facts), "problem": r.choice(domain.problems),
        "role": r.choice(ctx.body.roles), "place": r.choice(ph.PLACES),
        "n": str(r.randint(12, 480)), "amount": f"{r.randint(2, 95) * 5000:,}".replace(",", "."),
        "pp": r.choice(ph.DECISION_PARTICIPLES), "te": verb.te, "inf": verb.inf,
        "month_day": f"{r.randint(1, 28)} {r.choice(('januari', 'maart', 'juli', 'september'))}",
    }
    figure = r.choice(domain.figures or ("het aantal meldingen",))
    slots |= {"figure": figure, "Figure": cap(figure)}
    slots |= extra
    return frame.format(**slots)


def note(ctx: Context, domain: ph.Domain) -> Entry:
    """A plain explanatory paragraph; now and then a forecast with "zal" that is no action."""
    r = ctx.rng
    forecast = r.random() < 0.25
    frames = ph.FORECAST_FRAMES if forecast else ph.NOTE_FRAMES
    text = _fill(r.choice(frames), ctx, domain)
    if r.random() < 0.3:
        text += " " + _fill(r.choice(ph.NOTE_FRAMES), ctx, domain)
    runs = [Run(text)]
    if ctx.redaction == "names" and r.random() < 0.3 and not forecast:
        # A name in a note, blacked out: the code is part of the written text.
        ctx.hidden_person()
        runs = [Run(REDACTION_CODE, redacted=True), Run(" licht toe dat " + r.choice(domain.facts)
                                                       + ".")]
        text = REDACTION_CODE + runs[1].text
    return Entry("note", text, paras=[Para(runs)],
                 axes={"entry": "forecast" if forecast else "note"})


def _marker(kind: str, ctx: Context, family: str) -> tuple[str, bool, str]:
    """The marker text, whether it is bold, and the entry code it carries."""
    r = ctx.rng
    letter = {"besluit": "B", "knelpunt": "K", "actie": "A"}[kind]
    if family == "letters":
        return f"{letter}:", False, ""
    if family == "letters_dash":
        return f"{letter} {r.choice(('–', '-'))}", False, ""
    if family == "letters_bold":
        return f"{letter}:", True, ""
    if family == "codes":
        code = ctx.code(letter)
        return f"{code}:", False, code
    words = {
        "besluit": ("Besluit:",), "knelpunt": ("Knelpunt:",), "actie": ("Actie:",),
    }
    varied = {
        "besluit": ("Besloten:", "Afspraak:", "Conclusie:", "Besluit:"),
        "knelpunt": ("Aandachtspunt:", "Risico:", "Knelpunt:"),
        "actie": ("Actiepunt:", "Actie:", "Toezegging:"),
    }
    table = varied if family == "words_varied" else words
    return r.choice(table[kind]), r.random() < 0.25, ""


def _written(marker: str, bold: bool, body: list[Run]) -> Para:
    return Para([Run(marker, bold=bold), Run(" "), *body])


def besluit(ctx: Context, domain: ph.Domain, *, listed: str = "") -> Entry:
    """A decision: after a marker, in a sentence that says it, or as a list."""
    r = ctx.rng
    family = ctx.family
    if family != "prose" and r.random() < ctx.prose_share:
        family = "prose"
    if listed == "numbered_decisions":
        lead = f"{cap(ctx.actor)} besluit:"
        items = [_fill(f, ctx, domain) for f in r.sample(ph.DECISION_LIST_FRAMES,
                                                          r.randint(2, 4))]
        items[-1] = items[-1].rstrip(";") + "."
        lines = [f"{i}. {t}" for i, t in enumerate(items, 1)]
        paras = [Para([Run(lead)], space_after=False)]
        paras += [Para([Run(t)], bullet=f"{i}.", space_after=i == len(items))
                  for i, t in enumerate(items, 1)]
        return Entry("besluit", "\n".join([lead, *lines]), list_items=items, paras=paras,
                     axes={"marker": "numbered_decisions", "entry_list": listed})
    if family == "prose":
        frame = r.choice(ph.MARKERLESS_DECISIONS)
        text = _fill(frame, ctx, domain)
        return Entry("besluit", text, paras=[Para([Run(text)])],
                     axes={"marker": PROSE_DECISION_AXES[frame]})
    marker, bold, code = _marker("besluit", ctx, family)
    if listed == "marker_list":
        bullet = r.choice(("–", "-", "•"))
        items = [cap(_fill(f, ctx, domain)) if r.random() < 0.5 else _fill(f, ctx, domain)
                 for f in r.sample(ph.LIST_LINES, r.randint(2, 4))]
        lead = r.choice(("", "", "Het overleg spreekt het volgende af:", "Afgesproken wordt:"))
        paras = [Para([Run(marker, bold=bold), *([Run(" " + lead)] if lead else [])],
                      space_after=False)]
        paras += [Para([Run(t)], bullet=bullet, space_after=i == len(items) - 1)
                  for i, t in enumerate(items)]
        text = "\n".join([*([lead] if lead else []), *(f"{bullet} {t}" for t in items)])
        return Entry("besluit", text, code=code, list_items=items, paras=paras,
                     axes={"marker": _marker_axis(marker, bold, family), "entry_list": listed})
    text = _fill(r.choice(ph.DECISION_FRAMES), ctx, domain)
    return Entry("besluit", text, code=code, paras=[_written(marker, bold, [Run(text)])],
                 axes={"marker": _marker_axis(marker, bold, family)})


def knelpunt(ctx: Context, domain: ph.Domain) -> Entry:
    """A bottleneck; it always carries a marker (without one it would read as a note)."""
    r = ctx.rng
    family = ctx.family if ctx.family != "prose" else r.choice(("words", "words_varied"))
    marker, bold, code = _marker("knelpunt", ctx, family)
    text = _fill(r.choice(ph.KNELPUNT_FRAMES), ctx, domain)
    return Entry("knelpunt", text, code=code, paras=[_written(marker, bold, [Run(text)])],
                 axes={"marker": _marker_axis(marker, bold, family)})


def _marker_axis(marker: str, bold: bool, family: str) -> str:
    if family == "codes":
        return "code"
    if bold:
        return f"bold {marker}"
    return marker


@dataclass
class ActionParts:
    """The pieces of an action before they are written."""

    phrase: str  # "de factsheet opstellen"
    obj: str
    verb: ph.Verb


def _action_parts(ctx: Context, domain: ph.Domain) -> ActionParts:
    r = ctx.rng
    for _ in range(8):
        obj = r.choice(domain.objects)
        verb = r.choice(ph.ACTION_VERBS)
        phrase = f"{obj} {verb.inf}"
        if phrase not in ctx.used:
            break
    ctx.used.add(phrase)
    return ActionParts(phrase, obj, verb)


def _due_phrase(ctx: Context, written: str, form: str) -> str:
    r = ctx.rng
    if form == "nondate":
        return written
    if form == "week":
        return r.choice(("in ", "uiterlijk in ", "")) + written
    if form == "month_part":
        return r.choice(("", "uiterlijk ", "vóór ")) + written
    return r.choice(("uiterlijk ", "vóór ", "voor ", "deadline ", "op ")) + written


STATUS_TEXT_FORMS = (" – {s}", " [{s}]", ". Status: {s}")


def actie(ctx: Context, domain: ph.Domain, *, owner_column: bool, due_column: bool,
          status_column: bool) -> Entry:
    """An action: marker and owner in one of the written forms, a due date and a status."""
    r = ctx.rng
    family = ctx.family
    if family != "prose" and r.random() < ctx.prose_share:
        family = "prose"
    kinds = list(OWNER_KINDS)
    weights = [5, 2, 1.5, 2, 1.5, 3 if ctx.redaction != "none" else 0, 1.2]
    owner_kind = r.choices(kinds, weights)[0]
    if family == "prose" and owner_kind == "none":
        owner_kind = "role"
    owner = ctx.owner(owner_kind)
    parts = _action_parts(ctx, domain)

    due_form = r.choice((*DUE_FORMS, "none", "none"))
    due_written = "" if due_form == "none" else write_due(r, due_form, ctx.meeting, ph.NON_DATES)
    due_iso = resolve_due(due_written, ctx.meeting) if due_written else ""
    due_in_column = bool(due_written) and due_column and r.random() < 0.8
    due_text = due_written

    status_word = ""
    status_pos = "none"
    if status_column and r.random() < 0.6:
        status_pos = "column"
    elif r.random() < 0.12:
        status_pos = "text"
    if status_pos != "none":
        status_word = r.choice(list(ph.STATUS_WORDS))
    status = ph.STATUS_WORDS.get(status_word, "")

    # The action's own words, with an in-text due date where it is not in a column.
    body_text = parts.phrase
    if due_written and not due_in_column:
        body_text = f"{body_text} {_due_phrase(ctx, due_written, due_form)}"
    status_suffix = (r.choice(STATUS_TEXT_FORMS).format(s=status_word)
                     if status_pos == "text" else "")

    axes = {"owner_kind": owner_kind, "due_form": due_form,
            "due_position": "none" if not due_written else
            ("column" if due_in_column else "text"),
            "status_position": status_pos}
    entry = Entry("actie", "", due=due_iso, due_text=due_text, status=status,
                  owners=[p for p in owner.parts], owner_redacted=owner.redacted,
                  owner=owner.text, axes=axes)
    if due_in_column:
        entry.due_cell = due_written
    if status_pos == "column":
        entry.status_cell = status_word

    in_column = owner_column and owner_kind != "none" and family != "prose" and r.random() < 0.75
    if in_column:
        entry.owner_cell = owner.runs()
        axes["owner_position"] = "column"
        marker, bold, code = _marker("actie", ctx, family)
        entry.code = code
        if r.random() < 0.3 and family in ("words", "words_varied"):
            # Unmarked text beside an owner in the Actiehouder column is an action too.
            entry.paras = [Para([Run(cap(body_text) + status_suffix)])]
            entry.text = cap(body_text)
            axes["marker"] = "unmarked_with_owner_column"
        else:
            entry.paras = [_written(marker, bold, [Run(body_text + status_suffix)])]
            entry.text = body_text
            axes["marker"] = _marker_axis(marker, bold, family)
        entry.commitment = marker == "Toezegging:"
        return entry

    if family == "prose":
        return _markerless_action(ctx, entry, owner, parts, due_written, due_in_column, due_form,
                                  status_suffix)

    marker, bold, code = _marker("actie", ctx, family)
    entry.code = code
    entry.commitment = marker == "Toezegging:"
    entry.text = body_text
    if owner_kind == "none":
        entry.paras = [_written(marker, bold, [Run(body_text + status_suffix)])]
        axes["owner_position"] = "none"
        axes["marker"] = _marker_axis(marker, bold, family)
        return entry
    forms = _owner_forms(marker, family)
    head, tail, axis = r.choice(forms)
    owner_runs = owner.runs()
    if owner.text and tail != ")" and r.random() < 0.5:
        # Owners after a letter marker are often capitalised: "A > Projectleider Oekraïne:".
        owner_runs = [Run(cap(owner.text))]
        entry.owner = cap(owner.text)
        if owner.parts:
            entry.owners = [cap(owner.parts[0]), *owner.parts[1:]]
    if tail == ")":
        entry.paras = [Para([Run(head, bold=bold), Run(" " + body_text + " ("), *owner_runs,
                             Run(")" + status_suffix)])]
        axes["owner_position"] = "parentheses"
    else:
        entry.paras = [Para([Run(head, bold=bold), *owner_runs, Run(tail, bold=bold),
                             Run(" " + body_text + status_suffix)])]
        axes["owner_position"] = "after_marker"
    axes["marker"] = axis
    return entry


def _owner_forms(marker: str, family: str) -> list[tuple[str, str, str]]:
    """How an owner joins a marker: (text before the owner, after it, axis value). A tail of
    ")" means the owner closes the entry in parentheses: "A: text (owner)"."""
    if family == "letters":
        return [("A > ", ":", "A > Owner:"), ("A ", ":", "A Owner:"), ("A >", ":", "A >Owner:"),
                ("A:", ")", "A: text (owner)")]
    if family == "letters_dash":
        return [(marker, ")", "A – text (owner)")]
    if family == "letters_bold":
        return [("A > ", ":", "bold A > Owner:"), ("A:", ")", "bold A: text (owner)")]
    if family == "codes":
        return [(marker, ")", "code"), (marker[:-1] + " ", ":", "code")]
    if marker == "Toezegging:":
        return [("Toezegging:", ")", "Toezegging:"), ("Toezegging (", "):", "Toezegging (owner):")]
    if marker == "Actiepunt:":
        return [("Actiepunt:", ")", "Actiepunt:"), ("Actiepunt ", ":", "Actiepunt Owner:")]
    return [("Actie (", "):", "Actie (owner):"), ("Actie:", ")", "Actie: text (owner)")]


def _markerless_action(ctx: Context, entry: Entry, owner: Owner, parts: ActionParts,
                       due_written: str, due_in_column: bool, due_form: str,
                       status_suffix: str) -> Entry:
    """"De voorzitter zal …", "X zegt toe …", "X neemt contact op met …": the whole sentence
    is the text, its subject the owner."""
    r = ctx.rng
    frame = r.choice(ph.MARKERLESS_ACTIONS)
    if owner.kind == "two_owners":
        # Two owners take a plural verb.
        frame = (frame.replace(" zal ", " zullen ").replace(" zegt ", " zeggen ")
                 .replace(" neemt ", " nemen ").replace(" gaat ", " gaan "))
    due = f" {_due_phrase(ctx, due_written, due_form)}" if due_written and not due_in_column else ""
    org = r.choice(ph.ORGANISATIONS)
    tail = frame.split("{Owner}")[1].format(obj=parts.obj, inf=parts.verb.inf, te=parts.verb.te,
                                             org=org)
    tail = tail[:-1] + due + "."
    if owner.redacted:
        subject_runs = [Run(REDACTION_CODE, redacted=True)]
        subject = ""
        written_subject = REDACTION_CODE
    else:
        subject = _subject(ctx, owner)
        subject_runs = [Run(subject)]
        written_subject = subject
    entry.paras = [Para([*subject_runs, Run(tail + status_suffix)])]
    entry.text = written_subject + tail
    entry.owner = subject
    if owner.parts:
        entry.owners = _subject_parts(subject, owner)
    entry.commitment = "zegt toe" in frame
    entry.axes["owner_position"] = "sentence"
    entry.axes["marker"] = _prose_axis(frame)
    return entry


def _prose_axis(frame: str) -> str:
    if "zegt toe" in frame:
        return "X zegt toe"
    if "neemt contact" in frame:
        return "X neemt contact op"
    if " zal " in frame:
        return "X zal"
    return "X gaat"


_ARTICLE_ROLES = ("wethouder", "burgemeester", "gemeentesecretaris", "teamleider")


def _subject(ctx: Context, owner: Owner) -> str:
    """The owner as the subject of a sentence: roles take "De", names and bodies do not."""
    if owner.kind in ("person", "organisation"):
        return owner.text
    if owner.kind == "two_owners":
        a, b = owner.parts
        b_text = b if b in ph.ORGANISATIONS else f"de {b}"
        return f"De {a} en {b_text}"
    return f"De {owner.text}"


def _subject_parts(subject: str, owner: Owner) -> list[str]:
    a, b = owner.parts
    return [f"De {a}", b if b in ph.ORGANISATIONS else f"de {b}"]
