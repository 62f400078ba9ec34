"""Crash safety: `archive ingest` killed with SIGKILL at any moment, then run again.

After every kill the index must open and search; after the final run every file is in the index
exactly once, with exactly its own entries, and no worker process outlives its parent.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.index import Archive
from archive.ingest.options import COMMIT_DOCUMENTS, QUEUED_BATCHES
from pipeline.extract.document import sha256_of
from tests.archive.index.conftest import BACKENDS
from tests.factories import alive, all_records

DOCUMENTS = 120


def archive_ingest() -> list[str]:
    """The `archive ingest` command line, run as its own process."""
    return [sys.executable, "-m", "archive.cli", "ingest"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of distinct small minutes documents."""
    from samples.render import ItemRow, MinutesSpec, ThemeRow, render_minutes

    folder = tmp_path_factory.mktemp("crash-docs")
    for n in range(DOCUMENTS):
        rows: list = [ThemeRow(f"Thema {n}")]
        for i in range(1, 4):
            rows.append(
                ItemRow(
                    f"{i}.{n % 7}",
                    [
                        f"B: Overleg {n} besluit over punt {i}.\n\n"
                        f"A > Secretaris: zorgt voor stuk {n}-{i}.",
                        f"Toelichting {n}.{i}.",
                    ],
                )
            )
        spec = MinutesSpec(
            body="Veiligheidsregio",
            title=f"Verslag crashtest {n}",
            date_line=f"Datum: {1 + n % 28} april 2022",
            rows=rows,
        )
        render_minutes(spec, folder / f"sub{n % 4}" / f"verslag-{n:03}.pdf")
    return folder


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The search backend the killed ingests write; the later commands name none and follow
    the one stored in the index."""
    return request.param


def start(corpus: Path, index_dir: Path, backend: str) -> subprocess.Popen:
    command = [*archive_ingest(), str(corpus), "--index", str(index_dir), "--workers", "2"]
    command += ["--backend", backend]
    return subprocess.Popen(
        [*command, "--no-tag", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def records(index_dir: Path) -> int:
    folder = index_dir / "records"
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def descendants(pid: int) -> set[int]:
    """Every process below `pid` (workers, the fork server, their children)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def kill_when(proc: subprocess.Popen, index_dir: Path, at_least: int, deadline: float) -> int:
    """SIGKILL the ingest once `at_least` records are stored; return the stored count then."""
    end = time.monotonic() + deadline
    while time.monotonic() < end and proc.poll() is None:
        if records(index_dir) >= at_least:
            break
        time.sleep(0.01)
    children = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL or proc.returncode == 0
    # Workers die with their parent rather than finishing their documents for nobody.
    limit = time.monotonic() + 10
    while any(alive(p) for p in children) and time.monotonic() < limit:
        time.sleep(0.05)
    assert not [p for p in children if alive(p)], "worker processes outlived the killed ingest"
    return records(index_dir)


def check_searchable(index_dir: Path) -> int:
    """Search the index as `archive search` does; return how many meetings the hits span."""
    with Archive(index_dir) as archive:
        result = archive.search("overleg", limit=None, fuzzy=False, snippets=False)
    return len({hit.record["sha256"] for hit in result.hits})


def test_sigkill_at_any_moment_then_rerun(corpus: Path, tmp_path: Path, backend: str) -> None:
    index_dir = tmp_path / "index"

    # Kill early (perhaps before the first commit), after a few commits, and mid-run.
    for at_least in (0, 10, 40):
        before = records(index_dir)
        proc = start(corpus, index_dir, backend)
        stored = kill_when(proc, index_dir, before + at_least, deadline=120)
        # Records are written before the commit that indexes them: one batch may be stored
        # but not yet searchable, and the next run indexes it. A batch holds every document
        # that finished while the previous commit ran, up to the writer's queue.
        found = check_searchable(index_dir)
        assert stored - QUEUED_BATCHES * COMMIT_DOCUMENTS <= found <= stored

    # A search while an ingest runs sees the last committed state and never fails.
    proc = start(corpus, index_dir, backend)
    seen = []
    while proc.poll() is None:
        seen.append(check_searchable(index_dir))
        time.sleep(0.2)
    _, stderr = proc.communicate()
    assert proc.returncode == 0, stderr
    assert seen == sorted(seen), "a search saw the index go backwards"

    final = check_searchable(index_dir)
    assert final == DOCUMENTS

    # Every file exactly once, with exactly its own entries.
    with Archive(index_dir) as index:
        assert index.backend.name == backend  # the choice stored by the first run
        known = index.known()
        files = sorted(corpus.rglob("*.pdf"))
        assert known == {sha256_of(p): str(p) for p in files}
        documents = all_records(index)
        ids = [doc["id"] for doc in documents]
        per_sha: dict[str, int] = {}
        for doc in documents:
            per_sha[doc["sha256"]] = per_sha.get(doc["sha256"], 0) + 1
        assert len(ids) == len(set(ids)), "duplicate documents in the index"
        for sha in known:
            meeting = index.get(sha)
            assert meeting is not None
            assert per_sha[sha] == sum(len(item.entries) for item in meeting.items) == 6

    # And once more: nothing left to do.
    again = subprocess.run(
        [*archive_ingest(), str(corpus), "--index", str(index_dir), "--no-tag", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["files"]["ok"] == 0
    assert summary["skipped"] == {"unchanged": DOCUMENTS}


def test_ctrl_c_keeps_the_finished_documents(corpus: Path, tmp_path: Path, backend: str) -> None:
    index_dir = tmp_path / "index"
    proc = start(corpus, index_dir, backend)
    end = time.monotonic() + 120
    while records(index_dir) < 5 and time.monotonic() < end and proc.poll() is None:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)

    assert proc.returncode in (130, 0)  # 0: it finished before the signal arrived
    stored = records(index_dir)
    assert stored >= 5
    assert check_searchable(index_dir) == stored
    assert not (index_dir / "pending.json").exists()
    assert os.listdir(index_dir / "records") == [
        name for name in os.listdir(index_dir / "records") if not name.endswith(".tmp")
    ]
