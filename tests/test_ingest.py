"""The batch runner: planning, the worker pool, the single writer, and the `ingest` command.

The pool and writer tests run a stand-in for the per-document function (below), steered by
marker bytes in each file, so they can make a worker spin, crash or fail on purpose; the
end-to-end tests run the real pipeline on PDFs rendered by `samples.render`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.discover import Discovery, Rejected, SourceFile, discover
from archive.ingest import run_ingest
from archive.outcomes import FileOutcome, IngestOptions, IngestResult, Observer
from archive.plan import make_plan, ocr_jobs_for
from archive.prepare import Prepared
from pipeline.errors import CorruptPDFError, EmptyFileError, EncryptedPDFError
from pipeline.extract.document import sha256_of
from pipeline.records import Entry, Item, Meeting, PageInfo

# --- a stand-in for pipeline.process.process_file -----------------------------------------


def fake_process(path: Path, options) -> Meeting:
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
    if b"LOCKED" in data and options.password != "secret":
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


class FakeIndex:
    """Records the writer's calls; holds sha256 → source like the real index."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.docs: dict[str, Meeting | None] = dict.fromkeys(known or {})
        self.sources: dict[str, str] = dict(known or {})
        self.calls: list[tuple] = []
        self.directory = Path("/nonexistent/index")

    def add_prepared(self, batch: Iterable[Prepared]) -> int:
        meetings = [p.meeting for p in batch]
        self.calls.append(("add", [m.sha256 for m in meetings]))
        for m in meetings:
            self.docs[m.sha256] = m
            self.sources[m.sha256] = m.source
        return len(meetings)

    def remove(self, shas: Iterable[str]) -> None:
        shas = list(shas)
        self.calls.append(("remove", shas))
        for sha in shas:
            self.docs.pop(sha, None)
            self.sources.pop(sha, None)

    def relocate(self, sha256: str, new_source: str) -> None:
        self.calls.append(("relocate", sha256, new_source))
        self.sources[sha256] = new_source

    def known(self) -> dict[str, str]:
        return dict(self.sources)

    def recover(self) -> None:
        self.calls.append(("recover",))


def fake_pdf(path: Path, marker: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"%PDF-1.4\n% {path.name} {marker}\n".encode())
    return path


def by_name(result: IngestResult) -> dict[str, FileOutcome]:
    return {Path(o.path).name: o for o in result.outcomes}


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its reaper does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


FAST = {"commit_seconds": 60.0}  # commit by count only, so the batches are predictable


# --- planning -----------------------------------------------------------------------------


def src(path: str) -> SourceFile:
    return SourceFile(Path(path), "pdf", 100)


def plan_for(current: dict[str, str], known: dict[str, str], on_disk=(), **kw):
    discovery = Discovery(files=[src(p) for p in current])
    hashes = {Path(p): sha for p, sha in current.items()}
    exists = set(current) | set(on_disk)
    return make_plan(discovery, hashes, known, exists=lambda p: p in exists, **kw)


def test_plan_new_unchanged_and_changed_files() -> None:
    plan = plan_for(
        current={"/a/new.pdf": "n1", "/a/same.pdf": "s1", "/a/edited.pdf": "e2"},
        known={"s1": "/a/same.pdf", "e1": "/a/edited.pdf"},
    )
    assert [(t.path.name, t.sha256, t.stale) for t in plan.tasks] == [
        ("new.pdf", "n1", ()),
        ("edited.pdf", "e2", ("e1",)),  # the old version goes once the new one is stored
    ]
    assert [(o.path, o.status, o.reason) for o in plan.done] == [
        ("/a/same.pdf", "skipped", "unchanged")
    ]
    assert not plan.relocations and not plan.prune


def test_plan_recognises_a_moved_file_by_its_hash() -> None:
    plan = plan_for(current={"/b/renamed.pdf": "m1"}, known={"m1": "/a/original.pdf"})
    assert plan.tasks == []
    assert plan.relocations == [("m1", "/b/renamed.pdf")]
    assert [(o.status, o.message) for o in plan.done] == [("moved", "moved from /a/original.pdf")]


