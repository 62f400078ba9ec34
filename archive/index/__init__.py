"""The archive's index: JSON records, a search backend behind one seam, and the query language.

    with Archive(directory) as archive:
        result = archive.search('soort:actie eigenaar:DPG', filters=Filters(since=...))

Callers use :class:`Archive` and the plain data below; the search engine stays behind
:class:`~archive.index.backend.SearchBackend` (its own folder, `archive/index/whoosh/`). Importing
this package loads no search engine: the backend loads when an :class:`Archive` opens.
"""

from archive.index.archive import Archive, index_exists
from archive.index.backend import FACETS, SearchBackend
from archive.index.contract import RECORD_KEYS, SCHEMA_VERSION
from archive.index.query import KIND_LABELS, Filters, QuerySyntaxError
from archive.index.search import Hit, SearchResult
from archive.index.snippets import MARK
from archive.index.stats import IndexStats
from pipeline.errors import IndexLockedError, IndexUnavailableError

__all__ = [
    "FACETS",
    "KIND_LABELS",
    "MARK",
    "RECORD_KEYS",
    "SCHEMA_VERSION",
    "Archive",
    "Filters",
    "Hit",
    "IndexLockedError",
    "IndexStats",
    "IndexUnavailableError",
    "QuerySyntaxError",
    "SearchBackend",
    "SearchResult",
    "index_exists",
]
