"""The Whoosh schema of the contract's fields, and the contract's documents in Whoosh's form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whoosh import columns, fields, formats

from archive.index.contract import FIELDS, FieldKind
from archive.index.whoosh.analyzer import DutchAnalyzer, SpellingAnalyzer


@dataclass(frozen=True, slots=True)
class Analyzed:
    """A field value already run through its field's analysis: Whoosh's posting tuples (term,
    frequency, weight, encoded positions). Worker processes analyse the documents they
    produce, so that the single index writer only files postings."""

    postings: tuple[tuple[bytes, int, float, bytes], ...]


class _TakesAnalyzed:
    """Lets a Whoosh field type index :class:`Analyzed` values as they are."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(value, Analyzed):
            return iter(value.postings)
        return super().index(value, **kwargs)  # type: ignore[misc]


class AnalyzedText(_TakesAnalyzed, fields.TEXT):
    """TEXT that also takes :class:`Analyzed` values."""


class AnalyzedVocabulary(_TakesAnalyzed, fields.FieldType):
    """Word presence only (no frequencies, positions or lengths), from text or
    :class:`Analyzed` values."""

    def __init__(self, analyzer: Any) -> None:
        super().__init__(formats.Existence(), analyzer=analyzer)


# Fields whose values workers analyse ahead of the writer: the ones with real text in them.
ANALYZED_FIELDS: tuple[str, ...] = tuple(
    name for name, kind in FIELDS.items() if kind in (FieldKind.TEXT, FieldKind.VOCABULARY)
)


def _field(name: str, kind: FieldKind) -> fields.FieldType:
    if kind is FieldKind.ID:
        return fields.ID(unique=name == "id")
    if kind is FieldKind.KEYWORD:
        # Facets filter; they need no length statistics for scoring (which cost index time).
        return fields.KEYWORD(commas=True, lowercase=False, scorable=False)
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


def whoosh_document(document: dict[str, Any], *, analyse: bool = False) -> dict[str, Any]:
    """A contract document as keyword arguments for `writer.add_document`; with `analyse`, its
    text fields already analysed (:class:`Analyzed`)."""
    out = {
        name: _encodable(",".join(value) if FIELDS[name] is FieldKind.KEYWORD else value)
        for name, value in document.items()
    }
    if analyse:
        for name in ANALYZED_FIELDS:
            if name in out:
                out[name] = Analyzed(tuple(schema()[name].index(out[name])))
    return out


__all__ = ["ANALYZED_FIELDS", "Analyzed", "build_schema", "schema", "whoosh_document"]
