"""The document spec: what one draw decides, as plain dataclasses.

A :class:`DocSpec` holds both sides of every piece of content: the text as it is written in the
document (``Para``/``Run``, cells, labels) and the gold reading of it (kind, owner, due date,
status …). Both are filled in by the same line of the draw, which is what makes the gold
correct by construction; the Word writer only lays out the written side and ``gold.py`` only
reads the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

GENERATOR_VERSION = 1

# The Woo ground shown in a redaction box instead of a name (Wet open overheid, art. 5.1.2e:
# respect for private life).
REDACTION_CODE = "5.1.2e"


@dataclass
class Run:
    """A piece of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    redacted: bool = False  # white text on a black box: the Woo code, the name is not written


@dataclass
class Para:
    """One paragraph; ``bullet`` is the list sign typed before it ("–", "•", "1.") or ""."""

    runs: list[Run]
    bullet: str = ""
    space_after: bool = True

    @property
    def text(self) -> str:
        body = "".join(r.text for r in self.runs)
        return f"{self.bullet} {body}" if self.bullet else body


def plain(text: str, *, bold: bool = False, italic: bool = False, bullet: str = "") -> Para:
    """A paragraph of one run."""
    return Para([Run(text, bold=bold, italic=italic)], bullet=bullet)


@dataclass
class Entry:
    """One besluit, knelpunt, actie or note: its gold reading and how it is written."""

    kind: str
    text: str
    owner: str = ""
    owners: list[str] = field(default_factory=list)
    owner_redacted: bool = False
    due: str = ""
    due_text: str = ""
    status: str = ""
    code: str = ""
    commitment: bool = False
    list_items: list[str] = field(default_factory=list)
    # written side
    paras: list[Para] = field(default_factory=list)  # in the entries cell or the narrative
    owner_cell: list[Run] = field(default_factory=list)  # Actiehouder / Wie column
    due_cell: str = ""  # Gereed / Wanneer column
    status_cell: str = ""  # Status column
    column: int = 0  # 0: the entries column; 1: a second entries column (borderless three)
    axes: dict[str, str] = field(default_factory=dict)


@dataclass
class Item:
    """An agenda item."""

    nr: str  # gold number: "2.1", "3a", "IV", "" when unnumbered
    label: str  # the number as written: "2.1", "3.", "Agendapunt 4", "Punt 5"
    title: str
    section: str = ""
    fields: dict[str, str] = field(default_factory=dict)  # gold: label (lower case) -> value
    field_paras: list[Para] = field(default_factory=list)  # written: "Portefeuillehouder: …"
    toelichting: list[str] = field(default_factory=list)  # paragraphs
    entries: list[Entry] = field(default_factory=list)
    title_bold: bool = True


@dataclass
class ActionRow:
    """A row of an action list table."""

    code: str
    text: str
    owner: str = ""
    owners: list[str] = field(default_factory=list)
    owner_redacted: bool = False
    due: str = ""
    due_text: str = ""
    status: str = ""
    owner_cell: list[Run] = field(default_factory=list)
    due_cell: str = ""
    status_cell: str = ""
    item_nr: str = ""  # the item of this meeting it repeats, "" when carried over


@dataclass
class Style:
    """Typography and page furniture."""

    font: str = "Calibri"
    size: float = 10.0
    landscape: bool = False
    margin_cm: float = 2.5
    rules: str = "ruled"  # ruled | unruled | shaded
    header_row: str = "bold"  # bold | white_on_dark | shaded | tinted | plain
    redaction_fill: str = "000000"  # the boxes' fill: black, or the grey of publication tools
    section_style: str = "bold"  # bold | capitals | shaded | italic
    heading_style: str = "bold"  # bold | word_heading (narrative headings)
    repeat_header: bool = True
    cant_split: bool = False  # rows may not break across pages
    running_header: str = ""
    footer: str = "none"  # none | pagina_x_van_y | number | text_number
    footer_text: str = ""
    bullet: str = "–"
    title_sep: str = " "  # between an item's number and title in a heading: " ", " – ", ": "
    section_numbers: bool = False  # narrative section headings carry their number ("2 Opvang")


@dataclass
class Heading:
    """The block above the minutes: letterhead, title, date, attendees."""

    letterhead: list[Para] = field(default_factory=list)
    letterhead_right: bool = False
    title: list[Para] = field(default_factory=list)
    lines: list[Para] = field(default_factory=list)  # date, subtitle, attendees …
    label_rows: list[tuple[str, list[Run]]] = field(default_factory=list)  # label grid form


@dataclass
class MeetingFacts:
    title: str
    date: date
    date_source: str  # heading | title | running_header
    body: str


@dataclass
class DocSpec:
    """Everything one seed decides."""

    seed: int
    template: str
    axes: dict[str, str]
    meeting: MeetingFacts
    heading: Heading
    style: Style
    columns: list[str]  # header labels of the minutes table ([] without a table)
    widths: list[float]  # relative column widths
    items: list[Item] = field(default_factory=list)
    title_placement: str = ""
    agenda: bool = False  # an agenda table of the items comes before the narrative
    agenda_columns: list[str] = field(default_factory=list)
    agenda_notes: list[str] = field(default_factory=list)  # third agenda column, per item
    action_list: list[ActionRow] = field(default_factory=list)
    action_list_title: str = ""
    action_columns: list[str] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)  # after the items
    furniture: list[str] = field(default_factory=list)
    redacted_names: list[str] = field(default_factory=list)  # names hidden behind boxes
    target_pages: int = 1
    version: int = GENERATOR_VERSION

    @property
    def name(self) -> str:
        """The file stem of this draw: seed and template."""
        return f"draw-{self.seed:06d}-{self.template}"
