"""What the reading commands share: consoles, failing with a message and an exit code, opening
the archive, and the filter options."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archive.cli.sanitize import shown_path
from archive.config import resolve_index_dir
from pipeline.errors import ArchiveError, ExitCode, IndexUnavailableError

if TYPE_CHECKING:
    from rich.console import Console

    from archive.index import Archive, Filters
    from archive.index.archive import DamagedRecord


def out() -> Console:
    """The console for results (stdout): control characters stripped, not wrapped at 80
    columns when stdout is no terminal."""
    from archive.cli.console import console  # rich loads when a command prints

    return console()


def err() -> Console:
    """The console for messages (stderr), as :func:`out`."""
    from archive.cli.console import console

    return console(stderr=True)


def fail(message: str, hint: str | None = None, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    """Print an error with a suggested fix; the `typer.Exit` to raise."""
    from archive.cli.render import render_error

    render_error(err(), message, hint)
    return typer.Exit(int(code))


@contextmanager
def reported() -> Iterator[None]:
    """Errors the user can act on end the command with their message, hint and exit code."""
    try:
        yield
    except ArchiveError as exc:
        raise fail(exc.message, exc.hint or None, exc.exit_code) from exc


@contextmanager
def open_archive(option: Path | None, *, check_records: bool = False) -> Iterator[Archive]:
    """The archive at `--index` (or the default), for one command; an error naming `ingest`
    when there is none. When the command is done, damaged records met on the way are named
    with how to recover them (`check_records`: also those a quick look finds, for commands
    that read no record themselves)."""
    from archive.index import Archive, index_exists  # the search engine loads here

    directory = resolve_index_dir(option)
    if not index_exists(directory):
        raise fail(
            f"No archive at {shown_path(directory)}.",
            f"archive ingest PATH... --index {shown_path(directory)}   (or set ARCHIVE_INDEX)",
            ExitCode.UNAVAILABLE,
        )
    try:
        archive = Archive(directory)
    except OSError as exc:
        error = IndexUnavailableError(
            f"cannot open the archive at {shown_path(directory)}: {exc.strerror or exc}"
        )
        raise fail(error.message, None, error.exit_code) from exc
    except ArchiveError as exc:
        raise fail(exc.message, exc.hint or None, exc.exit_code) from exc
    try:
        announced = archive.rebuilt
        if announced:
            note_rebuilt(archive)
        yield archive
        if archive.rebuilt and not announced:  # damage found while reading
            note_rebuilt(archive)
        warn_damaged(archive.damaged_records(check=check_records))
    finally:
        archive.close()


def note_rebuilt(archive: Archive) -> None:
    """Say that the search index was rebuilt from the records, and why."""
    why = f": it was damaged ({archive.rebuilt_because})" if archive.rebuilt_because else ""
    err().print(
        f"Rebuilt the search index from the stored records ({shown_path(archive.directory)})"
        f"{why}.",
        soft_wrap=True,
        markup=False,  # a path is no markup: `[link=…]` in it is printed, not obeyed
    )


def warn_damaged(damaged: list[DamagedRecord]) -> None:
    """Name each damaged record, say it was skipped and how to get it back."""
    for record in damaged:
        warn(
            f"skipped the damaged record {shown_path(record.path)} ({record.reason}); to "
            f"recover it, {record.recovery}"
        )


def warn(message: str) -> None:
    """A warning on stderr: the command goes on."""
    from rich.text import Text

    # Not wrapped: a path broken over two lines could not be copied.
    err().print(Text("Warning: ", style="bold yellow") + Text(message), soft_wrap=True)


def _date_option(value: str | None, name: str, *, end: bool) -> date | None:
    from archive.index.query import QuerySyntaxError, parse_date_spec

    if not value:
        return None
    try:
        first, last = parse_date_spec(value)
    except QuerySyntaxError as exc:
        raise fail(f"{name}: {exc.message}") from exc
    return (last if end else first) or (first if end else last)


def make_filters(
    kind: str | None,
    owner: str | None,
    municipality: str | None,
    role: str | None,
    org: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
) -> Filters:
    """The filter options (in the order the commands declare them) as
    :class:`~archive.index.Filters`, each value checked."""
    from archive.index.query import Filters, QuerySyntaxError, kind_of, status_of

    for value, name, check in ((kind, "--kind", kind_of), (status, "--status", status_of)):
        if value:
            try:
                check(value)
            except QuerySyntaxError as exc:
                raise fail(f"{name}: {exc.message}") from exc
    first = _date_option(since, "--since", end=False)
    last = _date_option(until, "--until", end=True)
    if first and last and first > last:
        raise fail(
            f"the date range is empty: --since {since} starts on {first}, after --until "
            f"{until} ends on {last}.",
            "--since and --until the other way round",
        )
    return Filters(
        kind=kind,
        owner=owner,
        municipality=municipality,
        role=role,
        org=org,
        status=status,
        since=first,
        until=last,
    )


def print_json(data: Any) -> None:
    """`data` as indented JSON on stdout (UTF-8, not ASCII-escaped; a name that is not UTF-8
    escaped, so the output is valid UTF-8 still)."""
    from archive.atomic import json_text

    sys.stdout.write(json_text(data, indent=2) + "\n")


KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind", "-k", help="Only this kind: besluit, knelpunt, actie, note (or decision, …)."
    ),
]
OwnerOption = Annotated[
    str | None,
    typer.Option("--owner", help="Only entries of this owner (abbreviations such as DPG work)."),
]
MunicipalityOption = Annotated[
    str | None,
    typer.Option("--municipality", "--gemeente", help="Only this municipality or places in it."),
]
RoleOption = Annotated[
    str | None,
    typer.Option("--role", "--rol", help="Only entries naming this role (DPG, burgemeester …)."),
]
OrgOption = Annotated[
    str | None,
    typer.Option("--org", help="Only entries naming this organisation (COA, GGD …)."),
]
StatusOption = Annotated[
    str | None,
    typer.Option(
        "--status", help="Only entries with this status: open, done, ongoing, dropped, unknown."
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Entries whose meeting date or a date they mention is on or after this date "
        "(2022-04-01, 2022-04, 2022).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until",
        help="Entries whose meeting date or a date they mention is on or before this date.",
    ),
]

__all__ = [
    "KindOption",
    "MunicipalityOption",
    "OrgOption",
    "OwnerOption",
    "RoleOption",
    "SinceOption",
    "StatusOption",
    "UntilOption",
    "err",
    "fail",
    "make_filters",
    "open_archive",
    "note_rebuilt",
    "out",
    "print_json",
    "reported",
    "warn",
    "warn_damaged",
]
