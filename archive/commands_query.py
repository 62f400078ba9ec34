"""The commands that read the archive: search, export, show, stats, and reindex.

Exit codes: 0 success (also when nothing is found: a message says so), 1 a source that `show`
cannot find, 2 bad usage: a bad query or option, or no archive at the index directory.
"""

from __future__ import annotations

import io
import json
import sys
import time
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console

from archive.app import IndexOption, app
from archive.config import resolve_index_dir
from archive.export import export_records, write_csv, write_json
from archive.index import ArchiveIndex, IndexUnavailableError, index_exists
from archive.query import Filters, QuerySyntaxError, kind_of, parse_date_spec
from archive.render import render_error, render_meeting, render_search, render_stats
from archive.search import ArchiveSearch

USAGE_ERROR = 2
NOT_FOUND = 1


def _out() -> Console:
    return Console(highlight=False)


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _fail(message: str, suggestion: str | None = None, code: int = USAGE_ERROR) -> typer.Exit:
    render_error(_err(), message, suggestion)
    return typer.Exit(code)


def _open_index(option: Path | None) -> ArchiveIndex:
    directory = resolve_index_dir(option)
    if not index_exists(directory):
        raise _fail(
            f"No archive at {directory}.",
            f"archive ingest PATH... --index {directory}   (or set ARCHIVE_INDEX)",
        )
    try:
        archive = ArchiveIndex(directory)
    except IndexUnavailableError as exc:
        raise _fail(str(exc)) from exc
    if archive.rebuilt:
        _err().print(f"Rebuilt the search index from the stored records ({directory}).")
    return archive


def _date_option(value: str | None, name: str, *, end: bool) -> date | None:
    if not value:
        return None
    try:
        first, last = parse_date_spec(value)
    except QuerySyntaxError as exc:
        raise _fail(f"{name}: {exc.message}") from exc
    return (last if end else first) or (first if end else last)


def _filters(
    kind: str | None,
    owner: str | None,
    municipality: str | None,
    since: str | None,
    until: str | None,
    role: str | None = None,
    org: str | None = None,
) -> Filters:
    if kind:
        try:
            kind_of(kind)
        except QuerySyntaxError as exc:
            raise _fail(f"--kind: {exc.message}") from exc
    return Filters(
        kind=kind,
        owner=owner,
        municipality=municipality,
        role=role,
        org=org,
        since=_date_option(since, "--since", end=False),
        until=_date_option(until, "--until", end=True),
    )


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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


class SortOrder(StrEnum):
    relevance = "relevance"
    date = "date"


SEARCH_EPILOG = """\
[bold]Query language[/bold]: words, "phrases", AND/OR/NOT (also EN/OF/NIET), prefix*, word~ (near
spellings), (brackets), and fields: kind:/soort: (besluit, knelpunt, actie, note),
owner:/eigenaar:, municipality:/gemeente:, place:/plaats:, region:/regio:, role:/rol:, org:,
item:, date:/datum: (2022-04-07, 2022-04, 2022-04-01..2022-04-30), title:/titel:, toelichting:.

[bold]Examples[/bold]

  archive search "Ter Apel"

  archive search 'soort:besluit opvang' --sort date

  archive search 'eigenaar:DPG datum:2022-04' --json

  archive search 'gemeente:Westerwolde NOT kind:note' --group

  archive search oekraine --kind actie --since 2022-03 --limit 20 --page 2
"""


@app.command(epilog=SEARCH_EPILOG)
def search(
    query: Annotated[
        str, typer.Argument(help='The query; "*" (the default) for everything the filters allow.')
    ] = "*",
    index: IndexOption = None,
    kind: KindOption = None,
    owner: OwnerOption = None,
    municipality: MunicipalityOption = None,
    role: RoleOption = None,
    org: OrgOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Hits per page.")] = 10,
    page: Annotated[int, typer.Option("--page", "-p", min=1, help="Page of hits.")] = 1,
    sort: Annotated[
        SortOrder, typer.Option("--sort", help="relevance, or date (newest first).")
    ] = SortOrder.relevance,
    group: Annotated[
        bool, typer.Option("--group/--flat", help="Group hits by meeting, or a flat list.")
    ] = False,
    exact: Annotated[
        bool, typer.Option("--exact", help="No fuzzy retry when little is found.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the hits as JSON records (for scripts).")
    ] = False,
) -> None:
    """Search the archive: ranked hits with meeting, item, kind, owner, snippet and source.

    Forgiving: when a query finds little it is retried with near spellings (OCR damage such as
    "Ter ApeI"), and unknown words get a "did you mean" from the archive's own vocabulary.
    """
    archive = _open_index(index)
    filters = _filters(kind, owner, municipality, since, until, role, org)
    try:
        with ArchiveSearch(archive) as searcher:
            result = searcher.search(
                query, filters=filters, limit=limit, page=page, sort=sort.value, fuzzy=not exact
            )
    except QuerySyntaxError as exc:
        raise _fail(
            f"Bad query: {exc.message}", exc.suggestion and f"archive search {exc.suggestion!r}"
        ) from exc
    if as_json:
        _print_json(result.records())
        return
    render_search(_out(), result, group=group)


