"""The documents of a query found with numpy (`DocSets`), and the caches built on them: they
find exactly what Whoosh's own walk finds, with deletions and over several segments, and a
commit leaves nothing stale behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from whoosh import query as wq
from whoosh.writing import NO_MERGE

from archive.index import Archive, Filters
from archive.index.backend import FACETS
from archive.index.query import filter_tree, parse_query
from archive.index.query import tree as t
from archive.index.search import expand_query
from archive.index.whoosh import WhooshBackend
from archive.index.whoosh.docsets import DocSets
from archive.index.whoosh.facets import FacetTables, count_values
from archive.index.whoosh.translate import to_whoosh
from pipeline.records import Meeting
from tests.factories import letter, meeting_april, meeting_june

QUERIES = [
    "*",
    "opvang",
    "Ter Apel",
    '"Ter Apel"',
    "vaccinat*",
    "vacc?natie",
    "opvang OR brief",
    "opvang NOT kind:note",
    "NOT opvang",
    "kind:besluit",
    "soort:actie eigenaar:DPG",
    "gemeente:Westerwolde",
    "datum:2022-04",
    "date:2022-01-01..2022-05-31",
    "(opvang OR vaccinatie) gemeente:Groningen",
    "Ter ApeI",
    "onbekendwoord",
    "kind:besluit OR kind:actie",
]


def _trees(backend: WhooshBackend) -> list[wq.Query]:
    """The Whoosh queries the search runs for QUERIES (with and without near spellings), and
    some of them restricted by a filter, plus the node kinds the translation makes."""
    out: list[wq.Query] = []
    for text in QUERIES:
        for near in (False, True):
            out.append(to_whoosh(expand_query(backend, parse_query(text), text, near=near).tree))
    kind = to_whoosh(filter_tree(Filters(kind="actie")))
    out += [wq.And([q, kind]) for q in out[:8]]
    out += [
        wq.Every(),
        wq.NullQuery,
        wq.Term("nosuchfield", "x"),
        wq.Term("kind", "nosuchkind"),
        wq.And([]),
        wq.Or([]),
        wq.Prefix("all", "vacc"),
        wq.Wildcard("all", "*"),
        wq.FuzzyTerm("all", "opvamg", maxdist=1),
        wq.AndNot(wq.Every(), wq.Term("kind", "besluit")),
        wq.AndMaybe(wq.Term("kind", "actie"), wq.Term("all", "opvang")),
        wq.Require(wq.Term("all", "opvang"), wq.Term("kind", "besluit")),
        wq.Not(wq.Or([wq.Term("kind", "actie"), wq.Term("kind", "page")])),
    ]
    return out


def _whoosh_docs(backend: WhooshBackend, q: wq.Query) -> list[int]:
    return sorted(backend._current().docs_for_query(q))


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[WhooshBackend]:
    """An index of several segments, one of them with deleted documents beside live ones."""
    with Archive(tmp_path) as archive:
        archive.add_meetings([meeting_april(), meeting_june()])  # one segment
        archive.add_meetings([letter()])
    backend = WhooshBackend(tmp_path / "whoosh")
    writer = backend._index.writer()
    writer.delete_by_term("sha256", meeting_april().sha256)
    writer.commit(mergetype=NO_MERGE)  # the deletions stay in their segment
    reader = backend._current().reader()
    assert reader.has_deletions() and len(list(reader.leaf_readers())) > 1
    yield backend
    backend.close()


def test_docsets_find_what_whoosh_finds(backend: WhooshBackend) -> None:
    docsets = DocSets()
    searcher = backend._current()
    for q in _trees(backend):
        expected = _whoosh_docs(backend, q)
        assert docsets.docnums(searcher, q).tolist() == expected, q
        assert docsets.docnums(searcher, q).tolist() == expected, q  # from the cache
    assert len(docsets) > 0


def test_the_term_cache_stays_within_its_bound(backend: WhooshBackend) -> None:
    docsets = DocSets(max_ids=5)
    searcher = backend._current()
    for q in _trees(backend):
        assert docsets.docnums(searcher, q).tolist() == _whoosh_docs(backend, q), q
        assert docsets._size <= 5
    docsets.clear()
    assert len(docsets) == 0


def test_facet_counts_are_those_of_whooshs_own_walk(backend: WhooshBackend) -> None:
    searcher = backend._current()
    fields = [FACETS[name] for name in FACETS]
    for text in QUERIES:
        for filter_q in (None, filter_tree(Filters(kind="besluit"))):
            query = parse_query(text)
            counted = backend.facets(query, filter_q, top=100)
            q = to_whoosh(query)
            if filter_q is not None:
                q = wq.And([q, to_whoosh(filter_q)])
            walked = count_values(searcher, searcher.docs_for_query(q), fields, FacetTables())
            expected = {
                name: dict(
                    sorted(
                        ((k, n) for k, n in walked[FACETS[name]].items() if k),
                        key=lambda kv: (-kv[1], kv[0]),
                    )
                )
                for name in FACETS
            }
            assert counted == expected, (text, filter_q)


def test_a_commit_refreshes_the_facets_and_the_kept_filters(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.add_meetings([meeting_april()])
        only = Filters(kind="actie")
        before = archive.facets("datum:2022", filters=only, names=["kind", "body"])
        hits = archive.search("datum:2022", filters=only, limit=None).total
        backend = archive.backend
        assert backend._filters  # the filter's documents are kept for the open searcher
        archive.add_meetings([meeting_june(), letter()])
        after = archive.facets("datum:2022", filters=only, names=["kind", "body"])
        assert after["kind"]["actie"] > before["kind"]["actie"]
        more = archive.search("datum:2022", filters=only, limit=None)
        assert more.total > hits
        assert {h.record["kind"] for h in more.hits} == {"actie"}
        # … counted as a fresh archive counts them, with nothing kept from before.
        assert after == Archive(tmp_path).facets("datum:2022", filters=only, names=["kind", "body"])
        archive.remove([meeting_june().sha256])
        gone = archive.search("datum:2022", filters=only, limit=None).hits
        assert meeting_june().sha256 not in {h.record["sha256"] for h in gone}
        assert archive.facets("datum:2022", filters=only, names=["kind"]) == Archive(
            tmp_path
        ).facets("datum:2022", filters=only, names=["kind"])


def test_filtered_searches_rank_as_with_the_filter_query(
    backend: WhooshBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter given to Whoosh as a kept bit set picks the same hits in the same order as
    the filter query it stands for, and one that matches nothing still filters everything."""
    cases = [
        (text, kind, sort)
        for text in QUERIES
        for kind in ("actie", "besluit", "nosuchkind")
        for sort in ("relevance", "date", "minutes")
    ]

    def run() -> list[tuple[list[str], int]]:
        out = []
        for text, kind, sort in cases:
            for page in (1, 2):
                found = backend.search(
                    parse_query(text), t.Term("kind", kind), limit=2, page=page, sort=sort
                )
                out.append(([f.record["id"] for f in found.found], found.total))
        return out

    kept = run()
    assert backend._filters
    monkeypatch.setattr(WhooshBackend, "_allowed", lambda self, searcher, filter_q: filter_q)
    assert run() == kept
    assert any(ids for ids, _ in kept) and any(not ids for ids, _ in kept)


