"""Ingest throughput: generate a corpus, ingest it with 1 and 2 workers, print the figures.

    python benchmarks/bench_ingest.py                      # 1,000 text pages, 100 scanned pages
    python benchmarks/bench_ingest.py --text-pages 200 --ocr-pages 20   # a quick look

Prints text pages/s, OCR pages/s, entries/s indexed, peak memory (the ingest process and all its
workers together, sampled from /proc), and the speed-up from 1 to 2 workers. The figures are
printed, not asserted: timing varies too much between machines to make a test of it.

For the text corpus it also prints where a page's time goes (one process, each stage of
:func:`pipeline.process.process_file` timed on its own, then preparing and writing the index
with every installed backend), and how fast ``pdftotext -layout`` reads the same files: the
floor no reader of the text layer gets below.

Targets on a 2-core machine: text ingest >= 100 pages/s with 2 workers, tagging on (within 5x
of pdftotext on the same files); 1 -> 2 workers >= 1.8x; writing >= 2,000 entries/s on Whoosh
and >= 20,000 on tantivy; peak memory < 1.5 GiB; 2 workers >= 1.8x one worker on OCR work.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

GIB = 1024**3


# --- the corpus ---------------------------------------------------------------------------


def _spec(n: int, items: int):
    from samples.render import ItemRow, MinutesSpec, ThemeRow, TitleRow

    rows: list = []
    for i in range(1, items + 1):
        if i % 6 == 1:
            rows.append(ThemeRow(f"Thema {n}.{i // 6 + 1}: opvang en huisvesting"))
        rows.append(TitleRow(f"Onderwerp {i} van overleg {n}"))
        rows.append(
            ItemRow(
                f"{i // 6 + 1}.{i % 6 + 1}",
                [
                    f"B: Het overleg {n} besluit om punt {i} in de regio Twente uit te voeren.\n\n"
                    f"K: Er zijn te weinig opvangplekken in gemeente Enschede ({n}-{i}).\n\n"
                    f"A > Projectleider: stuurt voor 25 maart een voorstel over punt {i}.",
                    f"De voorzitter licht punt {i} toe. Medio april volgt een evaluatie met de "
                    f"gemeenten Hengelo en Almelo over de stand van zaken {n}.",
                ],
            )
        )
    return MinutesSpec(
        body="Regionaal Beleidsteam Twente",
        title=f"Verslag bestuurlijk overleg {n}",
        date_line=f"Datum: {1 + n % 28} maart 2022",
        heading_lines=["Aanwezig: voorzitter, secretaris, projectleider Oekraïne"],
        rows=rows,
    )


def _page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def make_text_corpus(folder: Path, pages: int, items_per_doc: int = 30) -> int:
    """Born-digital minutes until `pages` pages are written; returns the page count."""
    from samples.render import render_minutes

    folder.mkdir(parents=True, exist_ok=True)
    total, n = 0, 0
    while total < pages:
        path = render_minutes(_spec(n, items_per_doc), folder / f"verslag-{n:04}.pdf")
        total += _page_count(path)
        n += 1
    return total


def make_scanned_corpus(folder: Path, pages: int, pages_per_doc: int = 2, dpi: int = 300) -> int:
    """Image-only PDFs: pages of generated minutes rendered to grey images, as a scanner would."""
    import pypdfium2
    from PIL import Image

    from samples.render import render_minutes

    folder.mkdir(parents=True, exist_ok=True)
    # Enough items for every page to differ: a repeated page would make a duplicate file,
    # which ingest skips by its content hash.
    source = render_minutes(_spec(9999, 6 * pages + 20), folder.parent / "scan-source.pdf")
    pdf = pypdfium2.PdfDocument(str(source))
    images: list[Image.Image] = []
    try:
        for index in range(pages):
            page = pdf[index % len(pdf)]
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
    finally:
        pdf.close()
    source.unlink()
    for n in range(0, pages, pages_per_doc):
        chunk = images[n : n + pages_per_doc]
        out = io.BytesIO()
        chunk[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=chunk[1:])
        (folder / f"scan-{n // pages_per_doc:04}.pdf").write_bytes(out.getvalue())
    return pages


# --- measuring ----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return out


def _rss_of_tree(root: int) -> int:
    """Resident memory of `root` and every process below it, in bytes."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, frontier, seen = 0, [root], set()
    while frontier:
        pid = frontier.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            continue
        frontier += _children(pid)
    return total


