"""Ingest on a real Dask cluster on this machine: a scheduler and two workers as separate
processes (`dask scheduler`, `dask worker`), the documents as tasks, the single writer here.

A worker is killed with SIGKILL mid-run (its nanny too, as when a machine dies): its documents
go to the other worker, and every file ends up in the index exactly once, with exactly its own
entries; a long scan is split into page ranges read on both workers and comes out as one
meeting with its pages in order.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from archive.index import Archive
from archive.ingest import IngestOptions, run_ingest
from archive.ingest.executors.dask_pool import split_scan
from archive.ingest.executors.tasks import renumbered
from archive.ingest.observer import Observer
from pipeline.extract.document import sha256_of
from pipeline.records import Page, Word
from tests.factories import all_records

pytest.importorskip("distributed")

DOCUMENTS = 24
ITEMS = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from samples.render import ItemRow, MinutesSpec, render_minutes

    folder = tmp_path_factory.mktemp("cluster-docs")
    for n in range(DOCUMENTS):
        rows = [
            ItemRow(
                f"{i}.1",
                [f"B: Overleg {n} besluit over punt {i}.\n\nA > Secretaris: stuk {n}-{i}.", ""],
            )
            for i in range(1, ITEMS + 1)
        ]
        spec = MinutesSpec(
            body="Veiligheidsregio",
            title=f"Verslag clustertest {n}",
            date_line=f"Datum: {1 + n % 28} mei 2022",
            rows=rows,
        )
        render_minutes(spec, folder / f"verslag-{n:03}.pdf")
    return folder


def scanned_pdf(path: Path, pages: int, dpi: int) -> Path:
    """Minutes of `pages` pages as an image-only PDF, as a scanner makes them."""
    import io

    import pypdfium2

    from samples.render import ItemRow, MinutesSpec, render_minutes

    rows = [
        ItemRow(f"{i}.1", [f"B: Het overleg besluit over punt {i}.", f"Toelichting {i}."])
        for i in range(1, 60 * pages)
    ]
    spec = MinutesSpec(
        body="Veiligheidsregio",
        title="Verslag lange scan",
        date_line="Datum: 3 mei 2022",
        rows=rows,
    )
    source = render_minutes(spec, path.with_suffix(".text.pdf"))
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        images = [
            pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(min(pages, len(pdf)))
        ]
    finally:
        pdf.close()
    assert len(images) == pages
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    path.write_bytes(out.getvalue())
    return path


class KillAfter(Observer):
    """Kills worker 0 of the cluster once `after` documents are committed."""

    def __init__(self, cluster, after: int) -> None:
        self.cluster, self.after, self.killed = cluster, after, threading.Event()

    def committed(self, count: int, total: int) -> None:
        if total >= self.after and not self.killed.is_set():
            self.killed.set()
            self.cluster.kill_worker(0)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["whoosh", "tantivy"])
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(
    corpus: Path, tmp_path: Path, backend: str
) -> None:
    from archive.ingest.executors.local_cluster import LocalDaskCluster

    with LocalDaskCluster(workers=2) as cluster:
        observer = KillAfter(cluster, after=4)
        options = IngestOptions(
            executor="dask", address=cluster.address, tag=False, timeout=300, commit_documents=2
        )
        with Archive(tmp_path / "index", backend=backend) as archive:
            started = time.monotonic()
            result = run_ingest([corpus], archive, options, observer=observer)
            assert observer.killed.is_set(), "the run ended before a worker could be killed"
            assert not cluster.workers[1].poll(), "the other worker died too"
            assert result.failed == 0, [(o.path, o.message) for o in result.failures]
            assert result.ok == DOCUMENTS
            assert time.monotonic() - started < 300

            known = archive.known()
            assert known == {sha256_of(p): str(p) for p in sorted(corpus.glob("*.pdf"))}
            documents = all_records(archive)
            ids = [doc["id"] for doc in documents]
            assert len(ids) == len(set(ids)), "duplicate documents in the index"
            per_sha: dict[str, int] = {}
            for doc in documents:
                per_sha[doc["sha256"]] = per_sha.get(doc["sha256"], 0) + 1
            assert per_sha == dict.fromkeys(known, 2 * ITEMS)
            hits = archive.search('"clustertest 7"').hits
            assert {h.record["source"] for h in hits} == {str(corpus / "verslag-007.pdf")}


@pytest.mark.slow
def test_a_long_scan_is_read_on_several_workers_as_one_meeting(tmp_path: Path) -> None:
    from archive.ingest.executors.local_cluster import LocalDaskCluster

    scan = scanned_pdf(tmp_path / "scan.pdf", pages=6, dpi=200)
    parts = split_scan(scan.read_bytes(), workers=2)
    assert len(parts) == 2
    with LocalDaskCluster(workers=2) as cluster:
        options = IngestOptions(executor="dask", address=cluster.address, tag=False, dpi=200)
        with Archive(tmp_path / "index") as archive:
            result = run_ingest([scan], archive, options)
            assert result.failed == 0, [(o.path, o.message) for o in result.failures]
            meeting = archive.get(sha256_of(scan))
            assert meeting is not None and meeting.source == str(scan)
            assert [p.number for p in meeting.pages] == [1, 2, 3, 4, 5, 6]
            assert all(p.ocr for p in meeting.pages)
            assert meeting.items, "no minutes table read from the pages put together"
        logs = cluster.log("worker-1.log") + cluster.log("worker-2.log")
        assert "Traceback" not in logs


def test_page_ranges_are_numbered_on() -> None:
    def page(n: int) -> Page:
        return Page(n, 595, 842, words=[Word("x", 0, 1, 0, 1, page=n)])

    pages = renumbered([[page(1), page(2)], [page(1)], [page(1), page(2)]])
    assert [p.number for p in pages] == [1, 2, 3, 4, 5]
    assert [p.words[0].page for p in pages] == [1, 2, 3, 4, 5]
