"""The Whoosh schema of the contract's fields, and the contract's documents in Whoosh's form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whoosh import columns, fields, formats

from archive.index import analysis
from archive.index.contract import FIELDS, NAMED_TEXT_FIELDS, FieldKind
from archive.index.whoosh.analyzer import DutchAnalyzer, SpellingAnalyzer


@dataclass(frozen=True, slots=True)
class Analyzed:
    """A field value already run through its field's analysis: Whoosh's posting tuples (term,
    frequency, weight, encoded positions). Worker processes analyse the documents they
    produce, so that the single index writer only files postings."""

    postings: tuple[tuple[bytes, int, float, bytes], ...]

    def __reduce__(self) -> tuple[type[Analyzed], tuple[Any, ...]]:
        # Pickled by its one field: the state methods dataclasses give a slotted class look
        # up its fields on every call, and the writer unpickles tens of these per entry.
        return Analyzed, (self.postings,)


class _TakesAnalyzed:
    """Lets a Whoosh field type index :class:`Analyzed` values as they are."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Analyzed):
            return iter(value.postings)
        return super().index(value, **kwargs)  # type: ignore[misc]


class AnalyzedText(_TakesAnalyzed, fields.TEXT):
    """TEXT that also takes :class:`Analyzed` values."""


class AnalyzedID(_TakesAnalyzed, fields.ID):
    """ID that also takes :class:`Analyzed` values."""


class AnalyzedKeyword(_TakesAnalyzed, fields.KEYWORD):
    """KEYWORD that also takes :class:`Analyzed` values."""


class AnalyzedVocabulary(_TakesAnalyzed, fields.FieldType):
    """Word presence only (no frequencies, positions or lengths), from text or
    :class:`Analyzed` values."""

    def __init__(self, analyzer: Any) -> None:
        super().__init__(formats.Existence(), analyzer=analyzer)


# Fields whose values workers analyse ahead of the writer: the ones with real text in them.
ANALYZED_FIELDS: tuple[str, ...] = tuple(
    name for name, kind in FIELDS.items() if kind in (FieldKind.TEXT, FieldKind.VOCABULARY)
)
# Exact-value fields, whose postings workers also make ahead (by the field's own `index`): a
# dozen small analyses per document, a quarter of the writer's time when the writer ran them.
KEY_FIELDS: tuple[str, ...] = tuple(
    name for name, kind in FIELDS.items() if kind in (FieldKind.ID, FieldKind.KEYWORD)
)


def _field(name: str, kind: FieldKind) -> fields.FieldType:
    if kind is FieldKind.ID:
        return AnalyzedID(unique=name == "id")
    if kind is FieldKind.KEYWORD:
        # Facets filter; they need no length statistics for scoring (which cost index time).
        return AnalyzedKeyword(commas=True, lowercase=False, scorable=False)
    if kind is FieldKind.TEXT:
        return AnalyzedText(analyzer=DutchAnalyzer())
    if kind is FieldKind.VOCABULARY:
        # A vocabulary for "did you mean", not for scoring.
        return AnalyzedVocabulary(SpellingAnalyzer())
    if kind is FieldKind.SORT:
        # A column only, not indexed: a NUMERIC field would add 16 terms per document, a
        # quarter of all postings, never searched. One column per sort order: sorting on one
        # column is several times faster in Whoosh than on a tuple of columns.
        return fields.COLUMN(columns.NumericColumn("Q"))
    return fields.STORED()


def build_schema() -> fields.Schema:
    """The Whoosh schema of the contract's fields."""
    return fields.Schema(**{name: _field(name, kind) for name, kind in FIELDS.items()})


