"""The query language: words, "phrases", AND/OR/NOT, prefix*, and fields in Dutch or English.

Built on Whoosh's query parser with one addition, a *facet* tagger: `kind:`, `owner:`,
`gemeente:`, `datum:` … take their value raw (quoted or not) and turn it into the query over
the index's facet keys themselves, because a facet means more than its literal value:
`owner:DPG` also matches "directeur publieke gezondheid", `gemeente:Westerwolde` the places in
Westerwolde, `datum:2022-04` every day of April. Everything else (words, phrases, prefixes,
boolean operators, brackets) is Whoosh's own syntax over the Dutch-analyzed text fields.

Whoosh accepts almost any string without complaint and guesses; a user is better served by a
clear message, so :func:`check_syntax` rejects what is surely a mistake (an open quote, an
unknown field, an operator with nothing to join) with a suggested fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from whoosh import query as wq
from whoosh.analysis import Analyzer
from whoosh.fields import Schema
from whoosh.qparser import MultifieldParser, plugins, syntax
from whoosh.qparser.syntax import attach
from whoosh.qparser.taggers import RegexTagger

from archive.analysis import (
    dutch_analyzer,
    facet_key,
    normalize_role,
    places_in,
    split_owners,
)
from archive.schema import NAMED_TEXT_FIELDS, TEXT_FIELDS, build_schema, range_terms, span_of


class QuerySyntaxError(ValueError):
    """A query that cannot be what the user meant; `suggestion` is a corrected query, if any."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


# --- names ------------------------------------------------------------------------------------

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
}
# Text fields searchable by name, with the names users may type for them.
TEXT_NAMES: dict[str, tuple[str, ...]] = {
    "all": ("all", "text", "tekst", "toelichting"),
    "item_title": ("item_title", "onderwerp", "subject"),
    "meeting_title": ("meeting_title", "title", "titel", "vergadering", "meeting"),
}
_FACET_ALIAS = {alias: facet for facet, names in FACET_NAMES.items() for alias in names}
_TEXT_ALIAS = {alias: field for field, names in TEXT_NAMES.items() for alias in names}
FIELD_NAMES: tuple[str, ...] = tuple(sorted({*_FACET_ALIAS, *_TEXT_ALIAS}))

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

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "EN", "OF", "NIET"}
_BINARY = _OPERATORS - {"NOT", "NIET"}


def kind_of(value: str) -> str:
    """The stored kind for a user's word (`B`, `besluiten`, `decision` → `besluit`)."""
    kind = KIND_WORDS.get(facet_key(value))
    if kind is None:
        close = difflib.get_close_matches(facet_key(value), list(KIND_WORDS), n=1, cutoff=0.6)
        hint = KIND_WORDS[close[0]] if close else None
        raise QuerySyntaxError(
            f"Unknown kind {value!r}: use besluit, knelpunt, actie or note "
            "(or decision, issue, action).",
            suggestion=hint,
        )
    return kind


# --- dates ------------------------------------------------------------------------------------

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def _day_span(text: str) -> tuple[date, date] | None:
    text = text.strip()
    if m := _DMY.match(text):  # Dutch order: 7-4-2022
        try:
            day = date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            return None
        return day, day
    return span_of(text)


def parse_date_spec(text: str) -> tuple[date | None, date | None]:
    """`2022-04-07`, `2022-04`, `2022`, `7-4-2022`, or a range `A..B` with either end open.

    Returns (first day, last day); None for an open end.
    """
    text = text.strip()
    example = "use 2022-04-07, 2022-04, 2022 or a range such as 2022-04-01..2022-04-30"
    if ".." in text:
        start, _, end = text.partition("..")
        first = _day_span(start) if start.strip() else None
        last = _day_span(end) if end.strip() else None
        if (start.strip() and first is None) or (end.strip() and last is None):
            raise QuerySyntaxError(f"Not a date range: {text!r}; {example}.")
        if first is None and last is None:
            raise QuerySyntaxError(f"Empty date range; {example}.")
        lo, hi = (first[0] if first else None), (last[1] if last else None)
        if lo and hi and lo > hi:
            raise QuerySyntaxError(
                f"Date range {text!r} ends before it starts.", suggestion=f"{end}..{start}"
            )
        return lo, hi
    span = _day_span(text)
    if span is None:
        raise QuerySyntaxError(f"Not a date: {text!r}; {example}.")
    return span


