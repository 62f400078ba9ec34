"""Search benchmark: build an archive of synthetic minutes on each backend, time a mix of
queries and a reindex, and print the backends side by side.

    python benchmarks/bench_search.py                       # 100,000 entries, both backends
    python benchmarks/bench_search.py --entries 1000000     # the million-entry run
    python benchmarks/bench_search.py --entries 20000 --backend tantivy --keep /tmp/bench

Each backend runs in a process of its own, one after the other, so that neither's memory or
caches count for the other. The index is built as an ingest builds it: worker processes (one
per CPU) prepare the meetings (records and analysed documents), this process files them through
the archive's `add_prepared` in commits of `--batch` meetings; "writer" is the time spent there.
A search is timed end to end as the `search` command runs it after opening: parse, run, fuzzy
retry when little is found, "did you mean", and the snippets of one page of 10 hits. Then the
index is rebuilt from the records (`archive reindex`). Memory is the peak resident set of the
benchmark process (the writer, the searches) and, apart, of its preparing workers.

Targets: search p95 < 100 ms at 1,000,000 entries on tantivy (Whoosh's figure beside it);
reindex of 1,000,000 entries < 10 min on tantivy; writer >= 2,000 entries/s on Whoosh and
>= 20,000 on tantivy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from archive.index import Archive, Filters
from models.entities import ENTITY_KEYS, Entity
from pipeline.records import Entry, Item, Meeting, PageInfo

WORDS = tuple(
    [
        "opvang",
        "asielzoekers",
        "vluchtelingen",
        "gemeente",
        "gemeenten",
        "provincie",
        "veiligheidsregio",
        "burgemeester",
        "locatie",
        "locaties",
        "plekken",
        "noodopvang",
        "crisisnoodopvang",
        "aanmeldcentrum",
        "capaciteit",
        "financiering",
        "regeling",
        "kosten",
        "declaratie",
        "onderwijs",
        "kinderen",
        "scholen",
        "huisarts",
        "huisartsen",
        "zorg",
        "vaccinatie",
        "vaccinaties",
        "besmettingen",
        "infectieziekten",
        "hygiëne",
        "waterstand",
        "dijken",
        "kades",
        "evacuatie",
        "bewoners",
        "zandzakken",
        "vrijwilligers",
        "communicatie",
        "nieuwsbrief",
        "inwoners",
        "pers",
        "woordvoerder",
        "stikstof",
        "vergunning",
        "vergunningen",
        "natuur",
        "agrariërs",
        "gebiedsproces",
        "keukentafelgesprekken",
        "boeren",
        "protest",
        "politie",
        "brandweer",
        "ambulance",
        "handhaving",
        "toezicht",
        "verkeer",
        "afsluiting",
        "wegen",
        "overleg",
        "verslag",
        "besluit",
        "besluiten",
        "knelpunt",
        "knelpunten",
        "actie",
        "acties",
        "planning",
        "begroting",
        "budget",
        "personeel",
        "tekort",
        "coördinator",
        "projectleider",
        "secretaris",
        "voorzitter",
        "directeur",
        "adviseur",
        "teamleider",
        "medewerkers",
        "rijk",
        "ministerie",
        "kabinet",
        "landelijk",
        "regionaal",
        "lokaal",
        "tijdelijk",
        "structureel",
        "wekelijks",
        "dagelijks",
        "informatie",
        "registratie",
        "privacy",
        "gegevens",
        "overzicht",
        "rapportage",
        "evaluatie",
        "scenario",
        "prognose",
        "energie",
        "armoede",
        "huisvesting",
        "woningen",
        "woningbouw",
        "statushouders",
        "integratie",
        "taal",
        "werk",
        "inburgering",
        "Oekraïne",
        "Oekraïners",
        "ontheemden",
        "tolken",
        "begeleiders",
        "matching",
        "telefoonteam",
        "sporthal",
        "sporthallen",
    ]
)

# About forty municipalities of a region, as in a safety region's archive; Westerwolde with
# its real places so that `gemeente:Westerwolde` and "Ter Apel" behave as on real minutes.
PLACES = {
    "Westerwolde": ["Ter Apel", "Vlagtwedde", "Sellingen"],
    **{
        name: [name, f"{name}erveen", f"Oud-{name}"]
        for name in [
            "Almelo",
            "Borne",
            "Dinkelland",
            "Enschede",
            "Haaksbergen",
            "Hellendoorn",
            "Hengelo",
            "Losser",
            "Oldenzaal",
            "Rijssen",
            "Tubbergen",
            "Twenterand",
            "Wierden",
            "Zwolle",
            "Deventer",
            "Kampen",
            "Ommen",
            "Hardenberg",
            "Raalte",
            "Dalfsen",
            "Staphorst",
            "Olst",
            "Assen",
            "Emmen",
            "Coevorden",
            "Hoogeveen",
            "Meppel",
            "Groningen",
            "Veendam",
            "Pekela",
            "Oldambt",
            "Midden-Groningen",
            "Eemsdelta",
            "Stadskanaal",
            "Aa-en-Hunze",
            "Borger",
            "Tynaarlo",
            "Noordenveld",
            "Westerkwartier",
        ]
    },
}
OWNERS = [
    "DPG",
    "burgemeester",
    "secretaris",
    "projectleider",
    "communicatieadviseur",
    "GGD",
    "politie",
    "voorzitter",
] + ["teamleider bevolkingszorg", "gemeentesecretaris"]
KINDS = ["note", "besluit", "knelpunt", "actie", "besluit", "note"]


def _sentence(rng: random.Random, vocabulary: list[str], n: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(n)).capitalize() + "."


def make_meetings(entries: int, seed: int = 7) -> list[Meeting]:
    """Synthetic minutes: 10 items of 5 entries per meeting, a vocabulary of common words
    plus rarer made-up ones (so the lexicon has the long tail of real minutes)."""
    return list(iter_meetings(entries, seed))


def iter_meetings(entries: int, seed: int = 7) -> Iterator[Meeting]:
    """:func:`make_meetings` one meeting at a time, so that a million entries are never all in
    memory at once (the same meetings, in the same order)."""
    rng = random.Random(seed)
    syllables = "ver be ont ge aan op over wa ter land stad plan zorg werk raad dienst heid ing"
    syllables = syllables.split() + ["schap", "lijk"]
    rare = sorted({"".join(rng.choices(syllables, k=rng.randint(3, 5))) for _ in range(20_000)})
    vocabulary = list(WORDS) * 8 + rare
    per_meeting = 50
    start = date(2019, 1, 1)
    for m in range(max(1, entries // per_meeting)):
        day = start + timedelta(days=rng.randint(0, 5 * 365))
        items = []
        for i in range(10):
            municipality = rng.choice(list(PLACES))
            place = rng.choice(PLACES[municipality])
            item_entities = {key: [] for key in ENTITY_KEYS}
            item_entities["places"] = [Entity(place, place, {"municipality": municipality})]
            item_entities["municipalities"] = [Entity(municipality, municipality)]
            item_entries = []
            for _ in range(per_meeting // 10):
                kind = rng.choice(KINDS)
                text = _sentence(rng, vocabulary, rng.randint(10, 28))
                if rng.random() < 0.3:
                    text = text[:-1] + f" in {place}."
                entities = {key: [] for key in ENTITY_KEYS}
                if kind == "actie":
                    due = day + timedelta(days=rng.randint(3, 40))
                    entities["dates"] = [Entity(due.isoformat(), due.isoformat())]
                item_entries.append(
                    Entry(
                        kind=kind,
                        text=text,
                        owner=rng.choice(OWNERS) if kind == "actie" else "",
                        page=1 + i // 4,
                        entities=entities,
                    )
                )
            items.append(
                Item(
                    nr=f"{1 + i // 3}.{1 + i % 3}",
                    title=" ".join(
                        rng.choice(WORDS) for _ in range(rng.randint(2, 5))
                    ).capitalize(),
                    section=rng.choice(["Migratie", "Gezondheid", "Water", "Stikstof", ""]),
                    entries=item_entries,
                    toelichting=_sentence(rng, vocabulary, rng.randint(0, 40)),
                    page=1 + i // 4,
                    entities=item_entities,
                )
            )
        sha = hashlib.sha256(f"bench-{seed}-{m}".encode()).hexdigest()
        yield (
            Meeting(
                title="Verslag " + rng.choice(["Veiligheidsberaad", "Beleidsteam", "RBT"]),
                body="Bench",
                date=day,
                source=f"/bench/{day.year}/verslag-{m:05d}.pdf",
                sha256=sha,
                page_count=3,
                items=items,
                pages=[PageInfo(1), PageInfo(2, ocr=rng.random() < 0.2), PageInfo(3)],
            )
        )


QUERIES: list[tuple[str, dict]] = [
    ("opvang", {}),
    ("asielzoekers noodopvang", {}),
    ('"Ter Apel"', {}),
    ("Ter Apel", {}),
    ("vaccinat*", {}),
    ("Oekraine", {}),
    ("kind:besluit financiering", {}),
    ("soort:actie eigenaar:DPG", {}),
    ("gemeente:Westerwolde", {}),
    ("datum:2022-04 opvang", {}),
    ("date:2021-01-01..2021-06-30 vergunning", {}),
    ("opvang NOT kind:note", {}),
    ("(huisarts OR vaccinatie) gemeente:Enschede", {}),
    ("Ter ApeI", {}),  # OCR damage: fuzzy retry and "did you mean"
    ("zandzakkken", {}),  # typo
    ("stikstof", {"sort": "date"}),
    ("overleg", {"kind": "actie"}),
    ("*", {"kind": "knelpunt", "sort": "date"}),
]


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def _prepared(meeting: Meeting) -> tuple[Any, int]:
    """A worker's part of the build: the meeting's record and analysed documents, and the
    worker's peak memory so far (the workers are the fork server's children, not this
    process's, so RUSAGE_CHILDREN here never sees them)."""
    from archive.index.store import meeting_json

    prepared = _BACKEND_PREPARE[0](meeting)
    prepared.record = meeting_json(meeting)
    return prepared, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


