"""``draw(seed) -> DocSpec``: the seeded random draw of one document over every axis.

A draw is a pure function of its seed and ``GENERATOR_VERSION``: the random generator is seeded
with both, and nothing else (no clock, no file) enters. The document-level axes are drawn first,
then the meeting (body, date, heading), then items until the estimated length reaches the drawn
page target, then an action list.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from samples.docgen import entries as en
from samples.docgen import phrases as ph
from samples.docgen.dates import long_date, numeric_date, resolve_due, write_due
from samples.docgen.sizing import estimate_pages
from samples.docgen.spec import (
    GENERATOR_VERSION,
    REDACTION_CODE,
    ActionRow,
    DocSpec,
    Entry,
    Heading,
    Item,
    MeetingFacts,
    Para,
    Run,
    Style,
    plain,
)

TEMPLATES = (
    "bka_table", "onderwerp_rows", "onderwerp_besluit", "onderwerp_toelichting",
    "borderless_three", "narrative", "label_list", "action_list", "agenda_narrative",
)
TABLE_TEMPLATES = (
    "bka_table", "onderwerp_rows", "onderwerp_besluit", "onderwerp_toelichting",
    "borderless_three",
)
NUMBERINGS = ("1", "1.", "2.1", "3.1.2", "3a", "I", "Agendapunt 4", "Punt 5", "none")
TITLE_PLACEMENTS = (
    "own_row_middle", "own_row_span", "cell_first_line", "number_row", "onderwerp_cell",
    "heading", "unnumbered_heading", "label", "none",
)
MONTH_ABBREVIATIONS = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)
LENGTHS = {"1": (1, 1), "2-3": (2, 3), "4-6": (4, 6), "7-12": (7, 12)}
FONTS = ("Calibri", "Arial", "Verdana")  # rendered as Carlito, Liberation Sans, DejaVu Sans
DATE_FORMS = (
    "datum_label", "numeric_label", "gehouden_op", "vergadering_van", "dd_in_title", "no_year",
)
DISTRACTORS = ("none", "letter_date", "earlier_meeting", "next_meeting", "document_date")

COLUMNS = {
    "bka_table": (
        ["Nr", "Besluit (B) / Knelpunt (K) / Actie (A)", "Toelichting"],
        ["Nr.", "B/K/A", "Toelichting"],
        ["Nr", "Besluiten, knelpunten en acties", "Toelichting"],
        ["Nr", "Besluit / Knelpunt / Actie", "Toelichting / achtergrond"],
    ),
    "onderwerp_rows": (
        ["Nr", "Onderwerp", "Besluit / Actie", "Actiehouder", "Gereed"],
        ["Nr.", "Onderwerp", "Besluit/Actie", "Actiehouder", "Gereed"],
        ["Nr", "Onderwerp", "Afspraak / actie", "Wie", "Wanneer"],
        ["Nr", "Agendapunt", "Besluit/Actie", "Actiehouder", "Deadline"],
    ),
    "onderwerp_besluit": (
        ["Nr.", "Onderwerp", "Besluit"], ["Nr.", "Onderwerp", "Besluit college"],
        ["Nr", "Voorstel", "Besluit"],
    ),
    "onderwerp_toelichting": (
        ["Nr", "Onderwerp", "Toelichting"], ["Nr.", "Onderwerp", "Toelichting en besluit"],
        ["Nr", "Agendapunt", "Toelichting"],
    ),
    "borderless_three": (
        ["Nr", "Bespreking", "Besluit / actie"], ["", "Onderwerp en bespreking", "Afspraken"],
        ["Punt", "Besproken", "Actie / besluit"],
    ),
}
WIDTHS = {
    "bka_table": [0.08, 0.55, 0.37],
    "onderwerp_rows": [0.07, 0.22, 0.40, 0.19, 0.12],
    "onderwerp_besluit": [0.07, 0.53, 0.40],
    "onderwerp_toelichting": [0.07, 0.33, 0.60],
    "borderless_three": [0.08, 0.52, 0.40],
}
ACTION_COLUMNS = (
    ["Nr", "Actiepunt", "Wie", "Wanneer", "Status"],
    ["Nr.", "Actie", "Actiehouder", "Deadline", "Stand van zaken"],
    ["Code", "Omschrijving", "Eigenaar", "Gereed", "Status"],
    ["Nr", "Actie", "Naam", "Datum", "O/G"],
)
ACTION_WIDTHS = [0.11, 0.44, 0.20, 0.13, 0.12]
AGENDA_COLUMNS = (
    ["Nr", "Onderwerp", "Stukken"], ["Agendapunt", "Onderwerp", "Tijd"],
    ["Nr.", "Onderwerp", "Voorbereiding"],
)

TITLE_WORDS = ("Verslag", "Notulen", "Besluitenlijst", "Verslag van de", "Actielijst")
BODY_WEIGHTS = {
    "veiligheidsregio": 3, "gemeente": 3, "provincie": 2, "waterschap": 2, "ggd": 2,
    "crisisteam": 2, "ministerie": 2, "tweede_kamer": 1.5,
}


def _seeded(seed: int) -> random.Random:
    return random.Random(f"docgen/{GENERATOR_VERSION}/{seed}")


def draw(seed: int) -> DocSpec:
    """The document of ``seed``: the same seed gives the same spec, on every machine."""
    rng = _seeded(seed)
    body = ph.BODIES[rng.choices(list(BODY_WEIGHTS), list(BODY_WEIGHTS.values()))[0]]
    template = _template(rng, body)
    return _document(rng, seed, body, template)


def _template(rng: random.Random, body: ph.Body) -> str:
    if body.kind == "tweede_kamer" and rng.random() < 0.6:
        return "label_list"
    weights = [3, 2.5, 2.5 if body.kind in ("gemeente", "provincie") else 1.2, 2, 1.5, 2.5,
               0.7, 1.2, 1.3]
    return rng.choices(TEMPLATES, weights)[0]


def _axes(rng: random.Random, template: str, body: ph.Body) -> dict[str, str]:
    table = template in TABLE_TEMPLATES
    narrative = template in ("narrative", "agenda_narrative")
    if template in ("bka_table", "borderless_three"):
        placement = rng.choice(("own_row_middle", "own_row_span", "cell_first_line",
                                "number_row"))
        numbering = rng.choice(("1", "1.", "2.1", "3.1.2", "3a", "I"))
    elif template.startswith("onderwerp"):
        placement = "onderwerp_cell"
        numbering = rng.choice(("1", "1.", "2.1", "3.1.2", "3a", "I"))
    elif narrative:
        numbering = rng.choices(NUMBERINGS, [2, 2, 2, 1, 1, 1, 1.5, 1.5, 1.5])[0]
        placement = "unnumbered_heading" if numbering == "none" else "heading"
    elif template == "label_list":
        placement, numbering = "label", "1."
    else:
        placement, numbering = "none", "none"
    if template == "action_list":
        length = rng.choice(("1", "2-3"))
    else:
        length = rng.choices(list(LENGTHS), [3, 4, 2.5, 1.2])[0]
    date_form = rng.choice(DATE_FORMS)
    axes = {
        "template": template,
        "body": body.kind,
        "title_placement": placement,
        "numbering": numbering,
        "sections": rng.choice(("none", "plain", "capitals"))
        if numbering not in ("2.1", "3.1.2") and template != "label_list" else "plain",
        "marker_family": rng.choice(en.MARKER_FAMILIES),
        "font": rng.choice(FONTS),
        "size": rng.choice(("9", "10", "10", "11", "12")),
        "orientation": "landscape" if table and rng.random() < 0.3 else "portrait",
        "margins": rng.choice(("narrow", "normal", "wide")),
        "rules": "unruled" if template == "borderless_three"
        else rng.choice(("ruled", "ruled", "unruled", "shaded")),
        "header_row": rng.choice(("bold", "white_on_dark", "shaded", "plain")),
        "length": length,
        "repeat_header": rng.choice(("yes", "no")),
        "row_break": rng.choice(("allowed", "allowed", "kept")),
        "footer": rng.choice(("none", "pagina_x_van_y", "number", "text_number")),
        "running_header": rng.choice(("none", "date", "title", "body")),
        "redaction": rng.choices(("none", "owners", "names"), [5, 2, 1.5])[0],
        "heading_layout": rng.choice(("lines", "label_table", "letterhead_right")),
        "title_word": rng.choice(TITLE_WORDS[:4]) if template != "action_list"
        else rng.choice(("Actielijst", "Actiepunten")),
        "date_form": date_form,
        "distractor": rng.choice(DISTRACTORS),
        "attendees": rng.choice(("none", "present", "present_absent")),
        "italic_subtitle": rng.choice(("yes", "no")),
        "action_list": "alone" if template == "action_list"
        else rng.choices(("none", "after"), [3, 1])[0],
        "entry_list": rng.choice(("none", "marker_list", "numbered_decisions"))
        if template != "label_list" else rng.choice(("none", "marker_list")),
        "heading_style": rng.choice(("bold", "word_heading")) if narrative else "bold",
        "section_style": rng.choice(("bold", "shaded", "italic")),
    }
    if date_form == "no_year":
        # The year is then only in the running header: it must carry the full date.
        axes["running_header"] = "date"
    if template == "label_list":
        axes["marker_family"] = "words"
    return axes


def _meeting_date(rng: random.Random) -> date:
    day = date(2009, 1, 5) + timedelta(days=rng.randrange(0, 16 * 365))
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def _fill_axes(seed: int, axes: dict[str, str]) -> None:
    """Fills added after the other axes, drawn from a generator of their own so that every
    seed drawn before keeps its document: half the shaded header rows become mid-tone tints
    (black type on cyan, which OCR tends to lose), and redaction boxes come black or in the
    grey of the tools that publish Woo releases."""
    own = random.Random(f"docgen/{GENERATOR_VERSION}/{seed}/fills")
    if axes["header_row"] == "shaded" and own.random() < 0.5:
        axes["header_row"] = "tinted"
    grey = own.random() < 0.5
    axes["redaction_fill"] = "none" if axes["redaction"] == "none" else "grey" if grey else "black"


def _style(rng: random.Random, axes: dict[str, str]) -> Style:
    margins = {"narrow": 1.5, "normal": 2.5, "wide": 3.2}[axes["margins"]]
    return Style(
        font=axes["font"], size=float(axes["size"]) + rng.choice((0.0, 0.0, 0.5)) * (
            axes["size"] in ("9", "10", "11")),
        landscape=axes["orientation"] == "landscape", margin_cm=margins, rules=axes["rules"],
        header_row=axes["header_row"], section_style=axes["section_style"],
        redaction_fill="6C6C6C" if axes["redaction_fill"] == "grey" else "000000",
        heading_style=axes["heading_style"], repeat_header=axes["repeat_header"] == "yes",
        cant_split=axes["row_break"] == "kept", footer=axes["footer"],
        bullet=rng.choice(("–", "•", "-")),
        title_sep=rng.choice((" ", " ", " – ", ": ")),
        section_numbers=rng.random() < 0.5,
    )


def _document(rng: random.Random, seed: int, body: ph.Body, template: str) -> DocSpec:
    axes = _axes(rng, template, body)
    _fill_axes(seed, axes)
    style = _style(rng, axes)
    meeting_day = _meeting_date(rng)
    body_name = rng.choice(body.names)
    meeting_name = rng.choice(body.meetings)
    actor = rng.choice(body.actor)
    ctx = en.Context(rng=rng, body=body, meeting=meeting_day, actor=actor,
                     family=axes["marker_family"], redaction=axes["redaction"],
                     code_style=rng.choice(("number", "letter", "month", "year")),
                     prose_share=0.0 if template == "label_list"
                     else 0.15 if axes["marker_family"] != "prose" else 1.0)
    heading, facts = _heading(rng, axes, ctx, body, body_name, meeting_name, meeting_day)
    style.running_header, style.footer_text, furniture = _furniture(
        rng, axes, facts, body_name, meeting_name, meeting_day)
    if axes["date_form"] == "no_year":
        facts.date_source = "running_header"
    columns = list(rng.choice(COLUMNS[template])) if template in COLUMNS else []
    spec = DocSpec(
        seed=seed, template=template, axes=axes, meeting=facts, heading=heading, style=style,
        columns=columns, widths=list(WIDTHS.get(template, [])),
        title_placement=axes["title_placement"], furniture=furniture,
    )
    lo, hi = LENGTHS[axes["length"]]
    spec.target_pages = rng.randint(lo, hi)
    if template == "agenda_narrative":
        spec.agenda = True
        spec.agenda_columns = list(rng.choice(AGENDA_COLUMNS))
    if template != "action_list":
        _fill_items(rng, spec, ctx, body)
    if spec.agenda:
        third = spec.agenda_columns[2]
        clock = rng.randint(9 * 4, 14 * 4)  # quarter hours
        for _ in spec.items:
            if third == "Tijd":
                spec.agenda_notes.append(f"{clock // 4}.{clock % 4 * 15:02d}")
                clock += rng.randint(1, 3)
            elif third == "Stukken":
                spec.agenda_notes.append(rng.choice(("Notitie", "Memo", "–", "Raadsvoorstel",
                                                     "Presentatie", "")))
            else:
                spec.agenda_notes.append(rng.choice(ctx.body.roles))
    if axes["action_list"] != "none":
        spec.action_columns = list(rng.choice(ACTION_COLUMNS))
        spec.action_list_title = rng.choice(("Actielijst", "Actiepunten", "Overzicht acties",
                                             "Actielijst (stand van zaken)"))
        _fill_action_list(rng, spec, ctx)
    spec.closing = _closing(rng, axes, ctx)
    spec.redacted_names = sorted(set(ctx.hidden_names))
    return spec


# --- heading ------------------------------------------------------------------------------


def _people(rng: random.Random, ctx: en.Context, count: int) -> list[list[Run]]:
    out = []
    for role in rng.sample(ctx.body.roles, min(count, len(ctx.body.roles))):
        if ctx.redaction == "names" and rng.random() < 0.6:
            ctx.hidden_person()
            out.append([Run(REDACTION_CODE, redacted=True), Run(f" ({role})")])
        else:
            out.append([Run(f"{ctx.person()} ({role})")])
    return out


def _joined(groups: list[list[Run]]) -> list[Run]:
    runs: list[Run] = []
    for i, g in enumerate(groups):
        if i:
            runs.append(Run(", "))
        runs.extend(g)
    return runs


def _heading(rng: random.Random, axes: dict[str, str], ctx: en.Context, body: ph.Body,
             body_name: str, meeting_name: str, day: date) -> tuple[Heading, MeetingFacts]:
    form = axes["date_form"]
    word = axes["title_word"]
    if word == "Verslag van de":
        title = f"Verslag van de {meeting_name}"
    else:
        title = f"{word} {meeting_name}"
    title = title[:1].upper() + title[1:]
    source = "heading"
    with_weekday = rng.random() < 0.5
    date_line = ""
    if form == "dd_in_title":
        title += f" d.d. {long_date(day)}"
        source = "title"
    elif form == "vergadering_van":
        title = (f"{word if word != 'Verslag van de' else 'Verslag'} van de vergadering van "
                 f"{long_date(day, weekday=with_weekday)}")
        source = "title"
    elif form == "datum_label":
        date_line = f"{rng.choice(('Datum', 'Vergaderdatum', 'Datum vergadering'))}: " \
                    f"{long_date(day, weekday=with_weekday)}"
    elif form == "numeric_label":
        date_line = f"Datum: {numeric_date(day, pad=rng.random() < 0.6)}"
    elif form == "gehouden_op":
        date_line = (f"gehouden op {long_date(day, weekday=with_weekday)} om "
                     f"{rng.choice(('09.30', '10.00', '13.30', '14.00', '19.30'))} uur")
    else:  # no_year: the year is only in the running header
        date_line = f"Datum: {long_date(day, weekday=True, year=False)}"
    heading = Heading()
    heading.letterhead = [Para([Run(body_name, bold=True)])]
    heading.letterhead_right = axes["heading_layout"] == "letterhead_right"
    heading.title = [Para([Run(title, bold=True)])]
    if axes["distractor"] == "letter_date":
        sent = day + timedelta(days=rng.randint(1, 12))
        heading.letterhead.append(plain(f"{rng.choice(body.city)}, {long_date(sent)}"))
    if axes["italic_subtitle"] == "yes":
        heading.lines.append(plain(rng.choice(ph.SUBTITLES), italic=True))
    labels: list[tuple[str, list[Run]]] = []
    if date_line:
        if axes["heading_layout"] == "label_table" and ":" in date_line:
            label, value = date_line.split(": ", 1)
            labels.append((label, [Run(value)]))
        else:
            heading.lines.append(plain(date_line))
    if axes["distractor"] == "document_date":
        doc_day = day + timedelta(days=rng.randint(3, 20))
        line = f"{rng.choice(('Datum verzending', 'Kenmerk en datum', 'Verzonden'))}: " \
               f"{numeric_date(doc_day)}"
        heading.lines.append(plain(line))
    place = rng.choice(("gemeentehuis", "provinciehuis", "kantoor", "Teams", "locatie"))
    if rng.random() < 0.5:
        labels.append(("Locatie", [Run(f"{place} {rng.choice(body.city)}")]))
    if axes["attendees"] != "none":
        labels.append((rng.choice(ph.ATTENDEE_LABELS), _joined(_people(rng, ctx, rng.randint(3,
                                                                                          7)))))
        if axes["attendees"] == "present_absent":
            labels.append((rng.choice(ph.ABSENT_LABELS), _joined(_people(rng, ctx, rng.randint(
                1, 3)))))
        if rng.random() < 0.5:
            labels.append((rng.choice(ph.SCRIBE_LABELS), [Run(ctx.person())]))
    if axes["heading_layout"] == "label_table":
        heading.label_rows = labels
    else:
        heading.lines += [Para([Run(f"{label}: "), *runs]) for label, runs in labels]
    facts = MeetingFacts(title=title, date=day, date_source=source, body=body_name)
    return heading, facts


def _furniture(rng: random.Random, axes: dict[str, str], facts: MeetingFacts, body_name: str,
               meeting_name: str, day: date) -> tuple[str, str, list[str]]:
    running = ""
    kind = axes["running_header"]
    if kind == "date":
        running = rng.choice((f"{meeting_name} {long_date(day)}",
                              f"Verslag {numeric_date(day)}", f"{body_name} – {long_date(day)}"))
        running = running[:1].upper() + running[1:]
    elif kind == "title":
        running = facts.title
    elif kind == "body":
        running = body_name
    footer_text = rng.choice(ph.FOOTER_TEXTS) if axes["footer"] == "text_number" else ""
    furniture = [t for t in (running,) if t]
    patterns = {"pagina_x_van_y": "Pagina {page} van {pages}", "number": "{page}",
                "text_number": f"{footer_text} {{page}}"}
    if axes["footer"] in patterns:
        furniture.append(patterns[axes["footer"]])
    return running, footer_text, furniture


# --- items --------------------------------------------------------------------------------


def _roman(n: int) -> str:
    vals = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
            (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


class Numberer:
    """Item numbers in one scheme: the gold number and the label as written."""

    def __init__(self, rng: random.Random, scheme: str) -> None:
        self.rng = rng
        self.scheme = scheme
        self.top = rng.choice((1, 1, 2, 3)) if scheme in ("2.1", "3.1.2") else 1
        self.mid = 1
        self.n = 0
        self.sub = 0  # letter index for 3a/3b
        self.sub_left = 0
        self.roman_dot = rng.choice(("", "."))

    def section_break(self) -> None:
        """A new section: the next level-1 (2.1) or level-2 (3.1.2) group."""
        if self.scheme == "2.1" and self.n:
            self.top += 1
            self.n = 0
        elif self.scheme == "3.1.2" and self.n:
            self.mid += 1
            self.n = 0

    def next(self) -> tuple[str, str]:
        s = self.scheme
        if s == "3a":
            if self.sub_left:
                self.sub += 1
                self.sub_left -= 1
                nr = f"{self.n}{'abcdef'[self.sub]}"
                return nr, nr
            self.n += 1
            if self.rng.random() < 0.3:
                self.sub, self.sub_left = 0, self.rng.randint(1, 2)
                nr = f"{self.n}a"
                return nr, nr
            return str(self.n), str(self.n)
        self.n += 1
        if s == "1":
            return str(self.n), str(self.n)
        if s == "1.":
            return str(self.n), f"{self.n}."
        if s == "2.1":
            nr = f"{self.top}.{self.n}"
            return nr, nr
        if s == "3.1.2":
            nr = f"{self.top}.{self.mid}.{self.n}"
            return nr, nr
        if s == "I":
            return _roman(self.n), _roman(self.n) + self.roman_dot
        if s == "Agendapunt 4":
            return str(self.n), f"Agendapunt {self.n}"
        if s == "Punt 5":
            return str(self.n), f"Punt {self.n}"
        return "", ""


def _titles(rng: random.Random, body: ph.Body) -> list[tuple[str, str]]:
    """(title, domain) pairs, every title once, to be popped from the end: the body's own
    subjects first, then (for long documents) other subjects, then letters about them."""
    own = [(t, d) for d in body.domains for t in ph.DOMAINS[d].titles]
    other = [(t, d) for d, dom in ph.DOMAINS.items() if d not in body.domains
             for t in dom.titles]
    letters = [(f"Brief over {o}", d) for d, dom in ph.DOMAINS.items() for o in dom.objects]
    for pool in (own, other, letters):
        rng.shuffle(pool)
    return letters + other + own


def _fill_items(rng: random.Random, spec: DocSpec, ctx: en.Context, body: ph.Body) -> None:
    axes = spec.axes
    numberer = Numberer(rng, axes["numbering"])
    titles = _titles(rng, body)
    sections = list(body.sections)
    rng.shuffle(sections)
    use_sections = axes["sections"] != "none" or axes["numbering"] in ("2.1", "3.1.2")
    section = ""
    per_section = rng.randint(2, 5)
    in_section = 0
    opening = rng.random() < 0.7 and spec.template != "label_list"
    listed_left = 0 if axes["entry_list"] == "none" else rng.randint(1, 2)
    start = True
    while True:
        new_section = use_sections and (start or in_section >= per_section) and sections
        if new_section and not (start and opening):
            section = sections.pop()
            if axes["sections"] == "capitals":
                section = section.upper()
            numberer.section_break()
            in_section = 0
            per_section = rng.randint(2, 5)
        if start and opening:
            title, domain_key, special = rng.choice(ph.OPENING_TITLES), body.domains[0], "opening"
        elif not titles:
            break
        else:
            title, domain_key = titles.pop()
            special = ""
        nr, label = numberer.next()
        item = _item(rng, spec, ctx, nr, label, title, section if not (start and opening) else "",
                     ph.DOMAINS[domain_key], special, listed=listed_left > 0)
        if listed_left and any(e.list_items for e in item.entries):
            listed_left -= 1
        spec.items.append(item)
        in_section += 1
        start = False
        if estimate_pages(spec) >= spec.target_pages - 0.15:
            break
    if spec.template != "label_list" and rng.random() < 0.7:
        nr, label = numberer.next()
        spec.items.append(_item(rng, spec, ctx, nr, label, rng.choice(ph.CLOSING_TITLES),
                                section, ph.DOMAINS[body.domains[0]], "closing"))
    if rng.random() < 0.6 and len(spec.items) > 2 and spec.template != "label_list":
        _insert_minutes_item(rng, spec, ctx)


def _insert_minutes_item(rng: random.Random, spec: DocSpec, ctx: en.Context) -> None:
    """"Vaststellen verslag" near the start, naming the previous meeting's date."""
    earlier = ctx.meeting - timedelta(days=rng.choice((14, 21, 28, 35, 42)))
    title = rng.choice(ph.MINUTES_TITLES)
    if spec.axes["distractor"] == "earlier_meeting" or rng.random() < 0.4:
        title += f" {long_date(earlier, year=rng.random() < 0.5)}"
        text = rng.choice(("Het verslag wordt ongewijzigd vastgesteld.",
                           "Het verslag wordt met een tekstuele aanpassing vastgesteld.",
                           "Het verslag wordt vastgesteld."))
    else:
        text = f"Het verslag van {long_date(earlier, year=False)} wordt ongewijzigd vastgesteld."
    at = 1 if not spec.items[0].section else 0
    item = Item(nr="", label="", title=title, section=spec.items[at].section,
                entries=[_decision_text_entry(rng, ctx, text)])
    spec.items.insert(at, item)
    _renumber(spec)


