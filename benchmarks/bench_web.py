"""Web benchmark: page latency of `archive serve` on a large archive, over real HTTP.

    python benchmarks/bench_web.py                     # 100,000 entries in a temp directory
    python benchmarks/bench_web.py --entries 20000 --keep /tmp/bench-web-index

Builds the archive of `bench_search.py` (synthetic minutes, through the same `add_meetings` an
ingest uses), starts `archive serve` on a free localhost port in its own process, and times
whole responses from this process over one keep-alive connection: search pages (the query mix
of `bench_search.py` with facet counts, grouped hits and snippets; each query's first view,
which counts its facets, then its next pages, which reuse them), item pages (a random sample of
items with an entry chosen), and the JSON search API. One meeting points at a
real sample PDF, so rendering a page image with marked lines is timed too (first render, and
from the cache). Prints p50 / p95 per kind of page. Target: p95 < 200 ms for search and item
pages.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode

from bench_search import QUERIES, _percentile, make_meetings  # beside this script

from archive.index import Archive
from pipeline.records import Entry, Item, Meeting, PageInfo

TARGET_P95_MS = 200.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _real_meeting(folder: Path) -> Meeting:
    """A meeting whose source is a rendered sample PDF, with word boxes on its first page."""
    from samples import write_samples

    pdf = write_samples(folder)[0]
    sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
    entries = [
        Entry(
            kind="besluit",
            text="Een besluit op de eerste pagina.",
            page=1,
            boxes=[(1, 94.0, 300.0 + 12 * n, 360.0, 311.0 + 12 * n) for n in range(3)],
        ),
        Entry(
            kind="actie",
            text="Een actie op de eerste pagina.",
            owner="secretaris",
            page=1,
            boxes=[(1, 94.0, 360.0, 330.0, 371.0)],
        ),
    ]
    return Meeting(
        title="Verslag met pagina's",
        body="Bench",
        date=None,
        source=str(pdf),
        sha256=sha,
        page_count=3,
        items=[Item(nr="1", title="Opening", entries=entries, page=1)],
        pages=[PageInfo(1), PageInfo(2), PageInfo(3)],
    )


class Client:
    """One keep-alive HTTP connection to the server; times whole responses."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, url: str) -> tuple[int, float, int]:
        started = time.perf_counter()
        self.connection.request("GET", url)
        response = self.connection.getresponse()
        body = response.read()
        return response.status, (time.perf_counter() - started) * 1000, len(body)


