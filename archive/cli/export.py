"""`archive export`: actions, decisions, knelpunten or all entries as CSV or JSON."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

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
from pipeline.errors import ExitCode


class ExportWhat(StrEnum):
    actions = "actions"
    decisions = "decisions"
    knelpunten = "knelpunten"
    entries = "entries"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


EXPORT_EXAMPLES = """\
Columns of actions: meeting_date, meeting_title, item_nr, item_title, owner, action, due_date,
source, page. decisions and knelpunten: the same with decision/knelpunt and no due_date.
entries: every kind and field.

[bold]Examples[/bold]

  archive export actions

  archive export actions --out acties.csv --excel

  archive export decisions 'opvang' --since 2022-01 --format json

  archive export knelpunten --gemeente Westerwolde
"""


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    """A UTF-8 text stream that leaves CRLF alone: the file, or standard output."""
    if out is not None:
        try:
            handle = out.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise fail(f"cannot write {out}: {exc.strerror or exc}", code=ExitCode.USAGE) from exc
        with handle:
            yield handle
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        yield sys.stdout
        return
    sys.stdout.flush()
    stream: TextIO = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()


@app.command(epilog=epilog(EXPORT_EXAMPLES))
def export(
    what: Annotated[ExportWhat, typer.Argument(help="actions, decisions, knelpunten or entries.")],
    query: Annotated[
        str | None, typer.Argument(help="Optional query to narrow the export (search syntax).")
    ] = None,
    index: IndexOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv or json.")] = (
        ExportFormat.csv
    ),
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")
    ] = None,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for Dutch Excel: semicolons and a UTF-8 BOM."),
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
    """Export actions, decisions, knelpunten or all entries as CSV (RFC 4180, UTF-8) or JSON."""
    from archive.export import export_records, write_csv, write_json
    from archive.index import QuerySyntaxError

    if excel and fmt is ExportFormat.json:
        raise fail("--excel is a CSV dialect; leave out --format json.")
    if kind and what is not ExportWhat.entries:
        raise fail(f"--kind only applies to `export entries`; {what.value} have one kind.")
    filters = make_filters(kind, owner, municipality, role, org, status, since, until)
    with open_archive(index) as archive:
        try:
            records = export_records(archive, what.value, query=query, filters=filters)
        except QuerySyntaxError as exc:
            raise fail(f"Bad query: {exc.message}", exc.suggestion) from exc
    with _output(out) as stream:
        if fmt is ExportFormat.json:
            write_json(records, stream)
        else:
            write_csv(records, what.value, stream, excel=excel)
    if out is not None:
        err().print(f"Wrote {len(records)} {what.value} to {out}")


__all__ = ["export"]