# --- facet queries ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    return dutch_analyzer()


def text_query(fieldname: str, text: str) -> wq.Query:
    """`text` analyzed like the index: a term, a phrase, or nothing (stop words only)."""
    words = [t.text for t in _analyzer()(text, mode="query")]
    if not words:
        return wq.NullQuery
    if len(words) == 1:
        return wq.Term(fieldname, words[0])
    return wq.Phrase(fieldname, words)


def _mentioned(text: str) -> list[wq.Query]:
    # Literal mentions count too: the tagger may have missed one.
    return [text_query("all", text)]


def _key_terms(fieldname: str, keys: set[str]) -> list[wq.Query]:
    out: list[wq.Query] = []
    for key in sorted(k for k in keys if k):
        if key.endswith("*"):
            if len(key) > 2:
                out.append(wq.Prefix(fieldname, key[:-1]))
        else:
            out.append(wq.Term(fieldname, key))
    return out


def _either(queries: list[wq.Query]) -> wq.Query:
    queries = [q for q in queries if q is not wq.NullQuery]
    if not queries:
        return wq.NullQuery
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def kind_query(value: str) -> wq.Query:
    """`kind:` — one of the entry kinds (or `page`, `item`), in English or Dutch."""
    return wq.Term("kind", kind_of(value))


def owner_query(value: str) -> wq.Query:
    """`owner:` — the owner cell, also by normalized role (`DPG` → directeur publieke …)."""
    if value.endswith("*"):
        return _either(_key_terms("owner_key", {facet_key(value[:-1]) + "*"}))
    keys = {facet_key(value), normalize_role(value)}
    for part in split_owners(value):
        keys |= {facet_key(part), normalize_role(part)}
    return _either(_key_terms("owner_key", keys))


def role_query(value: str) -> wq.Query:
    """`role:` — a role mentioned in the entry or owning it, normalized."""
    keys = {facet_key(value), normalize_role(value)}
    return _either(
        [*_key_terms("role_key", keys), *_key_terms("owner_key", keys), *_mentioned(value)]
    )


def municipality_query(value: str) -> wq.Query:
    """`gemeente:` — the municipality, or any place inside it (`Westerwolde` → Ter Apel)."""
    key = facet_key(value)
    places = set(places_in(value)) | {key}
    return _either(
        [
            *_key_terms("municipality_key", {key}),
            *_key_terms("place_key", places),
            *_mentioned(value),
        ]
    )


def place_query(value: str) -> wq.Query:
    """`plaats:` — a tagged or mentioned place."""
    return _either([*_key_terms("place_key", {facet_key(value)}), *_mentioned(value)])


def region_query(value: str) -> wq.Query:
    """`regio:` — a tagged or mentioned region."""
    return _either([*_key_terms("region_key", {facet_key(value)}), *_mentioned(value)])


def org_query(value: str) -> wq.Query:
    """`org:` — a tagged or mentioned organisation."""
    return _either([*_key_terms("org_key", {facet_key(value)}), *_mentioned(value)])


_ITEM_NR = re.compile(r"^\d+[a-z]?(\.\d+[a-z]?)*\.?$", re.IGNORECASE)


def item_query(value: str) -> wq.Query:
    """`item:` — an item number (`3`, `2.1`; `3` also finds 3.1, 3.2) or words of its title."""
    if _ITEM_NR.match(value):
        nr = value.rstrip(".").lower()
        return wq.Or([wq.Term("item_nr", nr), wq.Prefix("item_nr", nr + ".")])
    return text_query("item_title", value)