def test_plan_skips_a_copy_of_an_indexed_file() -> None:
    plan = plan_for(
        current={"/b/copy.pdf": "c1"}, known={"c1": "/a/original.pdf"}, on_disk={"/a/original.pdf"}
    )
    assert plan.tasks == [] and plan.relocations == []
    assert [(o.status, o.reason) for o in plan.done] == [("skipped", "duplicate")]


def test_plan_processes_identical_new_files_once() -> None:
    plan = plan_for(current={"/a/one.pdf": "d1", "/a/two.pdf": "d1"}, known={})
    assert [t.path.name for t in plan.tasks] == ["one.pdf"]
    assert [(o.path, o.reason, o.message) for o in plan.done] == [
        ("/a/two.pdf", "duplicate", "same content as /a/one.pdf")
    ]


def test_plan_two_files_that_swapped_content_are_relocated() -> None:
    plan = plan_for(
        current={"/a/x.pdf": "h2", "/a/y.pdf": "h1"}, known={"h1": "/a/x.pdf", "h2": "/a/y.pdf"}
    )
    assert plan.tasks == []
    assert sorted(plan.relocations) == [("h1", "/a/y.pdf"), ("h2", "/a/x.pdf")]


def test_plan_an_edited_file_whose_old_version_was_copied_keeps_the_copy() -> None:
    plan = plan_for(
        current={"/a/minutes.pdf": "v2", "/a/minutes-backup.pdf": "v1"},
        known={"v1": "/a/minutes.pdf"},
    )
    assert [(t.path.name, t.stale) for t in plan.tasks] == [("minutes.pdf", ())]
    assert plan.relocations == [("v1", "/a/minutes-backup.pdf")]


def test_plan_a_path_overwritten_by_a_moved_file_loses_its_old_entry() -> None:
    # b.pdf was replaced by a.pdf (`mv a.pdf b.pdf`): b's old content is gone everywhere.
    plan = plan_for(current={"/d/b.pdf": "a1"}, known={"a1": "/d/a.pdf", "b1": "/d/b.pdf"})
    assert plan.relocations == [("a1", "/d/b.pdf")]
    assert plan.replaced == ["b1"]
    assert plan.tasks == []


def test_plan_prune_removes_only_entries_whose_files_are_gone() -> None:
    known = {"g1": "/a/gone.pdf", "k1": "/elsewhere/kept.pdf", "m1": "/a/moved.pdf"}
    current = {"/b/moved.pdf": "m1"}
    plan = plan_for(current, known, on_disk={"/elsewhere/kept.pdf"}, prune=True)
    assert plan.prune == ["g1"]
    assert plan.relocations == [("m1", "/b/moved.pdf")]
    assert plan_for(current, known, on_disk={"/elsewhere/kept.pdf"}).prune == []


def test_plan_reports_rejected_files() -> None:
    discovery = Discovery(
        rejected=[
            Rejected(Path("/a/empty.pdf"), EmptyFileError("empty file (0 bytes)"), failed=True),
            Rejected(Path("/a/notes.txt"), CorruptPDFError("no"), failed=False),
        ]
    )
    plan = make_plan(discovery, {}, {})
    assert [(o.path, o.status, o.reason) for o in plan.done] == [
        ("/a/empty.pdf", "failed", "empty"),
        ("/a/notes.txt", "skipped", "not-a-document"),
    ]
    assert plan.done[0].hint == EmptyFileError.hint


@pytest.mark.parametrize(
    "cpus, workers, left, jobs",
    [(2, 2, 100, 1), (2, 1, 100, 2), (2, 2, 1, 2), (8, 2, 10, 4), (8, 3, 2, 4), (1, 4, 9, 1)],
)
def test_ocr_jobs_fill_the_cpus(cpus: int, workers: int, left: int, jobs: int) -> None:
    assert ocr_jobs_for(cpus, workers, left) == jobs


# --- pool and writer, with the stand-in ---------------------------------------------------