def _renumber(spec: DocSpec) -> None:
    """Numbers strictly in document order after an insertion, a new group at each section."""
    numberer = Numberer(random.Random(spec.seed), spec.axes["numbering"])
    last_section = spec.items[0].section
    for item in spec.items:
        if item.section != last_section:
            numberer.section_break()
            last_section = item.section
        item.nr, item.label = numberer.next()


def _decision_text_entry(rng: random.Random, ctx: en.Context, text: str) -> Entry:
    family = ctx.family
    if family == "prose":
        return Entry("besluit", text, paras=[Para([Run(text)])],
                     axes={"marker": "wordt vastgesteld"})
    marker, bold, code = en._marker("besluit", ctx, family)  # noqa: SLF001
    return Entry("besluit", text, code=code,
                 paras=[Para([Run(marker, bold=bold), Run(" " + text)])],
                 axes={"marker": en._marker_axis(marker, bold, family)})  # noqa: SLF001


def _kinds(rng: random.Random, template: str, count: int) -> list[str]:
    weights = {"besluit": 3, "knelpunt": 1.5, "actie": 3, "note": 3}
    if template in ("bka_table", "borderless_three"):
        weights["knelpunt"] = 2.5
    if template == "onderwerp_besluit":
        weights |= {"besluit": 4, "knelpunt": 0.3, "note": 1}
    if template == "label_list":
        weights = {"besluit": 5, "knelpunt": 0, "actie": 0, "note": 1.5}
    return rng.choices(list(weights), list(weights.values()), k=count)


