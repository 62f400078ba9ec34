"""The JSON record store: atomic writes, round trips, lookups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.index.store import RecordStore
from tests.factories import corpus, meeting_april


def test_put_get_round_trip(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    meeting = meeting_april()
    store.put(meeting)
    assert (tmp_path / "records" / f"{meeting.sha256}.json").is_file()
    again = store.get(meeting.sha256)
    assert again == meeting
    assert again.items[1].entities["places"][0].extra == {"municipality": "Westerwolde"}


def test_put_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    meeting = meeting_april()
    store.put(meeting)
    meeting.title = "Gewijzigd"
    store.put(meeting)
    assert store.get(meeting.sha256).title == "Gewijzigd"
    assert sorted(p.name for p in store.path.iterdir()) == [f"{meeting.sha256}.json"]
    record = json.loads((store.path / f"{meeting.sha256}.json").read_text(encoding="utf-8"))
    assert record["title"] == "Gewijzigd"


def test_shas_meetings_delete(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    assert store.shas() == set()
    for meeting in corpus():
        store.put(meeting)
    shas = {m.sha256 for m in corpus()}
    assert store.shas() == shas
    assert {m.sha256 for m in store.meetings()} == shas
    gone = corpus()[0].sha256
    store.delete(gone)
    store.delete(gone)  # twice is fine
    assert store.get(gone) is None
    assert store.shas() == shas - {gone}


def test_temp_files_of_a_crashed_writer_are_ignored_and_cleaned(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    store.put(meeting_april())
    (store.path / ".abc.123.tmp").write_text("{half", encoding="utf-8")
    assert store.shas() == {meeting_april().sha256}
    assert store.clean_temp_files() == 1


def test_find_by_sha_prefix_and_source(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    for meeting in corpus():
        store.put(meeting)
    april = meeting_april()
    assert [m.sha256 for m in store.find(april.sha256[:8])] == [april.sha256]
    assert [m.sha256 for m in store.find(april.source)] == [april.sha256]
    assert [m.sha256 for m in store.find("vb-2022-04-07.pdf")] == [april.sha256]
    assert [m.sha256 for m in store.find("2022/vb-2022-04-07.pdf")] == [april.sha256]
    assert store.find("nothing.pdf") == []


def test_rejects_a_path_as_sha(tmp_path: Path) -> None:
    store = RecordStore(tmp_path)
    with pytest.raises(ValueError):
        store.delete("../../etc/passwd")
    assert store.get("../x") is None


def test_put_many_writes_every_record_as_put_does(tmp_path: Path) -> None:
    meetings = corpus()
    one, many = RecordStore(tmp_path / "one"), RecordStore(tmp_path / "many")
    for meeting in meetings:
        one.put(meeting)
    many.put_many((m, None) for m in meetings)
    for meeting in meetings:
        name = f"{meeting.sha256}.json"
        assert (many.path / name).read_bytes() == (one.path / name).read_bytes()
        assert many.get(meeting.sha256) == meeting
    assert sorted(p.name for p in many.path.iterdir()) == sorted(
        f"{m.sha256}.json" for m in meetings
    )  # no temporary files left