def test_counting_words_with_deletions_is_whooshs_count(backend: WhooshBackend) -> None:
    searcher = backend._current()
    for field, text in [("all", "opvang"), ("kind", "actie"), ("spell", "ter"), ("all", "nee")]:
        expected = len(list(searcher.docs_for_query(wq.Term(field, text))))
        assert backend.doc_count(t.Term(field, text)) == expected


def test_no_documents_no_counts(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "ix")
    backend.rebuild([])
    assert backend.facets(parse_query("*"))["kind"] == {}
    assert DocSets().docnums(backend._current(), wq.Every()).tolist() == []
    assert np.asarray(DocSets().docnums(backend._current(), wq.NullQuery)).size == 0
    backend.close()


def test_long_posting_lists_with_deleted_documents_at_their_start(tmp_path: Path) -> None:
    """Posting lists of several blocks, whose first documents are deleted: Whoosh's filter of
    deleted documents has moved past them, the ids are still read from the first block."""
    from tests.factories import rows_meeting, sha

    def meeting(name: str, n: int) -> Meeting:
        return rows_meeting(name, [("besluit", f"De opvang {name} {i}.") for i in range(n)])

    with Archive(tmp_path) as archive:
        archive.add_meetings([meeting("eerste", 300), meeting("tweede", 300)])
    backend = WhooshBackend(tmp_path / "whoosh")
    writer = backend._index.writer()
    writer.delete_by_term("sha256", sha("eerste"))
    writer.commit(mergetype=NO_MERGE)
    searcher = backend._current()
    assert searcher.reader().has_deletions()
    for q in (wq.Term("kind", "besluit"), wq.Term("all", "opvang"), wq.Every()):
        expected = _whoosh_docs(backend, q)
        assert len(expected) >= 300
        assert DocSets().docnums(searcher, q).tolist() == expected, q
    assert backend.doc_count(t.Term("kind", "besluit")) == 300
    assert backend.facets(parse_query("opvang"), names=["kind"]) == {"kind": {"besluit": 300}}
    backend.close()


