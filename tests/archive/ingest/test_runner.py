"""The batch runner: the worker pool, the single writer, and the real pipeline end to end.

The pool and writer tests run a fault-injecting per-document function (below), steered by marker
bytes in each file, so they can make a worker spin, crash or fail on purpose; its meetings go
into a real archive, whose calls are recorded. The end-to-end tests run the real pipeline on
PDFs rendered by `samples.render`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from archive.index import Archive
from archive.index.backend import Prepared
from archive.ingest import FileOutcome, IngestOptions, IngestResult, Observer, run_ingest
from archive.ingest.discover import discover
from archive.ingest.options import QUEUED_BATCHES
from pipeline.errors import CorruptPDFError, EncryptedPDFError
from pipeline.extract.document import sha256_of
from pipeline.options import ProcessOptions
from pipeline.records import Entry, Item, Meeting, PageInfo
from tests.factories import (
    alive,
    bad_files,
    encrypted_pdf,
    fake_pdf,
    letter_pdf,
    minutes_pdf,
)

# --- fault injection for pipeline.process.process_file -----------------------------------


def faulty_process(path: Path, options: ProcessOptions) -> Meeting:
    """Behave as the marker in the file says; otherwise return a small meeting."""
    data = Path(path).read_bytes()
    if b"SPIN" in data:  # a parser in an endless loop, with a Tesseract-like child
        child = subprocess.Popen(["sleep", "300"])
        Path(str(path) + ".pids").write_text(f"{os.getpid()} {child.pid}")
        while True:
            pass
    if b"SEGV" in data:
        os.kill(os.getpid(), signal.SIGSEGV)
    if b"BOOM" in data:
        raise RuntimeError("something unexpected")
    if b"CORRUPT" in data:
        raise CorruptPDFError("not a readable PDF (truncated)")
    if b"LOCKED" in data and "secret" not in options.passwords:
        raise EncryptedPDFError("encrypted / password required")
    if b"SLOW" in data:
        time.sleep(0.3)
    items = [] if b"LETTER" in data else [Item("1", "Opening", entries=[Entry("besluit", "ja")])]
    return Meeting(
        title=Path(path).name,
        body=f"ocr_jobs={options.ocr_jobs}",
        date=None,
        source="(set by the runner)",
        sha256=sha256_of(Path(path)),
        page_count=2,
        items=items,
        pages=[PageInfo(1, ocr=True), PageInfo(2)],
    )


class RecordingArchive:
    """A real archive that remembers which writing calls the runner made, in order."""

    def __init__(self, directory: Path) -> None:
        self.archive = Archive(directory)
        self.calls: list[tuple] = []

    @property
    def directory(self) -> Path:
        return self.archive.directory

    @property
    def prepare(self) -> Any:
        return self.archive.prepare

    def add_prepared(self, batch: Iterable[Prepared]) -> int:
        batch = list(batch)
        self.calls.append(("add", [p.meeting.sha256 for p in batch]))
        return self.archive.add_prepared(batch)

    def remove(self, shas: Iterable[str]) -> None:
        shas = list(shas)
        self.calls.append(("remove", shas))
        self.archive.remove(shas)

    def relocate(self, sha256: str, new_source: str) -> None:
        self.calls.append(("relocate", sha256, new_source))
        self.archive.relocate(sha256, new_source)

    def known(self) -> dict[str, str]:
        return self.archive.known()

    def recover(self) -> None:
        self.calls.append(("recover",))
        self.archive.recover()

    def meetings(self) -> list[Meeting]:
        return list(self.archive.store.meetings())


@pytest.fixture
def recorded(tmp_path: Path) -> Iterable[RecordingArchive]:
    archive = RecordingArchive(tmp_path / "index")
    yield archive
    archive.archive.close()


def by_name(result: IngestResult) -> dict[str, FileOutcome]:
    return {Path(o.path).name: o for o in result.outcomes}


FAST = {"commit_seconds": 60.0}  # commit by count only, so the batches are predictable


def _documents(tmp_path: Path, count: int) -> Path:
    """A folder of `count` fake PDFs, d0.pdf, d1.pdf, …"""
    docs = tmp_path / "docs"
    for n in range(count):
        fake_pdf(docs / f"d{n}.pdf")
    return docs


def test_options_are_the_documents_options_plus_the_runs_own() -> None:
    options = IngestOptions(workers=2, ocr="never", passwords=["a"], max_pixels=5_000_000)
    assert isinstance(options, ProcessOptions)
    assert (options.ocr, options.passwords, options.max_pixels) == ("never", ("a",), 5_000_000)
    assert options.timeout == 300.0 and ProcessOptions().timeout is None
    with pytest.raises(ValueError):
        IngestOptions(ocr="sometimes")


def test_one_bad_file_never_stops_the_batch(tmp_path: Path, recorded: RecordingArchive) -> None:
    docs = tmp_path / "docs"
    for n in range(6):
        fake_pdf(docs / f"ok{n}.pdf")
    fake_pdf(docs / "letter.pdf", "LETTER")
    fake_pdf(docs / "corrupt.pdf", "CORRUPT")
    fake_pdf(docs / "bug.pdf", "BOOM")
    fake_pdf(docs / "segfault.pdf", "SEGV")
    (docs / "empty.pdf").write_bytes(b"")
    (docs / "webpage.pdf").write_text("<html>not a pdf</html>")
    (docs / "readme.txt").write_text("not part of the archive")

    result = run_ingest([docs], recorded, IngestOptions(workers=2), process=faulty_process)

    got = {name: (o.status, o.reason) for name, o in by_name(result).items()}
    assert got == {
        **{f"ok{n}.pdf": ("ok", "") for n in range(6)},
        "letter.pdf": ("ok", "no-table"),
        "corrupt.pdf": ("failed", "corrupt"),
        "bug.pdf": ("failed", "internal"),
        "segfault.pdf": ("failed", "crashed"),
        "empty.pdf": ("failed", "empty"),
        "webpage.pdf": ("failed", "unsupported"),
        "readme.txt": ("skipped", "not-a-document"),
    }
    assert (result.ok, result.failed, result.skipped, result.no_table) == (7, 5, 1, 1)
    assert (result.pages, result.ocr_pages, result.entries) == (14, 7, 6)
    failures = by_name(result)
    assert failures["bug.pdf"].message == "internal error: RuntimeError: something unexpected"
    assert "SIGSEGV" in failures["segfault.pdf"].message
    assert all(o.hint for o in result.failures)
    assert {m.source for m in recorded.meetings()} == {
        str(docs / f"ok{n}.pdf") for n in range(6)
    } | {str(docs / "letter.pdf")}
    assert recorded.archive.search("kind:besluit").total == 6


def test_timeout_kills_the_spinning_worker_and_its_children(
    tmp_path: Path, recorded: RecordingArchive
) -> None:
    docs = tmp_path / "docs"
    spin = fake_pdf(docs / "spin.pdf", "SPIN")
    for n in range(4):
        fake_pdf(docs / f"ok{n}.pdf", "SLOW")

    start = time.monotonic()
    result = run_ingest(
        [docs], recorded, IngestOptions(workers=2, timeout=1.5, **FAST), process=faulty_process
    )

    assert time.monotonic() - start < 60  # not the 300 s of its child, nor forever
    outcome = by_name(result)["spin.pdf"]
    assert (outcome.status, outcome.reason) == ("failed", "timeout")
    assert "1.5 s" in outcome.message and "--timeout" in outcome.hint
    assert result.ok == 4
    worker, child = map(int, Path(str(spin) + ".pids").read_text().split())
    deadline = time.monotonic() + 5
    while (alive(worker) or alive(child)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(worker), "the spinning worker survived its timeout"
    assert not alive(child), "the worker's child process survived the timeout"


def test_the_passwords_reach_each_document(tmp_path: Path, recorded: RecordingArchive) -> None:
    docs = tmp_path / "docs"
    fake_pdf(docs / "locked.pdf", "LOCKED")
    fake_pdf(docs / "open.pdf")

    without = run_ingest([docs], recorded, IngestOptions(workers=1), process=faulty_process)
    right = run_ingest(
        [docs], recorded, IngestOptions(workers=1, passwords=("secret",)), process=faulty_process
    )

    locked = by_name(without)["locked.pdf"]
    assert (locked.status, locked.reason) == ("failed", "encrypted")
    assert "--password" in locked.hint
    assert by_name(right)["locked.pdf"].status == "ok"


def test_commits_in_batches_and_replaces_after_adding(
    tmp_path: Path, recorded: RecordingArchive
) -> None:
    # More documents than the writer queues (back-pressure caps a batch at QUEUED_BATCHES
    # commits' worth): at least two commits however the threads are scheduled.
    count = QUEUED_BATCHES * 2 + 1
    docs = _documents(tmp_path, count)
    # d3.pdf held other content before.
    old = Meeting("Oud", "", date(2020, 1, 1), str(docs / "d3.pdf"), "0" * 64, 1)
    recorded.archive.add_meetings([old])
    seen: list[int] = []

    class Commits(Observer):
        def committed(self, documents: int, total: int) -> None:
            seen.append(documents)

    result = run_ingest(
        [docs],
        recorded,
        IngestOptions(workers=2, commit_documents=2, **FAST),
        observer=Commits(),
        process=faulty_process,
    )

    # Batches of at least 2 (more when documents finish during a commit); the rest at the end.
    assert sum(seen) == count and len(seen) >= 2
    assert all(size >= 2 for size in seen[:-1])
    assert result.committed == count and result.replaced == 1
    adds = [n for n, call in enumerate(recorded.calls) if call[0] == "add"]
    removes = [n for n, call in enumerate(recorded.calls) if call[0] == "remove"]
    assert len(removes) == 1 and removes[0] > min(adds)
    assert "0" * 64 not in recorded.known()
    assert recorded.calls[0] == ("recover",)


def test_a_ctrl_c_while_a_commit_is_reported_still_reports_all_of_it(
    tmp_path: Path, recorded: RecordingArchive
) -> None:
    docs = _documents(tmp_path, 6)
    told: list[str] = []

    class InterruptedWhileTold(Observer):
        def finished(self, outcome: FileOutcome) -> None:
            if not told:  # a real Ctrl-C, at the worst moment: the first file of a commit
                os.kill(os.getpid(), signal.SIGINT)
            told.append(Path(outcome.path).name)

    # Ctrl-C as in a terminal's foreground, whatever started the tests (a background job
    # starts with SIGINT ignored).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        result = run_ingest(
            [docs],
            recorded,
            IngestOptions(workers=1, commit_documents=3, **FAST),
            observer=InterruptedWhileTold(),
            process=faulty_process,
        )
    finally:
        signal.signal(signal.SIGINT, previous)

    assert result.interrupted
    stored = {Path(source).name for source in recorded.known().values()}
    assert len(stored) >= 3
    assert sorted(told) == sorted(stored), "every committed file is reported, once"
    assert len(result.outcomes) == len(stored)


def test_ocr_jobs_follow_the_free_cpus(tmp_path: Path, recorded: RecordingArchive) -> None:
    docs = _documents(tmp_path, 3)

    run_ingest([docs], recorded, IngestOptions(workers=1), process=faulty_process)

    cpus = os.cpu_count() or 1
    assert {m.body for m in recorded.meetings()} == {f"ocr_jobs={cpus}"}


def test_incremental_runs_write_nothing_the_second_time(
    tmp_path: Path, recorded: RecordingArchive
) -> None:
    docs = _documents(tmp_path, 3)
    run_ingest([docs], recorded, IngestOptions(workers=2), process=faulty_process)
    before = recorded.known()
    calls = len(recorded.calls)

    again = run_ingest([docs], recorded, IngestOptions(workers=2), process=faulty_process)

    assert again.skip_reasons() == {"unchanged": 3}
    assert recorded.known() == before
    assert recorded.calls[calls:] == [("recover",)]  # nothing written


def test_discover_is_what_the_runner_walks(tmp_path: Path, recorded: RecordingArchive) -> None:
    # Guard against the runner and `discover` drifting apart on what a folder holds.
    fake_pdf(tmp_path / "docs" / "a.pdf")
    fake_pdf(tmp_path / "docs" / ".hidden.pdf")
    result = run_ingest(
        [tmp_path / "docs"], recorded, IngestOptions(workers=1), process=faulty_process
    )
    expected = [f.path for f in discover([tmp_path / "docs"]).files]
    assert [Path(o.path) for o in result.outcomes] == expected
    assert result.ignored == 1


# --- end to end: the real pipeline and archive ---------------------------------------------


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of a folder with its size and modification time, lock files aside."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def digests(folder: Path) -> dict[str, str]:
    return {str(p): sha256_of(p) for p in folder.rglob("*") if p.is_file()}


def known(index_dir: Path) -> dict[str, str]:
    with Archive(index_dir) as archive:
        return archive.known()


def ingest(docs: Path, index_dir: Path, **options: Any) -> IngestResult:
    with Archive(index_dir) as archive:
        return run_ingest([docs], archive, IngestOptions(workers=2, tag=False, **options))


def test_real_pipeline_incremental_and_idempotent(tmp_path: Path) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    for n in range(4):
        minutes_pdf(docs / f"m{n}.pdf", n)
    letter_pdf(docs / "brief.pdf", "Hierbij ontvangt u het jaarverslag.")
    bad_files(docs / "bad")
    originals = digests(docs)

    first = ingest(docs, index_dir)

    outcomes = by_name(first)
    assert {n: outcomes[n].reason for n in ("empty.pdf", "truncated.pdf", "notes-named.pdf")} == {
        "empty.pdf": "empty",
        "truncated.pdf": "corrupt",
        "notes-named.pdf": "unsupported",
    }
    assert first.ok == 5 and first.failed == 3
    assert outcomes["brief.pdf"].no_table and outcomes["brief.pdf"].pages == 1
    assert all(outcomes[f"m{n}.pdf"].entries == 4 for n in range(4))
    assert digests(docs) == originals, "an original file was modified"
    sources = known(index_dir)
    assert sorted(Path(s).name for s in sources.values()) == ["brief.pdf"] + [
        f"m{n}.pdf" for n in range(4)
    ]

    # The same ingest again changes nothing.
    state = tree_state(index_dir)
    second = ingest(docs, index_dir)
    assert second.ok == 0 and second.skip_reasons() == {"unchanged": 5}
    assert tree_state(index_dir) == state
    assert known(index_dir) == sources

    # Edit one file, move another, delete a third.
    minutes_pdf(docs / "m0.pdf", 100)
    (docs / "m1.pdf").rename(docs / "bad" / "m1-moved.pdf")
    (docs / "m2.pdf").unlink()
    third = ingest(docs, index_dir, prune=True)
    outcomes = by_name(third)
    assert outcomes["m0.pdf"].status == "ok"
    assert outcomes["m1-moved.pdf"].status == "moved"
    assert (third.ok, third.moved, third.pruned, third.replaced) == (1, 1, 1, 1)
    sources = known(index_dir)
    assert sorted(Path(s).name for s in sources.values()) == [
        "brief.pdf",
        "m0.pdf",
        "m1-moved.pdf",
        "m3.pdf",
    ]
    assert sources[sha256_of(docs / "m0.pdf")] == str(docs / "m0.pdf")


def test_passwords_are_tried_in_turn_on_an_encrypted_pdf(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    encrypted_pdf(docs / "geheim.pdf", "s3cret")
    minutes_pdf(docs / "open.pdf", 1)

    def geheim(index: str, passwords: tuple[str, ...]) -> FileOutcome:
        return by_name(ingest(docs, tmp_path / index, passwords=passwords))["geheim.pdf"]

    without = geheim("none", ())
    assert (without.reason, without.message) == ("encrypted", "encrypted / password required")
    assert geheim("one", ("x",)).message == "encrypted: the password given does not open it"
    assert geheim("two", ("x", "y")).message == "encrypted: none of the 2 passwords given opens it"
    right = geheim("right", ("x", "s3cret"))
    assert right.status == "ok" and right.pages == 1


@pytest.mark.slow
def test_an_encrypted_pdf_is_rendered_for_ocr_with_the_password_that_opened_it(
    tmp_path: Path, tesseract_ready: tuple[int, ...]
) -> None:
    # The text reader and the page renderer open the file through the one PDFium opener, with
    # the password the text reader found.
    docs = tmp_path / "docs"
    encrypted_pdf(docs / "geheim.pdf", "s3cret")
    outcome = by_name(ingest(docs, tmp_path / "ix", ocr="always", passwords=("x", "s3cret")))
    assert (outcome["geheim.pdf"].status, outcome["geheim.pdf"].ocr_pages) == ("ok", 1)
    with Archive(tmp_path / "ix") as archive:
        assert archive.search("vertrouwelijk").total == 1
