"""After an ingest: the summary a person reads, the `--json` figures, the failure report.

Functions of the run's result only; they load no part of the pipeline or the index.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.cli.sanitize import one_line, shown_path

if TYPE_CHECKING:
    from rich.table import Table

    from archive.ingest import FileOutcome, IngestResult

REPORT_NAME = "last-ingest-report.json"
REPORT_VERSION = 1


def failure_line(outcome: FileOutcome) -> str:
    """One line per failed file: path (escaped, so that a newline in a name cannot forge a
    line), reason and message, and what to do about it."""
    line = f"{shown_path(outcome.path)}: {outcome.reason}: {one_line(outcome.message)}"
    return f"{line} (hint: {one_line(outcome.hint)})" if outcome.hint else line


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
    from rich.table import Table

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
    from archive.atomic import atomic_write_json

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
    atomic_write_json(path, data, indent=2)
    return path


__all__ = ["REPORT_NAME", "failure_line", "summary_dict", "summary_table", "write_report"]
