"""`archive ingest`: the command line of the batch runner."""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from archive.cli.app import IndexOption, app, epilog
from archive.cli.render import render_error
from archive.cli.report import REPORT_NAME, summary_dict, summary_table, write_report
from archive.config import resolve_index_dir
from pipeline.errors import ArchiveError, ExitCode, IndexUnavailableError
from pipeline.options import DEFAULT_TIMEOUT, OcrMode

if TYPE_CHECKING:
    from archive.ingest import IngestResult


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C: what is finished is kept."""


class _Signals:
    terminated = False


@contextmanager
def _sigterm_as_interrupt() -> Iterator[_Signals]:
    """SIGTERM raises :class:`Terminated` in the main thread, as Ctrl-C raises
    KeyboardInterrupt, so a run stopped either way commits what is finished."""
    seen = _Signals()

    def handler(signum: int, frame: Any) -> None:
        seen.terminated = True
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield seen
    finally:
        signal.signal(signal.SIGTERM, previous)


def redacted(argv: list[str]) -> list[str]:
    """The command line with password values blanked, fit for a report file."""
    out: list[str] = []
    hide = False
    for arg in argv:
        if hide:
            out.append("***")
            hide = False
        elif arg == "--password":
            out.append(arg)
            hide = True
        elif arg.startswith("--password="):
            out.append("--password=***")
        else:
            out.append(arg)
    return out


def exit_code(result: IngestResult, *, terminated: bool = False) -> ExitCode:
    """The exit code of a finished run."""
    if result.interrupted:
        return ExitCode.TERMINATED if terminated else ExitCode.INTERRUPTED
    return ExitCode.SOME_FAILED if result.failed else ExitCode.OK


@app.command("ingest", epilog=epilog())
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="PDF files and folders; folders are searched recursively. The type of a file "
            "is read from its content; hidden and temporary files (.*, ~$*, *.tmp, *.part) are "
            "skipped.",
            exists=True,
            show_default=False,
            metavar="PATH",
        ),
    ],
    index: IndexOption = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Documents processed in parallel. \\[default: the CPU count]",
            show_default=False,
        ),
    ] = None,
    ocr: Annotated[
        OcrMode,
        typer.Option(
            case_sensitive=False,
            help="auto: OCR pages without a usable text layer; always: OCR every page; "
            "never: use text layers only.",
        ),
    ] = OcrMode.AUTO,
    password: Annotated[
        list[str] | None,
        typer.Option(
            "--password",
            help="Password for encrypted PDFs; repeat it to try several. Used only on files "
            "that do not open without one.",
            show_default=False,
        ),
    ] = None,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Remove index entries whose source files are gone."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            help="Seconds one document may take before its worker is stopped and the file "
            "counted as failed; 0: no limit.",
        ),
    ] = DEFAULT_TIMEOUT,
    max_pixels: Annotated[
        int | None,
        typer.Option(
            "--max-pixels",
            min=1,
            help="Largest page image (width × height) rendered for OCR; a larger page is "
            "downsampled, or fails as 'too-large' when that would make it illegible. "
            "\\[default: the pipeline's limit]",
            show_default=False,
        ),
    ] = None,
    tag: Annotated[
        bool,
        typer.Option(
            "--tag/--no-tag", help="Tag dates, roles and places with the Dutch language model."
        ),
    ] = True,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only the failed files: no progress, no summary."),
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help=f"Where to write the JSON report of failures. \\[default: <index>/{REPORT_NAME}]",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Ingest PDF minutes (born-digital or scanned) from files and folders into the index.

    Files are keyed by content: unchanged files are skipped, changed files replace their old
    entries, and moved files are recognised without being read again, so running the same
    ingest twice changes nothing. A killed ingest loses at most the last few seconds of work;
    the next run finishes the rest. A bad file never stops the run: it is listed with its
    reason, the run ends with a summary table, and the failures are written to a JSON report.
    """
    # The runner, the index and the pipeline load only now, not for `--help`.
    from archive.cli.progress import FailuresOnly, PlainLog, RichProgress
    from archive.index import Archive
    from archive.ingest import IngestOptions, ingest_lock, run_ingest

    index_dir = resolve_index_dir(index)
    report_path = report or index_dir / REPORT_NAME
    limits = {"max_pixels": max_pixels} if max_pixels else {}
    options = IngestOptions(
        workers=workers or os.cpu_count() or 1,
        ocr=ocr,
        passwords=tuple(password or ()),
        tag=tag,
        prune=prune,
        timeout=timeout or None,
        **limits,
    )
    err = Console(stderr=True)
    out = Console()

    signals = _Signals()
    try:
        with (
            _sigterm_as_interrupt() as signals,
            ingest_lock(index_dir),
            Archive(index_dir) as archive,
        ):
            if quiet:
                result = run_ingest(paths, archive, options, observer=FailuresOnly(err))
            elif err.is_terminal and not err.is_dumb_terminal:
                with RichProgress(err) as progress:
                    result = run_ingest(paths, archive, options, observer=progress)
            else:
                result = run_ingest(paths, archive, options, observer=PlainLog(err))
    except ArchiveError as exc:
        render_error(err, exc.message, exc.hint or None)
        raise typer.Exit(int(exc.exit_code)) from exc
    except OSError as exc:  # the index directory: permissions, a full disk
        error = IndexUnavailableError(str(exc))
        render_error(err, error.message, f"check that {index_dir} is writable and has free space")
        raise typer.Exit(int(error.exit_code)) from exc
    except KeyboardInterrupt as exc:  # before any document was processed: nothing to keep
        err.print("[yellow]Interrupted.[/]")
        code = ExitCode.TERMINATED if signals.terminated else ExitCode.INTERRUPTED
        raise typer.Exit(int(code)) from exc

    try:
        write_report(result, report_path, index_dir=index_dir, argv=redacted(sys.argv[1:]))
    except OSError as exc:
        err.print(f"[yellow]warning:[/] cannot write the report {report_path}: {exc}")
        report_path = None

    if json_output:
        summary = summary_dict(result, index_dir=index_dir, report=report_path)
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    elif not quiet:
        out.print(summary_table(result))
        if result.failed and report_path:
            out.print(f"Failures are listed in {report_path}", highlight=False)
        if result.interrupted:
            out.print("[yellow]Interrupted:[/] run the same command again to finish.")
    raise typer.Exit(int(exit_code(result, terminated=signals.terminated)))


__all__ = ["exit_code", "ingest", "redacted"]
