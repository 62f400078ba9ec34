"""Python's cyclic garbage collector, tuned for an ingest.

A document makes and drops some hundred thousand small objects (words, lines, entities,
postings), nearly all freed by reference counting alone. With the default thresholds the
collector runs every 700 allocations and again and again walks the long-lived heap: the
language model, the word tables, the index's schema. That walking, not the freeing, cost about
a seventh of a text page's time, and three quarters of unpickling a worker's result in the
ingesting process. Frozen after start-up, the long-lived objects are never walked again, and
collections every 10,000 allocations still free a document's cycles soon after it ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# Allocations between two young collections, and collections of each generation before the
# next older one is collected (the defaults are 700, 10, 10).
INGEST_THRESHOLDS = (10_000, 10, 10)


def tune_for_ingest() -> None:
    """Freeze what this process holds now (what it loaded to start) and collect less often.

    For a process that only ingests, such as a worker once warmed up: the settings are kept
    for the rest of its life.
    """
    gc.collect()  # start-up's own garbage is freed now, not kept frozen
    gc.freeze()
    gc.set_threshold(*INGEST_THRESHOLDS)


@contextlib.contextmanager
def tuned_for_ingest() -> Iterator[None]:
    """:func:`tune_for_ingest` for the duration of the block, then the collector as it was
    (the ingesting process may be a long-lived one: a test run, a server)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*INGEST_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


__all__ = ["INGEST_THRESHOLDS", "tune_for_ingest", "tuned_for_ingest"]
