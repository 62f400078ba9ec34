"""The archive index: records and Whoosh in agreement, crash recovery, schema upgrades."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from tests.factories import corpus, letter, meeting_april, meeting_june, sha
from whoosh.query import Every, Term

from archive import index as index_module
from archive.index import ArchiveIndex, IndexLockedError, index_exists
from archive.prepare import prepare
from archive.schema import (
    ANALYZED_FIELDS,
    SCHEMA_VERSION,
    Analyzed,
    days_of,
    meeting_documents,
    span_of,
)
from pipeline.records import RECORD_KEYS

ROOT = Path(__file__).resolve().parents[1]


def documents(index: ArchiveIndex) -> list[dict]:
    with index.searcher() as searcher:
        return [json.loads(f["record"]) for f in searcher.all_stored_fields()]


def shas_found(index: ArchiveIndex, query=None) -> set[str]:
    with index.searcher() as searcher:
        hits = searcher.search(query or Every(), limit=None)
        return {json.loads(hit["record"])["sha256"] for hit in hits}


def test_creates_layout_and_indexes_entries(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path / "ix")
    assert (tmp_path / "ix" / "records").is_dir()
    assert (tmp_path / "ix" / "whoosh").is_dir()
    assert index_exists(tmp_path / "ix")
    assert not index_exists(tmp_path / "other")
    # 10 entries, one item without entries (Rondvraag), two pages of the letter.
    assert index.add_meetings(corpus()) == 10
    kinds = sorted(d["kind"] for d in documents(index))
    assert kinds.count("item") == 1
    assert kinds.count("page") == 2
    assert len(kinds) == 13
    assert index.known() == {m.sha256: m.source for m in corpus()}


def _postings(index: ArchiveIndex, field: str) -> dict[bytes, list[tuple[int, bytes]]]:
    with index.searcher() as searcher:
        reader = searcher.reader()
        return {
            term: list(reader.postings(field, term).all_items())
            for term in reader.lexicon(field)
        }


def test_text_analysed_by_workers_indexes_as_the_text_itself(tmp_path: Path) -> None:
    # Ingest workers analyse the text fields and pickle the result to the writer; the index
    # must hold exactly what the writer's own analysis of the text would have given.
    meetings = corpus()
    prepared = pickle.loads(pickle.dumps([prepare(m) for m in meetings]))
    assert all(
        isinstance(doc[name], Analyzed)
        for p in prepared
        for doc in p.documents
        for name in ANALYZED_FIELDS
        if name in doc
    )
    ahead = ArchiveIndex(tmp_path / "ahead")
    assert ahead.add_prepared(prepared) == 10
    plain = ArchiveIndex(tmp_path / "plain")
    writer = plain.whoosh.writer()
    for meeting in meetings:
        for doc in meeting_documents(meeting):
            writer.add_document(**doc)
    writer.commit()
    for name in ANALYZED_FIELDS:
        expected = _postings(plain, name)
        assert expected, name
        assert _postings(ahead, name) == expected, name
    assert documents(ahead) == documents(plain)
    assert ahead.store.shas() == {m.sha256 for m in meetings}


def test_records_follow_the_json_contract(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings([meeting_april()])
    record = next(d for d in documents(index) if d["kind"] == "actie" and d["owner"] == "DPG")
    for key in RECORD_KEYS:
        assert key in record
    assert record["meeting_date"] == "2022-04-07"
    assert record["ocr"] is True
    assert record["dates"] == [{"text": "21 april 2022", "value": "2022-04-21"}]


def test_re_adding_replaces_a_meetings_documents(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings(corpus())
    changed = meeting_april()
    changed.items = changed.items[:1]
    assert index.add_meetings([changed]) == 1
    april = [d for d in documents(index) if d["sha256"] == changed.sha256]
    assert len(april) == 1
    assert index.store.get(changed.sha256).items == changed.items


def test_same_sha_twice_in_one_batch_is_indexed_once(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    assert index.add_meetings([meeting_june(), meeting_june()]) == 4
    assert len(documents(index)) == 4


def test_remove_and_relocate(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings(corpus())
    index.remove([letter().sha256, "0" * 64])
    assert letter().sha256 not in index.known()
    assert letter().sha256 not in shas_found(index)

    index.relocate(meeting_june().sha256, "/nieuw/rbt.pdf")
    assert index.known()[meeting_june().sha256] == "/nieuw/rbt.pdf"
    sources = {d["source"] for d in documents(index) if d["sha256"] == meeting_june().sha256}
    assert sources == {"/nieuw/rbt.pdf"}
    with pytest.raises(KeyError):
        index.relocate("f" * 64, "/x.pdf")


def test_recover_indexes_stored_records_and_drops_orphans(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings([meeting_april(), letter()])
    # As after a crash between the record write and the commit, and after a lost record.
    index.store.put(meeting_june())
    index.store.delete(letter().sha256)
    assert shas_found(index) == {meeting_april().sha256, letter().sha256}
    index.recover()
    assert shas_found(index) == {meeting_april().sha256, meeting_june().sha256}


def test_recover_replays_an_interrupted_write(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings([meeting_april()])
    # A crash after the new record was written but before its commit: same sha, new content.
    changed = meeting_april()
    changed.title = "Nieuwe titel"
    (tmp_path / "pending.json").write_text(json.dumps([changed.sha256]), encoding="utf-8")
    index.store.put(changed)
    index.recover()
    assert {d["meeting_title"] for d in documents(index)} == {"Nieuwe titel"}
    assert not (tmp_path / "pending.json").exists()


def test_recover_is_cheap_when_in_agreement(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings(corpus())
    generation = index.whoosh.latest_generation()
    index.recover()
    index.recover()
    assert index.whoosh.latest_generation() == generation  # nothing committed


def test_reindex_rebuilds_from_records(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings(corpus())
    before = sorted(d["id"] for d in documents(index))
    assert index.reindex() == 10
    assert sorted(d["id"] for d in documents(index)) == before


def test_older_schema_version_is_rebuilt_on_open(tmp_path: Path) -> None:
    ArchiveIndex(tmp_path).add_meetings(corpus())
    version_file = tmp_path / "whoosh" / index_module.VERSION_FILE
    version_file.write_text(json.dumps({"version": SCHEMA_VERSION - 1}), encoding="utf-8")
    index = ArchiveIndex(tmp_path)
    assert json.loads(version_file.read_text())["version"] == SCHEMA_VERSION
    assert len(documents(index)) == 13


def test_a_damaged_index_is_rebuilt_on_open(tmp_path: Path) -> None:
    ArchiveIndex(tmp_path).add_meetings(corpus())
    for toc in (tmp_path / "whoosh").glob("_MAIN_*.toc"):
        toc.unlink()
    assert len(documents(ArchiveIndex(tmp_path))) == 13


def test_documents_without_a_table_are_indexed_per_page(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings([letter()])
    pages = documents(index)
    assert [(d["kind"], d["page"], d["ocr"]) for d in pages] == [
        ("page", 1, False),
        ("page", 2, True),
    ]
    stats = index.stats()
    assert stats.without_table == 1
    assert stats.page_documents == 2
    assert stats.entries == 0


def test_stats_counts_kinds_ocr_and_review(tmp_path: Path) -> None:
    index = ArchiveIndex(tmp_path)
    index.add_meetings(corpus())
    stats = index.stats()
    assert stats.meetings == 3
    assert stats.entries == 10
    assert stats.kinds == {"actie": 3, "besluit": 3, "knelpunt": 2, "note": 2}
    assert stats.ocr_pages == 3
    assert [r["page"] for r in stats.needs_review] == [3]
    assert (stats.first_date, stats.last_date) == ("2022-04-07", "2022-06-02")
    assert stats.indexed_documents == 13


def test_dates_cover_days_months_and_ranges() -> None:
    assert span_of("2022-04") == (span_of("2022-04-01")[0], span_of("2022-04-30")[0])
    assert span_of("2022-02-30") is None
    assert span_of("morgen") is None
    assert days_of(["2022-04-29..2022-05-02"]) == {
        "2022-04-29",
        "2022-04-30",
        "2022-05-01",
        "2022-05-02",
    }
    assert len(days_of(["2020..2023"])) == 2  # too long a span: its ends only


def test_facet_keys_in_documents() -> None:
    docs = {d["id"]: d for d in meeting_documents(meeting_april())}
    knelpunt = docs[f"{sha('april')}:2:0"]
    assert knelpunt["municipality_key"] == "westerwolde"
    assert knelpunt["place_key"] == "ter apel"
    actie = docs[f"{sha('april')}:2:2"]
    assert "dpg" in actie["owner_key"].split(",")
    assert "2022-04-21" in actie["day"] and "2022-04-07" in actie["day"]


def test_a_second_writer_waits_then_gives_up(tmp_path: Path) -> None:
    holder = ArchiveIndex(tmp_path)
    other = ArchiveIndex(tmp_path, lock_timeout=0.3)
    script = textwrap.dedent(
        f"""
        import fcntl, os, sys, time
        fd = os.open({str(tmp_path / "write.lock")!r}, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        print("locked", flush=True)
        time.sleep(30)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(IndexLockedError):
            other.add_meetings([meeting_june()])
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
    from archive.index import ArchiveIndex

    index = ArchiveIndex(Path({directory!r}))
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
        index.add_meetings(batch)
        if n % 20 == 0:
            index.remove([sha(f"m{{n - 20}}")])
    """
)


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
        index = ArchiveIndex(directory, lock_timeout=5)
        found = shas_found(index, Term("kind", "actie"))
        assert found <= index.store.shas() | _pending(directory)
        # ... and after recover() the records and the index agree exactly.
        index.recover()
        assert shas_found(index) == index.store.shas()
        docs = documents(index)
        assert len(docs) == len({d["id"] for d in docs}) == 7 * len(index.store.shas())


def _pending(directory: Path) -> set[str]:
    try:
        return set(json.loads((directory / "pending.json").read_text()))
    except (OSError, ValueError):
        return set()


def test_search_during_writes_sees_committed_states(tmp_path: Path) -> None:
    directory = tmp_path / "ix"
    ArchiveIndex(directory)
    script = WRITER.format(directory=str(directory))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
    try:
        assert proc.stdout.readline().strip() == b"open"
        reader = ArchiveIndex(directory)
        seen = []
        deadline = time.monotonic() + 2.5
        while time.monotonic() < deadline:
            with reader.searcher() as searcher:
                count = searcher.doc_count()
                hits = searcher.search(Term("kind", "actie"), limit=None)
                assert len(hits) * 7 == count * 2  # whole meetings only: 2 actions of 7 docs
            seen.append(count)
        assert seen[-1] > 0
    finally:
        proc.kill()
        proc.wait()
