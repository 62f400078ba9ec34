"""Reader accuracy on drawn Word-made minutes (text, 300 dpi scans, photocopies) and real minutes.

    python benchmarks/accuracy.py [--n 60] [--seed S | --seeds A-B] [--no-scans] [--misses]
                                  [--scan-share 0.25] [--json] [--keep DIR]

Draws N documents from seeds no test uses (fresh each run unless given; the seeds are printed),
renders them through LibreOffice (``samples.docgen``), makes 300 dpi scans and harsh 150 dpi
photocopies of a share of them, ingests every variant with the real CLI (``archive ingest``,
then ``archive show <sha256> --json`` per file) and scores each against its gold
(``samples.metrics``). Prints figures per variant, per template and per axis value, then the
same for the real minutes in ``../shared/corpus/minutes/`` (when present), then the worst
documents with their seeds: ``--seed S --misses`` replays one and lists what it missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from samples import scans
from samples.docgen import Rendered, render_draws
from samples.docgen.render import parse_seeds
from samples.metrics import Figure, Score, aggregate, score_document, score_real

ROOT = Path(__file__).resolve().parents[1]
REAL = Path(os.environ.get("ARCHIVE_MINUTES", ROOT.parent / "shared" / "corpus" / "minutes"))
# Tests draw seeds below 10,000; the benchmark draws from far above.
SEED_RANGE = (1_000_000, 9_999_999)
COLUMNS = (
    ("items", "items"), ("titles", "titles"), ("entry_kinds", "kinds"), ("owners", "owners"),
    ("due", "due"), ("status", "status"), ("entry_precision", "prec"),
    ("decision_action_precision", "B/A prec"), ("cer", "CER"), ("meeting_date", "date"),
    ("body", "body"),
)
REAL_COLUMNS = (
    ("items", "items"), ("titles", "titles"), ("decisions", "decisions"),
    ("actions", "actions"), ("owners", "owners"), ("false_decisions", "false B"),
    ("false_actions", "false A"), ("meeting_date", "date"), ("body", "body"),
)
VARIANTS = ("text", "scan", "photocopy")


def archive_exe() -> str:
    """The ``archive`` command of this interpreter's environment."""
    beside = Path(sys.executable).with_name("archive")
    if beside.exists():
        return str(beside)
    found = shutil.which("archive")
    if not found:
        raise SystemExit("the archive CLI is not installed (pip install -e .)")
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest(folder: Path, index: Path, workers: int) -> float:
    """``archive ingest`` a folder into ``index``; returns the wall time. Files that fail are
    reported and score as empty meetings; an ingest that cannot run stops the benchmark."""
    start = time.perf_counter()
    cmd = [archive_exe(), "ingest", str(folder), "--index", str(index), "--json", "--quiet",
           "--workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    try:
        summary = json.loads(done.stdout)
    except ValueError:
        raise SystemExit(f"archive ingest {folder} did not run (exit {done.returncode}):\n"
                         f"{done.stderr[-3000:]}") from None
    for failure in summary.get("failures") or []:
        print(f"  ingest failed: {failure.get('path')}: {failure.get('reason')} "
              f"{failure.get('message', '')[:120]}", file=sys.stderr)
    return time.perf_counter() - start


def show(path: Path, index: Path) -> dict[str, Any] | None:
    """``archive show <sha256> --json``: the meeting the reader made of ``path``."""
    cmd = [archive_exe(), "show", sha256(path), "--index", str(index), "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    return json.loads(done.stdout)


def make_scans(docs: list[Rendered], outdir: Path, share: float, max_pages: int,
               rng: random.Random) -> dict[str, list[tuple[Rendered, Path]]]:
    """300 dpi scans and harsh photocopies of a random share of ``docs``, capped in pages."""
    chosen, pages = [], 0
    for doc in rng.sample(docs, len(docs)):
        if len(chosen) >= round(share * len(docs)):
            break
        if pages + doc.gold["pages"] > max_pages:
            continue
        chosen.append(doc)
        pages += doc.gold["pages"]
    out: dict[str, list[tuple[Rendered, Path]]] = {"scan": [], "photocopy": []}
    for doc in sorted(chosen, key=lambda d: d.seed):
        out["scan"].append((doc, scans.scanned_pdf(
            doc.pdf, outdir / "scan" / f"{doc.name}.scan.pdf", seed=doc.seed % 1000)))
        out["photocopy"].append((doc, scans.harsh_photocopy_pdf(
            doc.pdf, outdir / "photocopy" / f"{doc.name}.photocopy.pdf", seed=doc.seed % 1000)))
    return out


def fmt(f: Figure | None) -> str:
    if f is None or f.value is None:
        return "–"
    return f"{100 * f.value:.1f} ({f.n})"


def table(title: str, rows: list[tuple[str, dict[str, Figure]]],
          columns: tuple[tuple[str, str], ...]) -> str:
    """A plain text table: one row per label, one column per figure, "value% (n)"."""
    head = ["", *(c[1] for c in columns)]
    body = [[label, *(fmt(figs.get(key)) for key, _ in columns)] for label, figs in rows]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    lines = [title, "  ".join(h.rjust(w) if i else h.ljust(w)
                              for i, (h, w) in enumerate(zip(head, widths, strict=True)))]
    for r in body:
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w)
                               for i, (c, w) in enumerate(zip(r, widths, strict=True))))
    return "\n".join(lines)