def _item(rng: random.Random, spec: DocSpec, ctx: en.Context, nr: str, label: str, title: str,
          section: str, domain: ph.Domain, special: str, *, listed: bool = False) -> Item:
    template = spec.template
    item = Item(nr=nr, label=label, title=title, section=section,
                title_bold=template != "narrative" or rng.random() < 0.9)
    owner_column = template == "onderwerp_rows"
    if special == "opening":
        item.entries = [_opening_note(rng, ctx)]
        if rng.random() < 0.5:
            item.entries.append(en.note(ctx, domain))
    elif special == "closing":
        item.entries = [_closing_note(rng, ctx)]
        if rng.random() < 0.4:
            item.entries.append(en.actie(ctx, domain, owner_column=owner_column,
                                         due_column=owner_column, status_column=False))
    else:
        count = rng.randint(1, 5)
        if template == "onderwerp_besluit":
            count = rng.randint(1, 3)
        kinds = _kinds(rng, template, count)
        if listed:
            kinds[0] = "besluit"
        for i, kind in enumerate(kinds):
            if kind == "besluit":
                mode = spec.axes["entry_list"] if (listed and i == 0) else ""
                item.entries.append(en.besluit(ctx, domain, listed=mode))
            elif kind == "knelpunt":
                item.entries.append(en.knelpunt(ctx, domain))
            elif kind == "actie":
                item.entries.append(en.actie(ctx, domain, owner_column=owner_column,
                                             due_column=owner_column, status_column=False))
            else:
                item.entries.append(en.note(ctx, domain))
    _toelichting(rng, spec, ctx, item, domain, special)
    _fields(rng, spec, ctx, item)
    if template == "borderless_three":
        # Discussion notes stay in the middle column; decisions and actions go right.
        for e in item.entries:
            e.column = 0 if e.kind == "note" else 1
    if template == "onderwerp_toelichting" and rng.random() < 0.6 and special == "":
        word = rng.choice(ph.TREATMENT_WORDS)
        item.entries.insert(0, Entry("note", word, paras=[plain(word, italic=rng.random() < 0.3)],
                                     axes={"entry": "treatment"}))
    return item


