"""The SearchBackend contract: what every backend must do, run against each of them.

Everything here goes through the protocol only, with neutral trees and the contract's
documents, so a second backend passes these tests or is not a backend.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from archive.index import SearchBackend
from archive.index import backend as backend_module
from archive.index.backend import FACETS, Prepared, backend_class, prepare_stored
from archive.index.query import parse_query
from archive.index.query import tree as t
from archive.index.store import RecordStore
from tests.factories import corpus, letter, meeting_april, meeting_june


def fill(backend: SearchBackend) -> int:
    return backend.write(backend.prepare(m) for m in corpus())


def records(backend: SearchBackend, query: t.Node, filter: t.Node | None = None) -> list[dict]:
    return [f.record for f in backend.search(query, filter, limit=None).found]


def test_it_is_a_search_backend(backend: SearchBackend) -> None:
    assert isinstance(backend, SearchBackend)
    assert backend_class(backend.name) is type(backend)
    assert backend.is_current()
    assert backend.doc_count() == 0 and backend.sources() == set()


def test_prepare_is_pure_and_picklable(backend: SearchBackend) -> None:
    prepared = [backend.prepare(m) for m in corpus()]
    again = pickle.loads(pickle.dumps(prepared))
    assert all(isinstance(p, Prepared) for p in again)
    assert [p.entries for p in again] == [6, 4, 0]
    assert [p.meeting.sha256 for p in again] == [m.sha256 for m in corpus()]
    assert backend.write(again) == 10  # what a worker made, the writer files as it is
    assert backend.doc_count() == 13


def test_write_replaces_a_sources_documents_and_delete_drops_them(backend: SearchBackend) -> None:
    fill(backend)
    shorter = meeting_april()
    shorter.items = shorter.items[:1]
    assert backend.write([backend.prepare(shorter)]) == 1
    assert backend.doc_count(t.Term("sha256", shorter.sha256)) == 1
    backend.delete([letter().sha256])
    assert backend.sources() == {meeting_april().sha256, meeting_june().sha256}
    assert backend.doc_count() == 1 + 4


def test_write_with_delete_and_replace_all(backend: SearchBackend) -> None:
    fill(backend)
    backend.write([backend.prepare(letter())], delete=[meeting_june().sha256])
    assert backend.sources() == {meeting_april().sha256, letter().sha256}
    assert backend.write([backend.prepare(meeting_june())], replace_all=True) == 4
    assert backend.sources() == {meeting_june().sha256}


def test_rebuild_starts_afresh(backend: SearchBackend) -> None:
    fill(backend)
    assert backend.rebuild([backend.prepare(meeting_june())]) == 4
    assert backend.is_current()
    assert backend.sources() == {meeting_june().sha256}


def test_search_relevance_paging_and_filters(backend: SearchBackend) -> None:
    fill(backend)
    page = backend.search(parse_query("Ter Apel"), limit=2)
    assert page.total == 4 and page.exact and len(page.found) == 2
    assert page.found[0].record["item_title"] == "Opvang asielzoekers Ter Apel"
    assert page.found[0].score and page.found[0].score >= page.found[1].score
    assert {"ter", "apel"} <= page.matched
    second = backend.search(parse_query("Ter Apel"), limit=2, page=2)
    assert {f.record["id"] for f in second.found}.isdisjoint(f.record["id"] for f in page.found)
    only_actions = records(backend, t.EVERY, t.Term("kind", "actie"))
    assert sorted(r["owner"] for r in only_actions) == [
        "Burgemeester Groningen",
        "DPG",
        "directeur publieke gezondheid",
    ]


def test_search_orders(backend: SearchBackend) -> None:
    fill(backend)
    newest = [
        f.record["meeting_date"] for f in backend.search(t.EVERY, sort="date", limit=None).found
    ]
    assert newest == sorted(newest, reverse=True)
    minutes = backend.search(
        t.EVERY, t.Term("sha256", meeting_april().sha256), sort="minutes", limit=None
    )
    assert [f.record["item_nr"] for f in minutes.found] == ["1", "2", "2", "2", "3", "3", "4"]
    assert all(f.score is None for f in minutes.found)


def test_every_leaf_of_the_tree(backend: SearchBackend) -> None:
    fill(backend)

    def count(text: str) -> int:
        return backend.search(parse_query(text), limit=None).total

    assert count('"noodopvang in de regio"') == 1  # phrase
    assert count("vaccinat*") == 1  # prefix
    assert count("vaccinat?e*") == 1  # wildcard
    assert count("loppersun~") == 1  # fuzzy
    assert count("opvang NOT noodopvang") == count("opvang") - count("opvang noodopvang")
    assert count("opvang ANDNOT noodopvang") == count("opvang NOT noodopvang")
    assert count("opvang ANDMAYBE noodopvang") == count("opvang")
    assert count("opvang REQUIRE kind:besluit") == count("opvang kind:besluit")
    assert count("de het") == 0  # nothing


def test_near_words_and_suggest(backend: SearchBackend) -> None:
    fill(backend)
    assert "apel" in backend.near_words("all", "apei", 1)
    assert backend.suggest("apei") == "apel"
    assert backend.suggest("apel") is None  # known
    assert backend.suggest("xqzwv") is None  # nothing near


def test_facets(backend: SearchBackend) -> None:
    fill(backend)
    counts = backend.facets(t.EVERY)
    assert set(counts) == set(FACETS)
    assert counts["kind"]["actie"] == 3 and counts["status"] == {}
    only = backend.facets(t.EVERY, t.Term("kind", "knelpunt"), names=["kind", "org"], top=1)
    assert only == {"kind": {"knelpunt": 2}, "org": {"ggd": 1}}


def test_a_reader_sees_each_new_commit(backend: SearchBackend) -> None:
    fill(backend)
    assert backend.doc_count() == 13
    reader = backend_class(backend.name)(backend.directory)  # another process, as it were
    assert reader.is_current() and reader.doc_count() == 13
    backend.write([backend.prepare(meeting_june())], replace_all=True)
    assert reader.doc_count() == 4
    assert reader.search(t.EVERY, limit=None).total == 4
    reader.close()


def test_size_and_close(backend: SearchBackend) -> None:
    fill(backend)
    assert backend.size_bytes() > 0
    backend.close()
    assert backend.doc_count() == 13  # closing lets go of readers; the index stays usable


def _ids(prepared: Prepared) -> list[str]:
    """The ids of a prepared meeting's documents, whatever the backend's form of them (a dict
    of fields, or the JSON of one)."""
    return [(json.loads(d) if isinstance(d, str) else d)["id"] for d in prepared.documents]


def test_stored_meetings_prepare_alike_in_workers(
    backend: SearchBackend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reindex prepares the records in worker processes: the same documents, in the order
    of the shas asked for, a missing record left out."""
    store = RecordStore(tmp_path)
    for meeting in corpus():
        store.put(meeting)
    shas = [m.sha256 for m in corpus()] + ["0" * 64]  # the last has no record
    here = list(prepare_stored(backend.prepare, tmp_path, shas, processes=1))
    monkeypatch.setattr(backend_module, "PARALLEL_FROM", 1)  # the parent decides
    monkeypatch.setattr(backend_module, "PREPARE_CHUNK", 2)  # more than one task
    there = list(prepare_stored(backend.prepare, tmp_path, shas, processes=2))
    assert [p.meeting.sha256 for p in there] == shas[:3]
    # The same documents (their term sets may list in another order: another process).
    assert [_ids(p) for p in there] == [_ids(p) for p in here]
    assert backend.write(there) == 10 and backend.doc_count() == 13
    assert backend.search(parse_query("Groningen"), limit=5).total > 0