@lru_cache(maxsize=1)
def schema() -> fields.Schema:
    """:func:`build_schema`, built once per process."""
    return build_schema()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value: Any) -> Any:
    """Whoosh stores terms as UTF-8, which a lone surrogate (a byte of a file name that is not
    UTF-8, kept by os.fsdecode) cannot be: such a character becomes the text of its escape."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value


Posting = tuple[bytes, int, float, bytes]


def text_postings(text: str, field: str = "all") -> tuple[Posting, ...]:
    """What a TEXT field's `index` makes of `text` (:class:`DutchAnalyzer` through Whoosh's
    Positions format), built from the cached word analysis (:func:`analysis.index_words`)
    rather than token by token: per term, in the order of its first position, (its UTF-8,
    its frequency, its weight, its encoded positions). The tests check the two agree."""
    first, words = analysis.index_words(text)
    positions: dict[str, list[int]] = {}
    for pos, (term, extras) in enumerate(words, first):
        if (at := positions.get(term)) is None:
            positions[term] = [pos]
        else:
            at.append(pos)
        for extra in extras:
            if (at := positions.get(extra)) is None:
                positions[extra] = [pos]
            else:
                at.append(pos)
    fmt = _positions(field)
    boost, encode, single = fmt.field_boost, fmt.encode, _single_position
    # Each token's boost is 1.0, so a term's weight is its frequency times the field's boost.
    return tuple(
        [
            (term.encode("utf-8"), 1, boost, single(at[0], field))
            if len(at) == 1
            else (term.encode("utf-8"), len(at), len(at) * 1.0 * boost, encode(at))
            for term, at in positions.items()
        ]
    )


@lru_cache(maxsize=4096)
def _single_position(pos: int, field: str) -> bytes:
    """The encoded positions of a term at one position only: most terms of a document."""
    return _positions(field).encode([pos])


@lru_cache(maxsize=4096)
def _title_postings(text: str, field: str) -> tuple[Posting, ...]:
    """:func:`text_postings` of an item or meeting title, which every entry of it repeats."""
    return text_postings(text, field)


def vocabulary_postings(text: str, field: str = "spell") -> tuple[Posting, ...]:
    """What the VOCABULARY field's `index` makes of `text` (:class:`SpellingAnalyzer` through
    Whoosh's Existence format): each distinct word once, frequency 1, the field's boost."""
    boost = schema()[field].format.field_boost
    words = set(analysis.spelling_words(text))
    return tuple((word.encode("utf-8"), 1, boost, b"") for word in words)


@lru_cache(maxsize=8)
def _positions(field: str) -> formats.Positions:
    fmt = schema()[field].format
    if type(fmt) is not formats.Positions:  # text_postings encodes as this format does
        raise TypeError(f"field {field!r} does not index positions")
    return fmt


@lru_cache(maxsize=1 << 14)
def key_postings(field: str, value: str) -> Analyzed:
    """What the exact-value field `field` indexes for `value` (its own `index`), kept: most
    values repeat over a meeting (its sha256, source, body, year) or a whole archive (kinds,
    places), and one object repeated pickles once per meeting."""
    return Analyzed(tuple(schema()[field].index(value)))


def whoosh_document(document: dict[str, Any], *, analyse: bool = False) -> dict[str, Any]:
    """A contract document as keyword arguments for `writer.add_document`; with `analyse`, its
    text fields already analysed and its exact-value fields' postings made
    (:class:`Analyzed`)."""
    out = {
        name: _encodable(",".join(value) if FIELDS[name] is FieldKind.KEYWORD else value)
        for name, value in document.items()
    }
    if analyse:
        for name in ANALYZED_FIELDS:
            if name in out:
                value = out[name]
                if FIELDS[name] is FieldKind.VOCABULARY:
                    out[name] = Analyzed(vocabulary_postings(value, name))
                elif name in NAMED_TEXT_FIELDS:
                    out[name] = Analyzed(_title_postings(value, name))
                else:
                    out[name] = Analyzed(text_postings(value, name))
        for name in KEY_FIELDS:
            if name in out:
                out[name] = key_postings(name, out[name])
    return out


__all__ = [
    "ANALYZED_FIELDS",
    "KEY_FIELDS",
    "Analyzed",
    "Posting",
    "build_schema",
    "key_postings",
    "schema",
    "text_postings",
    "vocabulary_postings",
    "whoosh_document",
]
