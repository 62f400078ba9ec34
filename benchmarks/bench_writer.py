"""Index writing alone: Whoosh's writer settings and the commit batch size, on one prepared corpus.

    python benchmarks/bench_writer.py --text-pages 200 --workdir /tmp/bi   # reuses bench_ingest's

The corpus (bench_ingest's text minutes) is read and prepared once, as the ingest workers do;
then each setting writes it into a fresh index, and the entries written per second are printed:

* Whoosh's own writer settings, on the raw index (one commit per batch, as the backend makes
  them): ``procs`` (sub-writers in processes), ``multisegment`` (each keeps its own segment,
  no merge at commit), ``limitmb`` (the pool's memory before it spills to disk);
* the commit batch (documents per commit) through :meth:`archive.index.Archive.add_prepared`,
  records and journal included, for each installed backend.

Figures are printed, not asserted: they vary between machines.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_ingest import make_text_corpus

WHOOSH_SETTINGS: list[dict[str, Any]] = [
    {"limitmb": 256},  # the backend's own setting
    {"limitmb": 64},
    {"limitmb": 512},
    {"limitmb": 256, "procs": 2},
    {"limitmb": 256, "procs": 2, "multisegment": True},
]
BATCHES = (10, 25, 50, 100)


def prepared_corpus(corpus: Path) -> list:
    """Every file of the corpus processed and prepared for Whoosh, records included."""
    from archive.index.store import meeting_json
    from archive.index.whoosh.backend import prepare
    from pipeline.process import ProcessOptions, process_file

    out = []
    for path in sorted(corpus.glob("*.pdf")):
        meeting = process_file(path, ProcessOptions(ocr="never", tag=True))
        meeting.source = str(path)
        one = prepare(meeting)
        one.record = meeting_json(meeting)
        out.append(one)
    return out


def whoosh_raw(prepared: list, settings: dict[str, Any], batch: int) -> float:
    """Entries per second Whoosh writes with `settings`, one commit per `batch` meetings."""
    from whoosh import index as whoosh_index

    from archive.index.whoosh.schema import build_schema

    folder = Path(tempfile.mkdtemp(prefix="bench-writer-"))
    try:
        ix = whoosh_index.create_in(str(folder), build_schema())
        entries = 0
        start = time.perf_counter()
        for n in range(0, len(prepared), batch):
            writer = ix.writer(**settings)
            for one in prepared[n : n + batch]:
                writer.delete_by_term("sha256", one.meeting.sha256)
                for doc in one.documents:
                    writer.add_document(**doc)
                entries += one.entries
            writer.commit()
        seconds = time.perf_counter() - start
        ix.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return entries / seconds


def archive_batches(prepared: dict[str, list], backend: str, batch: int) -> float:
    """Entries per second through the archive (records, journal, one commit per batch)."""
    from archive.index import Archive

    folder = Path(tempfile.mkdtemp(prefix="bench-writer-"))
    try:
        with Archive(folder, backend=backend) as index:
            entries = 0
            batches = prepared[backend]
            start = time.perf_counter()
            for n in range(0, len(batches), batch):
                entries += index.add_prepared(batches[n : n + batch])
            seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return entries / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text-pages", type=int, default=200)
    parser.add_argument("--workdir", type=Path, help="the corpus folder of bench_ingest")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    text_dir = workdir / "text"
    if not text_dir.exists():
        make_text_corpus(text_dir, args.text_pages)
    whoosh = prepared_corpus(text_dir)
    prepared = {"whoosh": whoosh}
    if importlib.util.find_spec("tantivy") is not None:
        from archive.index.backend import backend_class

        tantivy_prepare = backend_class("tantivy").prepare
        prepared["tantivy"] = []
        for one in whoosh:
            again = tantivy_prepare(one.meeting)
            again.record = one.record
            prepared["tantivy"].append(again)
    print(f"{len(whoosh)} meetings, {sum(p.entries for p in whoosh)} entries")
    figures: dict[str, float] = {}
    for settings in WHOOSH_SETTINGS:
        label = "whoosh raw " + " ".join(f"{k}={v}" for k, v in settings.items())
        figures[label] = whoosh_raw(whoosh, settings, 10)
        print(f"{label:<52} {figures[label]:8.0f} entries/s")
    for backend in prepared:
        for batch in BATCHES:
            label = f"{backend} archive, {batch} documents per commit"
            figures[label] = archive_batches(prepared, backend, batch)
            print(f"{label:<52} {figures[label]:8.0f} entries/s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