def _opening_note(rng: random.Random, ctx: en.Context) -> Entry:
    who = rng.choice(("De voorzitter", "De voorzitter", f"De {ctx.body.roles[0]}"))
    text = rng.choice((
        f"{who} opent de vergadering en heet iedereen welkom.",
        f"{who} opent het overleg om {rng.choice(('09.30', '10.00', '14.00', '19.30'))} uur.",
        f"{who} heet de aanwezigen welkom. Er zijn geen aanvullingen op de agenda.",
        f"{who} opent de vergadering. Er zijn geen mededelingen.",
    ))
    return Entry("note", text, paras=[plain(text)], axes={"entry": "note"})


def _closing_note(rng: random.Random, ctx: en.Context) -> Entry:
    nxt = ctx.meeting + timedelta(days=rng.choice((7, 14, 21, 28)))
    text = rng.choice((
        "Er zijn geen vragen voor de rondvraag.",
        f"De voorzitter sluit de vergadering om {rng.randint(11, 17)}."
        f"{rng.choice(('00', '15', '45'))} uur.",
        f"Het volgend overleg is op {long_date(nxt, weekday=True, year=False)}.",
        "Geen bijzonderheden.",
        f"De volgende vergadering vindt plaats op {long_date(nxt, weekday=True)}.",
    ))
    return Entry("note", text, paras=[plain(text)], axes={"entry": "note"})


