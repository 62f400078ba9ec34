"""The Whoosh backend's own parts: it indexes and highlights exactly as the neutral analysis
says, and files what the workers prepared as if it had analysed the text itself."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from whoosh import highlight
from whoosh import query as wq
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from archive.index import analysis, snippets
from archive.index.compounds import NEAR, PART
from archive.index.contract import meeting_documents
from archive.index.query import parse_query
from archive.index.query import tree as t
from archive.index.whoosh import WhooshBackend, fixes, pool
from archive.index.whoosh.analyzer import DutchAnalyzer
from archive.index.whoosh.schema import (
    ANALYZED_FIELDS,
    Analyzed,
    build_schema,
    text_postings,
    vocabulary_postings,
    whoosh_document,
)
from archive.index.whoosh.translate import to_whoosh
from tests.factories import corpus, meeting_april, meeting_june, sha

# Whoosh's own chain, as the index used it before the analysis became plain Python.
CHAIN = (
    RegexTokenizer(analysis.TOKEN_PATTERN)
    | LowercaseFilter()
    | CharsetFilter(accent_map)
    | StopFilter(stoplist=analysis._stopwords(), minsize=1)
    | StemFilter(lang="nl", cachesize=100_000)
)


def texts() -> list[str]:
    out = ["De burgemeester van 's-Hertogenbosch en de GGD-regio besluiten 2.1 a.s. Straße"]
    for meeting in corpus():
        out += [p.text for p in meeting.pages]
        for item in meeting.items:
            out += [item.title, item.toelichting, *(e.text for e in item.entries)]
    return [x for x in out if x]


def _word_terms(tokens: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int, int]]:
    """The words' own terms, without the compound parts and spelling keys beside them."""
    return [t for t in tokens if not t[0].startswith((PART, NEAR))]


@pytest.mark.parametrize("text", texts())
def test_the_analyzer_gives_whooshs_own_tokens(text: str) -> None:
    ours = DutchAnalyzer()
    for kwargs in ({}, {"removestops": False}):
        expect = [
            (x.text, x.pos, x.startchar, x.endchar)
            for x in CHAIN(text, positions=True, chars=True, **kwargs)
        ]
        got = [
            (x.text, x.pos, x.startchar, x.endchar)
            for x in ours(text, positions=True, chars=True, **kwargs)
        ]
        assert _word_terms(got) == expect
        # … and beside them exactly the extra terms of the neutral analysis.
        neutral = analysis.index_tokens(text, keep_stops="removestops" in kwargs)
        assert got == [(x.text, x.pos, x.start, x.end) for x in neutral]
    assert [x.text for x in ours(text, tokenize=False)] == [analysis.term(text)]


class _Mark(highlight.Formatter):
    between = " … "

    def format_token(self, text, token, replace=False):  # noqa: ANN001, ANN201
        return f"{snippets.MARK}{highlight.get_text(text, token, replace)}{snippets.MARK}"


@pytest.mark.parametrize("text", texts())
def test_snippets_cut_and_mark_as_whoosh_did(text: str) -> None:
    words = analysis.terms(text)
    long = " ".join([text] * 8)
    for sample in (text, long):
        for matched in (frozenset(words[:1]), frozenset(words[1:4]), frozenset(words)):
            if not matched:
                continue
            cut = (
                highlight.WholeFragmenter()
                if len(sample) <= 330
                else highlight.ContextFragmenter(maxchars=220, surround=70)
            )
            expect = highlight.highlight(
                sample, matched, CHAIN, cut, _Mark(), top=2, order=highlight.FIRST
            )
            assert snippets.mark(sample, matched) == " ".join(expect.split())


