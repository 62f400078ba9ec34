"""Plain records that flow between the pipeline stages.

files → :class:`Document` (pages of positioned :class:`Word`) → :class:`Table` of :class:`Row`
→ :class:`Meeting` / :class:`Item` / :class:`Entry` → entities → index.

Coordinates are PDF points with the origin at the top-left of the page, whatever produced the
words (pdfplumber or Tesseract), so one layout step serves both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, Literal

from models.entities import ENTITY_KEYS, Entity, empty_entities  # noqa: F401 (re-export)
from pipeline.plain import as_plain

EntryKind = Literal["besluit", "knelpunt", "actie", "note"]
ENTRY_KINDS: tuple[str, ...] = ("besluit", "knelpunt", "actie", "note")



@dataclass(slots=True)
class Word:
    """One word with its box on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int = 1
    size: float = 0.0
    bold: bool = False
    conf: float | None = None  # OCR confidence 0–100; None for a text layer

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(slots=True)
class Rule:
    """A ruling line segment (table border) on a page."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def vertical(self) -> bool:
        return (self.bottom - self.top) > (self.x1 - self.x0)


@dataclass
class Page:
    """One page as positioned words, from a text layer or from OCR."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    ocr: bool = False
    confidence: float | None = None  # mean OCR word confidence, 0–100
    needs_review: bool = False
    note: str = ""  # why the page was OCR'd, rotated, or left empty


@dataclass
class Document:
    """The extraction result of one source file."""

    path: str
    sha256: str
    pages: list[Page]
    metadata: dict[str, Any] = field(default_factory=dict)


# --- layout -------------------------------------------------------------------------------


@dataclass
class Line:
    """Words of one visual line inside one table cell (or outside the table).

    A line's words are set when it is made and never changed, so its extent is computed once:
    the layout asks for it hundreds of thousands of times a document.
    """

    words: list[Word]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def page(self) -> int:
        return self.words[0].page

    @cached_property
    def bold(self) -> bool:
        letters = [w for w in self.words if any(c.isalpha() for c in w.text)]
        return bool(letters) and all(w.bold for w in letters)

    @cached_property
    def size(self) -> float:
        return max((w.size for w in self.words), default=0.0)


ColumnRole = Literal["nr", "subject", "entries", "toelichting", "owner", "due", "other"]


@dataclass
class Column:
    """A table column: its horizontal extent and what it holds."""

    role: str
    x0: float
    x1: float
    label: str = ""
    default_kind: str = "note"  # kind of unprefixed text in an `entries` column
    letter_codes: bool = False  # the heading announces B/K/A letter prefixes


@dataclass
class Row:
    """One table row. A row broken by a page end stays one row, marked `continued`; each of
    its lines knows its own page.

    `joined` are the columns whose cell goes on from the row above (a cell merged down over
    several rows: no ruling line between them in that column); `spans` maps the first column
    of a cell that spans several to its last.
    """

    kind: Literal["header", "span", "body"]
    cells: dict[int, list[Line]]  # column index → lines
    page: int
    top: float
    continued: bool = False
    joined: set[int] = field(default_factory=set)
    spans: dict[int, int] = field(default_factory=dict)

    def text(self, column: int) -> str:
        return "\n".join(line.text for line in self.cells.get(column, []))

    @property
    def lines(self) -> list[Line]:
        return [ln for lines in self.cells.values() for ln in lines]


@dataclass
class Table:
    """A table over one or more pages: its columns (as on its first page) and rows."""

    columns: list[Column]
    rows: list[Row]
    ruled: bool = False  # its rows are separated by ruling lines
    header: str = ""  # the header row's labels, " | "-joined; "" for a table without one
    page_columns: dict[int, list[Column]] = field(default_factory=dict)  # as measured per page


@dataclass
class Region:
    """A stretch of the document in reading order: running text, or a table."""

    kind: Literal["text", "table"]
    lines: list[Line] = field(default_factory=list)  # the text's lines (kind "text")
    table: Table | None = None

    @property
    def table_lines(self) -> list[Line]:
        """The lines of a table region's cells, row by row."""
        return [ln for row in self.table.rows for ln in row.lines] if self.table else []


