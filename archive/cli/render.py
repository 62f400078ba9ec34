"""Rich output for people: search hits, one meeting, archive statistics, errors.

Everything is built from `rich.text.Text` pieces rather than markup strings, so brackets and
other characters in the minutes are printed as they are: a plain `str` given to rich is read as
markup, and `[link=…]` in a body name or a file name would become a live terminal link.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from archive.cli.sanitize import clean, one_line, shown_path

if TYPE_CHECKING:
    # Types only: `archive --help` renders nothing and must not load the archive.
    from archive.index import Hit, IndexStats, SearchResult
    from pipeline.records import Item, Meeting

KIND_STYLES = {
    "besluit": "bold green",
    "knelpunt": "bold red",
    "actie": "bold blue",
    "note": "dim",
    "item": "magenta",
    "page": "cyan",
}


def kind_label(kind: str) -> str:
    """`besluit` → `Besluit`, `note` → `Notitie` (the B/K/A of the minutes as words)."""
    from archive.index import KIND_LABELS

    return KIND_LABELS.get(kind, kind.capitalize() if kind else "")


def snippet_text(snippet: str, style: str = "bold yellow") -> Text:
    """A snippet with its **marked** words styled."""
    from archive.index import MARK

    text = Text()
    for n, part in enumerate(snippet.split(MARK)):
        text.append(clean(part), style=style if n % 2 else "")
    return text


def _source_line(record: dict[str, Any], *, with_path: bool = True) -> Text:
    line = Text(shown_path(record.get("source") or "") if with_path else "", style="dim")
    if record.get("page"):
        line.append(f"{'  ' if with_path else ''}p. {record['page']}", style="dim")
    if record.get("ocr"):
        line.append("  OCR", style="yellow")
    return line


def _meeting_line(record: dict[str, Any]) -> Text:
    line = Text(one_line(record.get("meeting_date") or "") or "undated", style="bold")
    line.append("  ")
    line.append(one_line(record.get("meeting_title") or "") or "(untitled)", style="bold")
    return line


def _item_line(record: dict[str, Any]) -> Text:
    kind = record.get("kind") or ""
    line = Text()
    if record.get("item_nr") or record.get("item_title"):
        line.append(_numbered(one_line(record.get("item_nr") or "") or "–"), style="bold")
        line.append(one_line(record.get("item_title") or ""))
        line.append("  ·  ", style="dim")
    line.append(kind_label(kind), style=KIND_STYLES.get(kind, ""))
    if record.get("owner"):
        line.append("  ·  ", style="dim")
        line.append("eigenaar ", style="dim")
        line.append(one_line(record["owner"]), style="italic")
    if record.get("due_date"):
        line.append(f"  ·  gereed {one_line(record['due_date'])}", style="dim")
    return line


def _numbered(nr: str) -> str:
    """`3` → `3. `, but `2.5` → `2.5 ` (a dotted number needs no closing dot)."""
    return f"{nr} " if "." in nr.rstrip(".") else f"{nr.rstrip('.')}. "


_MENTION_KEYS = ("places", "municipalities", "regions", "roles", "orgs")
_MAX_MENTIONS = 6


def _mentions_line(record: dict[str, Any]) -> Text | None:
    """What the entry names, so a facet hit shows why it matched ("Ter Apel → Westerwolde")."""
    seen: list[str] = []
    for key in _MENTION_KEYS:
        for mention in record.get(key) or []:
            label = one_line(mention.get("text") or mention.get("value") or "")
            home = one_line(mention.get("municipality") or "")
            if key == "places" and home:
                label = f"{label} → {home}"
            if label and label not in seen:
                seen.append(label)
    if not seen:
        return None
    return Text("names: " + " · ".join(seen[:_MAX_MENTIONS]), style="dim")


def _words(text: str) -> set[str]:
    from archive.index.analysis import fold

    return {word for word in re.split(r"\W+", fold(text)) if len(word) > 2}


def _section_line(hit: Hit, query_words: set[str]) -> Text | None:
    """The item's section (the theme row above it) when the query names it: the section is
    searched but not otherwise shown in a hit, so a phrase that matched only there would
    leave the hit unexplained."""
    section = one_line(hit.record.get("section") or "")
    if not section or not _words(section) & query_words:
        return None
    return Text("section: ", style="dim") + Text(section, style="yellow")


def _hit_block(n: int, hit: Hit, *, with_meeting: bool, query_words: set[str]) -> Group:
    rows: list[Text] = []
    if with_meeting:
        rows.append(_meeting_line(hit.record))
    source = _source_line(hit.record, with_path=with_meeting)
    section = _section_line(hit, query_words)
    extra = [line for line in (section, _mentions_line(hit.record)) if line]
    if hit.near_spellings:  # the entry spells a query word otherwise ("openstenstelling")
        extra.append(Text("near spelling: " + ", ".join(hit.near_spellings), style="yellow"))
    rows += [_item_line(hit.record), snippet_text(hit.snippet), *extra]
    rows.append(source)
    number = Text(f"{n:>3}. ", style="cyan")
    first = number + rows[0]
    # Padding indents wrapped lines too; expand=False keeps lines free of trailing blanks.
    rest = [Padding(row, (0, 0, 0, 5), expand=False) for row in rows[1:]]
    return Group(first, *rest)


def render_search(console: Console, result: SearchResult, *, group: bool = False) -> None:
    """Hits, flat or grouped by meeting, with the fuzzy notice and "did you mean"."""
    if result.suggestion:
        hint = Text("Did you mean: ", style="yellow")
        hint.append(result.suggestion, style="bold yellow")
        console.print(hint)
    if result.fuzzy:
        console.print(
            Text(
                f"Few or no exact matches for {result.query!r}; showing near spellings "
                "(OCR-tolerant fuzzy search).",
                style="yellow",
            )
        )
    if not result.hits:
        if result.total and result.page > 1:
            console.print(f"No hits on page {result.page}; there are {result.pages} page(s).")
        else:
            console.print(Text(f"Nothing found for {result.query!r}.", style="bold"))
        return
    first = (result.page - 1) * result.limit + 1
    last = first + len(result.hits) - 1
    about = "" if result.exact_total else "about "
    head = Text(f"{about}{result.total} hit{'s' if result.total != 1 else ''}", style="bold")
    head.append(f" for {result.query!r}")
    if result.total > len(result.hits):
        head.append(f"  (showing {first}–{last}, page {result.page} of {result.pages})", "dim")
    if result.sort == "date":
        head.append("  newest first", style="dim")
    console.print(head)
    console.print()
    n = first
    words = _words(result.query)
    if group:
        for _, hits in result.groups():
            record = hits[0].record
            title = _meeting_line(record)
            title.append("  ")
            title.append(shown_path(record.get("source") or ""), style="dim")
            console.print(title)
            for hit in hits:
                console.print(_hit_block(n, hit, with_meeting=False, query_words=words))
                n += 1
            console.print()
    else:
        for hit in result.hits:
            console.print(_hit_block(n, hit, with_meeting=True, query_words=words))
            console.print()
            n += 1


def _item_block(item: Item, meeting: Meeting) -> Group:
    review = {p.number for p in meeting.pages if p.needs_review}
    head = Text(_numbered(one_line(item.nr)) if item.nr else "", style="bold")
    head.append(one_line(item.title) or "(no title)", style="bold")
    if item.section:
        head.append(f"   [{one_line(item.section)}]", style="dim")
    head.append(f"   p. {item.page}", style="dim")
    parts: list[Any] = [head]
    if item.entries:
        table = Table.grid(padding=(0, 2))
        table.add_column(width=9, no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(max_width=28)
        for entry in item.entries:
            text = Text(clean(entry.text))
            if entry.page in review:
                text.append("  (page needs review)", style="yellow")
            owner = Text(one_line(entry.owner), style="italic")
            if entry.due:
                owner.append(f" · {one_line(str(entry.due))}", style="dim")
            table.add_row(
                Text(kind_label(entry.kind), style=KIND_STYLES.get(entry.kind, "")), text, owner
            )
        parts.append(table)
    if item.toelichting:
        note = Text("Toelichting: ", style="bold dim")
        note.append(clean(item.toelichting))
        parts.append(note)
    return Group(*parts)


def render_meeting(console: Console, meeting: Meeting, *, item_nr: str | None = None) -> None:
    """One meeting (or one of its items) as readable structured text, with its toelichting
    and the pages that OCR flagged for review."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim", no_wrap=True)
    facts.add_column()
    facts.add_row("Date", meeting.date.isoformat() if meeting.date else "unknown")
    if meeting.body:
        facts.add_row("Body", Text(one_line(meeting.body)))
    facts.add_row("Source", Text(shown_path(meeting.source)))
    facts.add_row("sha256", meeting.sha256)
    facts.add_row("Pages", str(meeting.page_count or len(meeting.pages)))
    ocr = [str(p.number) for p in meeting.pages if p.ocr]
    if ocr:
        facts.add_row("OCR pages", ", ".join(ocr))
    from pipeline.extract.repair import REPAIRED_NOTE

    if any(p.note.startswith(REPAIRED_NOTE) for p in meeting.pages):
        facts.add_row(
            Text("Damaged", style="yellow"),
            f"the file is damaged; read from a copy {REPAIRED_NOTE}",
        )
    for page in meeting.pages:
        if page.needs_review:
            conf = f" (confidence {page.confidence:.0f})" if page.confidence is not None else ""
            note = f": {one_line(page.note)}" if page.note else ""
            facts.add_row(
                Text("Needs review", style="yellow"), Text(f"page {page.number}{conf}{note}")
            )
    title = Text(one_line(meeting.title) or "(untitled)", style="bold")
    # Not expanded: the panel fits its facts, also on a console as wide as a pipe allows.
    console.print(Panel(facts, title=title, expand=False))
    items = meeting.items
    if item_nr is not None:
        items = [i for i in items if i.nr.rstrip(".").lower() == item_nr.rstrip(".").lower()]
        if not items:
            console.print(Text(f"No item {item_nr} in this meeting.", style="yellow"))
            return
    for item in items:
        console.print(_item_block(item, meeting))
        console.print()
    if not meeting.items and item_nr is None:
        console.print(Text("No minutes table: the text of the pages follows.", style="dim"))
        for page in meeting.pages:
            flag = "  (OCR)" if page.ocr else ""
            flag += "  needs review" if page.needs_review else ""
            console.print(Text(f"Page {page.number}{flag}", style="bold"))
            console.print(Text(clean(page.text or "") or "(no text)"))
            console.print()