def test_prepared_documents_index_as_the_text_itself(tmp_path: Path) -> None:
    # Ingest workers analyse the text fields and pickle the result to the writer; the index
    # must hold exactly what the writer's own analysis of the text would have given.
    meetings = corpus()
    prepared = pickle.loads(pickle.dumps([WhooshBackend.prepare(m) for m in meetings]))
    assert all(
        isinstance(doc[name], Analyzed)
        for p in prepared
        for doc in p.documents
        for name in ANALYZED_FIELDS
        if name in doc
    )
    ahead = WhooshBackend(tmp_path / "ahead")
    ahead.rebuild(prepared)
    plain = WhooshBackend(tmp_path / "plain")
    plain.rebuild([])
    writer = plain._index.writer()
    for meeting in meetings:
        for doc in meeting_documents(meeting):
            writer.add_document(**whoosh_document(doc))
    writer.commit()

    def postings(backend: WhooshBackend, field: str) -> dict:
        with backend._index.searcher() as searcher:
            reader = searcher.reader()
            return {
                term: list(reader.postings(field, term).all_items())
                for term in reader.lexicon(field)
            }

    for name in ANALYZED_FIELDS:
        assert postings(plain, name), name
        assert postings(ahead, name) == postings(plain, name), name

    def stored(backend: WhooshBackend) -> list[dict]:
        with backend._index.searcher() as searcher:
            return [json.loads(f["record"]) for f in searcher.all_stored_fields()]

    assert stored(ahead) == stored(plain)


def test_each_tree_node_becomes_its_whoosh_query() -> None:
    a, b = t.Term("all", "a"), t.Term("all", "b")
    assert to_whoosh(a) == wq.Term("all", "a")
    assert to_whoosh(t.Phrase("all", ("ter", "apel"))) == wq.Phrase("all", ["ter", "apel"])
    assert to_whoosh(t.Fuzzy("all", "apel", 2, 1)) == wq.FuzzyTerm(
        "all", "apel", maxdist=2, prefixlength=1
    )
    assert to_whoosh(t.And((a, t.Not(b)))) == wq.And(
        [wq.Term("all", "a"), wq.Not(wq.Term("all", "b"))]
    )
    assert to_whoosh(t.AndNot(a, b)) == wq.AndNot(wq.Term("all", "a"), wq.Term("all", "b"))
    assert to_whoosh(t.NOTHING) is wq.NullQuery
    assert to_whoosh(t.EVERY) == wq.Every()
    # A parsed query is already what Whoosh would make of it: normalizing changes nothing.
    for text in ('soort:actie (opvang OR "Ter Apel")^2 NOT brief', "gemeente:Westerwolde oekra*"):
        q = to_whoosh(parse_query(text))
        assert q.normalize() == q


def test_a_long_lived_searcher_sees_replaced_documents_once(tmp_path: Path) -> None:
    backend = WhooshBackend(tmp_path / "ix")
    backend.rebuild([WhooshBackend.prepare(m) for m in (meeting_april(), meeting_june())])
    assert backend.doc_count() == 11
    moved = meeting_june()
    moved.source = "/elders/rbt.pdf"
    backend.write([WhooshBackend.prepare(moved)])
    found = backend.search(t.Term("sha256", moved.sha256), limit=None).found
    assert {f.record["source"] for f in found} == {"/elders/rbt.pdf"}
    assert backend.doc_count() == 11


def test_hit_counts_stay_exact_when_whoosh_drops_terms_that_cannot_reach_the_top(
    tmp_path: Path,
) -> None:
    # Every word is a union now ("opvang" OR its part term "+opvang"). Once Whoosh's heap of
    # the top 10 is full it skips or drops what cannot reach it, in a segment where no note
    # is left out; the matcher of the last segment, with notes, could not skip, so Whoosh
    # called its short count exact.
    from archive.index import Archive
    from tests.factories import rows_meeting as meeting

    def text(word: str, n: int) -> str:  # lengths differ, so scores do
        return f"De {word} gaat door " + "met de regio " * (n % 7) + "."

    first = [("besluit", text("opvang", n)) for n in range(150)]
    first += [("besluit", text("noodopvang", n)) for n in range(300)]
    last = [("note", text("opvang", n)) for n in range(20)]
    last += [("besluit", text("noodopvang", n)) for n in range(20)]
    with Archive(tmp_path) as archive:
        archive.add_meetings([meeting("first", first)])
        archive.add_meetings([meeting("last", last)])
        for query in ("opvang NOT kind:note", "opvang"):
            result = archive.search(query, limit=10)
            assert result.total == len(archive.search(query, limit=None).hits), query


