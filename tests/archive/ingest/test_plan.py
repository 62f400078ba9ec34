"""Planning an ingest: what to process, relocate, skip, replace and prune, decided by hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.ingest.discover import Discovery, Rejected, SourceFile
from archive.ingest.plan import make_plan, ocr_jobs_for
from pipeline.errors import CorruptPDFError, EmptyFileError


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