def render_stats(console: Console, stats: IndexStats) -> None:
    """The archive in numbers."""
    table = Table(
        title=Text(f"Archive {shown_path(stats.directory)}"),
        show_header=False,
        title_justify="left",
    )
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("Meetings / documents", str(stats.meetings))
    table.add_row("  without a minutes table", str(stats.without_table))
    table.add_row("Items", str(stats.items))
    table.add_row("Entries", str(stats.entries))
    for kind, count in stats.kinds.items():
        table.add_row(f"  {kind_label(kind)}", str(count))
    table.add_row("Pages", str(stats.pages))
    table.add_row("  OCR", str(stats.ocr_pages))
    table.add_row("  needing review", str(len(stats.needs_review)))
    table.add_row("Meetings in the search index", str(stats.indexed_meetings))
    table.add_row("Indexed documents", str(stats.indexed_documents))
    table.add_row("  of them pages of documents without a table", str(stats.page_documents))
    if stats.first_date:
        table.add_row("Meeting dates", f"{stats.first_date} … {stats.last_date}")
    table.add_row("Records on disk", _size(stats.records_bytes))
    table.add_row("Index on disk", _size(stats.index_bytes))
    table.add_row("Schema version", str(stats.schema_version))
    console.print(table)
    if stats.needs_review:
        review = Table(title="Pages needing review", title_justify="left")
        review.add_column("Source")
        review.add_column("Page", justify="right")
        review.add_column("Note")
        for row in stats.needs_review:
            review.add_row(
                Text(shown_path(row["source"])),
                str(row["page"]),
                Text(one_line(str(row.get("note") or ""))),
            )
        console.print(review)


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def render_error(console: Console, message: str, suggestion: str | None = None) -> None:
    """An error for people: the message, and a suggested fix when there is one (a command
    to try, or a sentence)."""
    # Not wrapped by us: a path or command broken over two lines could not be copied.
    console.print(Text("Error: ", style="bold red") + Text(clean(message)), soft_wrap=True)
    if suggestion:
        if suggestion.startswith(("archive ", "--")):
            hint = Text("Try: ", style="yellow") + Text(clean(suggestion), style="bold")
        else:
            hint = Text(clean(suggestion), style="yellow")
        console.print(hint, soft_wrap=True)


__all__ = [
    "kind_label",
    "render_error",
    "render_meeting",
    "render_search",
    "render_stats",
    "snippet_text",
]
