"""`archive search`: ranked hits for people, or JSON records for scripts."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

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
    fail,
    make_filters,
    open_archive,
    out,
    print_json,
)


class SortOrder(StrEnum):
    relevance = "relevance"
    date = "date"


QUERY_LANGUAGE = """\
Query language: words, "phrases", AND/OR/NOT (also EN/OF/NIET), prefix*, word~ (near
spellings), (brackets), and a field before a colon: soort:besluit, datum:2022-04.

{fields}

Values: kind besluit, knelpunt, actie, note; date 2022-04-07, 2022-04 or
2022-04-01..2022-04-30; status open, done, ongoing, dropped.

Examples:

  archive search "Ter Apel"
  archive search 'soort:besluit opvang' --sort date
  archive search 'eigenaar:DPG datum:2022-04' --json
  archive search 'gemeente:Westerwolde NOT kind:note' --group
  archive search oekraine --kind actie --since 2022-03 --limit 20 --page 2
"""


def fields_line() -> str:
    """The query fields as the bad-query message lists them: one list, the query language's
    (:data:`archive.index.query.names.FIELD_HELP`)."""
    from archive.index.query.names import FIELD_HELP  # the index package: only when shown

    return "Fields: " + ", ".join(FIELD_HELP) + "."


def search_help() -> str:
    """The epilog of `archive search --help`: the query language, examples, exit codes."""
    return epilog(QUERY_LANGUAGE.format(fields=fields_line()))


class _SearchCommand(TyperCommand):
    """`archive search`, whose epilog is made when the help is shown: the field list comes
    from the query language itself, which `archive --help` does not load."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        self.epilog = search_help()
        super().format_epilog(ctx, formatter)


@app.command(cls=_SearchCommand)
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
    status: StatusOption = None,
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
    from archive.cli.render import render_search
    from archive.index import QuerySyntaxError

    filters = make_filters(kind, owner, municipality, role, org, status, since, until)
    with open_archive(index, check_records=True) as archive:
        try:
            result = archive.search(
                query, filters=filters, limit=limit, page=page, sort=sort.value, fuzzy=not exact
            )
        except QuerySyntaxError as exc:
            hint = exc.suggestion and f"archive search {exc.suggestion!r}"
            raise fail(f"Bad query: {exc.message}", hint) from exc
    if as_json:
        print_json(result.records())
        return
    render_search(out(), result, group=group)


__all__ = ["QUERY_LANGUAGE", "fields_line", "search", "search_help"]
