"""The tantivy schema of the contract's fields, and the contract's documents in tantivy's form.

Text is analysed by the project's own analysis (:mod:`archive.index.analysis`), never by
tantivy: each text field arrives as its index terms joined by spaces, and tantivy's whitespace
tokenizer only splits them again, so both backends index identical terms at identical
positions. The extra terms the analysis puts *beside* a word (compound parts `+aanbod`,
spelling keys `~openstell`, at the word's own position) cannot share a position through a
whitespace tokenizer, so they go into a side field, `<field>_x`, without positions: they are
only ever looked up as single terms, never inside a phrase.

Building tantivy's own token objects in Python instead (its `PreTokenizedString`) costs about
three times as much per document, and its documents pickle to ten times their size, too slow to
send from the workers. What a worker hands the writer is each document as one JSON string
(:func:`tantivy_json`): one object to pickle and unpickle instead of a dict of twenty-odd, and
the writer's `add_json` parses it in tantivy, which halves the writer's own time per document
against building a `tantivy.Document` from a dict.
"""

from __future__ import annotations

import base64
import json
import re
from functools import lru_cache
from typing import Any

import tantivy

from archive.index import analysis
from archive.index.compounds import NEAR, PART
from archive.index.contract import FIELDS, FieldKind

EXTRA_SUFFIX = "_x"  # the side field of a text field's compound parts and spelling keys
EXTRA_MARKS = (PART, NEAR)

TEXT_FIELDS: tuple[str, ...] = tuple(n for n, k in FIELDS.items() if k is FieldKind.TEXT)
KEY_FIELDS: tuple[str, ...] = tuple(
    n for n, k in FIELDS.items() if k in (FieldKind.ID, FieldKind.KEYWORD)
)
SORT_FIELDS: tuple[str, ...] = tuple(n for n, k in FIELDS.items() if k is FieldKind.SORT)
VOCABULARY_FIELDS: tuple[str, ...] = tuple(
    n for n, k in FIELDS.items() if k is FieldKind.VOCABULARY
)
STORED_FIELD = "record"


def build_schema() -> tantivy.Schema:
    """The tantivy schema of the contract's fields."""
    builder = tantivy.SchemaBuilder()
    for name, kind in FIELDS.items():
        if kind in (FieldKind.ID, FieldKind.KEYWORD):
            # Exact values, matched whole; fast (columnar) too, for facet counts and `field:*`.
            builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
        elif kind is FieldKind.TEXT:
            builder.add_text_field(name, tokenizer_name="whitespace", index_option="position")
            builder.add_text_field(
                name + EXTRA_SUFFIX, tokenizer_name="whitespace", index_option="freq"
            )
        elif kind is FieldKind.VOCABULARY:
            # Word presence only: the "did you mean" vocabulary, never scored.
            builder.add_text_field(name, tokenizer_name="whitespace", index_option="basic")
        elif kind is FieldKind.SORT:
            builder.add_unsigned_field(name, fast=True)
        else:
            builder.add_bytes_field(name, stored=True)
    return builder.build()


@lru_cache(maxsize=1)
def schema() -> tantivy.Schema:
    """:func:`build_schema`, built once per process."""
    return build_schema()


def field_of_term(field: str, text: str) -> str:
    """The tantivy field a term of the contract's `field` lives in (its side field for a
    compound part or a spelling key)."""
    if field in TEXT_FIELDS and text.startswith(EXTRA_MARKS):
        return field + EXTRA_SUFFIX
    return field


@lru_cache(maxsize=8192)
def _analysed_line(line: str) -> tuple[str, str]:
    """One line as (its words' terms, the terms beside them), each joined by spaces."""
    _, kept = analysis.index_line(line)
    return " ".join(term for term, _ in kept), " ".join(x for _, extras in kept for x in extras)


def _analysed(text: str) -> tuple[str, str]:
    """`text` as (its words' terms, the terms beside them), each joined by spaces.

    Line by line, each line's analysis kept: no word runs across a line break, so the terms
    of the whole are the terms of its lines in order, and the searchable text of every entry
    of an item repeats the item's title, toelichting and meeting title, line for line.
    """
    if "\n" not in text:
        return _analysed_line(text)
    analysed = [_analysed_line(line) for line in text.split("\n")]
    return (
        " ".join(w for w, _ in analysed if w),
        " ".join(x for _, x in analysed if x),
    )


def tantivy_document(document: dict[str, Any]) -> dict[str, Any]:
    """A contract document as a plain dict of tantivy field values, text already analysed:
    what a worker prepares and the writer hands tantivy as JSON (:func:`tantivy_json`)."""
    out: dict[str, Any] = {}
    for name, value in document.items():
        kind = FIELDS[name]
        if kind is FieldKind.TEXT:
            words, extras = _analysed(value)
            if words:
                out[name] = words
            if extras:
                out[name + EXTRA_SUFFIX] = extras
        elif kind is FieldKind.VOCABULARY:
            if words := " ".join(analysis.spelling_words(value)):
                out[name] = words
        elif kind is FieldKind.KEYWORD:
            out[name] = [_encodable(v) for v in value]
        elif kind is FieldKind.STORED:
            out[name] = value.encode("utf-8", "surrogatepass")
        else:
            out[name] = _encodable(value)
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value: Any) -> Any:
    """tantivy takes UTF-8 only, which a lone surrogate (a byte of a file name that is not
    UTF-8, kept by os.fsdecode) is not: such a character becomes the text of its escape, as
    the Whoosh backend stores it."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value


def tantivy_json(values: dict[str, Any]) -> str:
    """:func:`tantivy_document`'s dict as the JSON `IndexWriter.add_json` takes (bytes as
    base64, as tantivy reads a bytes field from JSON)."""
    record = values.get(STORED_FIELD)
    if record is not None:
        values = {**values, STORED_FIELD: base64.b64encode(record).decode("ascii")}
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def stored_record(raw: bytes) -> dict[str, Any]:
    """A hit's record from its stored bytes."""
    return json.loads(raw.decode("utf-8", "surrogatepass"))


__all__ = [
    "EXTRA_SUFFIX",
    "KEY_FIELDS",
    "SORT_FIELDS",
    "STORED_FIELD",
    "TEXT_FIELDS",
    "VOCABULARY_FIELDS",
    "build_schema",
    "field_of_term",
    "schema",
    "stored_record",
    "tantivy_document",
    "tantivy_json",
]
