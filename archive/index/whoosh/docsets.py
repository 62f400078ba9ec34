"""The documents a query matches, per segment, as numpy arrays: for facet counts and filters.

Whoosh finds the documents of a query (`Searcher.docs_for_query`) by walking its matchers one
document at a time in Python, and a filter is turned into a set the same way on every search:
on 100,000 entries that walk was most of the time of counting a query's facets. Here a query
tree of terms, `And`, `Or`, `Not` and their kin is evaluated with numpy set operations on the
posting lists of its terms, read block by block (one decompression for a block of ids, not a
method call per id). Prefixes, wildcards and fuzzy words are the union of the terms they
expand to in the segment, as Whoosh expands them; any other query (a phrase, a range) is
walked by Whoosh itself, so every query finds exactly the documents Whoosh finds.

A segment's postings never change once written (a deletion only marks documents deleted), so
each term's ids are kept, bounded, keyed by segment; deleted documents are taken out of them
at each use, with the deletions of the reader at hand. A commit that adds a segment reads only
that segment's terms; segments merged away age out of the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ListMatcher
from whoosh.matching.wrappers import FilterMatcher

# Document numbers kept at once over all cached terms (4 bytes each): 32 MB.
MAX_IDS = 8_000_000
_EMPTY = np.zeros(0, dtype=np.int32)


def _posting_ids(reader: Any, fieldname: str, btext: bytes) -> np.ndarray:
    """Every document number in the posting list of a term, deleted ones included, sorted."""
    matcher = reader.postings(fieldname, btext)
    raw = matcher.child if isinstance(matcher, FilterMatcher) else matcher
    if isinstance(raw, W3LeafMatcher) and not raw._byteids:
        raw.reset()  # a filter around it has moved it on to the first live document
        chunks = []
        while not raw._atend and raw._blocklength:
            raw._read_data()
            # A block's ids are stored as differences from the one before (the first from 0).
            chunks.append(np.cumsum(np.asarray(raw._data[0], dtype=np.int64)))
            raw._next_block()
        return np.concatenate(chunks).astype(np.int32) if chunks else _EMPTY
    if isinstance(raw, ListMatcher):
        return np.asarray(raw._ids, dtype=np.int32)
    # Another kind of matcher: walk it (its deleted documents are already left out).
    return np.fromiter(matcher.all_ids(), dtype=np.int32)


class DocSets:
    """Evaluates queries per segment; keeps the posting ids of the terms it read (bounded)."""

    def __init__(self, max_ids: int = MAX_IDS) -> None:
        self.max_ids = max_ids
        self._terms: OrderedDict[tuple[Any, str, bytes], np.ndarray] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    # --- the cache ----------------------------------------------------------------------------

    def term_ids(self, reader: Any, fieldname: str, btext: bytes) -> np.ndarray:
        """The posting ids of a term in the segment of `reader`, deleted documents included."""
        segment = reader.segment()
        key = (segment.segment_id(), fieldname, btext) if segment is not None else None
        if key is not None:
            with self._lock:
                found = self._terms.get(key)
                if found is not None:
                    self._terms.move_to_end(key)
                    return found
        ids = _posting_ids(reader, fieldname, btext)
        if key is not None and len(ids) <= self.max_ids:
            with self._lock:
                if key not in self._terms:
                    self._terms[key] = ids
                    self._size += len(ids)
                while self._size > self.max_ids:
                    _, dropped = self._terms.popitem(last=False)
                    self._size -= len(dropped)
        return ids

    def clear(self) -> None:
        with self._lock:
            self._terms.clear()
            self._size = 0

    def __len__(self) -> int:
        return len(self._terms)

    # --- evaluating ---------------------------------------------------------------------------

    def per_segment(self, searcher: Any, q: wq.Query) -> list[tuple[Any, int, np.ndarray]]:
        """(leaf searcher, its first global document number, the sorted local numbers of its
        live documents that `q` matches) for each segment of `searcher`."""
        out = []
        for sub, offset in searcher.leaf_searchers():
            out.append((sub, offset, _Segment(self, sub).docs(q)))
        return out

    def docnums(self, searcher: Any, q: wq.Query) -> np.ndarray:
        """The sorted global numbers of the documents `q` matches (`docs_for_query`)."""
        segments = self.per_segment(searcher, q)
        parts = [local.astype(np.int64) + offset for _, offset, local in segments]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


class _Segment:
    """One segment's evaluation of one query: its deletions, read once."""

    def __init__(self, docsets: DocSets, searcher: Any) -> None:
        self.docsets = docsets
        self.searcher = searcher
        self.reader = searcher.reader()
        self.count = searcher.doc_count_all()
        self._deleted: np.ndarray | None = None
        if self.reader.has_deletions():
            self._deleted = np.fromiter(sorted(self.reader.deleted_docs_set), dtype=np.int32)

    def _live(self, ids: np.ndarray) -> np.ndarray:
        if self._deleted is None or not len(ids):
            return ids
        return ids[~np.isin(ids, self._deleted, assume_unique=True)]

    def _all(self) -> np.ndarray:
        return self._live(np.arange(self.count, dtype=np.int32))

    def _term(self, fieldname: str, btext: bytes) -> np.ndarray:
        if (fieldname, btext) not in self.reader:
            return _EMPTY
        return self._live(self.docsets.term_ids(self.reader, fieldname, btext))

    def _union(self, arrays: list[np.ndarray]) -> np.ndarray:
        arrays = [a for a in arrays if len(a)]
        if not arrays:
            return _EMPTY
        if len(arrays) == 1:
            return arrays[0]
        return np.unique(np.concatenate(arrays))

    def docs(self, q: wq.Query) -> np.ndarray:
        """The sorted local numbers of the live documents of this segment that `q` matches."""
        schema = self.searcher.schema
        if isinstance(q, wq.Term):
            if q.fieldname not in schema:
                return _EMPTY
            try:
                btext = schema[q.fieldname].to_bytes(q.text)
            except ValueError:
                return _EMPTY
            return self._term(q.fieldname, btext)
        if type(q) in (wq.And, wq.Or) and not getattr(q, "minmatch", 0):
            if not q.subqueries:
                return _EMPTY
            if type(q) is wq.Or:
                return self._union([self.docs(sub) for sub in q.subqueries])
            found = None
            for sub in q.subqueries:
                docs = self.docs(sub)
                found = docs if found is None else np.intersect1d(found, docs, assume_unique=True)
                if not len(found):
                    return _EMPTY
            return found
        if type(q) is wq.Not:
            return np.setdiff1d(self._all(), self.docs(q.query), assume_unique=True)
        if type(q) is wq.AndNot:
            positive = self.docs(q.a)
            if not len(positive):
                return _EMPTY
            return np.setdiff1d(positive, self.docs(q.b), assume_unique=True)
        if type(q) is wq.AndMaybe:
            return self.docs(q.a)
        if type(q) is wq.Require:
            return np.intersect1d(self.docs(q.a), self.docs(q.b), assume_unique=True)
        if type(q) is wq.Every and q.fieldname is None:
            return self._all()
        if q is wq.NullQuery:
            return _EMPTY
        if self._expands(q):
            if q.fieldname not in schema:
                return _EMPTY
            words = [w for w in q._btexts(self.reader) if w]
            return self._union([self._term(q.fieldname, w) for w in words])
        # Anything else (a phrase, a range): as Whoosh finds it.
        return np.unique(np.fromiter(q.docs(self.searcher), dtype=np.int32))

    @staticmethod
    def _expands(q: wq.Query) -> bool:
        """A query Whoosh runs as the union of the terms `_btexts` names."""
        if type(q) is wq.Prefix:
            return q.text != ""
        if type(q) is wq.Wildcard:
            return q.text != "*"
        return type(q) is wq.FuzzyTerm


__all__ = ["MAX_IDS", "DocSets"]
