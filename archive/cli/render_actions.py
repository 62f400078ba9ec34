"""How `archive actions`, `archive stats` and `archive show` print actions over time and the
series of meetings: rich tables, loaded only by the commands that print them (`archive --help`
loads no rich).

Text from the minutes goes through :func:`~archive.cli.sanitize.clean` or
:func:`~archive.cli.sanitize.one_line`, paths through :func:`~archive.cli.sanitize.shown_path`.
Tables fill the terminal, but not a pipe: there the console is as wide as a line needs
(:data:`~archive.cli.console.UNWRAPPED_WIDTH`), and a table expanded to it would pad every
line with thousands of blanks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from archive.cli.common import out
from archive.cli.console import UNWRAPPED_WIDTH
from archive.cli.sanitize import clean, one_line, shown_path

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


def _fills(console: Console) -> bool:
    """Whether a table may expand to the console's width: on a terminal, not in a pipe."""
    return console.width < UNWRAPPED_WIDTH


def render_actions(
    console: Console,
    groups: list[tuple[str, list[Listed]]],
    labels: dict[str, str],
    *,
    grouped_by: str | None,
    history: bool,
    day: date,
) -> None:
    """The actions of `archive actions`, one table per group, and their count."""
    total = sum(len(members) for _, members in groups)
    for label, members in groups:
        title = None if grouped_by is None else Text(one_line(label) or f"(no {grouped_by})")
        console.print(
            _actions_table(members, labels, title=title, history=history, expand=_fills(console))
        )
    console.print(
        Text(f"{total} action{'s' if total != 1 else ''}", style="bold")
        + Text(f"  (overdue: due before {day.isoformat()} and not done)", style="dim")
    )


def _status_text(thread: Thread, overdue: bool) -> Text:
    text = Text(thread.status, style=STATUS_STYLES.get(thread.status, ""))
    if overdue:
        text.append(" overdue", style="bold red")
    return text


def _actions_table(
    members: list[Listed],
    labels: dict[str, str],
    *,
    title: Text | None,
    history: bool,
    expand: bool,
) -> Table:
    table = Table(title=title, title_justify="left", show_lines=history, expand=expand)
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
        line.append(f"  ({link.score:.2f}: {one_line(', '.join(link.evidence))})", style="dim")
    return line


def render_thread(console: Console, thread: Thread, labels: dict[str, str], day: date) -> None:
    """One action's history (`archive actions --thread`): its facts, each mention with the
    evidence that linked it, and the mentions scored too low to follow."""
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
    table = Table(title="History", title_justify="left", expand=_fills(console))
    table.add_column("Date", no_wrap=True)
    table.add_column("Where", max_width=32)
    table.add_column("Status", no_wrap=True)
    table.add_column("Text", ratio=1)
    table.add_column("Linked by", style="dim", max_width=40)
    for mention in thread.mentions:
        link = thread.link_of(mention.id)
        where = Text(f"{one_line(mention.meeting_title)}\n", style="dim")
        where.append(
            "action list " + one_line(mention.code)
            if mention.row
            else f"item {one_line(mention.item_nr)}"
        )
        table.add_row(
            mention.meeting_date or "?",
            where,
            Text(mention.status or "", style=STATUS_STYLES.get(mention.status, "")),
            Text(clean(mention.text)),
            Text(f"{link.score:.2f}: " + one_line(", ".join(link.evidence)))
            if link
            else Text("first"),
        )
    console.print(table)
    if thread.candidates:
        kept = Table(title="Left apart (scored too low to follow)", title_justify="left")
        kept.add_column("Mention")
        kept.add_column("Score", justify="right")
        kept.add_column("Evidence")
        for link in thread.candidates:
            # Text, not a str: a str is read as rich markup, and evidence quotes the minutes.
            kept.add_row(
                Text(one_line(link.mention)),
                f"{link.score:.2f}",
                Text(one_line(", ".join(link.evidence))),
            )
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
        years = "  ".join(f"{year} {n['held']}/{n['expected']}" for year, n in series.years.items())
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


__all__ = [
    "STATUS_STYLES",
    "print_series",
    "render_actions",
    "render_series",
    "render_thread",
    "series_line",
]