# Bounds of an open date range: far enough for any minutes, few enough year terms.
_EARLIEST = date(1945, 1, 1)


def _range_query(fieldname: str, first: date | None, last: date | None) -> wq.Query:
    terms = range_terms(first or _EARLIEST, last or date(date.today().year + 10, 12, 31))
    if not terms:
        return wq.NullQuery
    return (
        wq.Or([wq.Term(fieldname, t) for t in terms])
        if len(terms) > 1
        else wq.Term(fieldname, terms[0])
    )


def date_query(value: str) -> wq.Query:
    """`datum:` — a day, month, year or range overlapping the meeting date or a tagged date."""
    return _range_query("day", *parse_date_spec(value))


FACET_QUERIES: dict[str, Callable[[str], wq.Query]] = {
    "kind": kind_query,
    "owner": owner_query,
    "municipality": municipality_query,
    "place": place_query,
    "region": region_query,
    "role": role_query,
    "org": org_query,
    "item": item_query,
    "date": date_query,
}


@dataclass(frozen=True)
class Filters:
    """Restrictions given as command-line options rather than in the query."""

    kind: str | None = None
    owner: str | None = None
    municipality: str | None = None
    role: str | None = None
    org: str | None = None
    since: date | None = None
    until: date | None = None
    kinds: tuple[str, ...] = ()  # several kinds at once (export entries of a few kinds)

    def query(self) -> wq.Query | None:
        """The filter as one query, or None when nothing is restricted."""
        parts: list[wq.Query] = []
        if self.kind:
            parts.append(kind_query(self.kind))
        if self.kinds:
            parts.append(wq.Or([wq.Term("kind", kind_of(k)) for k in self.kinds]))
        if self.owner:
            parts.append(owner_query(self.owner))
        if self.municipality:
            parts.append(municipality_query(self.municipality))
        if self.role:
            parts.append(role_query(self.role))
        if self.org:
            parts.append(org_query(self.org))
        if self.since or self.until:
            # Like `datum:`: the meeting date or any date tagged in the entry.
            parts.append(_range_query("day", self.since, self.until))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


# --- the parser -------------------------------------------------------------------------------


class FacetNode(syntax.SyntaxNode):
    """`name:value` for a facet: the value is kept raw for the facet's own query builder."""

    has_boost = True

    def __init__(self, facet: str, value: str) -> None:
        self.facet = facet
        self.value = value
        self.boost = 1.0

    def r(self) -> str:
        return f"{self.facet}:{self.value!r}"

    def query(self, parser: object) -> wq.Query:
        q = FACET_QUERIES[self.facet](self.value)
        if self.boost != 1.0:
            q = q.with_boost(self.boost)
        return attach(q, self)


_FACET_EXPR = (
    r"(?<![\w:])(?P<name>(?i:"
    + "|".join(sorted(map(re.escape, _FACET_ALIAS), key=len, reverse=True))
    + r')):(?:"(?P<quoted>[^"]*)"|(?P<value>[^\s()"^]+))'
)


class _FacetTagger(RegexTagger):
    def create(self, parser: object, match: re.Match[str]) -> FacetNode:
        value = match.group("quoted")
        if value is None:
            value = match.group("value")
        return FacetNode(_FACET_ALIAS[match.group("name").lower()], value.strip())


class FacetPlugin(plugins.Plugin):
    """Tags `facet:value` before Whoosh's own field and phrase taggers see it."""

    def taggers(self, parser: object) -> list[tuple[RegexTagger, int]]:
        return [(_FacetTagger(_FACET_EXPR), -100)]


