"""A meeting made ready for the index: its JSON record and its documents, text analysed.

An ingest has one index writer and several workers. Everything about a document that does not
depend on the index (the JSON record, the index documents, the tokenising and stemming of
their text) is done by :func:`prepare`, in the worker that extracted the document, so the
writer is left with filing postings and committing. On a 2-core machine that moves about
two thirds of the writing work off the one thread that cannot be parallelised.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.schema import ANALYZED_FIELDS, Analyzed, build_schema, meeting_documents
from archive.store import record_json
from pipeline.records import Meeting

if TYPE_CHECKING:
    from collections.abc import Callable

    from whoosh.fields import Schema

    from pipeline.process import ProcessOptions


@dataclass
class Prepared:
    """What the writer stores and indexes for one meeting."""

    meeting: Meeting
    documents: list[dict[str, Any]]  # keyword arguments for `writer.add_document`
    record: str | None = None  # the record store's JSON of the meeting, when made ahead


@lru_cache(maxsize=1)
def _schema() -> Schema:
    return build_schema()


def prepare(meeting: Meeting, *, record: bool = True) -> Prepared:
    """The meeting's documents with their text fields analysed, and (with `record`) its JSON
    record. A pure function of the meeting, run wherever there is a core to spare."""
    schema = _schema()
    documents = list(meeting_documents(meeting))
    for doc in documents:
        for name in ANALYZED_FIELDS:
            if name in doc:
                doc[name] = Analyzed(tuple(schema[name].index(doc[name])))
    return Prepared(meeting, documents, record_json(meeting) if record else None)


def process_and_prepare(
    process: Callable[[Path, ProcessOptions], Meeting], path: Path, options: ProcessOptions
) -> Prepared:
    """The workers' job: `process` the file, then :func:`prepare` the meeting for the writer.

    The index keys sources by the path the run found, whatever the pipeline recorded, so that
    the next run recognises the file.
    """
    meeting = process(path, options)
    meeting.source = str(path)
    return prepare(meeting)