_BACKEND_PREPARE: list[Any] = []


def _init_worker(backend: str) -> None:
    from archive.index.backend import backend_class

    _BACKEND_PREPARE[:] = [backend_class(backend).prepare]


def _rss_now() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _bounded(pool: Any, meetings: Iterator[Meeting], window: int) -> Iterator[Any]:
    """`_prepared` of each meeting in the pool's workers, in order, with at most `window`
    meetings prepared ahead of the writer, as an ingest bounds them: `pool.imap` would let
    the workers run ahead and pile up every prepared meeting in this process while a slow
    writer commits (gigabytes at 100,000 entries on Whoosh)."""
    from collections import deque

    ahead: deque[Any] = deque()
    for meeting in meetings:
        ahead.append(pool.apply_async(_prepared, (meeting,)))
        if len(ahead) >= window:
            yield ahead.popleft().get()
    while ahead:
        yield ahead.popleft().get()


def build(index: Archive, backend: str, entries: int, batch: int) -> dict[str, float]:
    """Build the index as an ingest does (see the module docstring); returns its figures."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    started = time.perf_counter()
    writer = 0.0
    total = 0
    worker_rss = 0
    with context.Pool(os.cpu_count() or 1, initializer=_init_worker, initargs=(backend,)) as pool:
        pending: list[Any] = []
        for prepared, rss in _bounded(pool, iter_meetings(entries), window=batch + 64):
            worker_rss = max(worker_rss, rss)
            pending.append(prepared)
            if len(pending) >= batch:
                clock = time.perf_counter()
                total += index.add_prepared(pending)
                writer += time.perf_counter() - clock
                pending = []
        if pending:
            clock = time.perf_counter()
            total += index.add_prepared(pending)
            writer += time.perf_counter() - clock
    built = time.perf_counter() - started
    return {
        "entries": total,
        "build_s": built,
        "build_entries_per_s": total / built,
        "writer_s": writer,
        "writer_entries_per_s": total / max(writer, 1e-9),
        "worker_peak_rss": worker_rss,
    }


def run_one(args: argparse.Namespace, backend: str) -> dict[str, Any]:
    """Build, search and reindex on one backend; prints as it goes, returns the figures."""
    directory = (args.keep / backend) if args.keep else Path(tempfile.mkdtemp(prefix="bench-"))
    figures: dict[str, Any] = {"backend": backend}
    try:
        index = Archive(directory, backend=backend)
        if not index.store.shas():
            figures.update(build(index, backend, args.entries, args.batch))
            print(
                f"[{backend}] built {figures['entries']} entries in {figures['build_s']:.1f} s "
                f"({figures['build_entries_per_s']:.0f} entries/s); writer "
                f"{figures['writer_s']:.1f} s = {figures['writer_entries_per_s']:.0f} entries/s, "
                f"commits of {args.batch} meetings",
                flush=True,
            )
        figures["documents"] = index.backend.doc_count()
        figures["index_bytes"] = index.backend.size_bytes()
        print(
            f"[{backend}] index {figures['index_bytes'] / 2**20:.0f} MiB, "
            f"{figures['documents']} documents",
            flush=True,
        )
        all_times: list[float] = []
        all_cpu: list[float] = []
        figures["load_before_search"] = os.getloadavg()[0]
        print(f"\n{'query':45} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8}  notes")
        queries = []
        with index as archive:
            archive.search("warm")  # open the searcher once, as a long-lived caller does
            for text, options in QUERIES:
                filters = Filters(kind=options.get("kind"))
                sort = options.get("sort", "relevance")
                times = []
                result = None
                for _ in range(args.repeat):
                    started, cpu = time.perf_counter(), time.process_time()
                    result = archive.search(text, filters=filters, sort=sort, limit=10)
                    times.append((time.perf_counter() - started) * 1000)
                    all_cpu.append((time.process_time() - cpu) * 1000)
                all_times += times
                notes = []
                if result.fuzzy:
                    notes.append("fuzzy")
                if result.suggestion:
                    notes.append(f"did you mean {result.suggestion!r}")
                label = text + (f"  {options}" if options else "")
                p50, p95 = _percentile(times, 50), _percentile(times, 95)
                queries.append({"query": label, "hits": result.total, "p50": p50, "p95": p95})
                print(
                    f"{label:45.45} {result.total:>7} {p50:>8.1f} {p95:>8.1f}  {', '.join(notes)}",
                    flush=True,
                )
        figures["queries"] = queries
        figures["p50_ms"] = _percentile(all_times, 50)
        figures["p95_ms"] = _percentile(all_times, 95)
        figures["cpu_p50_ms"] = _percentile(all_cpu, 50)
        figures["cpu_p95_ms"] = _percentile(all_cpu, 95)
        figures["search_rss"] = _rss_now()
        print(
            f"[{backend}] all {len(all_times)} searches: p50 {figures['p50_ms']:.1f} ms, "
            f"p95 {figures['p95_ms']:.1f} ms, mean {statistics.mean(all_times):.1f} ms; CPU "
            f"p50 {figures['cpu_p50_ms']:.1f} ms, p95 {figures['cpu_p95_ms']:.1f} ms; load "
            f"{os.getloadavg()[0]:.1f}",
            flush=True,
        )
        started = time.perf_counter()
        with Archive(directory) as cold:
            cold.search("Ter Apel")
        figures["cold_ms"] = (time.perf_counter() - started) * 1000
        print(f"[{backend}] cold open + first search: {figures['cold_ms']:.0f} ms", flush=True)
        if args.reindex:
            started = time.perf_counter()
            with Archive(directory) as again:
                count = again.reindex()
            figures["reindex_s"] = time.perf_counter() - started
            print(
                f"[{backend}] reindex of {count} entries from the records: "
                f"{figures['reindex_s']:.1f} s ({count / figures['reindex_s']:.0f} entries/s)",
                flush=True,
            )
        figures["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    return figures


def _table(results: list[dict[str, Any]], entries: int) -> None:
    """The backends side by side, with the targets."""
    gib = 2**30

    def cell(result: dict[str, Any], key: str, fmt: str, scale: float = 1.0) -> str:
        value = result.get(key)
        return "—" if value is None else format(value / scale, fmt)

    rows = [
        ("build time (s)", "build_s", ".0f", 1.0, ""),
        ("build, entries/s", "build_entries_per_s", ".0f", 1.0, ""),
        (
            "writer, entries/s",
            "writer_entries_per_s",
            ".0f",
            1.0,
            "Whoosh >= 2,000; tantivy >= 20,000",
        ),
        ("index size (MiB)", "index_bytes", ".0f", 2**20, ""),
        ("search p50 (ms)", "p50_ms", ".1f", 1.0, ""),
        ("search p95 (ms)", "p95_ms", ".1f", 1.0, "tantivy < 100 at 1,000,000"),
        ("search CPU p95 (ms)", "cpu_p95_ms", ".1f", 1.0, ""),
        ("cold open + search (ms)", "cold_ms", ".0f", 1.0, ""),
        ("reindex (s)", "reindex_s", ".0f", 1.0, "tantivy < 600 at 1,000,000"),
        ("peak memory, writer and searches (GiB)", "peak_rss", ".2f", gib, ""),
        ("peak memory, one preparing worker (GiB)", "worker_peak_rss", ".2f", gib, ""),
    ]
    names = [r["backend"] for r in results]
    print(f"\n{entries:,} entries".replace(",", " "))
    print(f"{'':42}" + "".join(f"{n:>12}" for n in names) + "   target")
    for label, key, fmt, scale, target in rows:
        print(
            f"{label:42}"
            + "".join(f"{cell(r, key, fmt, scale):>12}" for r in results)
            + (f"   {target}" if target else "")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15, help="runs of each query")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the indexes under here")
    parser.add_argument("--batch", type=int, default=200, help="meetings per commit")
    parser.add_argument("--backend", default="whoosh,tantivy", help="backends, comma-separated")
    parser.add_argument("--no-reindex", dest="reindex", action="store_false")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # a child run of one backend
    args = parser.parse_args(argv)

    if args.one:
        figures = run_one(args, args.one)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
        return 0
    print(f"{args.entries} entries; cpus {os.cpu_count()}; load {os.getloadavg()[0]:.1f}")
    results = []
    for backend in args.backend.split(","):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [sys.executable, __file__, "--one", backend, "--json", out.name]
            command += ["--entries", str(args.entries), "--repeat", str(args.repeat)]
            command += ["--batch", str(args.batch)] + ([] if args.reindex else ["--no-reindex"])
            command += ["--keep", str(args.keep)] if args.keep else []
            done = subprocess.run(command, check=False)
            if done.returncode != 0:
                print(f"[{backend}] FAILED with exit code {done.returncode}")
                continue
            results.append(json.loads(Path(out.name).read_text()))
    _table(results, args.entries)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