def breakdown(results: list[tuple[Rendered, Score]], key: str) -> list[tuple[str, dict[str,
                                                                                      Figure]]]:
    groups: dict[str, list[Score]] = defaultdict(list)
    for doc, score in results:
        groups[str(doc.gold["axes"].get(key, ""))].append(score)
    return [(f"{value} [{len(g)}]", aggregate(g)) for value, g in sorted(groups.items())]


def composite(score: Score) -> float:
    """One number to rank documents by: the mean of the main recall and precision figures."""
    keys = ("items", "titles", "entry_kinds", "owners", "entry_precision", "meeting_date")
    values = [v for k in keys if (f := score.figures.get(k)) and (v := f.value) is not None]
    return sum(values) / len(values) if values else 0.0


def score_real_minutes(workdir: Path, workers: int) -> tuple[list[tuple[str, Score]], float]:
    expected_dir = REAL / "expected"
    index = workdir / "index-real"
    seconds = ingest(REAL, index, workers)
    out = []
    for path in sorted(expected_dir.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        pdf = REAL / expected["file"]
        if not pdf.is_file():
            continue
        pred = show(pdf, index) or {"items": []}
        out.append((pdf.name, score_real(expected, pred)))
    return out, seconds


def run(args: argparse.Namespace) -> dict[str, Any]:
    if args.seed is not None:
        seeds = [args.seed]
    elif args.seeds:
        seeds = parse_seeds(args.seeds)
    else:
        seeds = sorted(random.SystemRandom().sample(range(*SEED_RANGE), args.n))
    print(f"seeds: {','.join(map(str, seeds))}", flush=True)
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="accuracy-"))
    timings: dict[str, float] = {}
    t = time.perf_counter()
    docs = render_draws(seeds, workdir / "text", workers=args.workers)
    timings["render"] = time.perf_counter() - t
    pages = sum(d.gold["pages"] for d in docs)
    print(f"rendered {len(docs)} documents, {pages} pages, in {timings['render']:.1f} s "
          f"({timings['render'] / max(1, len(docs)):.2f} s per document)", flush=True)
    variants: dict[str, list[tuple[Rendered, Path]]] = {"text": [(d, d.pdf) for d in docs]}
    if not args.no_scans:
        t = time.perf_counter()
        share = 1.0 if args.seed is not None else args.scan_share
        variants |= make_scans(docs, workdir, share, args.max_scan_pages, random.Random(seeds[0]))
        timings["scans"] = time.perf_counter() - t
    results: dict[str, list[tuple[Rendered, Score]]] = {}
    for variant, files in variants.items():
        if not files:
            continue
        folder = workdir / ("text-pdfs" if variant == "text" else variant)
        if variant == "text":
            folder.mkdir(parents=True, exist_ok=True)
            for _, pdf in files:  # only the PDFs: the folder also holds gold and Word files
                target = folder / pdf.name
                if not target.exists():
                    shutil.copyfile(pdf, target)
            files = [(doc, folder / pdf.name) for doc, pdf in files]
        index = workdir / f"index-{variant}"
        timings[f"ingest {variant}"] = ingest(folder, index, args.workers)
        scored = []
        for doc, pdf in files:
            pred = show(pdf, index) or {"items": []}
            scored.append((doc, score_document(doc.gold, pred)))
        results[variant] = scored
        n_pages = sum(d.gold["pages"] for d, _ in files)
        print(f"ingested {variant}: {len(files)} files, {n_pages} pages in "
              f"{timings[f'ingest {variant}']:.1f} s", flush=True)
    real: list[tuple[str, Score]] = []
    if REAL.is_dir() and not args.no_real:
        real, timings["ingest real"] = score_real_minutes(workdir, args.workers)
    return {"seeds": seeds, "workdir": str(workdir), "timings": timings, "results": results,
            "real": real}


