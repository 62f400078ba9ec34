"""Whoosh's commit with its postings kept in columns and sorted with numpy.

Whoosh's segment writer hands each posting of each document to a pool as a tuple (field, term,
document, weight, value), sorts them all at the commit, and writes them one call per posting.
With some 136 postings an entry, that is most of the writer's time on this archive.
:class:`TermPool` instead appends a field's postings of a document to that field's columns in
one step (term, document, weight and value lists, extended from the analysed postings without a
loop in Python), and at the commit orders each field's postings by term, then document, with
one numpy sort; :func:`write_terms` then writes each term's postings a block at a time through
Whoosh's own postings writer (the same blocks, statistics and bytes: the tests build an index
both ways and compare every posting, length and statistic).

When the pool outgrows the writer's `limitmb`, it saves its terms, sorted, to a run file of the
writer's temporary storage, as Whoosh's pool does; the commit merges the runs term by term,
concatenating each term's postings in the order the runs were saved.
"""

from __future__ import annotations

import contextlib
import heapq
import pickle
from array import array
from collections.abc import Iterable, Iterator
from itertools import groupby, islice, repeat
from typing import Any

import numpy as np
from whoosh.writing import PostingPool

# A term of a field and its postings (document numbers, weights, values: encoded positions,
# or b"" / None), as the pool hands them out in order.
TermRow = tuple[str, bytes, Any, Any, list]

# What a posting takes in memory here (its slots in the four columns, with a share of the
# objects): the pool saves a run when its estimate passes the writer's limit.
POSTING_BYTES = 48
RUN_CHUNK = 4096  # terms pickled together in a run file


class _Columns:
    """One field's postings in the order they came."""

    __slots__ = ("docnums", "terms", "values", "weights")

    def __init__(self) -> None:
        self.terms: list[bytes] = []
        self.docnums = array("I")
        self.weights = array("d")
        self.values: list[bytes | None] = []

    def rows(self, fieldname: str) -> Iterator[TermRow]:
        """The field's terms in byte order, each with its postings in document order."""
        terms = self.terms
        if not terms:
            return
        names = sorted(set(terms))
        number = {term: n for n, term in enumerate(names)}
        term_ids = np.fromiter(map(number.__getitem__, terms), dtype=np.int64, count=len(terms))
        docnums = np.frombuffer(self.docnums, dtype=np.uint32)
        # By term, then document; a stable sort keeps the arrival order of equal pairs, as
        # Whoosh's pool does (which never gets two).
        order = np.lexsort((docnums, term_ids))
        counts = np.bincount(term_ids, minlength=len(names)).tolist()
        ids = docnums[order].tolist()
        weights = np.frombuffer(self.weights, dtype=np.float64)[order].tolist()
        values_of = self.values
        values = [values_of[i] for i in order.tolist()]
        start = 0
        for term, count in zip(names, counts, strict=True):
            end = start + count
            yield fieldname, term, ids[start:end], weights[start:end], values[start:end]
            start = end