@dataclass
class Layout:
    """What the layout step found: the document as text and tables in reading order."""

    regions: list[Region]
    text_pages: list[list[Line]]  # reading-order lines per page, headers and footers dropped
    furniture: list[Line] = field(default_factory=list)  # running headers, footers, page numbers
    header_rows: list[Line] = field(default_factory=list)  # tables' header rows (and repeats)

    @property
    def tables(self) -> list[Table]:
        return [r.table for r in self.regions if r.table is not None]


# --- structure ----------------------------------------------------------------------------


EntryStatus = Literal["open", "done", "ongoing", "dropped", "unknown", ""]
ENTRY_STATUSES: tuple[str, ...] = ("open", "done", "ongoing", "dropped", "unknown")


@dataclass
class Entry:
    """One besluit, knelpunt, actie or plain note of an item.

    `owner` is the owner as written ("Voorzitter en projectleider Oekraïne"); `owners` the
    people, roles or organisations it names, one each. `due` is an ISO day once resolved
    against the meeting date, `due_text` the deadline as written ("z.s.m.", "week 20").
    `boxes` are the entry's line boxes ``(page, x0, top, x1, bottom)`` in PDF points, so a
    viewer can show where on the page it is written.
    """

    kind: str
    text: str
    owner: str = ""
    page: int = 1
    due: str = ""
    entities: dict[str, list[Entity]] = field(default_factory=empty_entities)
    due_text: str = ""
    status: str = ""  # one of ENTRY_STATUSES, or "" when the minutes say nothing
    status_text: str = ""  # the status as written ("afgerond", "G", "loopt")
    code: str = ""  # the minutes' own code of the entry: "B-14", "A-21", "mrt24/03"
    owners: list[str] = field(default_factory=list)
    owner_redacted: bool = False  # the owner is blacked out (Woo 5.1.2e): never guessed
    commitment: bool = False  # a toezegging: an action promised to another body
    list_items: list[str] = field(default_factory=list)  # "Besluit: 1. … 2. …"
    boxes: list[tuple[int, float, float, float, float]] = field(default_factory=list)


@dataclass
class Item:
    """An agenda item: number, title, its theme, entries and the explanation."""

    nr: str
    title: str
    section: str = ""
    entries: list[Entry] = field(default_factory=list)
    toelichting: str = ""
    page: int = 1
    entities: dict[str, list[Entity]] = field(default_factory=empty_entities)
    fields: dict[str, str] = field(default_factory=dict)  # "portefeuillehouder": "…"
    # "" for an agenda item, "action_list" for a row of an action list, "annex" for an annex
    kind: str = ""


@dataclass
class PageInfo:
    number: int
    ocr: bool = False
    confidence: float | None = None
    needs_review: bool = False
    note: str = ""
    text: str = ""  # plain text of the page, kept for documents without a minutes table


@dataclass
class Meeting:
    """One source document as minutes: heading facts plus items."""

    title: str
    body: str
    date: date | None
    source: str
    sha256: str
    page_count: int
    items: list[Item] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    date_guessed: bool = False  # the heading gave no year: it was taken from elsewhere
    facts: dict[str, str] = field(default_factory=dict)  # labelled heading lines: "locatie"
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (page, words) placed nowhere

    @property
    def ocr(self) -> bool:
        return any(p.ocr for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        data = as_plain(self)  # dataclasses.asdict's result, several times faster
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Meeting:
        def entities(raw: dict[str, list[dict[str, Any]]]) -> dict[str, list[Entity]]:
            out = empty_entities()
            for key, mentions in (raw or {}).items():
                out[key] = [
                    Entity(m["text"], m["value"], dict(m.get("extra") or {})) for m in mentions
                ]
            return out

        items = []
        for it in data.get("items", []):
            entries = [
                Entry(
                    **{
                        **e,
                        "entities": entities(e.get("entities", {})),
                        "boxes": [tuple(b) for b in e.get("boxes", [])],
                    }
                )
                for e in it.get("entries", [])
            ]
            items.append(
                Item(**{**it, "entries": entries, "entities": entities(it.get("entities", {}))})
            )
        return cls(
            title=data["title"],
            body=data.get("body", ""),
            date=date.fromisoformat(data["date"]) if data.get("date") else None,
            source=data["source"],
            sha256=data["sha256"],
            page_count=data.get("page_count", 0),
            items=items,
            pages=[PageInfo(**p) for p in data.get("pages", [])],
            date_guessed=bool(data.get("date_guessed", False)),
            facts=dict(data.get("facts") or {}),
            unplaced=[(int(p), str(t)) for p, t in data.get("unplaced") or []],
        )

