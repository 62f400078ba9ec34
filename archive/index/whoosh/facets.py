"""Facet counts that reuse what they learnt about each segment.

Whoosh counts a multi-valued field (`allow_overlap`) by first building, for every segment, the
list of each document's values from the field's whole posting lists, and it does so again on
every search: on 100,000 entries that is most of a second per facet. Segments never change
once written (a deletion only hides documents, which then no longer match), so the lists are
kept here per segment, and a search only looks up the documents it matched. A commit that adds
a segment pays for that segment alone; merged-away segments drop out of the cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from whoosh import sorting

# Segments' lists kept at once, per field: a long-lived searcher sees a few dozen segments.
MAX_SEGMENTS = 64


class SegmentValues:
    """Per segment and field, each document's values: built once, reused by every search."""

    def __init__(self, max_segments: int = MAX_SEGMENTS) -> None:
        self.max_segments = max_segments
        self._lists: OrderedDict[tuple[str, str], list[tuple[str, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def lists(self, segment_searcher: Any, fieldname: str) -> list[tuple[str, ...]]:
        """Document number in the segment → that document's values of `fieldname`."""
        reader = segment_searcher.reader()
        segment = reader.segment()  # None for a reader that is no single segment's
        key = (segment.segment_id(), fieldname) if segment is not None else None
        if key is not None:
            with self._lock:
                found = self._lists.get(key)
                if found is not None:
                    self._lists.move_to_end(key)
                    return found
        field = segment_searcher.schema[fieldname]
        values: list[list[str]] = [[] for _ in range(segment_searcher.doc_count_all())]
        for btext in field.sortable_terms(reader, fieldname):
            text = field.from_bytes(btext)
            for docid in reader.postings(fieldname, btext).all_ids():
                values[docid].append(text)
        built = [tuple(v) for v in values]
        if key is None:
            return built
        with self._lock:
            self._lists[key] = built
            while len(self._lists) > self.max_segments * 16:  # 16 facet fields at most
                self._lists.popitem(last=False)
        return built


class _Categorizer(sorting.Categorizer):
    allow_overlap = True

    def __init__(self, fieldname: str, cache: SegmentValues) -> None:
        self._fieldname = fieldname
        self._cache = cache
        self._values: list[tuple[str, ...]] = []

    def set_searcher(self, segment_searcher: Any, docoffset: int) -> None:
        self._values = self._cache.lists(segment_searcher, self._fieldname)

    def keys_for(self, matcher: Any, docid: int) -> tuple[str, ...]:
        return self._values[docid]

    def key_for(self, matcher: Any, segment_docnum: int) -> str | None:
        values = self._values[segment_docnum]
        return values[0] if values else None


class CachedFieldFacet(sorting.FieldFacet):
    """A multi-valued field facet whose per-segment value lists come from `cache`."""

    def __init__(self, fieldname: str, cache: SegmentValues) -> None:
        super().__init__(fieldname, allow_overlap=True)
        self.cache = cache

    def categorizer(self, global_searcher: Any) -> sorting.Categorizer:
        return _Categorizer(self.fieldname, self.cache)


__all__ = ["MAX_SEGMENTS", "CachedFieldFacet", "SegmentValues"]