class TermPool(PostingPool):
    """A posting pool that keeps each field's postings in columns, sorted at the commit."""

    def __init__(self, tempstore: Any, segment: Any, limit: int) -> None:
        super().__init__(tempstore, segment)
        self.limit = limit
        self.columns: dict[str, _Columns] = {}
        self.term_runs: list[str] = []

    def _field(self, fieldname: str) -> _Columns:
        columns = self.columns.get(fieldname)
        if columns is None:
            columns = self.columns[fieldname] = _Columns()
            self.fieldnames.add(fieldname)
        return columns

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting (field, term, document, weight, value), as Whoosh's pool takes it."""
        fieldname, tbytes, docnum, weight, vbytes = item
        columns = self._field(fieldname)
        columns.terms.append(tbytes)
        columns.docnums.append(docnum)
        columns.weights.append(weight)
        columns.values.append(vbytes)
        self.currentsize += POSTING_BYTES + len(tbytes) + len(vbytes or b"")
        if self.currentsize > self.limit:
            self.save()

    def add_document_field(
        self,
        fieldname: str,
        docnum: int,
        items: Iterable[tuple[bytes, int, float, bytes | None]],
        boost: float,
        scorable: bool,
    ) -> int:
        """The postings `field.index()` gave for one field of document `docnum`, weights
        times `boost`; returns the field's length (the sum of the terms' frequencies when the
        field is scorable, else 0), as Whoosh's `add_document` counts it."""
        postings = items if isinstance(items, tuple) else tuple(items)
        if not postings:
            return 0
        terms, freqs, weights, values = zip(*postings, strict=True)
        columns = self._field(fieldname)
        columns.terms.extend(terms)
        columns.docnums.extend(repeat(docnum, len(terms)))
        # A weight times 1.0 is itself, and the column keeps it as the double it is.
        columns.weights.extend(weights if boost == 1.0 else [w * boost for w in weights])
        columns.values.extend(values)
        self.currentsize += POSTING_BYTES * len(terms)
        if self.currentsize > self.limit:
            self.save()
        return sum(freqs) if scorable else 0

    def _sorted_terms(self) -> Iterator[TermRow]:
        for fieldname in sorted(self.columns):
            yield from self.columns[fieldname].rows(fieldname)

    def save(self) -> None:
        """Write the pool's terms, sorted, to a run file, and start afresh."""
        if not self.columns:
            return
        path = f"{self._random_name()}.terms"
        with self.tempstore.create_file(path).raw_file() as handle:
            rows = self._sorted_terms()
            while chunk := list(islice(rows, RUN_CHUNK)):
                pickle.dump(chunk, handle, pickle.HIGHEST_PROTOCOL)
        self.term_runs.append(path)
        self.columns = {}
        self.currentsize = 0

    def _random_name(self) -> str:
        from whoosh.util import random_name

        return random_name()

    def _read_run(self, path: str) -> Iterator[TermRow]:  # type: ignore[override]
        with self.tempstore.open_file(path).raw_file() as handle:
            while True:
                try:
                    chunk = pickle.load(handle)
                except EOFError:
                    break
                yield from chunk
        self.tempstore.delete_file(path)

    def iter_terms(self) -> Iterator[TermRow]:
        """Every term with all its postings, in the order Whoosh's segment writes them (field
        name, then term bytes; the postings in document order)."""
        if not self.term_runs:
            return self._sorted_terms()
        sources = [self._read_run(path) for path in self.term_runs]
        sources.append(self._sorted_terms())
        merged = heapq.merge(*sources, key=_key)
        return (_joined(list(group)) for _, group in groupby(merged, _key))

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        """The postings one by one, as Whoosh's own pool hands them out."""
        for fieldname, tbytes, ids, weights, values in self.iter_terms():
            for docnum, weight, vbytes in zip(ids, weights, values, strict=True):
                yield fieldname, tbytes, docnum, weight, vbytes

    def cleanup(self) -> None:
        for path in self.term_runs:
            with contextlib.suppress(OSError):
                self.tempstore.delete_file(path)
        self.term_runs = []


def _key(row: TermRow) -> tuple[str, bytes]:
    return row[0], row[1]


def _joined(rows: list[TermRow]) -> TermRow:
    """One term's rows from several runs as one: their postings in document order."""
    if len(rows) == 1:
        return rows[0]
    fieldname, tbytes = rows[0][0], rows[0][1]
    postings = sorted(
        (docnum, n, weight, value)
        for n, (_, _, ids, weights, values) in enumerate(rows)
        for docnum, weight, value in zip(ids, weights, values, strict=True)
    )
    return (
        fieldname,
        tbytes,
        [p[0] for p in postings],
        [p[2] for p in postings],
        [p[3] for p in postings],
    )


def write_terms(fieldwriter: Any, schema: Any, lengths: Any, rows: Iterable[TermRow]) -> None:
    """What Whoosh's `FieldWriter.add_postings` writes for these postings, each term's given
    to its postings writer a block at a time: the same calls on the same blocks, without one
    call and one set of checks per posting. `lengths` is the segment's field lengths
    (`doc_field_length`), or None."""
    lastfn = None
    column: Any = None
    for fieldname, tbytes, ids, weights, values in rows:
        if fieldname != lastfn:
            if lastfn is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfn = fieldname
            column = lengths.column(fieldname) if lengths is not None else None
        fieldwriter.start_term(tbytes)
        postwriter = fieldwriter._postwriter
        limit = postwriter._blocklimit
        count = len(ids)
        for start in range(0, count, limit):
            _fill_block(postwriter, ids, weights, values, column, start, start + limit)
            if start + limit < count:
                # A full block with more to come: Whoosh writes it when the next posting
                # arrives; the last one is written by finish_term.
                postwriter._write_block()
        fieldwriter.finish_term()
    if lastfn is not None:
        fieldwriter.finish_field()


def _fill_block(
    postwriter: Any,
    ids: list[int],
    weights: list[float],
    values: list[bytes | None],
    column: list[int | None] | None,
    start: int,
    end: int,
) -> None:
    """Set the postings writer's buffered block as `add_posting` would have left it after
    postings `start` to `end`."""
    block_ids = ids[start:end]
    block_weights = weights[start:end]
    postwriter._ids = array("I", block_ids)
    postwriter._weights = array("f", block_weights)
    postwriter._values = [v for v in values[start:end] if v]
    top = max(block_weights)
    postwriter._maxweight = top if top > 0 else 0
    # add_posting counts only lengths that are not 0 or None.
    found = [n for n in (column[d] for d in block_ids) if n] if column is not None else []
    postwriter._minlength = min(found) if found else None
    postwriter._maxlength = max(found) if found else 0


__all__ = ["TermPool", "write_terms"]
