"""The settings of one ingest run: the per-document settings every document gets, plus the run's
own (workers, pruning, commit batches)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pipeline.options import DEFAULT_TIMEOUT, ProcessOptions

# A commit costs tantivy about as much for 10 documents as for 50 (benchmarks/bench_writer.py:
# 14,000 against 38,000 entries/s; Whoosh the same either way), so batches are bounded by time
# more than by count: a crash still loses at most the documents of the last COMMIT_SECONDS.
COMMIT_DOCUMENTS = 50  # commit after this many finished documents …
COMMIT_SECONDS = 2.0  # … or this long after the oldest uncommitted one, whichever comes first
# At most this many batches of finished documents wait for the writer; one commit takes them
# all when the index falls behind. 4 × 50 documents held in memory at most, as 20 × 10 were.
QUEUED_BATCHES = 4
# The address space one worker may take: a worker with the language model loaded uses about
# 0.8 GiB of it, the rest is room for a large scanned page; a file that needs more fails alone.
DEFAULT_MAX_MEMORY = 3 << 29  # 1.5 GiB


@dataclass(frozen=True)
class IngestOptions(ProcessOptions):
    """Settings of one ingest run.

    The fields of :class:`~pipeline.options.ProcessOptions` (OCR mode, passwords, pixel limit,
    dpi, timeout, tagging) travel as they are to every document; `ocr_jobs` None lets the run
    share the CPUs out among the documents in flight.
    """

    timeout: float | None = DEFAULT_TIMEOUT  # seconds per document; None: no limit
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    prune: bool = False
    max_memory: int | None = DEFAULT_MAX_MEMORY  # bytes of address space per worker; None: no cap
    commit_documents: int = COMMIT_DOCUMENTS
    commit_seconds: float = COMMIT_SECONDS
    # Where documents run: "local" worker processes, or "dask" tasks on the cluster whose
    # scheduler is at `address` (archive.ingest.executors).
    executor: str = "local"
    address: str | None = None


__all__ = [
    "COMMIT_DOCUMENTS",
    "COMMIT_SECONDS",
    "DEFAULT_MAX_MEMORY",
    "QUEUED_BATCHES",
    "IngestOptions",
]
