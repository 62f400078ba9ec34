"""How an ingest shows itself: progress while it runs, a summary and a failure report after.

Progress and per-file lines go to stderr, so that `--json` can keep stdout for the summary.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime
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
from rich.table import Table
from rich.text import Text

from archive.outcomes import FileOutcome, IngestResult, Observer
from archive.plan import Plan

REPORT_NAME = "last-ingest-report.json"
REPORT_VERSION = 1


def failure_line(outcome: FileOutcome) -> str:
    """One line per failed file: path, reason and message, and what to do about it."""
    line = f"{outcome.path}: {outcome.reason}: {outcome.message}"
    return f"{line} (hint: {outcome.hint})" if outcome.hint else line


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
        return f"ok      {outcome.path} ({', '.join(facts)})"
    detail = f": {outcome.message}" if outcome.message else ""
    return f"{outcome.status:<7} {outcome.path} ({outcome.reason}{detail})"


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
        self.progress.current[path.name] = time.monotonic()
        self.progress.refresh()

    def finished(self, outcome: FileOutcome) -> None:
        self.progress.current.pop(Path(outcome.path).name, None)
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


# --- after the run ------------------------------------------------------------------------


def summary_dict(
    result: IngestResult, *, index_dir: Path | None = None, report: Path | None = None
) -> dict[str, Any]:
    """The run's figures as plain data: the `--json` output and the report's summary."""
    return {
        "index": str(index_dir) if index_dir else None,
        "files": {
            "ok": result.ok,
            "no_table": result.no_table,
            "moved": result.moved,
            "skipped": result.skipped,
            "failed": result.failed,
            "ignored": result.ignored,
        },
        "skipped": result.skip_reasons(),
        "pruned": result.pruned,
        "replaced": result.replaced,
        "pages": result.pages,
        "ocr_pages": result.ocr_pages,
        "entries": result.entries,
        "seconds": round(result.seconds, 3),
        "interrupted": result.interrupted,
        "report": str(report) if report else None,
        "failures": [_failure_dict(o) for o in result.failures],
    }


def _failure_dict(outcome: FileOutcome) -> dict[str, str]:
    return {
        "path": outcome.path,
        "reason": outcome.reason,
        "message": outcome.message,
        "hint": outcome.hint,
    }


def summary_table(result: IngestResult) -> Table:
    """The summary a person reads at the end of a run."""
    table = Table(title="Ingest summary", show_header=False, title_justify="left", box=None)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column(style="dim")

    no_table = f"{result.no_table} without a minutes table" if result.no_table else ""
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(result.skip_reasons().items()))
    rate = result.pages / result.seconds if result.seconds > 0 else 0.0
    rows = [
        ("Files ok", result.ok, no_table),
        ("Files moved", result.moved, "recognised by content, not re-read"),
        ("Files skipped", result.skipped, skipped),
        ("Files failed", result.failed, "see the lines above and the report"),
        ("Entries pruned", result.pruned, "their files are gone"),
        ("Pages", result.pages, f"{result.ocr_pages} OCR pages"),
        ("Entries", result.entries, ""),
        ("Time", f"{result.seconds:.1f} s", f"{rate:.1f} pages/s"),
    ]
    for label, value, note in rows:
        style = "red" if label == "Files failed" and value else None
        table.add_row(label, str(value), note if value else "", style=style)
    return table


def write_report(
    result: IngestResult,
    path: Path,
    *,
    index_dir: Path | None = None,
    argv: list[str] | None = None,
) -> Path:
    """Write the failures report (JSON) atomically: a crash never leaves half a report."""
    data = {
        "version": REPORT_VERSION,
        "started": result.started.isoformat(timespec="seconds"),
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": argv,
        "summary": {
            k: v
            for k, v in summary_dict(result, index_dir=index_dir).items()
            if k not in ("failures", "report")
        },
        "failures": [_failure_dict(o) for o in result.failures],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
