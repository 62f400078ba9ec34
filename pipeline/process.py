"""One source file → one tagged :class:`Meeting`: the pure per-document function.

It reads the file and returns records; it writes nothing, so a batch runner (processes here, a
cluster engine elsewhere) can call it on any worker.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.document import extract_document
from pipeline.layout.table import find_layout
from pipeline.options import OcrMode, ProcessOptions
from pipeline.records import Meeting
from pipeline.structure.meeting import build_meeting


def process_file(path: Path, options: ProcessOptions | None = None) -> Meeting:
    """Extract, lay out, structure and tag one file."""
    options = options or ProcessOptions()
    document = extract_document(path, options)
    layout = find_layout(document.pages)
    meeting = build_meeting(document, layout)
    if options.tag:
        from pipeline.tagging import tag_meeting  # spaCy loads only when tagging is wanted

        tag_meeting(meeting)
    return meeting


__all__ = ["OcrMode", "ProcessOptions", "process_file"]