def test_sorted_searches_order_as_whooshs_sorting_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sorted by date or in the order of the minutes, with numpy: the same hits in the same
    order (ties by document number), the same counts and matched words as Whoosh's sort, over
    several years and segments, with deleted documents."""
    from datetime import date

    from tests.factories import rows_meeting, sha

    def meeting(name: str, day: date | None, n: int) -> Meeting:
        kinds = ("besluit", "actie", "knelpunt")
        rows = [(kinds[i % 3], f"De opvang in {name}, punt {i % 4}.") for i in range(n)]
        return rows_meeting(name, rows, day=day, title=f"Verslag {name}", body="RBT")

    with Archive(tmp_path) as archive:
        archive.add_meetings([meeting("a", date(2021, 3, 1), 40), meeting("b", None, 5)])
        archive.add_meetings(
            [meeting("c", date(2022, 5, 1), 40), meeting("d", date(2023, 1, 9), 3)]
        )
        archive.add_meetings([meeting("e", date(2022, 5, 1), 30)])
    backend = WhooshBackend(tmp_path / "whoosh")
    writer = backend._index.writer()
    writer.delete_by_term("sha256", sha("d"))
    writer.commit(mergetype=NO_MERGE)
    assert backend._current().reader().has_deletions() and len(backend._years()) >= 2
    cases = [
        (text, kind, sort, limit, page)
        for text in ("*", "opvang", "punt 2", "kind:actie", "onbekendwoord", "datum:2022")
        for kind in (None, "besluit")
        for sort in ("date", "minutes")
        for limit, page in ((10, 1), (10, 2), (3, 4), (1, 30), (None, 1))
    ]

    def run() -> list[tuple[list[str], int, bool, frozenset[str]]]:
        out = []
        for text, kind, sort, limit, page in cases:
            where = t.Term("kind", kind) if kind else None
            found = backend.search(parse_query(text), where, limit=limit, page=page, sort=sort)
            ids = [f.record["id"] for f in found.found]
            out.append((ids, found.total, found.exact, found.matched))
        return out

    fast = run()
    assert any(len(ids) > 1 for ids, *_ in fast)
    monkeypatch.setattr(WhooshBackend, "_sorted_numpy", lambda self, *args: None)
    assert run() == fast
    backend.close()
