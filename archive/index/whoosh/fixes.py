"""Two targeted fixes to Whoosh, applied when the index module loads: one to its segment
writer, one to its count of matches.

While a commit writes postings, Whoosh asks the new segment for every posting's field length;
for fields that store no lengths (IDs, keywords) it checks the disk for the missing column file
each time. On this schema that is a `stat()` per posting and half of the commit time. The fix
remembers that a column is absent, which cannot change while a reader is open.
"""

from __future__ import annotations

from typing import Any

from whoosh import collectors
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


def apply() -> None:
    """Install the fixes (idempotent)."""
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
    collectors.TopCollector.computes_count = _computes_count
