"""`archive actions`: every action followed over the meetings of its series, its status as of
its last mention; and the series of meetings, with their gaps, for `stats` and `show`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
from archive.cli.sanitize import clean, one_line, shown_path
from pipeline.errors import ExitCode

if TYPE_CHECKING:
    from archive.threads import Series, Thread, ThreadSet
    from archive.threads.select import Listed

STATUS_STYLES = {
    "open": "yellow",
    "ongoing": "cyan",
    "done": "green",
    "dropped": "dim",
    "unknown": "magenta",
}


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

[bold]Examples[/bold]

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
    console = out()
    if not listed:
        console.print("No actions found.")
        return
    groups = [("", listed)] if by is GroupBy.none else grouped(listed, by.value, threads)
    for label, members in groups:
        title = None if by is GroupBy.none else (one_line(label) or f"(no {by.value})")
        console.print(_actions_table(members, labels, title=title, history=history))
    console.print(
        Text(f"{len(listed)} action{'s' if len(listed) != 1 else ''}", style="bold")
        + Text(f"  (overdue: due before {day.isoformat()} and not done)", style="dim")
    )


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


def _status_text(thread: Thread, overdue: bool) -> Text:
    text = Text(thread.status, style=STATUS_STYLES.get(thread.status, ""))
    if overdue:
        text.append(" overdue", style="bold red")
    return text


def _actions_table(
    members: list[Listed], labels: dict[str, str], *, title: str | None, history: bool
) -> Table:
    table = Table(title=title, title_justify="left", show_lines=history, expand=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Due", no_wrap=True)
    table.add_column("Owner", max_width=24)
    table.add_column("Action", ratio=1)
    table.add_column("Seen", no_wrap=True)
    table.add_column("Thread", no_wrap=True, style="dim")
    for item in members:
        thread = item.thread
        action = Text(clean(thread.latest.text))
        if thread.code:
            action = Text(f"{one_line(thread.code)}  ", style="bold") + action
        if history:
            for mention in thread.mentions:
                action.append("\n")
                action.append_text(_mention_line(thread, mention))
        seen = thread.first_seen or "?"
        if thread.last_seen and thread.last_seen != thread.first_seen:
            seen += f" … {thread.last_seen}"
        seen += f"\n{len(thread.mentions)} mention{'s' if len(thread.mentions) != 1 else ''}"
        table.add_row(
            _status_text(thread, item.overdue),
            Text(one_line(thread.due or thread.due_text)),
            Text(one_line(thread.owner), style="italic"),
            action,
            seen,
            thread.thread_id,
        )
    return table


def _mention_line(thread: Thread, mention: Any) -> Text:
    where = "action list" if mention.row else f"item {mention.item_nr}".strip()
    line = Text(f"  {mention.meeting_date or '?'}  {one_line(where)}", style="dim")
    if mention.status:
        line.append(f"  [{mention.status}]", style=STATUS_STYLES.get(mention.status, ""))
    line.append("  " + one_line(mention.text)[:100])
    link = thread.link_of(mention.id)
    if link:
        line.append(f"  ({link.score:.2f}: {', '.join(link.evidence)})", style="dim")
    return line


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
    console = out()
    head = Text(one_line(thread.text), style="bold")
    console.print(head)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row("Thread", thread.thread_id)
    facts.add_row("Status", _status_text(thread, thread.overdue(day.isoformat())))
    if thread.owner:
        facts.add_row("Owner", Text(one_line(thread.owner)))
    if thread.code:
        facts.add_row("Code", Text(one_line(thread.code)))
    if thread.due or thread.due_text:
        facts.add_row("Due", Text(one_line(thread.due or thread.due_text)))
    facts.add_row("Series", Text(one_line(labels.get(thread.series, thread.body))))
    facts.add_row("Seen", f"{thread.first_seen or '?'} … {thread.last_seen or '?'}")
    if thread.origin:
        facts.add_row("Set in", f"{thread.origin} (by its code; not a meeting in the archive)")
    console.print(facts)
    table = Table(title="History", title_justify="left", expand=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Where", max_width=32)
    table.add_column("Status", no_wrap=True)
    table.add_column("Text", ratio=1)
    table.add_column("Linked by", style="dim", max_width=40)
    for mention in thread.mentions:
        link = thread.link_of(mention.id)
        where = Text(f"{one_line(mention.meeting_title)}\n", style="dim")
        where.append("action list " + one_line(mention.code) if mention.row
                     else f"item {one_line(mention.item_nr)}")
        table.add_row(
            mention.meeting_date or "?",
            where,
            Text(mention.status or "", style=STATUS_STYLES.get(mention.status, "")),
            Text(clean(mention.text)),
            Text(f"{link.score:.2f}: " + ", ".join(link.evidence)) if link else Text("first"),
        )
    console.print(table)
    if thread.candidates:
        kept = Table(title="Left apart (scored too low to follow)", title_justify="left")
        kept.add_column("Mention")
        kept.add_column("Score", justify="right")
        kept.add_column("Evidence")
        for link in thread.candidates:
            kept.add_row(link.mention, f"{link.score:.2f}", ", ".join(link.evidence))
        console.print(kept)


# --- series, for `archive stats` and `archive show` ---------------------------------------------


def render_series(console: Console, threads: ThreadSet) -> None:
    """The series of the archive: meetings, cadence, gaps and completeness per year."""
    several = [s for s in threads.series if len(s.meetings) > 1]
    alone = len(threads.series) - len(several)
    if several:
        _series_table(console, several)
    if alone:
        console.print(
            f"{alone} meeting{'s' if alone > 1 else ''} without another of the same body and "
            "kind in the archive (a series of one)."
        )


def _series_table(console: Console, several: list[Series]) -> None:
    table = Table(title="Series", title_justify="left")
    table.add_column("Series")
    table.add_column("Meetings", justify="right")
    table.add_column("Dates", no_wrap=True)
    table.add_column("Cadence")
    table.add_column("Missing")
    table.add_column("Complete per year")
    for series in several:
        dated = [m.date for m in series.meetings if m.date]
        span = f"{dated[0]} … {dated[-1]}" if len(dated) > 1 else (dated[0] if dated else "?")
        missing = ", ".join(
            f"{gap.missing} between {gap.after} and {gap.before}" for gap in series.gaps
        )
        years = "  ".join(
            f"{year} {n['held']}/{n['expected']}" for year, n in series.years.items()
        )
        table.add_row(
            Text(one_line(series.label)),
            str(len(series.meetings)),
            span,
            series.cadence or "",
            missing or ("none" if series.cadence and series.cadence != "irregular" else ""),
            years,
        )
    console.print(table)


def series_line(threads: ThreadSet, sha256: str) -> Text | None:
    """Where a meeting stands in its series: "3 of 5 of Technisch Overleg Digikoppeling,
    weekly; previous 2024-09-12, next 2024-09-26; missing …"."""
    series: Series | None = threads.series_of(sha256)
    if series is None:
        return None
    if len(series.meetings) == 1:
        return Text(one_line(series.label), style="bold").append(" (1 meeting)", style="")
    n = series.position(sha256) or 0
    line = Text(f"{n} of {len(series.meetings)} of ")
    line.append(one_line(series.label), style="bold")
    if series.cadence:
        line.append(f", {series.cadence}")
    if n > 1:
        before = series.meetings[n - 2]
        line.append(f"; previous {before.date or '?'} ({shown_path(before.source)})", style="dim")
    if n < len(series.meetings):
        after = series.meetings[n]
        line.append(f"; next {after.date or '?'} ({shown_path(after.source)})", style="dim")
    if series.gaps:
        gaps = ", ".join(f"{g.missing} after {g.after}" for g in series.gaps)
        line.append(f"; missing {gaps}", style="yellow")
    return line


def print_series(directory: Path, sha256: str | None = None) -> None:
    """The series table of the archive at `directory` (`archive stats`), or the line naming
    the series of one meeting (`archive show`)."""
    from archive.threads import threads_of

    threads = threads_of(directory)
    if sha256 is None:
        render_series(out(), threads)
        return
    line = series_line(threads, sha256)
    if line is not None:
        out().print(Text("Series  ", style="dim") + line)


def series_records(threads: ThreadSet) -> list[dict[str, Any]]:
    """The series as `archive stats --json` lists them."""
    return [s.to_dict() for s in threads.series]


__all__ = ["actions", "print_series", "render_series", "series_line", "series_records"]
