"""The single writer of an ingest: a thread that commits finished documents in batches.

A commit (JSON records, then one index commit) takes a while; in a thread of its own the workers
keep getting documents meanwhile. Documents that finish during a commit wait for the next one,
so batches grow when the index is the bottleneck, and shrink back when not. A crash loses at most
the last few seconds of work, and a search running meanwhile sees the batches already committed.

A document's outcome travels with it and is handed back only once its commit is done, so what a
run reports as ingested is in the index, also when the run is stopped halfway.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from archive.index.backend import Prepared
from archive.ingest.observer import Observer
from archive.ingest.options import QUEUED_BATCHES, IngestOptions
from archive.ingest.outcomes import FileOutcome, IngestResult
from archive.ingest.signals import signals_held


class IndexLike(Protocol):
    """The part of :class:`archive.index.Archive` an ingest writes through."""

    directory: Path  # never walked as a source, even when it lies inside one

    @property
    def prepare(self) -> Any: ...  # the backend's pure `prepare`, run in the workers
    def add_prepared(self, batch: Iterable[Prepared]) -> int: ...
    def remove(self, shas: Iterable[str]) -> Any: ...
    def relocate(self, sha256: str, new_source: str) -> Any: ...
    def known(self) -> dict[str, str]: ...
    def recover(self) -> Any: ...


class Writer:
    """The single writer: a thread that commits finished documents in batches (see the
    module docstring)."""

    def __init__(self, index: IndexLike, options: IngestOptions, result: IngestResult) -> None:
        self.index, self.options, self.result = index, options, result
        self._batch: list[tuple[Prepared, FileOutcome]] = []
        self._stale: list[str] = []
        self._oldest = 0.0
        self._commits: list[list[FileOutcome]] = []  # commits not yet reported
        self._lost: list[FileOutcome] = []  # outcomes of a commit that failed
        self.reported = 0
        self._error: BaseException | None = None
        self._closing = False
        self._cond = threading.Condition()
        self._finished = threading.Event()  # set when the thread's last commit is over
        self._thread = threading.Thread(target=self._run, name="archive-writer", daemon=True)
        self._thread.start()

    def add(self, prepared: Prepared, stale: Sequence[str], outcome: FileOutcome) -> None:
        """Queue a finished document and its outcome; waits while too many are queued
        already. Raises the writer's error once a commit has failed."""
        with self._cond:
            # Back-pressure: when the index cannot keep up, stop taking results rather than
            # hold an unbounded number of documents in memory.
            limit = QUEUED_BATCHES * self.options.commit_documents
            self._cond.wait_for(lambda: len(self._batch) < limit or self._error is not None)
            self._raise()
            if not self._batch:
                self._oldest = time.monotonic()
            self._batch.append((prepared, outcome))
            self._stale.extend(stale)
            self._cond.notify_all()

    def check(self) -> None:
        """Raise the writer's error if a commit failed."""
        with self._cond:
            self._raise()

    def close(self) -> None:
        """Commit what is queued and stop the thread. A failed commit is not raised here: see
        :attr:`error` and :meth:`lost`."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        # Not Thread.join() alone: a signal raised as an exception (Ctrl-C, SIGTERM) during
        # join can leave the thread marked stopped while it still commits (CPython 3.11), and
        # the next join then returns at once: the process would exit in the middle of the
        # last commit. An interrupted wait on the event can simply be waited on again.
        self._finished.wait()
        self._thread.join()

    @property
    def error(self) -> BaseException | None:
        """What made a commit fail (a full disk), if one did."""
        return self._error

    def lost(self) -> list[FileOutcome]:
        """The outcomes of documents processed but not committed, because a commit failed."""
        with self._cond:
            return self._lost + [outcome for _, outcome in self._batch]

    def report(self, observer: Observer) -> None:
        """Record the outcomes of the commits done since the last call and tell the observer,
        from the calling (main) thread: each file, then the commit. A signal meanwhile waits
        for the end, so every committed file is reported, and once."""
        with signals_held():
            with self._cond:
                commits, self._commits = self._commits, []
            for outcomes in commits:
                for outcome in outcomes:
                    self.result.outcomes.append(outcome)
                    observer.finished(outcome)
                self.reported += len(outcomes)
                observer.committed(len(outcomes), self.reported)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _due(self) -> bool:
        if not self._batch:
            return self._closing
        if self._closing or len(self._batch) >= self.options.commit_documents:
            return True
        return time.monotonic() >= self._oldest + self.options.commit_seconds

    def _run(self) -> None:
        try:
            self._loop()
        finally:
            self._finished.set()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._due():
                    wait = self._oldest + self.options.commit_seconds - time.monotonic()
                    self._cond.wait(wait if self._batch else None)
                if not self._batch:
                    return
                batch, stale = self._batch, self._stale
                self._batch, self._stale = [], []
                self._cond.notify_all()
            try:
                self.index.add_prepared(prepared for prepared, _ in batch)
                if stale:
                    # After the add: a crash in between leaves the old version too, never
                    # neither.
                    self.index.remove(stale)
            except BaseException as exc:
                with self._cond:
                    self._error = exc
                    self._lost.extend(outcome for _, outcome in batch)
                    self._cond.notify_all()
                return
            with self._cond:
                self.result.committed += len(batch)
                self.result.replaced += len(stale)
                self._commits.append([outcome for _, outcome in batch])


__all__ = ["IndexLike", "Writer"]
