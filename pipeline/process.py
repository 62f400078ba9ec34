"""One source file → one tagged :class:`Meeting`: the pure per-document function.

It reads the file and returns records; it writes nothing, so a batch runner (processes here, a
cluster engine elsewhere) can call it on any worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.document import extract_document
from pipeline.layout.table import find_layout
from pipeline.ocr.raster import DEFAULT_DPI, DEFAULT_MAX_PIXELS
from pipeline.records import Meeting
from pipeline.structure.meeting import build_meeting


@dataclass(frozen=True)
class ProcessOptions:
    """Settings of the per-document work."""

    ocr: str = "auto"  # auto | always | never
    password: str | None = None
    tag: bool = True  # run the Dutch language model
    ocr_jobs: int = 1  # Tesseract processes for this document's pages
    dpi: int = DEFAULT_DPI  # resolution pages are rendered at for OCR
    max_pixels: int = DEFAULT_MAX_PIXELS  # larger page images are downsampled or refused


def process_file(path: Path, options: ProcessOptions | None = None) -> Meeting:
    """Extract, lay out, structure and tag one file."""
    options = options or ProcessOptions()
    document = extract_document(
        path,
        ocr=options.ocr,
        password=options.password,
        dpi=options.dpi,
        max_pixels=options.max_pixels,
        jobs=options.ocr_jobs,
    )
    layout = find_layout(document.pages)
    meeting = build_meeting(document, layout)
    if options.tag:
        from pipeline.tagging import tag_meeting  # spaCy loads only when tagging is wanted

        tag_meeting(meeting)
    return meeting
