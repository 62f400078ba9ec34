"""`archive actions`: every action followed over the meetings of its series, its status as of
its last mention. Its tables, and the series that `stats` and `show` print, are drawn by
:mod:`archive.cli.render_actions`, which loads rich: not here, where `archive --help` would
load it too."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from archive.cli.app import IndexOption, app, epilog
from archive.cli.common import (
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
from archive.cli.sanitize import one_line
from pipeline.errors import ExitCode

if TYPE_CHECKING:
    from archive.threads import ThreadSet
    from archive.threads.select import Listed


class GroupBy(StrEnum):
    none = "none"
    owner = "owner"
    role = "role"
    body = "body"
    municipality = "municipality"
    series = "series"


ACTIONS_EXAMPLES = """\
An action is followed from the meeting that set it through its later mentions: the same code
in a later action list (mrt24/03, A-21), the same owner with nearly the same words in the next
meetings of the series, and the entry that closes it ("afgerond", "De projectleider heeft …
gedaan"). Its status is the one its last mention states. Without --status: the actions still
to be done (open, ongoing, unknown).

Examples:

  archive actions

  archive actions --overdue --by owner

  archive actions --status done --since 2024-01 --by body

  archive actions 'opvang' --role DPG --json

  archive actions --thread t3f2a9c
"""


def _today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"--today: not a day: {value!r}", "--today 2024-10-01") from exc


@app.command(epilog=epilog(ACTIONS_EXAMPLES))
def actions(
    query: Annotated[
        str | None, typer.Argument(help="Optional query to narrow the actions (search syntax).")
    ] = None,
    index: IndexOption = None,
    owner: OwnerOption = None,
    municipality: MunicipalityOption = None,
    role: RoleOption = None,
    org: OrgOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    body: Annotated[
        str | None,
        typer.Option("--body", help="Only actions of this body (as the minutes name it)."),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only actions due before today and not done.")
    ] = False,
    every: Annotated[
        bool, typer.Option("--all", help="Also the actions that are done or dropped.")
    ] = False,
    by: Annotated[
        GroupBy, typer.Option("--by", help="Group by owner, role, body, municipality or series.")
    ] = GroupBy.none,
    thread: Annotated[
        str | None,
        typer.Option("--thread", help="Show one action's history (its thread id, or a prefix)."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", help="The day overdue is counted from (default: today)."),
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Show each action's mentions under it.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the actions, with their history, as JSON.")
    ] = False,
) -> None:
    """List actions over time: open, overdue or done, per owner, role, body or municipality,
    each with the meetings it was mentioned in and its status as of the last one."""
    from archive.index import QuerySyntaxError
    from archive.index.analysis import facet_key
    from archive.threads import threads_of
    from archive.threads.select import grouped, select

    day = _today(today)
    filters = make_filters(None, owner, municipality, role, org, status, since, until)
    if body:
        import dataclasses

        filters = dataclasses.replace(filters, facets=(("body", facet_key(body)),))
    with open_archive(index, check_records=True) as archive:
        threads = threads_of(archive.directory)
        if thread is not None:
            _show_thread(threads, thread, day, as_json=as_json)
            return
        try:
            listed = select(
                archive, threads, query=query, filters=filters, every=every,
                overdue=overdue, today=day,
            )
        except QuerySyntaxError as exc:
            raise fail(f"Bad query: {exc.message}", exc.suggestion) from exc
    labels = {s.key: s.label for s in threads.series}
    if as_json:
        _print_json(listed, threads, by, day, labels)
        return
    if not listed:
        out().print("No actions found.")
        return
    from archive.cli.render_actions import render_actions

    groups = [("", listed)] if by is GroupBy.none else grouped(listed, by.value, threads)
    grouped_by = None if by is GroupBy.none else by.value
    render_actions(out(), groups, labels, grouped_by=grouped_by, history=history, day=day)


def _print_json(
    listed: list[Listed], threads: ThreadSet, by: GroupBy, day: date, labels: dict[str, str]
) -> None:
    from archive.threads.select import grouped, thread_record

    def record(item: Listed) -> dict[str, Any]:
        label = labels.get(item.thread.series, "")
        return thread_record(item.thread, today=day, series_label=label)

    if by is GroupBy.none:
        print_json([record(item) for item in listed])
        return
    print_json(
        {
            "by": by.value,
            "groups": [
                {"group": label, "actions": [record(item) for item in members]}
                for label, members in grouped(listed, by.value, threads)
            ],
        }
    )


def _show_thread(threads: ThreadSet, key: str, day: date, *, as_json: bool) -> None:
    from archive.threads.select import thread_record

    found = threads.find(key)
    if not found:
        raise fail(
            f"No action thread {key!r} in the archive.",
            "archive actions --all lists them with their thread ids",
            ExitCode.NOT_FOUND,
        )
    if len(found) > 1:
        listing = "\n".join(f"  {t.thread_id}  {one_line(t.text)[:60]}" for t in found[:20])
        raise fail(f"{len(found)} threads match {key!r}:\n{listing}", "a longer thread id")
    thread = found[0]
    labels = {s.key: s.label for s in threads.series}
    if as_json:
        print_json(thread_record(thread, today=day, series_label=labels.get(thread.series, "")))
        return
    from archive.cli.render_actions import render_thread

    render_thread(out(), thread, labels, day)


__all__ = ["actions"]