def make_parser(schema: Schema | None = None) -> MultifieldParser:
    """A parser over the text fields (weighted as :data:`TEXT_FIELDS`) with our facets."""
    schema = schema or _schema()
    parser = MultifieldParser(list(TEXT_FIELDS), schema, fieldboosts=TEXT_FIELDS)
    # 's-Hertogenbosch and d'r: a single quote is a letter in Dutch, not a phrase mark.
    parser.remove_plugin_class(plugins.SingleQuotePlugin)
    parser.remove_plugin_class(plugins.RangePlugin)
    parser.replace_plugin(
        plugins.OperatorsPlugin(
            And=r"(?<=\s)(AND|EN)(?=\s)",
            Or=r"(?<=\s)(OR|OF)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))(NOT|NIET)(?=\s)",
        )
    )
    parser.add_plugin(plugins.FuzzyTermPlugin())
    parser.add_plugin(plugins.FieldAliasPlugin({f: list(n) for f, n in TEXT_NAMES.items()}))
    parser.add_plugin(FacetPlugin())
    return parser


@lru_cache(maxsize=1)
def _schema() -> Schema:
    return build_schema()


@lru_cache(maxsize=1)
def _default_parser() -> MultifieldParser:
    return make_parser()


def _mask_quotes(text: str) -> str:
    """`text` with the inside of every "…" replaced by spaces (same length)."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def check_syntax(text: str) -> None:
    """Raise :class:`QuerySyntaxError` for what is surely a mistake."""
    if not text.strip():
        raise QuerySyntaxError("The query is empty.", suggestion="*")
    if text.count('"') % 2:
        raise QuerySyntaxError("A quote is not closed.", suggestion=text.rstrip() + '"')
    masked = _mask_quotes(text)
    depth = 0
    for i, char in enumerate(masked):
        depth += (char == "(") - (char == ")")
        if depth < 0:
            fixed = text[:i] + text[i + 1 :]
            raise QuerySyntaxError(
                "A closing bracket ')' has no opening one.", " ".join(fixed.split())
            )
    if depth > 0:
        raise QuerySyntaxError(
            "A bracket '(' is not closed.", suggestion=text.rstrip() + ")" * depth
        )
    for m in re.finditer(r"(?<![\w:\"])([^\W\d_][\w]*):(\S?)", masked):
        name, after = m.group(1), m.group(2)
        if name.lower() not in FIELD_NAMES:
            close = difflib.get_close_matches(name.lower(), FIELD_NAMES, n=1, cutoff=0.6)
            if close:
                fixed = text[: m.start(1)] + close[0] + text[m.end(1) :]
                hint = f" Did you mean {close[0]}:?"
            else:
                fixed = text[: m.end(1)] + " " + text[m.end(1) + 1 :]
                hint = ""
            raise QuerySyntaxError(
                f"Unknown field {name}:.{hint} Fields: " + ", ".join(_FIELD_HELP) + ".",
                suggestion=" ".join(fixed.split()),
            )
        if not after or after in ")":
            example = {"kind": "kind:besluit", "date": "datum:2022-04"}.get(
                _FACET_ALIAS.get(name.lower(), ""), f'{name}:"…"'
            )
            raise QuerySyntaxError(f"Field {name}: has no value (for example {example}).")
    words = masked.split()
    operators = [w for w in words if w in _OPERATORS]
    if operators:
        if words[0] in _BINARY:
            raise QuerySyntaxError(
                f"{words[0]} at the start has nothing on its left.", " ".join(text.split()[1:])
            )
        if words[-1] in _OPERATORS:
            raise QuerySyntaxError(
                f"{words[-1]} at the end has nothing on its right.", " ".join(text.split()[:-1])
            )
        for left, right in zip(words, words[1:], strict=False):
            if left in _OPERATORS and right in _BINARY:
                raise QuerySyntaxError(f"{left} {right}: two operators in a row.")


_FIELD_HELP = (
    "kind/soort",
    "owner/eigenaar",
    "municipality/gemeente",
    "place/plaats",
    "region/regio",
    "role/rol",
    "org",
    "item",
    "date/datum",
    "title/titel",
    "onderwerp",
    "text/tekst",
)


def parse_query(text: str, parser: MultifieldParser | None = None) -> wq.Query:
    """The Whoosh query for a user's query string; `*` means everything.

    Raises :class:`QuerySyntaxError` with a message fit for the user.
    """
    check_syntax(text)
    if text.strip() == "*":
        return wq.Every()
    try:
        q = (parser or _default_parser()).parse(text)
    except QuerySyntaxError:
        raise
    except Exception as exc:  # Whoosh's own parse errors, whatever their class
        raise QuerySyntaxError(f"Cannot read the query: {exc}") from exc
    for node in _walk(q):
        if isinstance(node, wq.qcore._NullQuery):
            continue
        if type(node).__name__ == "ErrorQuery":
            raise QuerySyntaxError(f"Cannot read the query: {getattr(node, 'message', node)}")
    return q.normalize()


def _walk(q: wq.Query):
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from _walk(child)


# --- forgiving ------------------------------------------------------------------------------


_WIDENED = (*TEXT_FIELDS, *NAMED_TEXT_FIELDS)


def _maxdist(term: str) -> int:
    # OCR damage is one or two characters; short stems would match half the vocabulary at 2.
    return 1 if len(term) <= 6 else 2


# Near spellings of an index word: (field, word, max edit distance) → words in the index.
Expander = Callable[[str, str, int], list[str]]


def fuzzy_variant(q: wq.Query, expand: Expander | None = None) -> wq.Query | None:
    """`q` with each word of the text fields widened to its near spellings (OCR damage such as
    `ApeI` for `Apel`); None when `q` has no such words. Negated parts stay exact.

    With `expand`, the near spellings are looked up once, here, and the query holds plain
    terms; without it, Whoosh's FuzzyTerm expands them (again for every use of the query).
    """
    changed = False

    def near(fieldname: str, word: str, boost: float = 1.0) -> wq.Query:
        if len(word) < 4:
            return wq.Term(fieldname, word, boost=boost)
        if expand is None:
            return wq.FuzzyTerm(
                fieldname, word, boost=boost, maxdist=_maxdist(word), prefixlength=1
            )
        words = sorted(set(expand(fieldname, word, _maxdist(word))) | {word})
        if len(words) == 1:
            return wq.Term(fieldname, word, boost=boost)
        return wq.Or([wq.Term(fieldname, w) for w in words], boost=boost)

    def widen(node: wq.Query) -> wq.Query:
        nonlocal changed
        if type(node) is wq.Term and node.fieldname in _WIDENED and len(node.text) >= 4:
            changed = True
            return near(node.fieldname, node.text, node.boost)
        if isinstance(node, wq.Phrase) and node.fieldname in _WIDENED:
            changed = True
            return wq.And([near(node.fieldname, w) for w in node.words], boost=node.boost)
        if isinstance(node, wq.Not):
            return node
        if isinstance(node, wq.AndNot):
            return wq.AndNot(widen(node.a), node.b)
        if node.is_leaf():
            return node
        return node.apply(widen)

    widened = widen(q)
    return widened if changed else None


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the plain words of a query (not operators, field names or facet values): the
    words a spelling suggestion may replace."""
    masked = re.sub(_FACET_EXPR, lambda m: " " * len(m.group()), text)
    masked = re.sub(r"(?<![\w:\"])[^\W\d_]\w*:", lambda m: " " * len(m.group()), masked)
    spans = []
    for m in re.finditer(r"(?<!\w)[^\W\d_]{3,}(?![\w*~])", masked):
        if m.group() not in _OPERATORS:
            spans.append(m.span())
    return spans


__all__ = [
    "FACET_NAMES",
    "FIELD_NAMES",
    "KIND_LABELS",
    "KIND_WORDS",
    "Filters",
    "QuerySyntaxError",
    "check_syntax",
    "fuzzy_variant",
    "kind_of",
    "make_parser",
    "parse_date_spec",
    "parse_query",
    "word_spans",
]