class ExportWhat(StrEnum):
    actions = "actions"
    decisions = "decisions"
    knelpunten = "knelpunten"
    entries = "entries"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


EXPORT_EPILOG = """\
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
def _output(out: Path | None) -> Any:
    """A UTF-8 text stream that leaves CRLF alone: the file, or standard output."""
    if out is not None:
        with out.open("w", encoding="utf-8", newline="") as handle:
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


@app.command(epilog=EXPORT_EPILOG)
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
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export actions, decisions, knelpunten or all entries as CSV (RFC 4180, UTF-8) or JSON."""
    if excel and fmt is ExportFormat.json:
        raise _fail("--excel is a CSV dialect; leave out --format json.")
    if kind and what is not ExportWhat.entries:
        raise _fail(f"--kind only applies to `export entries`; {what.value} have one kind.")
    archive = _open_index(index)
    filters = _filters(kind, owner, municipality, since, until)
    try:
        records = export_records(archive, what.value, query=query, filters=filters)
    except QuerySyntaxError as exc:
        raise _fail(f"Bad query: {exc.message}", exc.suggestion) from exc
    with _output(out) as stream:
        if fmt is ExportFormat.json:
            write_json(records, stream)
        else:
            write_csv(records, what.value, stream, excel=excel)
    if out is not None:
        _err().print(f"Wrote {len(records)} {what.value} to {out}")


@app.command(
    epilog="[bold]Examples[/bold]\n\n  archive show 3f2a9c\n\n"
    "  archive show vergaderingen/vb-2022-04-07.pdf --item 2\n\n  archive show 3f2a9c --json"
)
def show(
    source_or_sha: Annotated[
        str, typer.Argument(help="A source path (or its file name) or a sha256 prefix (6+).")
    ],
    index: IndexOption = None,
    item: Annotated[str | None, typer.Option("--item", help="Only this item number.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON.")] = False,
) -> None:
    """Show one meeting, or one item of it, as structured text with its toelichting and the
    pages that need review."""
    archive = _open_index(index)
    found = archive.store.find(source_or_sha)
    if not found:
        raise _fail(
            f"No meeting in the archive matches {source_or_sha!r}.",
            "archive search '…' to find it, then use its source or sha256",
            code=NOT_FOUND,
        )
    if len(found) > 1:
        listing = "\n".join(f"  {m.sha256[:12]}  {m.source}" for m in found[:20])
        raise _fail(f"{len(found)} meetings match {source_or_sha!r}:\n{listing}", "a longer key")
    meeting = found[0]
    if as_json:
        data = meeting.to_dict()
        if item is not None:
            items = [i for i in data["items"] if i["nr"].rstrip(".") == item.rstrip(".")]
            if not items:
                raise _fail(f"No item {item} in {meeting.source}.", code=NOT_FOUND)
            data = {"meeting": {k: v for k, v in data.items() if k != "items"}, "item": items[0]}
        _print_json(data)
        return
    render_meeting(_out(), meeting, item_nr=item)


@app.command(epilog="[bold]Examples[/bold]\n\n  archive stats\n\n  archive stats --json")
def stats(
    index: IndexOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Count meetings, entries by kind, pages, OCR pages and pages needing review."""
    archive = _open_index(index)
    numbers = archive.stats()
    if as_json:
        _print_json(numbers.to_dict())
        return
    render_stats(_out(), numbers)


@app.command(epilog="[bold]Example[/bold]\n\n  archive reindex --index ./archief")
def reindex(index: IndexOption = None) -> None:
    """Rebuild the search index from the stored records, without extracting the PDFs again.

    Searches keep working on the old index until the new one is committed.
    """
    started = time.perf_counter()
    archive = _open_index(index)
    try:
        # Opening has just rebuilt an index of an older schema: no need to do it twice.
        count = archive.stats().entries if archive.rebuilt else archive.reindex()
    except IndexUnavailableError as exc:
        raise _fail(str(exc)) from exc
    meetings = len(archive.store.shas())
    _out().print(
        f"Reindexed {count} entries of {meetings} meetings in "
        f"{time.perf_counter() - started:.1f} s ({archive.doc_count()} index documents)."
    )
