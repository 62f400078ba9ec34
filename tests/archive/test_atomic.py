"""The one atomic write: whole or not at all, no temporary file left behind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from archive.atomic import atomic_write, atomic_write_json, clean_temp_files


def test_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "record.json"
    atomic_write(target, "eerst")
    atomic_write(target, "daarna ë".encode())
    assert target.read_text(encoding="utf-8") == "daarna ë"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


def test_json_is_utf8_and_optionally_indented(tmp_path: Path) -> None:
    atomic_write_json(tmp_path / "a.json", {"plaats": "Súdwest-Fryslân"})
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == '{"plaats": "Súdwest-Fryslân"}'
    atomic_write_json(tmp_path / "b.json", [1], indent=2)
    assert json.loads((tmp_path / "b.json").read_text()) == [1]
    assert (tmp_path / "b.json").read_text().endswith("\n")


def test_a_name_that_is_not_utf8_survives_the_round_trip(tmp_path: Path) -> None:
    name = os.fsdecode(b"/archief/caf\xe9.pdf")  # as os.walk gives a Latin-1 name
    atomic_write_json(tmp_path / "r.json", {"source": name})
    raw = (tmp_path / "r.json").read_bytes()
    raw.decode("utf-8")  # valid UTF-8 JSON
    assert os.fsencode(json.loads(raw)["source"]) == b"/archief/caf\xe9.pdf"


def test_a_failed_write_keeps_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    atomic_write(target, "oud")

    class Unwritable(str):
        def encode(self, *args: object) -> bytes:
            raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, Unwritable("nieuw"))
    assert target.read_text() == "oud"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_clean_temp_files_removes_what_a_crash_left(tmp_path: Path) -> None:
    (tmp_path / ".record.json.abc123.tmp").write_text("{half")
    (tmp_path / "record.json").write_text("{}")
    assert clean_temp_files(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]
    assert clean_temp_files(tmp_path / "missing") == 0