def _toelichting(rng: random.Random, spec: DocSpec, ctx: en.Context, item: Item,
                 domain: ph.Domain, special: str) -> None:
    template = spec.template
    chance = {"bka_table": 0.75, "onderwerp_besluit": 0.9, "onderwerp_rows": 0.35,
              "onderwerp_toelichting": 0.3}.get(template, 0.0)
    if special or rng.random() >= chance:
        return
    count = rng.randint(1, 3 if template in ("bka_table", "onderwerp_besluit") else 1)
    frames = list(ph.TOELICHTING_FRAMES)
    rng.shuffle(frames)
    item.toelichting = [en._fill(f, ctx, domain) for f in frames[:count]]  # noqa: SLF001


def _fields(rng: random.Random, spec: DocSpec, ctx: en.Context, item: Item) -> None:
    template = spec.template
    if template == "onderwerp_besluit" or (
            template == "narrative" and ctx.body.kind in ("gemeente", "provincie")
            and rng.random() < 0.3):
        holder = rng.choice([r for r in ctx.body.roles if r.split()[0] in (
            "wethouder", "burgemeester", "gedeputeerde", "dijkgraaf", "heemraad")]
            or list(ctx.body.roles))
        if rng.random() < 0.5:
            holder = f"{holder} {rng.choice(ph.SURNAMES)}"
        label = rng.choice(("Portefeuillehouder", "Portefeuillehouder", "Pfh."))
        item.fields["portefeuillehouder"] = holder
        item.field_paras.append(Para([Run(f"{label}: "), Run(holder)]))
        if rng.random() < 0.4:
            zaak = f"Z-{ctx.meeting.year}-{rng.randint(1000, 99999):05d}"
            item.fields["zaaknummer"] = zaak
            item.field_paras.append(Para([Run("Zaaknummer: "), Run(zaak)]))
    elif template == "label_list":
        if rng.random() < 0.7:
            zaak = rng.choice((
                f"Brief regering - {rng.choice(ph.DOMAINS['wetgeving'].objects)}",
                f"Wetsvoorstel - {rng.randint(31000, 36500)}",
                f"Lijst van vragen - {rng.randint(29000, 36500)}-{rng.randint(1, 120)}",
                "Brief van de minister over de voortgang",
            ))
            item.fields["zaak"] = zaak
        if rng.random() < 0.3:
            item.fields["volgcommissie"] = rng.choice((
                "Financiën", "Justitie en Veiligheid", "Volksgezondheid, Welzijn en Sport",
                "Infrastructuur en Waterstaat", "Binnenlandse Zaken"))


