"""The words of the query language: field names in Dutch and English, kinds, statuses.

One list of each, used by the parser, the syntax check, the error messages and `--help`.
"""

from __future__ import annotations

# Facet name → the names users may type for it (English and Dutch).
FACET_NAMES: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "soort", "type"),
    "owner": ("owner", "eigenaar", "actiehouder", "wie"),
    "municipality": ("municipality", "gemeente"),
    "place": ("place", "plaats"),
    "region": ("region", "regio"),
    "role": ("role", "rol", "functie"),
    "org": ("org", "organisatie", "organization", "organisation"),
    "item": ("item", "punt", "agendapunt"),
    "date": ("date", "datum"),
    "status": ("status", "stand"),
    "code": ("code", "kenmerk"),
}
# Text fields searchable by name, with the names users may type for them.
TEXT_NAMES: dict[str, tuple[str, ...]] = {
    "all": ("all", "text", "tekst", "toelichting"),
    "item_title": ("item_title", "onderwerp", "subject"),
    "meeting_title": ("meeting_title", "title", "titel", "vergadering", "meeting"),
}
FACET_ALIAS: dict[str, str] = {alias: f for f, names in FACET_NAMES.items() for alias in names}
TEXT_ALIAS: dict[str, str] = {alias: f for f, names in TEXT_NAMES.items() for alias in names}
FIELD_NAMES: tuple[str, ...] = tuple(sorted({*FACET_ALIAS, *TEXT_ALIAS}))

# The field list of `--help` and of the bad-query message.
FIELD_HELP: tuple[str, ...] = (
    "kind/soort",
    "owner/eigenaar",
    "municipality/gemeente",
    "place/plaats",
    "region/regio",
    "role/rol",
    "org",
    "item",
    "date/datum",
    "status",
    "code",
    "title/titel",
    "onderwerp",
    "text/tekst",
)

# Kind words (English, Dutch, plural, the B/K/A letters of the minutes) → stored kind.
KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(("besluit", "besluiten", "b", "decision", "decisions"), "besluit"),
    **dict.fromkeys(("knelpunt", "knelpunten", "k", "issue", "issues", "bottleneck"), "knelpunt"),
    **dict.fromkeys(("actie", "acties", "a", "action", "actions", "actiepunt"), "actie"),
    **dict.fromkeys(("note", "notes", "notitie", "notities", "opmerking", "n"), "note"),
    **dict.fromkeys(("page", "pages", "pagina", "paginas", "brief", "letter"), "page"),
    **dict.fromkeys(("item", "items", "agendapunt", "punt"), "item"),
}
KIND_LABELS: dict[str, str] = {
    "besluit": "Besluit",
    "knelpunt": "Knelpunt",
    "actie": "Actie",
    "note": "Notitie",
    "item": "Agendapunt",
    "page": "Pagina",
}

# Status words (English and Dutch) → stored status (pipeline.records.ENTRY_STATUSES).
STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(("open", "openstaand", "nieuw", "new", "todo"), "open"),
    **dict.fromkeys(("done", "afgerond", "gereed", "klaar", "gesloten", "closed"), "done"),
    **dict.fromkeys(("ongoing", "lopend", "loopt", "in behandeling", "doorlopend"), "ongoing"),
    **dict.fromkeys(("dropped", "vervallen", "geschrapt", "ingetrokken"), "dropped"),
    **dict.fromkeys(("unknown", "onbekend"), "unknown"),
}

# The boolean operators the syntax check knows, as the user types them. (The parser also reads
# REQUIRE, an expert's operator the check leaves alone.)
OPERATORS: frozenset[str] = frozenset(
    {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "EN", "OF", "NIET"}
)
BINARY_OPERATORS: frozenset[str] = OPERATORS - {"NOT", "NIET"}

__all__ = [
    "BINARY_OPERATORS",
    "FACET_ALIAS",
    "FACET_NAMES",
    "FIELD_HELP",
    "FIELD_NAMES",
    "KIND_LABELS",
    "KIND_WORDS",
    "OPERATORS",
    "STATUS_WORDS",
    "TEXT_ALIAS",
    "TEXT_NAMES",
]
