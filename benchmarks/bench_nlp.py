"""Speed of the language pipeline: model load time and entries per second on one core.

    python benchmarks/bench_nlp.py [--entries 5000]

Load time is measured in a fresh interpreter (importing spaCy is reported apart from building the
pipeline). Throughput runs the gold-set sentences, repeated, through ``tag_texts``; it also times
``tag_meeting`` on a meeting of 100 entries. Wall-clock figures suffer when the machine is busy;
CPU time is printed next to them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GOLD = ROOT / "tests" / "gold" / "entities.jsonl"

_LOAD_PROBE = """
import json, time
w, c = time.perf_counter(), time.process_time()
import spacy  # noqa: F401
from models import nlp
imported = (time.perf_counter() - w, time.process_time() - c)
w, c = time.perf_counter(), time.process_time()
nlp.load()
loaded = (time.perf_counter() - w, time.process_time() - c)
print(json.dumps({"import": imported, "load": loaded}))
"""


def measure_load() -> dict[str, tuple[float, float]]:
    """Import and load times (wall, CPU) in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True, env=env
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def sample_texts(count: int) -> list[str]:
    with open(GOLD, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return [texts[i % len(texts)] for i in range(count)]


def measure_throughput(texts: list[str]) -> tuple[float, float]:
    """Entries per second (wall, CPU) through ``tag_texts`` after a warm-up."""
    from models.nlp import load, tag_texts

    load()
    tag_texts(texts[:200], date(2022, 3, 24))
    w, c = time.perf_counter(), time.process_time()
    tag_texts(texts, date(2022, 3, 24))
    wall, cpu = time.perf_counter() - w, time.process_time() - c
    return len(texts) / wall, len(texts) / cpu


def measure_meeting(texts: list[str]) -> float:
    """Seconds to tag one meeting of 100 entries (a third of them actions with an owner)."""
    from pipeline.records import Entry, Item, Meeting
    from pipeline.tagging import tag_meeting

    items = []
    for n in range(10):
        entries = [
            Entry(kind="actie" if k % 3 == 0 else "besluit", text=texts[n * 10 + k], owner="DPG")
            for k in range(10)
        ]
        items.append(Item(nr=f"2.{n}", title=texts[n], toelichting=texts[n + 1], entries=entries))
    meeting = Meeting("BAO", "BAO", date(2022, 3, 24), "bench.pdf", "0", 1, items)
    w = time.perf_counter()
    tag_meeting(meeting)
    return time.perf_counter() - w


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=5000)
    args = parser.parse_args(argv)

    # One core: keep any numeric library that is imported from spreading out.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    times = measure_load()
    texts = sample_texts(args.entries)
    per_s_wall, per_s_cpu = measure_throughput(texts)
    meeting_s = measure_meeting(texts)
    print(
        f"import spaCy + models : {times['import'][0]:.3f} s wall, {times['import'][1]:.3f} s CPU"
    )
    print(f"model load            : {times['load'][0]:.3f} s wall, {times['load'][1]:.3f} s CPU")
    print(
        f"throughput ({len(texts)} entries, one core): "
        f"{per_s_wall:,.0f} entries/s wall, {per_s_cpu:,.0f} entries/s CPU"
    )
    print(f"tag_meeting, 100 entries: {meeting_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
