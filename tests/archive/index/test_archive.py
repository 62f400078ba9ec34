"""The archive: records and index in agreement, crash recovery, schema upgrades, the lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.index import Archive, IndexLockedError, index_exists
from archive.index.contract import SCHEMA_VERSION
from tests.factories import all_records, corpus, letter, meeting_april, meeting_june, sha

ROOT = Path(__file__).resolve().parents[3]
OpenArchive = Callable[..., Archive]


def shas_found(archive: Archive, query: str = "*") -> set[str]:
    return {hit.record["sha256"] for hit in archive.search(query, limit=None, fuzzy=False).hits}


def files_of(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_creates_layout_and_indexes_entries(open_archive: OpenArchive, tmp_path: Path) -> None:
    archive = open_archive(tmp_path / "ix")
    assert (tmp_path / "ix" / "records").is_dir()
    assert (tmp_path / "ix" / archive.backend.name).is_dir()
    assert index_exists(tmp_path / "ix")
    assert not index_exists(tmp_path / "other")
    # 10 entries, one item without entries (Rondvraag), two pages of the letter.
    assert archive.add_meetings(corpus()) == 10
    kinds = sorted(d["kind"] for d in all_records(archive))
    assert kinds.count("item") == 1
    assert kinds.count("page") == 2
    assert len(kinds) == 13
    assert archive.known() == {m.sha256: m.source for m in corpus()}


def test_re_adding_replaces_a_meetings_documents(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings(corpus())
    changed = meeting_april()
    changed.items = changed.items[:1]
    assert archive.add_meetings([changed]) == 1
    april = [d for d in all_records(archive) if d["sha256"] == changed.sha256]
    assert len(april) == 1
    assert archive.get(changed.sha256).items == changed.items


def test_a_record_that_cannot_be_written_stops_the_commit(
    open_archive: OpenArchive, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The records are written while the backend adds the documents; the commit waits for them,
    # and a record that fails leaves the index as it was, the journal naming the batch.
    archive = open_archive()
    archive.add_meetings([meeting_june()])
    put = archive.store.put

    def failing_put(meeting: object, data: str | None = None) -> None:
        if meeting is not None and getattr(meeting, "sha256", "") == meeting_april().sha256:
            raise OSError(28, "No space left on device")
        put(meeting, data)  # type: ignore[arg-type]

    monkeypatch.setattr(archive.store, "put", failing_put)
    with pytest.raises(OSError):
        archive.add_meetings([meeting_april(), letter()])
    assert shas_found(archive) == {meeting_june().sha256}
    assert (archive.directory / "pending.json").exists()
    monkeypatch.setattr(archive.store, "put", put)
    archive.recover()  # whichever records of the batch were written are indexed now
    assert shas_found(archive) == archive.store.shas()
    assert meeting_april().sha256 not in archive.store.shas()


def test_same_sha_twice_in_one_batch_is_indexed_once(open_archive: OpenArchive) -> None:
    archive = open_archive()
    assert archive.add_meetings([meeting_june(), meeting_june()]) == 4
    assert len(all_records(archive)) == 4


def test_remove_and_relocate(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings(corpus())
    archive.remove([letter().sha256, "0" * 64])
    assert letter().sha256 not in archive.known()
    assert letter().sha256 not in shas_found(archive)

    archive.relocate(meeting_june().sha256, "/nieuw/rbt.pdf")
    assert archive.known()[meeting_june().sha256] == "/nieuw/rbt.pdf"
    sources = {d["source"] for d in all_records(archive) if d["sha256"] == meeting_june().sha256}
    assert sources == {"/nieuw/rbt.pdf"}
    with pytest.raises(KeyError):
        archive.relocate("f" * 64, "/x.pdf")


def test_find_one_meeting(open_archive: OpenArchive) -> None:
    from pipeline.errors import NotFoundError, UsageError

    archive = open_archive()
    archive.add_meetings(corpus())
    assert archive.find(meeting_april().sha256[:8]).title == meeting_april().title
    with pytest.raises(NotFoundError) as missing:
        archive.find("nergens.pdf")
    assert missing.value.exit_code == 3
    copy = meeting_april()
    copy.sha256, copy.source = sha("copy"), "/elders/vb-2022-04-07.pdf"
    archive.add_meetings([copy])
    with pytest.raises(UsageError) as several:
        archive.find("vb-2022-04-07.pdf")
    assert "2 meetings match" in several.value.message


def test_recover_indexes_stored_records_and_drops_orphans(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings([meeting_april(), letter()])
    # As after a crash between the record write and the commit, and after a lost record.
    archive.store.put(meeting_june())
    archive.store.delete(letter().sha256)
    assert shas_found(archive) == {meeting_april().sha256, letter().sha256}
    archive.recover()
    assert shas_found(archive) == {meeting_april().sha256, meeting_june().sha256}


def test_recover_replays_an_interrupted_write(open_archive: OpenArchive, tmp_path: Path) -> None:
    archive = open_archive(tmp_path)
    archive.add_meetings([meeting_april()])
    # A crash after the new record was written but before its commit: same sha, new content.
    changed = meeting_april()
    changed.title = "Nieuwe titel"
    (tmp_path / "pending.json").write_text(json.dumps([changed.sha256]), encoding="utf-8")
    archive.store.put(changed)
    archive.recover()
    assert {d["meeting_title"] for d in all_records(archive)} == {"Nieuwe titel"}
    assert not (tmp_path / "pending.json").exists()


def test_a_torn_journal_makes_recovery_check_everything(
    open_archive: OpenArchive, tmp_path: Path
) -> None:
    archive = open_archive(tmp_path)
    archive.add_meetings([meeting_april()])
    changed = meeting_april()
    changed.title = "Na de crash"
    archive.store.put(changed)
    (tmp_path / "pending.json").write_text('["aa6', encoding="utf-8")
    archive.recover()
    assert {d["meeting_title"] for d in all_records(archive)} == {"Na de crash"}


def test_recover_is_cheap_when_in_agreement(open_archive: OpenArchive, tmp_path: Path) -> None:
    archive = open_archive(tmp_path)
    archive.add_meetings(corpus())
    index_files = files_of(tmp_path / archive.backend.name)
    archive.recover()
    archive.recover()
    assert files_of(tmp_path / archive.backend.name) == index_files  # nothing committed


def test_reindex_rebuilds_from_records(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings(corpus())
    before = sorted(d["id"] for d in all_records(archive))
    assert archive.reindex() == 10
    assert sorted(d["id"] for d in all_records(archive)) == before


def test_an_index_of_another_schema_version_is_rebuilt_on_open(
    open_archive: OpenArchive, backend_name: str, tmp_path: Path
) -> None:
    open_archive(tmp_path).add_meetings(corpus())
    if backend_name != "whoosh":
        pytest.skip("how a backend marks its version is its own")
    version_file = tmp_path / "whoosh" / "archive-schema.json"
    version_file.write_text(json.dumps({"version": SCHEMA_VERSION - 1}), encoding="utf-8")
    archive = open_archive(tmp_path)
    assert archive.rebuilt
    assert json.loads(version_file.read_text())["version"] == SCHEMA_VERSION
    assert len(all_records(archive)) == 13


def test_a_damaged_index_is_rebuilt_on_open(
    open_archive: OpenArchive, backend_name: str, tmp_path: Path
) -> None:
    first = open_archive(tmp_path)
    first.add_meetings(corpus())
    first.close()
    # Every file of the engine's own, at any depth (tantivy keeps them one folder down).
    for path in (tmp_path / backend_name).rglob("*"):
        if path.is_file() and path.name != "archive-schema.json":
            path.unlink()
    archive = open_archive(tmp_path)
    assert archive.rebuilt
    assert len(all_records(archive)) == 13


def test_documents_without_a_table_are_indexed_per_page(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings([letter()])
    pages = all_records(archive)
    assert sorted((d["kind"], d["page"], d["ocr"]) for d in pages) == [
        ("page", 1, False),
        ("page", 2, True),
    ]
    stats = archive.stats()
    assert stats.without_table == 1
    assert stats.page_documents == 2
    assert stats.entries == 0


def test_stats_counts_kinds_ocr_and_review(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings(corpus())
    stats = archive.stats()
    assert stats.meetings == 3
    assert stats.entries == 10
    assert stats.kinds == {"actie": 3, "besluit": 3, "knelpunt": 2, "note": 2}
    assert stats.ocr_pages == 3
    assert [r["page"] for r in stats.needs_review] == [3]
    assert (stats.first_date, stats.last_date) == ("2022-04-07", "2022-06-02")
    assert stats.indexed_documents == 13
    assert stats.schema_version == SCHEMA_VERSION
    assert stats.index_bytes > 0 and stats.records_bytes > 0


def test_facets_count_what_a_query_finds(open_archive: OpenArchive) -> None:
    archive = open_archive()
    archive.add_meetings(corpus())
    counts = archive.facets()
    assert counts["kind"] == {
        "actie": 3,
        "besluit": 3,
        "knelpunt": 2,
        "note": 2,
        "page": 2,
        "item": 1,
    }
    assert counts["year"] == {"2022": 13}
    assert counts["ocr"] == {"yes": 7}
    assert counts["review"] == {"yes": 3}
    assert counts["owner_role"]["directeur publieke gezondheid"] == 2
    assert counts["municipality"]["westerwolde"] == 3
    actions = archive.facets("kind:actie", names=["kind", "body"])
    assert actions == {"kind": {"actie": 3}, "body": {"veiligheidsberaad": 2, "rbt": 1}}


def test_a_second_writer_waits_then_gives_up(open_archive: OpenArchive, tmp_path: Path) -> None:
    holder = open_archive(tmp_path)
    other = open_archive(tmp_path, lock_timeout=0.3)
    script = textwrap.dedent(
        f"""
        import fcntl, os, sys, time
        fd = os.open({str(tmp_path / "write.lock")!r}, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        print("locked", flush=True)
        time.sleep(30)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(IndexLockedError) as caught:
            other.add_meetings([meeting_june()])
        assert f"pid {proc.pid}" in caught.value.message
        assert caught.value.exit_code == 4
        # Killed holder: the kernel drops its lock, the file stays and blocks no one.
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert (tmp_path / "write.lock").exists()
        assert other.add_meetings([meeting_june()]) == 4
        assert holder.add_meetings([meeting_april()]) == 6
    finally:
        proc.kill()


WRITER = textwrap.dedent(
    """
    from pathlib import Path
    from tests.factories import meeting_april, sha
    from archive.index import Archive

    archive = Archive(Path({directory!r}))
    print("open", flush=True)
    n = 0
    while True:
        batch = []
        for _ in range(5):
            m = meeting_april()
            m.sha256 = sha(f"m{{n}}")
            m.source = f"/x/{{n}}.pdf"
            batch.append(m)
            n += 1
        archive.add_meetings(batch)
        if n % 20 == 0:
            archive.remove([sha(f"m{{n - 20}}")])
    """
)


def _pending(directory: Path) -> set[str]:
    try:
        return set(json.loads((directory / "pending.json").read_text()))
    except (OSError, ValueError):
        return set()


@pytest.mark.slow
def test_sigkill_at_any_moment_leaves_a_searchable_index(tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    script = WRITER.format(directory=str(directory))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.05, 0.3, 0.7, 1.1, 1.6):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
        assert proc.stdout.readline().strip() == b"open"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # It opens and searches at once, without waiting for any lock ...
        with Archive(directory, lock_timeout=5) as archive:
            found = shas_found(archive, "kind:actie")
            assert found <= archive.store.shas() | _pending(directory)
            # ... and after recover() the records and the index agree exactly.
            archive.recover()
            assert shas_found(archive) == archive.store.shas()
            docs = all_records(archive)
            assert len(docs) == len({d["id"] for d in docs}) == 7 * len(archive.store.shas())


def test_search_during_writes_sees_committed_states(tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    Archive(directory).close()
    script = WRITER.format(directory=str(directory))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout.readline().strip() == b"open"
        seen = []
        deadline = time.monotonic() + 2.5
        with Archive(directory) as reader:
            while time.monotonic() < deadline:
                kinds = reader.facets(names=["kind"])["kind"]  # one view of one commit
                count = sum(kinds.values())
                # Whole meetings only: 2 actions in each meeting's 7 documents.
                assert kinds.get("actie", 0) * 7 == count * 2
                seen.append(count)
        assert seen[-1] > 0
    finally:
        proc.kill()
        proc.wait()
