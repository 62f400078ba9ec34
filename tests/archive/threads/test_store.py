"""Threads beside the records: written once, current while the records are, computed again
when they change, never trusted when damaged or of another version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.index import Archive
from archive.threads import THREADS_FILE, load, refresh, threads_of
from archive.threads.store import VERSION, forget
from tests.archive.threads.records import item, meeting, note, row, sha


def first(name: str) -> object:
    return meeting(name, "2024-01-08", row("A-03", "Factsheet opstellen", "DPG", "open"))


def second(status: str = "open") -> object:
    return meeting("m2", "2024-01-15", row("A-03", "Factsheet opstellen", "DPG", status))


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "index") as archive:
        archive.add_meetings([first("m1"), second()])
        yield archive


def test_threads_are_written_beside_the_records_for_their_owner_only(archive: Archive) -> None:
    threads = threads_of(archive.directory)
    path = archive.directory / THREADS_FILE
    assert path.is_file() and path.stat().st_mode & 0o777 == 0o600
    assert len(threads.threads) == 1 and len(threads.threads[0].mentions) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == VERSION and set(data["meetings"]) == {sha("m1"), sha("m2")}
    # Mentions are stored once, with their meeting; threads name them.
    assert data["threads"][0]["mentions"] == [f"{sha('m1')}:A-03:0", f"{sha('m2')}:A-03:0"]
    assert load(archive.directory) is not None


def test_a_thread_with_mention_ids_is_its_dict_with_ids_for_mentions(archive: Archive) -> None:
    thread = threads_of(archive.directory).threads[0]
    full, short = thread.to_dict(), thread.to_dict(mention_ids=True)
    assert list(short) == list(full)
    assert short == {**full, "mentions": [m["id"] for m in full["mentions"]]}
    assert len(thread.mentions) == 2  # the thread itself keeps its mentions


def test_a_record_written_since_makes_them_stale_and_they_follow(archive: Archive) -> None:
    assert threads_of(archive.directory).threads[0].status == "open"
    archive.add_meetings([second("done")])  # the same meeting read anew
    assert load(archive.directory) is None
    assert threads_of(archive.directory).threads[0].status == "done"
    archive.add_meetings([meeting("m3", "2024-01-22", item("2", "Acties", note(
        "Het plan is afgerond.")))])
    assert len(threads_of(archive.directory).series[0].meetings) == 3
    archive.remove([sha("m2"), sha("m3")])
    threads = threads_of(archive.directory)
    assert len(threads.threads[0].mentions) == 1 and threads.threads[0].status == "open"


def test_a_damaged_or_older_file_is_computed_again(archive: Archive) -> None:
    path = archive.directory / THREADS_FILE
    refresh(archive.directory)
    whole = path.read_text(encoding="utf-8")
    path.write_text(whole[: len(whole) // 2], encoding="utf-8")  # cut short by hand
    forget(archive.directory)  # as a process starting now
    assert load(archive.directory) is None
    assert len(threads_of(archive.directory).threads) == 1
    assert path.read_text(encoding="utf-8") == whole
    data = json.loads(whole)
    data["version"] = VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    forget(archive.directory)
    assert load(archive.directory) is None
    # An ingest that commits nothing still puts right what it finds out of date.
    refresh(archive.directory)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION


def test_a_reader_that_may_not_write_computes_them_in_memory(archive: Archive) -> None:
    threads = threads_of(archive.directory, write=False)
    assert len(threads.threads) == 1
    assert not (archive.directory / THREADS_FILE).exists()
    refresh(archive.directory)
    assert (archive.directory / THREADS_FILE).is_file()


def test_reindex_computes_them_anew(archive: Archive) -> None:
    path = archive.directory / THREADS_FILE
    path.write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["reindex", "--index", str(archive.directory)])
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == VERSION