class PeakMemory:
    """Samples the memory of this process and its workers in a thread, 10 times a second."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_of_tree(os.getpid()))
            self._stop.wait(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


class TimedIndex:
    """The real index, with the time spent writing to it added up."""

    def __init__(self, index) -> None:
        self.index = index
        self.seconds = 0.0
        self.entries = 0

    def add_prepared(self, batch: Iterable) -> int:
        start = time.perf_counter()
        count = self.index.add_prepared(batch)
        self.seconds += time.perf_counter() - start
        self.entries += count
        return count

    def __getattr__(self, name: str):
        return getattr(self.index, name)


@dataclass
class Run:
    label: str
    workers: int
    ocr_jobs: int | None
    seconds: float
    pages: int
    ocr_pages: int
    entries: int
    index_seconds: float
    failed: int
    peak: int

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds


def ingest(label: str, corpus: Path, workers: int, tag: bool, ocr_jobs: int | None = None) -> Run:
    from archive.index import Archive
    from archive.ingest import IngestOptions, run_ingest

    index_dir = Path(tempfile.mkdtemp(prefix="bench-index-"))
    try:
        index = TimedIndex(Archive(index_dir))
        options = IngestOptions(workers=workers, tag=tag, ocr_jobs=ocr_jobs, timeout=3600)
        with PeakMemory() as memory:
            start = time.perf_counter()
            result = run_ingest([corpus], index, options)
            seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)
    for failure in result.failures:
        print(f"  failed: {failure.path}: {failure.reason}: {failure.message}")
    return Run(
        label,
        workers,
        ocr_jobs,
        seconds,
        result.pages,
        result.ocr_pages,
        result.entries,
        index.seconds,
        result.failed,
        memory.peak,
    )


# --- where a text page's time goes --------------------------------------------------------

STAGES = ("extraction", "layout", "structure", "tagging", "prepare", "index writing")


def stage_breakdown(corpus: Path, tag: bool) -> tuple[dict[str, float], dict[str, float]]:
    """Milliseconds per page of each stage, in one process over the corpus, and the entries
    per second each installed backend writes.

    The stages are the steps of :func:`pipeline.process.process_file` called one by one, then
    the ingest worker's `prepare` (the backend's analysis and the JSON record) and the writer's
    commits, in batches of the ingest's size. The language model loads before the clock starts,
    and the garbage collector is tuned as the ingest tunes it in its workers and its writer.
    """
    from archive.ingest.collector import tuned_for_ingest

    if tag:
        from models.nlp import load

        load()
    with tuned_for_ingest():
        return _stage_breakdown(corpus, tag)


def _stage_breakdown(corpus: Path, tag: bool) -> tuple[dict[str, float], dict[str, float]]:
    from archive.index import Archive
    from archive.index.store import meeting_json
    from archive.ingest.options import COMMIT_DOCUMENTS
    from pipeline.extract.document import extract_document
    from pipeline.layout.table import find_layout
    from pipeline.options import ProcessOptions
    from pipeline.structure.meeting import build_meeting

    options = ProcessOptions(ocr="never", tag=tag)
    if tag:
        from pipeline.tagging import tag_meeting
    files = sorted(corpus.glob("*.pdf"))
    seconds = dict.fromkeys(STAGES, 0.0)
    writing: dict[str, float] = {}
    pages = 0
    meetings = []
    for path in files:
        clock = time.perf_counter()
        document = extract_document(path, options)
        now = time.perf_counter()
        seconds["extraction"] += now - clock
        layout = find_layout(document.pages)
        clock, now = now, time.perf_counter()
        seconds["layout"] += now - clock
        meeting = build_meeting(document, layout)
        clock, now = now, time.perf_counter()
        seconds["structure"] += now - clock
        if tag:
            tag_meeting(meeting)
            clock, now = now, time.perf_counter()
            seconds["tagging"] += now - clock
        meeting.source = str(path)
        meetings.append(meeting)
        pages += len(document.pages)
    for name in _backends():
        index_dir = Path(tempfile.mkdtemp(prefix=f"bench-stages-{name}-"))
        try:
            with Archive(index_dir, backend=name) as index:
                clock = time.perf_counter()
                prepared = []
                for meeting in meetings:
                    one = index.prepare(meeting)
                    one.record = meeting_json(meeting)
                    prepared.append(one)
                prepare = time.perf_counter() - clock
                clock = time.perf_counter()
                entries = 0
                for n in range(0, len(prepared), COMMIT_DOCUMENTS):
                    entries += index.add_prepared(prepared[n : n + COMMIT_DOCUMENTS])
                write = time.perf_counter() - clock
        finally:
            shutil.rmtree(index_dir, ignore_errors=True)
        writing[name] = entries / max(write, 1e-9)
        if name == "whoosh":  # the default backend: the one the ingest runs above wrote
            seconds["prepare"], seconds["index writing"] = prepare, write
    per_page = {stage: 1000 * s / max(pages, 1) for stage, s in seconds.items()}
    return per_page, writing


def _backends() -> list[str]:
    """The search backends whose libraries are installed, the default first."""
    names = ["whoosh"]
    if importlib.util.find_spec("tantivy") is not None:
        names.append("tantivy")
    return names


def pdftotext_rate(corpus: Path) -> float | None:
    """Pages per second of ``pdftotext -layout`` over the corpus, one file after another;
    None when poppler's pdftotext is not installed."""
    if shutil.which("pdftotext") is None:
        return None
    files = sorted(corpus.glob("*.pdf"))
    pages = sum(_page_count(path) for path in files)
    start = time.perf_counter()
    for path in files:
        subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, stdout=subprocess.DEVNULL
        )
    return pages / (time.perf_counter() - start)


