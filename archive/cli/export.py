"""`archive export`: actions, decisions, knelpunten or all entries as CSV, .xlsx or JSON."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO, TextIO

import typer

from archive.cli.app import IndexOption, app, epilog
from archive.cli.common import (
    KindOption,
    MunicipalityOption,
    OrgOption,
    OwnerOption,
    RoleOption,
    SinceOption,
    StatusOption,
    UntilOption,
    err,
    fail,
    make_filters,
    open_archive,
)
from archive.cli.sanitize import shown_path
from pipeline.errors import ExitCode


class ExportWhat(StrEnum):
    actions = "actions"
    decisions = "decisions"
    knelpunten = "knelpunten"
    entries = "entries"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


EXPORT_EXAMPLES = """\
Columns of actions: meeting_date, meeting_title, item_nr, item_title, owner, action, due_date,
source, page. decisions and knelpunten: the same with decision/knelpunt and no due_date.
entries: every kind and field.

Examples:

  archive export actions
  archive export actions --out acties.xlsx
  archive export actions --out acties.csv --excel
  archive export decisions 'opvang' --since 2022-01 --format json
  archive export knelpunten --gemeente Westerwolde
"""


@contextmanager
def _output_file(out: Path) -> Iterator[BinaryIO]:
    """A binary stream into a temporary file beside `out`, renamed over it once complete: a
    failed export (a full disk) leaves no half a file, nor destroys an older one."""
    import tempfile  # here, not for `archive --help`

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name[:40]}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise fail(
            f"cannot write {shown_path(out)}: {exc.strerror or exc}", code=ExitCode.USAGE
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        # mkstemp makes the file 0600; an export is the user's own document.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise fail(
                f"cannot write {shown_path(out)}: {exc.strerror or exc}",
                code=ExitCode.UNAVAILABLE if exc.errno == errno.ENOSPC else ExitCode.USAGE,
            ) from exc
        raise


@contextmanager
def _output(out: Path | None) -> Iterator[BinaryIO]:
    """A binary stream: into the file `out` (written whole or not at all), or standard
    output."""
    if out is not None:
        with _output_file(out) as handle:
            yield handle
        return
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stdout (an embedding program): bytes as UTF-8 text
        stream = io.BytesIO()
        yield stream
        sys.stdout.write(stream.getvalue().decode("utf-8"))
        return
    yield buffer
    buffer.flush()


def _text(stream: BinaryIO) -> TextIO:
    """A UTF-8 text view of `stream` that leaves CRLF alone."""
    return io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)


def _format(fmt: ExportFormat | None, out: Path | None, excel: bool) -> ExportFormat:
    """The format asked for: `--format`, else what the name of `--out` says (.xlsx, .json),
    else CSV."""
    if fmt is None and out is not None:
        suffix = out.suffix.lower()
        if suffix == ".xlsx":
            return ExportFormat.xlsx
        if suffix == ".json" and not excel:
            return ExportFormat.json
    return fmt or ExportFormat.csv


@app.command(epilog=epilog(EXPORT_EXAMPLES))
def export(
    what: Annotated[ExportWhat, typer.Argument(help="actions, decisions, knelpunten or entries.")],
    query: Annotated[
        str | None, typer.Argument(help="Optional query to narrow the export (search syntax).")
    ] = None,
    index: IndexOption = None,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, json or xlsx (an Excel workbook). [default: from the name of --out "
            "(.xlsx, .json), else csv]",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write here instead of standard output; FILE.xlsx writes an Excel workbook.",
            dir_okay=False,
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="CSV for Dutch Excel: semicolons, a UTF-8 BOM, and a ' before any cell that "
            "starts with = + - @ (so that no text becomes a formula).",
        ),
    ] = False,
    kind: KindOption = None,
    owner: OwnerOption = None,
    municipality: MunicipalityOption = None,
    role: RoleOption = None,
    org: OrgOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export actions, decisions, knelpunten or all entries as CSV (RFC 4180, UTF-8), an Excel
    workbook (.xlsx) or JSON."""
    from archive.export import export_records, write_csv, write_json, write_xlsx
    from archive.index import QuerySyntaxError

    if excel and fmt is ExportFormat.json:
        raise fail("--excel is a CSV dialect; leave out --format json.")
    fmt = _format(fmt, out, excel)
    if fmt is ExportFormat.xlsx and out is None and sys.stdout.isatty():
        raise fail("an .xlsx workbook is binary; write it to a file", "--out FILE.xlsx")
    if kind and what is not ExportWhat.entries:
        raise fail(f"--kind only applies to `export entries`; {what.value} have one kind.")
    filters = make_filters(kind, owner, municipality, role, org, status, since, until)
    with open_archive(index, check_records=True) as archive:
        try:
            records = export_records(archive, what.value, query=query, filters=filters)
        except QuerySyntaxError as exc:
            raise fail(f"Bad query: {exc.message}", exc.suggestion) from exc
    with _output(out) as stream:
        if fmt is ExportFormat.xlsx:
            write_xlsx(records, stream, what.value)
        else:
            text = _text(stream)
            if fmt is ExportFormat.json:
                write_json(records, text)
            else:
                write_csv(records, what.value, text, excel=excel)
            text.flush()
            text.detach()
    if out is not None:
        # markup=False: the file name is printed as it is, brackets and all.
        err().print(f"Wrote {len(records)} {what.value} to {shown_path(out)}", markup=False)


__all__ = ["export"]
