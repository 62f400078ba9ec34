"""How an ingest shows itself while it runs: a progress display on a terminal, plain log lines
in a pipe, only the failures with `--quiet`.

Progress and per-file lines go to stderr, so that `--json` can keep stdout for the summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from archive.cli.report import failure_line
from archive.cli.sanitize import one_line, shown_path
from archive.ingest import FileOutcome, Observer
from archive.ingest.plan import Plan


def outcome_line(outcome: FileOutcome) -> str:
    """One plain log line for a finished file."""
    if outcome.status == "failed":
        return f"FAILED  {failure_line(outcome)}"
    if outcome.status == "ok":
        facts = [f"{outcome.pages} pages"]
        if outcome.ocr_pages:
            facts.append(f"{outcome.ocr_pages} OCR")
        facts.append(f"{outcome.entries} entries" if outcome.items else "no minutes table")
        facts.append(f"{outcome.seconds:.1f} s")
        if outcome.message:  # how it was read: "repaired by qpdf"
            facts.append(one_line(outcome.message))
        return f"ok      {shown_path(outcome.path)} ({', '.join(facts)})"
    detail = f": {one_line(outcome.message)}" if outcome.message else ""
    return f"{outcome.status:<7} {shown_path(outcome.path)} ({outcome.reason}{detail})"


def _quiet_skip(outcome: FileOutcome) -> bool:
    # A re-run over a large archive skips thousands of unchanged files; one line each is noise.
    return outcome.status == "skipped" and outcome.reason == "unchanged"


class PlainLog(Observer):
    """Log lines for a log file or a pipe: one per file, and one per commit."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.total = 0
        self.count = 0

    def _print(self, line: str) -> None:
        # No markup, no highlighting, no wrapping: a log line is greppable text.
        self.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def planned(self, plan: Plan) -> None:
        self.total = len(plan.tasks) + len(plan.done)
        moved, pruned = len(plan.relocations), len(plan.prune)
        self._print(
            f"ingest: {self.total} files, {len(plan.tasks)} to process, "
            f"{moved} moved, {pruned} to prune"
        )

    def finished(self, outcome: FileOutcome) -> None:
        self.count += 1
        if not _quiet_skip(outcome):
            self._print(f"[{self.count}/{self.total}] {outcome_line(outcome)}")

    def committed(self, documents: int, total: int) -> None:
        noun = "document" if documents == 1 else "documents"
        self._print(f"committed {documents} {noun} ({total} in this run)")


class FailuresOnly(Observer):
    """`--quiet`: nothing but the failure lines."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def finished(self, outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            self.console.print(outcome_line(outcome), markup=False, highlight=False, soft_wrap=True)


class _FileProgress(Progress):
    """A progress display with the files being processed listed under the bars."""

    def __init__(self, *columns: Any, **kwargs: Any) -> None:
        self.current: dict[str, float] = {}  # file name → when a worker took it
        super().__init__(*columns, **kwargs)

    def get_renderables(self) -> Iterable[RenderableType]:
        yield self.make_tasks_table(self.tasks)
        now = time.monotonic()
        for name, since in list(self.current.items())[:8]:
            yield Text.assemble(("  ▸ ", "cyan"), name, (f"  {now - since:.0f} s", "dim"))


class RichProgress(Observer):
    """A progress bar over files and pages, the current files, failures printed above it."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = _FileProgress(
            TextColumn("[bold]{task.description:<6}"),
            BarColumn(),
            TextColumn("{task.fields[count]:>11}"),
            TextColumn("{task.fields[detail]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.files = self.progress.add_task("Files", total=None, count="", detail="")
        self.pages = self.progress.add_task("Pages", total=None, count="0", detail="")
        self.done = 0
        self.total = 0
        self.page_count = 0
        self.ocr_pages = 0
        self.committed_docs = 0
        self.clock = time.monotonic()

    def __enter__(self) -> RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.current.clear()
        self.progress.stop()

    def planned(self, plan: Plan) -> None:
        self.total = len(plan.tasks) + len(plan.done)
        self.progress.update(self.files, total=self.total, count=f"0/{self.total}")

    def started(self, path: Path) -> None:
        self.progress.current[shown_path(path.name)] = time.monotonic()
        self.progress.refresh()

    def finished(self, outcome: FileOutcome) -> None:
        self.progress.current.pop(shown_path(Path(outcome.path).name), None)
        if outcome.status == "failed":
            self.console.print(
                f"[red]FAILED[/] {escape(failure_line(outcome))}", highlight=False, soft_wrap=True
            )
        self.page_count += outcome.pages
        self.ocr_pages += outcome.ocr_pages
        rate = self.page_count / max(1e-6, time.monotonic() - self.clock)
        self.progress.update(
            self.pages,
            completed=self.page_count,
            count=str(self.page_count),
            detail=f"{self.ocr_pages} OCR · {rate:.1f} pages/s",
        )
        self.done += 1
        self.progress.update(
            self.files,
            completed=self.done,
            count=f"{self.done}/{self.total}",
            detail=f"{self.committed_docs} committed",
        )

    def committed(self, documents: int, total: int) -> None:
        self.committed_docs = total
        self.progress.update(self.files, detail=f"{total} committed")


__all__ = ["FailuresOnly", "PlainLog", "RichProgress", "outcome_line"]
