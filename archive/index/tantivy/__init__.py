"""The tantivy search backend (:class:`TantivyBackend`); nothing of tantivy leaves this folder.

Chosen per index: `archive ingest --backend tantivy` (or ``ARCHIVE_BACKEND=tantivy``); the
archive remembers the choice in its directory, so later commands follow it.
"""

from archive.index.tantivy.backend import TantivyBackend

BACKEND = TantivyBackend

__all__ = ["BACKEND", "TantivyBackend"]
