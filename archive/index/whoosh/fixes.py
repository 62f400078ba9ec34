"""Targeted fixes to Whoosh, applied when the index module loads: to its segment writer, and
to its count of matches.

While a commit writes postings, Whoosh asks the new segment for every posting's field length;
for fields that store no lengths (IDs, keywords) it checks the disk for the missing column file
each time. On this schema that is a `stat()` per posting and half of the commit time. The fix
remembers that a column is absent, which cannot change while a reader is open. For the fields
that do store lengths it reads the length from the column file again for each posting (some
130 per entry here): :class:`_Lengths` reads each length column once per commit.

The posting pool checks the types of every posting it is given and sizes it with a dozen
additions; :func:`_pool_add` does the same sizing in one sum, so runs are cut at the same
postings, without the checks (the postings come from this package's own documents).

Neither changes a byte of what is written: the tests build an index with and without them and
compare every posting.
"""

from __future__ import annotations

from typing import Any

from whoosh import collectors, writing
from whoosh.codec import whoosh3


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
    """`SegmentWriter._flush_segment`, the lengths read through :class:`_Lengths`."""
    self.perdocwriter.close()
    pdr = self.per_document_reader() if self.codec.length_stats else None
    postings = self.pool.iter_postings()
    self.fieldwriter.add_postings(self.schema, _Lengths(pdr) if pdr else None, postings)
    self.fieldwriter.close()
    if pdr:
        pdr.close()


def _pool_add(self: Any, item: tuple[str, bytes, int, float, bytes | None]) -> None:
    """`PostingPool.add` without its type checks: the same size estimate (a tuple of five,
    the field name, the term as text, the document number, the weight, the value), so runs
    are saved to disk at the same postings."""
    self.fieldnames.add(item[0])
    self.currentsize += 150 + len(item[0]) + 2 * len(item[1]) + len(item[4] or "")
    if self.currentsize > self.limit:
        self.save()
    self.current.append(item)


ORIGINALS: dict[str, Any] = {
    "flush_segment": writing.SegmentWriter._flush_segment,
    "pool_add": writing.PostingPool.add,
}


def apply(*, writer: bool = True) -> None:
    """Install the fixes (idempotent); `writer=False` puts back Whoosh's own segment writing
    (the tests compare the two)."""
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    collectors.TopCollector.computes_count = _computes_count
    writing.SegmentWriter._flush_segment = _flush_segment if writer else ORIGINALS["flush_segment"]
    writing.PostingPool.add = _pool_add if writer else ORIGINALS["pool_add"]
