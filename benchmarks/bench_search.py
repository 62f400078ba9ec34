"""Search benchmark: build an archive of synthetic minutes, then time a mix of queries.

    python benchmarks/bench_search.py                  # 100,000 entries in a temp directory
    python benchmarks/bench_search.py --entries 20000 --keep /tmp/bench-index

Prints the index build time (records and Whoosh, through the same `add_meetings` an ingest
uses) and the search latency p50 / p95 over the query mix, per query and overall. A search is
timed end to end as the `search` command runs it after opening: parse, run, fuzzy retry when
little is found, "did you mean", and the snippets of one page of 10 hits. Targets: p50 < 50 ms,
p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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
    rng = random.Random(seed)
    syllables = "ver be ont ge aan op over wa ter land stad plan zorg werk raad dienst heid ing"
    syllables = syllables.split() + ["schap", "lijk"]
    rare = sorted({"".join(rng.choices(syllables, k=rng.randint(3, 5))) for _ in range(20_000)})
    vocabulary = list(WORDS) * 8 + rare
    meetings = []
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
        meetings.append(
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
    return meetings


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15, help="runs of each query")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the index here")
    parser.add_argument("--batch", type=int, default=200, help="meetings per commit")
    args = parser.parse_args(argv)

    directory = args.keep or Path(tempfile.mkdtemp(prefix="bench-archive-"))
    try:
        index = Archive(directory)
        if not index.store.shas():
            started = time.perf_counter()
            meetings = make_meetings(args.entries)
            generated = time.perf_counter() - started
            started = time.perf_counter()
            total = 0
            for i in range(0, len(meetings), args.batch):
                total += index.add_meetings(meetings[i : i + args.batch])
            built = time.perf_counter() - started
            print(f"generated {len(meetings)} meetings in {generated:.1f} s")
            print(
                f"built index of {total} entries ({index.backend.doc_count()} documents) in "
                f"{built:.1f} s: {total / built:.0f} entries/s, commits of {args.batch} meetings"
            )
        size = index.backend.size_bytes()
        print(f"index size {size / 2**20:.0f} MiB, {index.backend.doc_count()} documents")

        all_times: list[float] = []
        all_cpu: list[float] = []
        print(f"load average before searching: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"\n{'query':45} {'hits':>7} {'p50 ms':>8} {'p95 ms':>8}  notes")
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
                print(
                    f"{label:45.45} {result.total:>7} {_percentile(times, 50):>8.1f} "
                    f"{_percentile(times, 95):>8.1f}  {', '.join(notes)}"
                )
        p50, p95 = _percentile(all_times, 50), _percentile(all_times, 95)
        print(
            f"\nall {len(all_times)} searches: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
            f"mean {statistics.mean(all_times):.1f} ms (targets: p50 < 50, p95 < 150)"
        )
        # CPU time of the searching process: what the latency would be on an idle machine.
        print(
            f"CPU time per search: p50 {_percentile(all_cpu, 50):.1f} ms, "
            f"p95 {_percentile(all_cpu, 95):.1f} ms; load average now {os.getloadavg()[0]:.1f}"
        )

        started = time.perf_counter()
        with Archive(directory) as cold:
            cold.search("Ter Apel")
        print(f"cold open + first search: {(time.perf_counter() - started) * 1000:.0f} ms")
    finally:
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
