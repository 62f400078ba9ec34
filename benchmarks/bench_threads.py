"""Actions over time on generated series: threads found against their gold.

    python benchmarks/bench_threads.py [--series 12] [--seed S] [--meetings N] [--scans]
                                       [--workers 2] [--misses] [--keep DIR]

Draws `--series` series from fresh seeds (printed; `--seed S` replays a run) with the
generator's series mode (`samples.docgen.series`: a body meets N times, its actions carried
over, reworded, closed and dropped), renders them with LibreOffice, ingests the PDFs with the
real ingest (worker processes, tagging, the thread computation after the last commit) into one
archive, and scores the stored threads (`samples.docgen.series_score`):

* precision and recall of the pairs of mentions joined in one thread, over the mentions the
  reader found, and recall over all gold mentions (end to end);
* the status of each action as of the last meeting (of the thread its first found mention is
  in), and the share of threads found exactly;
* each series found as one series, with the meetings its schedule misses.

Targets: precision ≥ 0.95, recall ≥ 0.90, status ≥ 0.95. With `--scans` every document is
also ingested as a 300 dpi scan (its text read by OCR), in an archive of its own.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from archive.index import Archive
from archive.ingest import IngestOptions, run_ingest
from archive.threads import ThreadSet, load
from archive.threads.store import forget
from samples.docgen.series import RenderedSeries, render_series
from samples.docgen.series_score import ThreadScore, score_series

# The tests use seeds below 100; the benchmark draws far above, fresh each run.
SEED_RANGE = (1_000_000, 9_999_999)
TARGET_PRECISION, TARGET_RECALL, TARGET_STATUS = 0.95, 0.90, 0.95


def ingest(pdfs: list[Path], index: Path, workers: int) -> ThreadSet:
    """The real ingest into `index`; the threads it stored after its last commit."""
    with Archive(index) as archive:
        result = run_ingest(pdfs, archive, IngestOptions(workers=workers))
    failed = [o for o in result.outcomes if o.status == "failed"]
    for outcome in failed:
        print(f"  failed: {outcome.path}: {outcome.reason}")
    forget(index)  # read them as a later process would: from the file the ingest wrote
    threads = load(index)
    if threads is None:
        raise SystemExit("the ingest left no current threads beside the records")
    return threads


def score(rendered: list[RenderedSeries], index: Path, threads: ThreadSet,
          rename: dict[str, str] | None = None) -> tuple[ThreadScore, dict[str, ThreadScore],
                                                         list[str]]:
    """Scores overall and per template, and what the series check found wrong."""
    with Archive(index) as archive:
        meetings = list(archive.store.meetings())
    stem = (lambda p: rename.get(Path(p).name, Path(p).stem)) if rename else (
        lambda p: Path(p).stem)
    by_doc = {stem(m.source): m for m in meetings}

    def predicted(entry_id: str) -> tuple[str, str] | None:
        thread = threads.thread_of(entry_id)
        return (thread.thread_id, thread.status) if thread else None

    total, per_template, problems = ThreadScore(), defaultdict(ThreadScore), []
    for series in rendered:
        s = score_series(series.gold, by_doc, predicted)
        total = total + s
        per_template[series.gold["template"]] = per_template[series.gold["template"]] + s
        found = {threads.series_of(by_doc[m["doc"]].sha256).key for m in series.gold["meetings"]
                 if m["doc"] in by_doc}
        if len(found) != 1:
            problems.append(f"{series.gold['name']}: its meetings are in {len(found)} series")
            continue
        one = threads.series_of(by_doc[series.gold["meetings"][0]["doc"]].sha256)
        gaps = [d for g in one.gaps for d in g.expected]
        if gaps != series.gold["skipped"]:
            problems.append(f"{series.gold['name']}: missing {gaps}, gold {series.gold['skipped']}")
    return total, dict(per_template), problems


def report(title: str, total: ThreadScore, per_template: dict[str, ThreadScore],
           problems: list[str], series: int, misses: bool) -> bool:
    rows = [("all", total), *sorted(per_template.items())]
    print(f"\n{title}")
    print(f"{'':24} {'pairs':>6} {'prec.':>6} {'recall':>6} {'e2e':>6} {'status':>6} "
          f"{'found':>6} {'exact':>6}")
    for name, s in rows:
        f = s.figures()
        print(f"{name:24} {s.gold_pairs:>6} {f['precision']:>6.3f} {f['recall']:>6.3f} "
              f"{f['end_to_end_recall']:>6.3f} {f['status']:>6.3f} {f['mentions_found']:>6.3f} "
              f"{f['threads_exact']:>6.3f}")
    print(f"series found whole with their gaps: {series - len(problems)} of {series}")
    for problem in problems:
        print(f"  {problem}")
    if misses:
        for miss in total.misses:
            print(f"  {miss}")
    f = total.figures()
    ok = (f["precision"] >= TARGET_PRECISION and f["recall"] >= TARGET_RECALL
          and f["status"] >= TARGET_STATUS)
    print(f"targets precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL}, status ≥ "
          f"{TARGET_STATUS}: {'met' if ok else 'not met'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--series", type=int, default=12, help="series to draw (default 12)")
    parser.add_argument("--seed", type=int, help="first seed (default: fresh each run)")
    parser.add_argument("--meetings", type=int, help="meetings per series (default 4-6)")
    parser.add_argument("--scans", action="store_true", help="also as 300 dpi scans (OCR)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--misses", action="store_true", help="list what was missed")
    parser.add_argument("--keep", type=Path, help="render and index here (reused if there)")
    args = parser.parse_args(argv)

    first = args.seed if args.seed is not None else random.SystemRandom().randint(*SEED_RANGE)
    seeds = list(range(first, first + args.series))
    print(f"seeds {first}..{seeds[-1]} ({args.series} series)")
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-threads-"))
    try:
        started = time.perf_counter()
        rendered = render_series(seeds, root / "pdf", meetings=args.meetings,
                                 workers=args.workers)
        docs = [d for s in rendered for d in s.docs]
        print(f"rendered {len(docs)} documents in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        index = root / "index"
        shutil.rmtree(index, ignore_errors=True)
        threads = ingest([d.pdf for d in docs], index, args.workers)
        print(f"ingested in {time.perf_counter() - started:.0f} s: {len(threads.threads)} "
              f"threads in {len(threads.series)} series")
        ok = report("text PDFs", *score(rendered, index, threads), len(rendered), args.misses)
        if args.scans:
            from samples import scans

            started = time.perf_counter()
            scanned, rename = [], {}
            for doc in docs:
                path = root / "scans" / f"{doc.name}.scan.pdf"
                if not path.is_file():
                    scans.scanned_pdf(doc.pdf, path, seed=doc.seed % 1000)
                scanned.append(path)
                rename[path.name] = doc.name
            index = root / "index-scans"
            shutil.rmtree(index, ignore_errors=True)
            threads = ingest(scanned, index, args.workers)
            print(f"\nscanned and ingested in {time.perf_counter() - started:.0f} s")
            ok &= report("300 dpi scans", *score(rendered, index, threads, rename),
                         len(rendered), args.misses)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
