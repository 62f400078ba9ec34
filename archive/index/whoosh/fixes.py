"""Targeted fixes to Whoosh, applied when the index module loads: to its segment writer, and
to its count of matches.

While a commit writes postings, Whoosh asks the new segment for every posting's field length;
for fields that store no lengths (IDs, keywords) it checks the disk for the missing column file
each time. On this schema that is a `stat()` per posting and half of the commit time. The fix
remembers that a column is absent, which cannot change while a reader is open. For the fields
that do store lengths it reads the length from the column file again for each posting (some
130 per entry here): :class:`_Lengths` reads each length column once per commit.

The posting pool keeps one tuple per posting and sorts them all at the commit, and the commit
writes them one call per posting: the writer here keeps each term's postings together instead
(:mod:`archive.index.whoosh.pool`), and writes them a block at a time.

None of this changes a byte of what is written: the tests build an index with and without them
and compare every posting, length and statistic.
"""

from __future__ import annotations

from typing import Any

from whoosh import collectors, writing
from whoosh.codec import whoosh3

from archive.index.whoosh.pool import TermPool, write_terms
from archive.index.whoosh.schema import Analyzed


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    try:
        return self._readers[fieldname]
    except KeyError:
        pass
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    self._readers[fieldname] = reader
    return reader


def _computes_count(self: Any) -> bool:
    # Whoosh's top-N collector counts the documents it collects, and calls that count exact
    # when the matcher it ends with cannot skip blocks. But once the heap of the top N is full
    # it replaces the matcher by one that drops what can no longer reach the top ("opvang OR
    # +opvang" loses its second term), in any segment: the count is then only a lower bound,
    # and the number of hits shown for "(a OR b) NOT c" was far too low. Exact only while the
    # heap never filled; otherwise the backend estimates, or counts when the estimate is small.
    return not self._use_block_quality() and not self.minscore


class _Lengths:
    """A segment's field lengths as `add_postings` asks for them (`doc_field_length`), each
    field's length column read once, on its first posting, instead of once per posting."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._doccount = reader._doccount
        self._columns: dict[str, list[int | None] | None] = {}

    def _column(self, fieldname: str) -> list[int | None] | None:
        column = self._reader._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if column is None:
            return None
        to_length = whoosh3.byte_to_length
        # As W3PerDocReader.doc_field_length: a zero byte gives None, not 0.
        return [to_length(b) if (b := column[n]) else None for n in range(self._doccount)]

    def column(self, fieldname: str) -> list[int | None] | None:
        """The lengths of `fieldname` by document (None: the field keeps no lengths)."""
        try:
            return self._columns[fieldname]
        except KeyError:
            lengths = self._columns[fieldname] = self._column(fieldname)
            return lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        try:
            lengths = self._columns[fieldname]
        except KeyError:
            lengths = self._columns[fieldname] = self._column(fieldname)
        if lengths is None:
            return default
        return lengths[docnum] if docnum < self._doccount else None


def _flush_segment(self: Any) -> None:
    """`SegmentWriter._flush_segment`, the lengths read through :class:`_Lengths`, and the
    postings of a :class:`TermPool` written term by term."""
    self.perdocwriter.close()
    pdr = self.per_document_reader() if self.codec.length_stats else None
    lengths = _Lengths(pdr) if pdr else None
    if isinstance(self.pool, TermPool) and isinstance(self.fieldwriter, whoosh3.W3FieldWriter):
        write_terms(self.fieldwriter, self.schema, lengths, self.pool.iter_terms())
    else:
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
    self.fieldwriter.close()
    if pdr:
        pdr.close()


def _init_writer(self: Any, ix: Any, *args: Any, limitmb: int = 128, **kwargs: Any) -> None:
    """`SegmentWriter.__init__`, with a :class:`TermPool` for its postings."""
    ORIGINALS["init"](self, ix, *args, limitmb=limitmb, **kwargs)
    self.pool = TermPool(self._tempstorage, self.newsegment, limitmb * 1024 * 1024)


def _add_document(self: Any, **fields: Any) -> None:
    """`SegmentWriter.add_document`, each field's postings handed to the :class:`TermPool`
    in one call (the same postings, weights and lengths)."""
    pool = self.pool
    if not isinstance(pool, TermPool):
        ORIGINALS["add_document"](self, **fields)
        return
    self._check_state()
    perdocwriter = self.perdocwriter
    schema = self.schema
    docnum = self.docnum
    docboost = self._doc_boost(fields)
    fieldnames = sorted([name for name in fields if not name.startswith("_")])
    self._check_fields(schema, fieldnames)
    perdocwriter.start_doc(docnum)
    try:
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                boost = self._field_boost(fields, fieldname, docboost)
                # A worker's postings as they are, whatever field class an older index's
                # schema names (one from before a field took them).
                items = value.postings if type(value) is Analyzed else field.index(value)
                length = pool.add_document_field(fieldname, docnum, items, boost, field.scorable)
            if field.separate_spelling():
                spellfield = field.spelling_fieldname(fieldname)
                for word in field.spellable_words(value):
                    pool.add((spellfield, word.encode("utf-8"), 0, 1, None))
            if field.vector:
                vitems = field.vector.word_values(value, field.analyzer, mode="index")
                vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                perdocwriter.add_vector_items(fieldname, field, vitems)
            customval = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
            if field.column_type and customval is not None:
                perdocwriter.add_column_value(
                    fieldname, field.column_type, field.to_column_value(customval)
                )
    except Exception:
        perdocwriter.cancel_doc()
        raise
    perdocwriter.finish_doc()
    self._added = True
    self.docnum += 1


ORIGINALS: dict[str, Any] = {
    "flush_segment": writing.SegmentWriter._flush_segment,
    "init": writing.SegmentWriter.__init__,
    "add_document": writing.SegmentWriter.add_document,
}


def apply(*, writer: bool = True) -> None:
    """Install the fixes (idempotent); `writer=False` puts back Whoosh's own segment writing
    (the tests compare the two)."""
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    collectors.TopCollector.computes_count = _computes_count
    writing.SegmentWriter._flush_segment = _flush_segment if writer else ORIGINALS["flush_segment"]
    writing.SegmentWriter.__init__ = _init_writer if writer else ORIGINALS["init"]
    writing.SegmentWriter.add_document = _add_document if writer else ORIGINALS["add_document"]