def report(out: dict[str, Any], args: argparse.Namespace) -> None:
    results: dict[str, list[tuple[Rendered, Score]]] = out["results"]
    rows = [(v, aggregate(s for _, s in r)) for v, r in results.items()]
    print()
    print(table("All drawn documents, per variant  (value% (n))", rows, COLUMNS))
    for variant, scored in results.items():
        print()
        templates = breakdown(scored, "template")
        print(table(f"[{variant}] per template", templates, COLUMNS))
        if args.seed is not None:
            continue
        axes = sorted({k for d, _ in scored for k in d.gold["axes"]} - {"template"})
        per_axis = []
        for axis in axes:
            per_axis += [(f"{axis}={label}", figs) for label, figs in breakdown(scored, axis)]
        print()
        print(table(f"[{variant}] per axis value", per_axis, COLUMNS))
    real = out["real"]
    print()
    if real:
        rows = [(name[:46], s.figures) for name, s in real]
        rows.append(("all real minutes", aggregate(s for _, s in real)))
        print(table("Real minutes (../shared/corpus/minutes)", rows, REAL_COLUMNS))
    elif not args.no_real:
        print(f"real minutes: none at {REAL} (skipped)")
    ranked = sorted(((composite(s), v, d, s) for v, r in results.items() for d, s in r),
                    key=lambda t: (t[0], t[2].seed))
    print()
    print("Worst documents (replay: benchmarks/accuracy.py --seed S --misses)")
    for value, variant, doc, score in ranked[: args.worst]:
        figs = "  ".join(f"{label}={fmt(score.figures.get(key))}" for key, label in COLUMNS[:5])
        print(f"  seed {doc.seed:>8}  {variant:<9} {doc.template:<22} {100 * value:5.1f}  {figs}")
    if args.misses:
        for variant, scored in results.items():
            for doc, score in scored:
                print(f"\n--- misses: seed {doc.seed} {doc.name} [{variant}] "
                      f"({len(score.misses)})")
                for line in score.misses:
                    print(f"  {line}")
    timings = out["timings"]
    print()
    print("Timing: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))


def to_json(out: dict[str, Any]) -> dict[str, Any]:
    def figs(scores: Iterable[Score]) -> dict[str, Any]:
        return {k: f.to_dict() for k, f in aggregate(scores).items()}

    results = out["results"]
    return {
        "seeds": out["seeds"],
        "timings": out["timings"],
        "variants": {v: figs(s for _, s in r) for v, r in results.items()},
        "templates": {v: {t: figs(s for d, s in r if d.template == t)
                          for t in sorted({d.template for d, _ in r})}
                      for v, r in results.items()},
        "documents": [{"seed": d.seed, "name": d.name, "variant": v, **s.to_dict()}
                      for v, r in results.items() for d, s in r],
        "real": {name: s.to_dict() for name, s in out["real"]},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="documents to draw (default 60)")
    parser.add_argument("--seed", type=int, help="one document, e.g. to replay a miss")
    parser.add_argument("--seeds", help="seeds to draw: 'A-B' or a comma list")
    parser.add_argument("--no-scans", action="store_true", help="text PDFs only")
    parser.add_argument("--no-real", action="store_true", help="skip the real minutes")
    parser.add_argument("--scan-share", type=float, default=0.25,
                        help="share of documents also scanned and photocopied (default 0.25)")
    parser.add_argument("--max-scan-pages", type=int, default=45,
                        help="pages per scanned variant at most (OCR is ~1 page/s on 2 cores)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--misses", action="store_true", help="list every miss per document")
    parser.add_argument("--worst", type=int, default=10, help="worst documents to list")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--keep", help="work in this folder and keep it (default: a temp dir)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    out = run(args)
    out["timings"]["total"] = time.perf_counter() - start
    if args.json:
        print(json.dumps(to_json(out), ensure_ascii=False, indent=1))
    else:
        report(out, args)
    if not args.keep:
        shutil.rmtree(out["workdir"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
