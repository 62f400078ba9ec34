"""What a run tells whoever watches it: the plan, each file as it starts and ends, commits."""

from __future__ import annotations

from pathlib import Path

from archive.ingest.outcomes import FileOutcome
from archive.ingest.plan import Plan


class Observer:
    """Receives the run's events; the command line shows them as a progress bar or log lines."""

    def planned(self, plan: Plan) -> None:
        """The plan is ready; `plan.tasks` documents will be processed."""

    def started(self, path: Path) -> None:
        """A worker took `path`."""

    def finished(self, outcome: FileOutcome) -> None:
        """A file is done: processed, failed, skipped, relocated."""

    def committed(self, documents: int, total: int) -> None:
        """`documents` were written to the index; `total` so far in this run."""


__all__ = ["Observer"]