def _wait(port: int, process: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"archive serve exited {process.returncode}")
        try:
            if Client(port).get("/api/stats")[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("the server did not answer")


def _report(label: str, times: list[float], sizes: list[int]) -> tuple[float, float]:
    p50, p95 = _percentile(times, 50), _percentile(times, 95)
    print(
        f"{label:34} {len(times):>6} {p50:>8.1f} {p95:>8.1f} {max(times):>8.1f}"
        f" {sum(sizes) / len(sizes) / 1024:>8.1f}"
    )
    return p50, p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each search page")
    parser.add_argument("--items", type=int, default=200, help="item pages to time")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive here")
    parser.add_argument("--batch", type=int, default=200, help="meetings per commit")
    args = parser.parse_args(argv)

    directory = args.keep or Path(tempfile.mkdtemp(prefix="bench-web-"))
    scratch = Path(tempfile.mkdtemp(prefix="bench-web-pdf-"))
    process = None
    try:
        with Archive(directory) as archive:
            if not archive.store.shas():
                started = time.perf_counter()
                meetings = make_meetings(args.entries)
                total = 0
                for i in range(0, len(meetings), args.batch):
                    total += archive.add_meetings(meetings[i : i + args.batch])
                print(
                    f"built an archive of {total} entries in {time.perf_counter() - started:.0f} s"
                )
            real = _real_meeting(scratch)
            archive.add_meetings([real])  # its source is in this run's scratch folder
            meetings_known = sorted(archive.store.shas())
            print(f"{len(meetings_known)} meetings, {archive.backend.doc_count()} documents")
            rng = random.Random(11)
            sample = []
            for sha in rng.sample(meetings_known, min(len(meetings_known), args.items)):
                meeting = archive.get(sha)
                if meeting and meeting.items:
                    item = rng.choice(meeting.items)
                    entry = rng.randrange(len(item.entries)) if item.entries else None
                    sample.append((sha, item.nr, entry))

        port = _free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "archive.cli",
                "serve",
                "--index",
                str(directory),
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
        )
        started = time.perf_counter()
        _wait(port, process)
        print(f"server up in {time.perf_counter() - started:.1f} s")
        client = Client(port)
        status, cold, _ = client.get("/?" + urlencode({"q": "*"}))
        print(f"first search page (opens the searcher, builds the facet tables): {cold:.0f} ms")
        print(f"load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        print(f"\n{'page':34} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KiB':>8}")
        search_urls = []
        for text, options in QUERIES:
            params = {"q": text, **{k: v for k, v in options.items() if k in ("kind", "sort")}}
            search_urls.append("/?" + urlencode(params))
        times, sizes = [], []
        for url in search_urls:  # each query's first view: its facets are counted
            status, ms, size = client.get(url)
            assert status == 200, (url, status)
            times.append(ms)
            sizes.append(size)
        search = _report("search page, first view", times, sizes)
        times, sizes = [], []
        for _ in range(args.repeat):
            for url in search_urls:  # paging on: the same facets, from the server's cache
                status, ms, size = client.get(url + "&page=2")
                assert status == 200, (url, status)
                times.append(ms)
                sizes.append(size)
        _report("search page, next page", times, sizes)

        times, sizes = [], []
        for _ in range(args.repeat):
            for text, _options in QUERIES:
                status, ms, size = client.get("/api/search?" + urlencode({"q": text}))
                assert status == 200
                times.append(ms)
                sizes.append(size)
        _report("API search (JSON, 10 hits)", times, sizes)

        times, sizes = [], []
        for sha, nr, entry in sample:
            url = f"/meeting/{sha}/item/{quote(nr or '_', safe='')}"
            if entry is not None:
                url += f"?entry={entry}"
            status, ms, size = client.get(url)
            assert status == 200, (url, status)
            times.append(ms)
            sizes.append(size)
        item = _report("item page (first visit)", times, sizes)
        times2 = [
            client.get(f"/meeting/{sha}/item/{quote(nr or '_', safe='')}")[1]
            for sha, nr, _ in sample[:50]
        ]
        _report("item page (again)", times2, sizes[:50])

        image = f"/meeting/{real.sha256}/page/1.png?item=1&entry=1"
        first = client.get(image)
        again = [client.get(image)[1] for _ in range(20)]
        other = client.get(f"/meeting/{real.sha256}/page/1.png?item=1&entry=0")
        print(f"{'page image, first render':34} {1:>6} {first[1]:>8.1f}")
        print(f"{'page image, other entry marked':34} {1:>6} {other[1]:>8.1f}")
        _report("page image, from the cache", again, [first[2]] * len(again))
        _, meetings_ms, _ = client.get("/meetings")
        print(f"{'meetings list (first, all records)':34} {1:>6} {meetings_ms:>8.1f}")
        _, actions_ms, _ = client.get("/actions")
        print(f"{'actions page (every action)':34} {1:>6} {actions_ms:>8.1f}")

        ok = search[1] < TARGET_P95_MS and item[1] < TARGET_P95_MS
        print(f"load average after timing: {os.getloadavg()[0]:.1f}")
        print(
            f"\nsearch page (first view) p50 {search[0]:.0f} ms, p95 {search[1]:.0f} ms; "
            f"item page p50 {item[0]:.0f} ms, p95 {item[1]:.0f} ms "
            f"(target p95 < {TARGET_P95_MS:.0f} ms: {'met' if ok else 'NOT met'})"
        )
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(scratch, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