def show(run: Run) -> None:
    jobs = f", {run.ocr_jobs} OCR job(s) per document" if run.ocr_jobs else ""
    print(
        f"{run.label:<5} {run.workers} worker(s){jobs}: {run.pages} pages "
        f"({run.ocr_pages} OCR) in {run.seconds:.1f} s = {run.pages_per_second:.2f} pages/s; "
        f"{run.entries} entries, {run.entries / max(run.index_seconds, 1e-9):.0f} entries/s "
        f"indexed ({run.index_seconds:.1f} s writing); peak memory {run.peak / GIB:.2f} GiB"
        + (f"; {run.failed} FAILED" if run.failed else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text-pages", type=int, default=1000)
    parser.add_argument("--ocr-pages", type=int, default=100)
    parser.add_argument("--workdir", type=Path, help="keep the generated corpus here")
    parser.add_argument("--no-tag", action="store_true", help="skip the language model")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    tag = not args.no_tag and importlib.util.find_spec("pipeline.tagging") is not None

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    text_dir, scan_dir = workdir / "text", workdir / "scanned"
    print(f"cpus: {os.cpu_count()}; tagging: {'on' if tag else 'off'}; corpus: {workdir}")
    # Other work on the machine skews every figure below: say how busy it was.
    print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    if args.text_pages and not text_dir.exists():
        start = time.perf_counter()
        pages = make_text_corpus(text_dir, args.text_pages)
        print(f"generated {pages} text pages in {time.perf_counter() - start:.0f} s")
    if args.ocr_pages and not scan_dir.exists():
        start = time.perf_counter()
        make_scanned_corpus(scan_dir, args.ocr_pages)
        print(f"generated {args.ocr_pages} scanned pages in {time.perf_counter() - start:.0f} s")

    runs: list[Run] = []
    stages: dict[str, float] = {}
    writing: dict[str, float] = {}
    floor = None
    if args.text_pages:
        for workers in (1, 2):
            runs.append(ingest("text", text_dir, workers, tag))
            show(runs[-1])
        stages, writing = stage_breakdown(text_dir, tag)
        print("one text page, by stage (one process):")
        for stage, ms in stages.items():
            print(f"  {stage:<14} {ms:7.2f} ms")
        print(f"  {'total':<14} {sum(stages.values()):7.2f} ms")
        for name, rate_ in writing.items():
            print(f"writing {name}: {rate_:.0f} entries/s")
        floor = pdftotext_rate(text_dir)
        if floor is not None:
            print(f"pdftotext -layout: {floor:.0f} pages/s")
    if args.ocr_pages:
        # One Tesseract process per document isolates the gain from running documents in
        # parallel; the default (jobs fill the CPUs) is shown for one worker as well.
        for workers, jobs in ((1, 1), (2, 1), (1, None)):
            runs.append(ingest("ocr", scan_dir, workers, tag, ocr_jobs=jobs))
            show(runs[-1])

    def rate(label: str, workers: int, jobs: int | None = None) -> float:
        return next(
            r.pages_per_second
            for r in runs
            if r.label == label and r.workers == workers and (label == "text" or r.ocr_jobs == jobs)
        )

    print()
    figures: dict[str, float] = {}
    if args.text_pages:
        figures["text_pages_per_s_2_workers"] = rate("text", 2)
        figures["text_speedup_1_to_2_workers"] = rate("text", 2) / rate("text", 1)
        if floor is not None:
            figures["pdftotext_pages_per_s"] = floor
            # How many times slower than reading the text alone: the target is within 5x.
            figures["pdftotext_over_pipeline_2_workers"] = floor / rate("text", 2)
        for name, rate_ in writing.items():
            figures[f"entries_per_s_written_{name}"] = rate_
    if args.ocr_pages:
        figures["ocr_pages_per_s_2_workers"] = rate("ocr", 2, 1)
        figures["ocr_speedup_1_to_2_workers"] = rate("ocr", 2, 1) / rate("ocr", 1, 1)
    indexed = [r.entries / r.index_seconds for r in runs if r.index_seconds]
    if indexed:
        figures["entries_per_s_indexed"] = max(indexed)
    figures["peak_memory_gib"] = max(r.peak for r in runs) / GIB
    for name, value in figures.items():
        print(f"{name:<32} {value:8.2f}")
    print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    if args.json:
        out = {**figures, "text_stage_ms_per_page": stages} if stages else figures
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
