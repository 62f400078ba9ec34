"""What a cluster's workers run: the per-document function on a file's bytes, and the two halves
of a long scan split across workers (extracting page ranges, then reading them as one).

Workers get a file's content, not its path: a cluster's machines need not share the driver's
disks. Each task writes the bytes to a private temporary folder of its own, runs the pipeline,
and removes the folder; the meeting is keyed by the path the driver found, as with local
workers. A task never raises for a bad file: it answers ("error", fields), the same fields a
local worker sends, so failures read the same in the report.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archive.index.backend import Prepared
from archive.index.store import meeting_json
from archive.ingest.outcomes import error_fields
from pipeline.options import ProcessOptions
from pipeline.records import Document, Meeting, Page

ProcessFn = Callable[[Path, ProcessOptions], Meeting]
PrepareFn = Callable[[Meeting], Prepared]
# ("ok", value, seconds) or ("error", error fields, seconds): plain data either way.
Reply = tuple[str, Any, float]


def _as_error(exc: BaseException) -> dict[str, str]:
    """A failure as the fields a local worker reports for it (the same mapping of library
    errors to reasons)."""
    from archive.ingest.workers import _as_archive_error

    return error_fields(_as_archive_error(exc))


@contextmanager
def _file_of(data: bytes, name: str) -> Iterator[Path]:
    """`data` as a file in a private (0700) temporary folder, removed afterwards."""
    suffix = Path(name).suffix[:16]
    with tempfile.TemporaryDirectory(prefix="archive-task-") as folder:
        path = Path(folder) / f"document{suffix}"
        path.write_bytes(data)
        yield path


def _prepared(prepare: PrepareFn, meeting: Meeting, source: str) -> Prepared:
    """As :func:`archive.ingest.runner.process_and_prepare` finishes a meeting: keyed by the
    driver's path, prepared for the index, with its store record."""
    meeting.source = source
    prepared = prepare(meeting)
    prepared.record = meeting_json(meeting)
    return prepared


def run_document(
    process: ProcessFn, prepare: PrepareFn, source: str, data: bytes, options: ProcessOptions
) -> Reply:
    """The per-document function on one file's bytes: its prepared meeting."""
    start = time.perf_counter()
    try:
        with _file_of(data, source) as path:
            meeting = process(path, options)
        return "ok", _prepared(prepare, meeting, source), time.perf_counter() - start
    except Exception as exc:  # one file's failure is a reply, never a failed task
        return "error", _as_error(exc), time.perf_counter() - start


def extract_pages(data: bytes, options: ProcessOptions) -> Reply:
    """The pages of one range of a long PDF (a PDF of those pages only), text layers read and
    OCR'd as in a whole document."""
    from pipeline.extract.document import extract_document

    start = time.perf_counter()
    try:
        with _file_of(data, "part.pdf") as path:
            pages = extract_document(path, options).pages
        return "ok", pages, time.perf_counter() - start
    except Exception as exc:
        return "error", _as_error(exc), time.perf_counter() - start


def renumbered(parts: Sequence[list[Page]]) -> list[Page]:
    """The pages of consecutive ranges as the pages of one document: numbered on, their
    words too."""
    pages: list[Page] = []
    for part in parts:
        offset = len(pages)
        for page in part:
            page.number += offset
            for word in page.words:
                word.page += offset
            pages.append(page)
    return pages


def read_parts(
    prepare: PrepareFn,
    source: str,
    sha256: str,
    parts: Sequence[Reply],
    options: ProcessOptions,
) -> Reply:
    """The meeting of a document whose page ranges were extracted apart: the same steps as
    :func:`pipeline.process.process_file` after extraction (layout, structure, tagging), on
    all its pages at once."""
    from pipeline.layout.table import find_layout
    from pipeline.structure.meeting import build_meeting

    start = time.perf_counter()
    for status, value, _ in parts:
        if status != "ok":
            return "error", value, time.perf_counter() - start
    try:
        pages = renumbered([value for _, value, _ in parts])
        document = Document(path=source, sha256=sha256, pages=pages, metadata={"format": "pdf"})
        meeting = build_meeting(document, find_layout(document.pages))
        if options.tag:
            from pipeline.tagging import tag_meeting

            tag_meeting(meeting)
        seconds = time.perf_counter() - start + sum(s for _, _, s in parts)
        return "ok", _prepared(prepare, meeting, source), seconds
    except Exception as exc:
        return "error", _as_error(exc), time.perf_counter() - start


__all__ = ["Reply", "extract_pages", "read_parts", "renumbered", "run_document"]
