"""What is in an archive, in numbers (`archive stats`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class IndexStats:
    """Counts over the records and the index of one archive."""

    directory: str
    schema_version: int
    meetings: int = 0
    entries: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    items: int = 0
    pages: int = 0
    ocr_pages: int = 0
    needs_review: list[dict[str, Any]] = field(default_factory=list)
    without_table: int = 0  # documents without a minutes table, indexed page by page
    page_documents: int = 0
    indexed_documents: int = 0
    indexed_meetings: int = 0  # sources with documents in the search index
    damaged_records: int = 0  # records that cannot be read (skipped, listed with a warning)
    first_date: str | None = None
    last_date: str | None = None
    records_bytes: int = 0
    index_bytes: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data, for `--json`."""
        return asdict(self)


__all__ = ["IndexStats"]
