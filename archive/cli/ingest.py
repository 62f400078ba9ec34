"""`archive ingest`: the command line of the batch runner."""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archive.cli.app import IndexOption, app, epilog
from archive.cli.report import REPORT_NAME
from archive.cli.sanitize import shown_path
from archive.config import resolve_index_dir
from pipeline.errors import ArchiveError, ExitCode, IndexUnavailableError, UsageError
from pipeline.options import DECODE_FACTOR, DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT, OcrMode

if TYPE_CHECKING:
    from archive.ingest import IngestResult


# Seconds an ingest waits for another process's commit before it names the holder and stops.
WRITE_LOCK_WAIT = 10.0
DEFAULT_MAX_MEMORY_TEXT = "1.5G"  # archive.ingest.options.DEFAULT_MAX_MEMORY, as typed
MIN_MEMORY = 256 << 20  # below this a worker cannot even load the PDF libraries


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
            help="Documents processed in parallel. [default: the CPU count]",
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
            help="Largest page image (width × height) OCR'd. A larger page is downsampled (a "
            f"PNG or TIFF file only up to {DECODE_FACTOR}× the limit), or fails as 'too-large' "
            "where that would make it illegible. "
            f"[default: {DEFAULT_MAX_PIXELS:_}]".replace("_", " "),
            show_default=False,
        ),
    ] = None,
    max_memory: Annotated[
        str,
        typer.Option(
            "--max-memory",
            help="Memory (address space) one worker may use, such as 1.5G or 800M; a file "
            "that needs more fails as 'memory' (exceeds the memory limit) and the run goes on. "
            "0: no limit.",
            metavar="SIZE",
        ),
    ] = DEFAULT_MAX_MEMORY_TEXT,
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
            help=f"Where to write the JSON report of failures. [default: <index>/{REPORT_NAME}]",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    backend: Annotated[
        str | None,
        typer.Option(
            "--backend",
            help="Search engine of the index: whoosh or tantivy. Stored in the index directory, "
            "so later commands follow it; switching rebuilds the index from the records. "
            "[default: the index's own, else whoosh]",
            show_default=False,
        ),
    ] = None,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            help="Where documents are processed: local worker processes, or dask: tasks on the "
            "Dask cluster at --address (this process still writes the index).",
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option(
            "--address",
            help="The cluster's scheduler, with --executor dask: tcp://HOST:8786.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Ingest PDF minutes (born-digital or scanned) from files and folders into the index.

    Files are keyed by content: unchanged files are skipped, changed files replace their old
    entries, and moved files are recognised without being read again, so running the same
    ingest twice changes nothing. A killed ingest loses at most the last few seconds of work;
    the next run finishes the rest. A bad file never stops the run: it is listed with its
    reason, the run ends with a summary table, and the failures are written to a JSON report.
    Ctrl-C or SIGTERM commits what is finished, writes the report and ends with 130 or 143.
    """
    # The runner, the index, the pipeline and rich load only now, not for `--help`.
    from archive.cli.common import print_json
    from archive.cli.console import console
    from archive.cli.progress import FailuresOnly, PlainLog, RichProgress
    from archive.cli.render import render_error
    from archive.cli.report import summary_dict, summary_table, write_report
    from archive.index import Archive
    from archive.ingest import IngestOptions, ingest_lock, run_ingest

    index_dir = resolve_index_dir(index)
    report_path = report or index_dir / REPORT_NAME
    limits = {"max_pixels": max_pixels} if max_pixels else {}
    if executor not in ("local", "dask") or (executor == "dask" and not address):
        raise UsageError(
            f"--executor {executor}: use local, or dask with the scheduler's --address",
            hint="--executor dask --address tcp://127.0.0.1:8786",
        )
    options = IngestOptions(
        workers=workers or os.cpu_count() or 1,
        ocr=ocr,
        passwords=tuple(password or ()),
        tag=tag,
        prune=prune,
        timeout=timeout or None,
        max_memory=parse_size(max_memory),
        executor=executor,
        address=address,
        **limits,
    )
    err = console(stderr=True)
    out = console()

    signals = _Signals()
    try:
        with (
            _sigterm_as_interrupt() as signals,
            ingest_lock(index_dir),
            Archive(index_dir, lock_timeout=WRITE_LOCK_WAIT, backend=backend) as archive,
        ):
            if quiet:
                result = run_ingest(paths, archive, options, observer=FailuresOnly(err))
            elif err.is_terminal and not err.is_dumb_terminal:
                with RichProgress(err) as progress:
                    result = run_ingest(paths, archive, options, observer=progress)
            else:
                result = run_ingest(paths, archive, options, observer=PlainLog(err))
            # From here on the run is over: a signal no longer cuts the report short.
            _ignore_signals()
            damaged = archive.damaged_records()
            repaired = archive.store.repaired
    except ArchiveError as exc:
        render_error(err, exc.message, exc.hint or None)
        raise typer.Exit(int(exc.exit_code)) from exc
    except FileNotFoundError as exc:  # a path gone between the command line and the walk
        render_error(err, f"no such file or folder: {shown_path(exc.filename or exc.args[0])}")
        raise typer.Exit(int(ExitCode.USAGE)) from exc
    except OSError as exc:  # the index directory: permissions, a full disk
        error = IndexUnavailableError(f"{exc.strerror or exc} ({shown_path(exc.filename or '')})")
        render_error(
            err, error.message, f"Check that {shown_path(index_dir)} is writable and has space."
        )
        raise typer.Exit(int(error.exit_code)) from exc
    except KeyboardInterrupt as exc:  # before the run began: nothing to keep
        err.print("Interrupted before any file was read.", style="yellow")
        code = ExitCode.TERMINATED if signals.terminated else ExitCode.INTERRUPTED
        raise typer.Exit(int(code)) from exc

    for record in damaged:
        err.print(
            f"Warning: skipped the damaged record {shown_path(record.path)} ({record.reason}); "
            f"to recover it, {record.recovery}",
            style="yellow",
            markup=False,
        )
    if repaired:
        noun = "record" if len(repaired) == 1 else "records"
        err.print(f"Restored {len(repaired)} damaged {noun} by reading their sources again.")

    try:
        write_report(result, report_path, index_dir=index_dir, argv=redacted(sys.argv[1:]))
    except OSError as exc:
        err.print(
            f"warning: cannot write the report {shown_path(report_path)}: {exc.strerror or exc}",
            style="yellow",
            markup=False,
        )
        report_path = None

    if json_output:
        summary = summary_dict(result, index_dir=index_dir, report=report_path)
        print_json(summary)
    elif not quiet:
        out.print(summary_table(result))
        if result.failed and report_path:
            out.print(f"Failures are listed in {shown_path(report_path)}", markup=False)
    if result.error is not None:
        error = _stop_error(result.error, index_dir)
        render_error(err, error.message, error.hint or None)
        raise typer.Exit(int(error.exit_code))
    if result.interrupted:
        how = " by SIGTERM" if signals.terminated else ""
        err.print(
            f"Interrupted{how}: what was finished is kept; run the same command again to finish.",
            style="yellow",
        )
    raise typer.Exit(int(exit_code(result, terminated=signals.terminated)))


def _stop_error(exc: BaseException, index_dir: Path) -> ArchiveError:
    """What stopped a run early (a commit that failed), as an error with an exit code."""
    if isinstance(exc, ArchiveError):
        return exc
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return IndexUnavailableError(
            f"the run stopped: no space left on the device of {shown_path(index_dir)}",
            hint="Free some space and run the same command again: what was committed is kept.",
        )
    if isinstance(exc, OSError):
        return IndexUnavailableError(
            f"the run stopped: cannot write the archive ({exc.strerror or exc})",
            hint=f"Check that {shown_path(index_dir)} is writable, then run the command again.",
        )
    return IndexUnavailableError(f"the run stopped: {type(exc).__name__}: {exc}")


def parse_size(text: str) -> int | None:
    """`1.5G`, `800M`, `2GiB`, `1073741824` → bytes; `0` or `none` → None (no limit)."""
    value = text.strip().lower().replace(" ", "").removesuffix("ib").removesuffix("b")
    if value in ("0", "none", "unlimited", ""):
        return None
    scale = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}.get(value[-1:], 1)
    number = value[:-1] if scale > 1 else value
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise UsageError(
            f"--max-memory: {text!r} is no size", hint="--max-memory 1.5G (or 800M, or 0)"
        ) from None
    if size < MIN_MEMORY:
        raise UsageError(
            f"--max-memory: {text!r} is too little for a worker (at least {MIN_MEMORY >> 20} MiB)"
        )
    return size


def _ignore_signals() -> None:
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, signal.SIG_IGN)


__all__ = ["exit_code", "ingest", "redacted"]
