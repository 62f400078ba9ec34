"""Batch ingest: files and folders → worker processes → one writer committing to the archive.

    result = run_ingest([folder], Archive(index_dir), IngestOptions(workers=2))

Nothing here prints; :mod:`archive.cli.ingest` shows a run and turns it into an exit code.
"""

from archive.ingest.observer import Observer
from archive.ingest.options import IngestOptions
from archive.ingest.outcomes import FileOutcome, IngestResult
from archive.ingest.runner import ingest_lock, run_ingest

__all__ = ["FileOutcome", "IngestOptions", "IngestResult", "Observer", "ingest_lock", "run_ingest"]