# --- action list --------------------------------------------------------------------------


def _code(rng: random.Random, style: str, n: int, day: date) -> str:
    if style == "number":
        return str(n)
    if style == "letter":
        return f"A{n:02d}"
    if style == "month":
        return f"{MONTH_ABBREVIATIONS[day.month - 1]}{day.year % 100:02d}/{n:02d}"
    return f"{day.year}-{n:03d}"


def _fill_action_list(rng: random.Random, spec: DocSpec, ctx: en.Context) -> None:
    rows: list[ActionRow] = []
    n = rng.randint(1, 40)
    carried = rng.randint(1, 5) if spec.template != "action_list" else rng.randint(6, 14)
    if spec.target_pages >= 2 and spec.template == "action_list":
        carried = rng.randint(14, 24) * (spec.target_pages - 1)
    domain_keys = ctx.body.domains
    for _ in range(carried):
        earlier = ctx.meeting - timedelta(days=rng.choice((14, 28, 42, 56, 91)))
        rows.append(_action_row(rng, ctx, _code(rng, ctx.code_style, n, earlier),
                                ph.DOMAINS[rng.choice(domain_keys)], carried=True))
        n += 1
    for item in spec.items:
        for e in item.entries:
            if e.kind == "actie" and rng.random() < 0.6:
                row = _action_row(rng, ctx, _code(rng, ctx.code_style, n, ctx.meeting),
                                  ph.DOMAINS[rng.choice(domain_keys)], carried=False)
                row.item_nr = item.nr
                rows.append(row)
                n += 1
    spec.action_list = rows