def _multiline_texts() -> list[str]:
    """Texts as the `all` field joins them: lines, some of stop words only, some empty."""
    single = texts()
    return ["\n".join(single[i : i + 4]) for i in range(0, len(single), 3)] + [
        "de het een\nDe opvang\n\nvan de gemeente",
        "de\n\nen",
        "",
        "\n",
    ]


@pytest.mark.parametrize("text", [*texts(), *_multiline_texts()])
def test_postings_built_from_the_cached_analysis_are_whooshs_own(text: str) -> None:
    # The prepared documents' postings are made without Whoosh's analyzer chain, from the
    # cached word analysis: they must be what the field itself makes of the text.
    fields = build_schema()
    for name in ("all", "item_title"):
        assert text_postings(text, name) == tuple(fields[name].index(text)), name
    assert sorted(vocabulary_postings(text)) == sorted(fields["spell"].index(text))


def _contents(backend: WhooshBackend) -> dict:
    """Every posting, term statistic, field length and stored field of a Whoosh index."""
    out: dict = {}
    with backend._index.searcher() as searcher:
        reader = searcher.reader()
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            out[field, term] = (
                list(reader.postings(field, term).all_items()),
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
            )
        for field in build_schema().scorable_names():
            out[field] = [reader.doc_field_length(n, field) for n in range(reader.doc_count())]
            out[field, "total"] = reader.field_length(field)
        out["stored"] = list(reader.all_stored_fields())
    return out


def _built(path: Path, prepared: list, *, fixed: bool, cut: int = 2) -> WhooshBackend:
    """An index of `prepared` in two commits, with the fixes or with Whoosh's own writer."""
    fixes.apply(writer=fixed)
    try:
        backend = WhooshBackend(path)
        backend.rebuild(prepared[:cut])
        backend.write(prepared[cut:])  # a second segment, merged with the first
        return backend
    finally:
        fixes.apply()


def test_the_segment_writer_fixes_write_the_same_index(tmp_path: Path) -> None:
    # fixes.py replaces pieces of Whoosh's commit; the index written must not differ in any
    # posting, length or statistic from the one Whoosh writes itself.
    prepared = [WhooshBackend.prepare(m) for m in corpus()]
    fixed = _built(tmp_path / "fixed", prepared, fixed=True)
    assert _contents(fixed) == _contents(_built(tmp_path / "whoosh", prepared, fixed=False))


def test_the_term_pool_writes_long_posting_lists_and_runs_as_whoosh_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Many meetings, so that common terms fill several blocks of postings; then once more
    # with the pool saving a run every few hundred postings, merged at the commit.
    meetings = [
        replace(m, sha256=sha(f"copy-{n}-{m.sha256}"), source=f"/copies/{n}/{m.source}")
        for n in range(40)
        for m in corpus()
    ]
    prepared = [WhooshBackend.prepare(m) for m in meetings]
    assert sum(len(p.documents) for p in prepared) > 3 * 128
    expected = _contents(_built(tmp_path / "whoosh", prepared, fixed=False, cut=50))
    assert _contents(_built(tmp_path / "fixed", prepared, fixed=True, cut=50)) == expected
    monkeypatch.setattr(pool, "POSTING_BYTES", 1 << 20)  # a run about every 256 postings
    assert _contents(_built(tmp_path / "runs", prepared, fixed=True, cut=50)) == expected
