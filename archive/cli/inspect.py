"""`archive show`, `archive stats` and `archive reindex`: one meeting, the archive in numbers,
and the index rebuilt from the records."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from archive.cli.app import IndexOption, app, epilog
from archive.cli.common import fail, open_archive, out, print_json, reported, warn
from pipeline.errors import ExitCode


def _same_item(nr: str, wanted: str) -> bool:
    return nr.rstrip(".").lower() == wanted.rstrip(".").lower()


@app.command(
    epilog=epilog(
        "Examples:\n\n  archive show 3f2a9c\n"
        "  archive show vergaderingen/vb-2022-04-07.pdf --item 2\n  archive show 3f2a9c --json"
    )
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
    from archive.cli.render import render_meeting
    from archive.cli.render_actions import print_series

    with open_archive(index) as archive, reported():
        meeting = archive.find(source_or_sha)
    if item is not None and not any(_same_item(i.nr, item) for i in meeting.items):
        raise fail(f"No item {item} in {meeting.source}.", code=ExitCode.NOT_FOUND)
    if as_json:
        data = meeting.to_dict()
        if item is not None:
            items = [i for i in data["items"] if _same_item(i["nr"], item)]
            data = {"meeting": {k: v for k, v in data.items() if k != "items"}, "item": items[0]}
        print_json(data)
        return
    render_meeting(out(), meeting, item_nr=item)
    print_series(archive.directory, meeting.sha256)


@app.command(epilog=epilog("Examples:\n\n  archive stats\n  archive stats --json"))
def stats(
    index: IndexOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the numbers as JSON.")] = False,
) -> None:
    """Count meetings, entries by kind, pages, OCR pages and pages needing review; list the
    series of meetings, their cadence and the meetings they miss."""
    from archive.cli.render import render_stats
    from archive.cli.render_actions import print_series

    with open_archive(index) as archive:
        numbers = archive.stats()
    if as_json:
        from archive.threads import threads_of

        series = threads_of(archive.directory).series_records()
        print_json({**numbers.to_dict(), "series": series})
        return
    render_stats(out(), numbers)
    print_series(archive.directory)
    missing = numbers.meetings - numbers.indexed_meetings
    if missing > 0:
        warn(
            f"the search index holds {numbers.indexed_meetings} of the {numbers.meetings} "
            f"meetings on disk (a write that did not finish, a full disk?); archive reindex "
            f"indexes the others, as will the next ingest"
        )


@app.command(epilog=epilog("Example:\n\n  archive reindex --index ./archief"))
def reindex(index: IndexOption = None) -> None:
    """Rebuild the search index from the stored records, without extracting the PDFs again.

    Searches keep working on the old index until the new one is committed.
    """
    from archive.ingest import ingest_lock
    from archive.threads import rebuild as rebuild_threads

    started = time.perf_counter()
    with open_archive(index) as archive, reported(), ingest_lock(archive.directory):
        # Opening has just rebuilt an index of an older schema: no need to do it twice.
        count = archive.stats().entries if archive.rebuilt else archive.reindex()
        rebuild_threads(archive.directory)
        meetings = len(archive.store.shas()) - len(archive.damaged_records())
        documents = archive.backend.doc_count()
    out().print(
        f"Reindexed {count} entries of {meetings} meetings in "
        f"{time.perf_counter() - started:.1f} s ({documents} index documents)."
    )


__all__ = ["reindex", "show", "stats"]