def _action_row(rng: random.Random, ctx: en.Context, code: str, domain: ph.Domain, *,
                carried: bool) -> ActionRow:
    obj = rng.choice(domain.objects)
    verb = rng.choice(ph.ACTION_VERBS)
    text = en.cap(f"{obj} {verb.inf}")
    if rng.random() < 0.2:
        text += f". {rng.choice(domain.facts).capitalize()}."
    kind = rng.choices(en.OWNER_KINDS, [5, 2.5, 1.5, 2, 1.5,
                                        4 if ctx.redaction != "none" else 0, 0.6])[0]
    owner = ctx.owner(kind)
    form = rng.choice(("date_dm", "date_numeric", "datetime", "weekday", "month_part", "week",
                       "nondate", "none"))
    written = "" if form == "none" else write_due(rng, form, ctx.meeting, ph.NON_DATES)
    words = ["O", "G"] if rng.random() < 0.3 else [w for w in ph.STATUS_WORDS if len(w) > 1]
    status_word = rng.choice(words) if rng.random() < 0.9 else ""
    return ActionRow(
        code=code, text=text, owner=owner.text, owners=list(owner.parts),
        owner_redacted=owner.redacted, due=resolve_due(written, ctx.meeting) if written else "",
        due_text=written, status=ph.STATUS_WORDS.get(status_word, ""),
        owner_cell=owner.runs(), due_cell=written, status_cell=status_word,
    )


def _closing(rng: random.Random, axes: dict[str, str], ctx: en.Context) -> list[Para]:
    if axes["distractor"] == "next_meeting" or rng.random() < 0.2:
        nxt = ctx.meeting + timedelta(days=rng.choice((7, 14, 28, 42)))
        return [plain(f"Volgende vergadering: {long_date(nxt, weekday=True)}", italic=True)]
    return []
