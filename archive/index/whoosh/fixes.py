"""One targeted fix to Whoosh's segment writer, applied when the index module loads.

While a commit writes postings, Whoosh asks the new segment for every posting's field length;
for fields that store no lengths (IDs, keywords) it checks the disk for the missing column file
each time. On this schema that is a `stat()` per posting and half of the commit time. The fix
remembers that a column is absent, which cannot change while a reader is open.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3


def _cached_reader(self: Any, fieldname: str, column: Any) -> Any:
    try:
        return self._readers[fieldname]
    except KeyError:
        pass
    reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
    self._readers[fieldname] = reader
    return reader


def apply() -> None:
    """Install the fix (idempotent)."""
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