def test_one_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
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
    index = FakeIndex()

    result = run_ingest([docs], index, IngestOptions(workers=2), process=fake_process)

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
    assert len(index.docs) == 7
    assert {m.source for m in index.docs.values()} == {
        str(docs / f"ok{n}.pdf") for n in range(6)
    } | {str(docs / "letter.pdf")}


def test_timeout_kills_the_spinning_worker_and_its_children(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    spin = fake_pdf(docs / "spin.pdf", "SPIN")
    for n in range(4):
        fake_pdf(docs / f"ok{n}.pdf", "SLOW")
    index = FakeIndex()

    start = time.monotonic()
    result = run_ingest(
        [docs], index, IngestOptions(workers=2, timeout=1.5, **FAST), process=fake_process
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


def test_passwords_are_tried_on_encrypted_files_only(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    fake_pdf(docs / "locked.pdf", "LOCKED")
    fake_pdf(docs / "open.pdf")

    without = run_ingest([docs], FakeIndex(), IngestOptions(workers=1), process=fake_process)
    wrong = run_ingest(
        [docs], FakeIndex(), IngestOptions(workers=1, passwords=("x", "y")), process=fake_process
    )
    right = run_ingest(
        [docs],
        FakeIndex(),
        IngestOptions(workers=1, passwords=("x", "secret")),
        process=fake_process,
    )

    locked = by_name(without)["locked.pdf"]
    assert (locked.status, locked.reason) == ("failed", "encrypted")
    assert "--password" in locked.hint
    assert (
        by_name(wrong)["locked.pdf"].message == "encrypted: none of the 2 passwords given opens it"
    )
    assert by_name(right)["locked.pdf"].status == "ok"
    assert by_name(right)["open.pdf"].status == "ok"


def test_commits_in_batches_and_replaces_after_adding(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for n in range(7):
        fake_pdf(docs / f"d{n}.pdf")
    old = {"0" * 64: str(docs / "d3.pdf")}  # d3.pdf held other content before
    index = FakeIndex(known=old)
    seen: list[int] = []

    class Commits(Observer):
        def committed(self, documents: int, total: int) -> None:
            seen.append(documents)

    result = run_ingest(
        [docs],
        index,
        IngestOptions(workers=2, commit_documents=3, **FAST),
        observer=Commits(),
        process=fake_process,
    )

    # Batches of at least 3 (more when documents finish during a commit); the rest at the end.
    assert sum(seen) == 7 and len(seen) >= 2
    assert all(size >= 3 for size in seen[:-1])
    assert result.committed == 7 and result.replaced == 1
    adds = [n for n, call in enumerate(index.calls) if call[0] == "add"]
    removes = [n for n, call in enumerate(index.calls) if call[0] == "remove"]
    assert len(removes) == 1 and removes[0] > min(adds)
    assert "0" * 64 not in index.known()
    assert index.calls[0] == ("recover",)


def test_ocr_jobs_follow_the_free_cpus(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for n in range(3):
        fake_pdf(docs / f"d{n}.pdf")
    index = FakeIndex()

    run_ingest([docs], index, IngestOptions(workers=1), process=fake_process)

    cpus = os.cpu_count() or 1
    assert {m.body for m in index.docs.values()} == {f"ocr_jobs={cpus}"}


def test_incremental_runs_with_the_stand_in(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for n in range(3):
        fake_pdf(docs / f"d{n}.pdf")
    index = FakeIndex()
    run_ingest([docs], index, IngestOptions(workers=2), process=fake_process)
    before = index.known()
    calls = len(index.calls)

    again = run_ingest([docs], index, IngestOptions(workers=2), process=fake_process)

    assert again.skip_reasons() == {"unchanged": 3}
    assert index.known() == before
    assert index.calls[calls:] == [("recover",)]  # nothing written


# --- end to end: the real pipeline and index ----------------------------------------------


@pytest.fixture
def archive_index():
    """The real index class; skipped until the storage layer is in the tree."""
    module = pytest.importorskip("archive.index")
    return module.ArchiveIndex


def minutes_pdf(path: Path, n: int, items: int = 2) -> Path:
    """A small born-digital minutes document whose content is unique to `n`."""
    from samples.render import ItemRow, MinutesSpec, ThemeRow, render_minutes

    rows: list = [ThemeRow(f"Thema {n}")]
    for i in range(1, items + 1):
        rows.append(
            ItemRow(
                f"{i}.1",
                [
                    f"B: Het overleg {n} besluit over punt {i}.\n\n"
                    f"A > Voorzitter: stuurt de brief {n}-{i} voor 25 maart.",
                    f"Toelichting {n} bij punt {i}.",
                ],
            )
        )
    spec = MinutesSpec(
        body="Regionaal Beleidsteam",
        title=f"Verslag overleg {n}",
        date_line=f"Datum: {1 + n % 28} maart 2022",
        rows=rows,
    )
    return render_minutes(spec, path)


def letter_pdf(path: Path, text: str) -> Path:
    """A PDF without a minutes table: a one-page letter."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 780
    for line in ["Geachte heer, mevrouw,", "", text, "", "Met vriendelijke groet,"]:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.save()
    return path


def encrypted_pdf(path: Path, password: str) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=password)
    pdf.drawString(72, 780, "Vertrouwelijk verslag")
    pdf.save()
    return path


def bad_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.6\n")
    (folder / "notes-named.pdf").write_text("Dit is geen PDF maar een tekstbestand.\n")


def meeting_shas(index_dir: Path, archive_index) -> dict[str, str]:
    return archive_index(index_dir).known()


def tree_state(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of a folder with its size and modification time, lock files aside."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def digests(folder: Path) -> dict[str, str]:
    return {str(p): sha256_of(p) for p in folder.rglob("*") if p.is_file()}


OPTIONS = IngestOptions(workers=2, tag=False)


def test_real_pipeline_incremental_and_idempotent(tmp_path: Path, archive_index) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    for n in range(4):
        minutes_pdf(docs / f"m{n}.pdf", n)
    letter_pdf(docs / "brief.pdf", "Hierbij ontvangt u het jaarverslag.")
    bad_files(docs / "bad")
    originals = digests(docs)

    first = run_ingest([docs], archive_index(index_dir), OPTIONS)

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
    known = meeting_shas(index_dir, archive_index)
    assert sorted(Path(s).name for s in known.values()) == ["brief.pdf"] + [
        f"m{n}.pdf" for n in range(4)
    ]

    # The same ingest again changes nothing.
    state = tree_state(index_dir)
    second = run_ingest([docs], archive_index(index_dir), OPTIONS)
    assert second.ok == 0 and second.skip_reasons() == {"unchanged": 5}
    assert tree_state(index_dir) == state
    assert meeting_shas(index_dir, archive_index) == known

    # Edit one file, move another, delete a third.
    minutes_pdf(docs / "m0.pdf", 100)
    (docs / "m1.pdf").rename(docs / "bad" / "m1-moved.pdf")
    (docs / "m2.pdf").unlink()
    third = run_ingest(
        [docs], archive_index(index_dir), IngestOptions(workers=2, tag=False, prune=True)
    )
    outcomes = by_name(third)
    assert outcomes["m0.pdf"].status == "ok"
    assert outcomes["m1-moved.pdf"].status == "moved"
    assert (third.ok, third.moved, third.pruned, third.replaced) == (1, 1, 1, 1)
    known = meeting_shas(index_dir, archive_index)
    assert sorted(Path(s).name for s in known.values()) == [
        "brief.pdf",
        "m0.pdf",
        "m1-moved.pdf",
        "m3.pdf",
    ]
    assert known[sha256_of(docs / "m0.pdf")] == str(docs / "m0.pdf")


# --- the command --------------------------------------------------------------------------


def archive_ingest() -> list[str]:
    """The `archive ingest` command line, run as its own process."""
    return [sys.executable, "-m", "archive.cli", "ingest"]


def invoke(*args: str):
    """Run `archive ingest ARGS` in this process."""
    from archive.cli import app

    return CliRunner().invoke(app, ["ingest", *args], catch_exceptions=False)


def test_help_documents_options_and_exit_codes() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for option in ("--workers", "--ocr", "--password", "--prune", "--timeout", "--max-pixels"):
        assert option in text
    for option in ("--quiet", "--json", "--report", "--index", "--no-tag"):
        assert option in text
    assert "Exit codes" in text and "1 some files failed" in text


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nope"), "--index", str(tmp_path / "index"))
    assert result.exit_code == 2


def test_command_exit_codes_summary_and_report(tmp_path: Path, archive_index) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    minutes_pdf(docs / "good.pdf", 1)
    common = ["--index", str(index_dir), "--workers", "2", "--no-tag"]

    ok = invoke(str(docs), *common, "--json")
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.stdout)
    assert summary["files"]["ok"] == 1 and summary["failures"] == []
    assert summary["entries"] == 4
    report = json.loads((index_dir / "last-ingest-report.json").read_text())
    assert report["failures"] == []

    bad_files(docs)
    custom = tmp_path / "failures.json"
    failed = invoke(str(docs), *common, "--report", str(custom), "--password", "hunter2")
    assert failed.exit_code == 1
    assert "Ingest summary" in failed.stdout
    lines = [line for line in failed.stderr.splitlines() if "FAILED" in line]
    assert len(lines) == 3
    assert any("truncated.pdf: corrupt:" in line and "hint:" in line for line in lines)
    report = json.loads(custom.read_text())
    assert sorted(Path(f["path"]).name for f in report["failures"]) == [
        "empty.pdf",
        "notes-named.pdf",
        "truncated.pdf",
    ]
    assert all(f["reason"] and f["message"] and f["hint"] for f in report["failures"])
    assert "hunter2" not in custom.read_text()

    quiet = invoke(str(docs), *common, "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout == ""
    assert len(quiet.stderr.strip().splitlines()) == 3


def test_encrypted_pdf_with_and_without_password(tmp_path: Path, archive_index) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    docs.mkdir()
    encrypted_pdf(docs / "geheim.pdf", "s3cret")
    common = ["--index", str(index_dir), "--workers", "1", "--no-tag", "--json"]

    without = invoke(str(docs), *common)
    assert without.exit_code == 1
    assert json.loads(without.stdout)["failures"][0]["reason"] == "encrypted"

    with_password = invoke(str(docs), *common, "--password", "wrong", "--password", "s3cret")
    assert with_password.exit_code == 0, with_password.output
    assert json.loads(with_password.stdout)["files"]["ok"] == 1


def test_plain_log_lines_when_not_on_a_terminal(tmp_path: Path, archive_index) -> None:
    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    minutes_pdf(docs / "a.pdf", 1)
    minutes_pdf(docs / "b.pdf", 2)
    proc = subprocess.run(
        [*archive_ingest(), str(docs), "--index", str(index_dir), "--no-tag"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "[1/2] ok" in proc.stderr and "[2/2] ok" in proc.stderr
    assert "\x1b[" not in proc.stderr  # no escape codes in a log
    assert "Ingest summary" in proc.stdout


def test_discover_is_what_the_runner_walks(tmp_path: Path) -> None:
    # Guard against the runner and `discover` drifting apart on what a folder holds.
    fake_pdf(tmp_path / "a.pdf")
    fake_pdf(tmp_path / ".hidden.pdf")
    result = run_ingest([tmp_path], FakeIndex(), IngestOptions(workers=1), process=fake_process)
    assert [Path(o.path) for o in result.outcomes] == [f.path for f in discover([tmp_path]).files]
    assert result.ignored == 1


def test_a_second_ingest_on_the_same_index_stops_at_once(tmp_path: Path) -> None:
    from archive.ingest import ingest_lock

    docs, index_dir = tmp_path / "docs", tmp_path / "index"
    fake_pdf(docs / "a.pdf")
    with ingest_lock(index_dir):
        result = invoke(str(docs), "--index", str(index_dir), "--no-tag")
    assert result.exit_code == 3
    assert "busy with another ingest" in " ".join(result.stderr.split())
