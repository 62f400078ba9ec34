"""Searching: ranking, facets, forgiveness, snippets; and the relevance set over the samples."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from archive.index import RECORD_KEYS, Archive, Filters, QuerySyntaxError
from archive.index.analysis import has_language_model
from tests.factories import corpus, letter, meeting_april, meeting_june
from tests.paths import ROOT

GOLD = ROOT / "tests" / "gold" / "relevance.json"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, backend_name: str):
    with Archive(tmp_path_factory.mktemp("search"), backend=backend_name) as opened:
        opened.add_meetings(corpus())
        yield opened


def top(result, n: int = 1) -> list[tuple[str, str, str]]:
    return [(h.record["item_nr"], h.record["kind"], h.record["text"][:30]) for h in result.hits[:n]]


def test_ter_apel_ranks_its_item_first(archive: Archive) -> None:
    result = archive.search("Ter Apel")
    assert result.hits[0].record["item_title"] == "Opvang asielzoekers Ter Apel"
    assert result.hits[0].record["sha256"] == meeting_april().sha256
    assert not result.fuzzy
    assert "**Ter** **Apel**" in result.hits[0].snippet


def test_accents_and_stemming(archive: Archive) -> None:
    assert archive.search("Oekraine").total == archive.search("Oekraïne").total == 2
    besluiten = archive.search("besluiten")
    assert {h.record["kind"] for h in besluiten.hits} == {"note", "besluit"}


def test_phrase_and_prefix(archive: Archive) -> None:
    assert archive.search('"noodopvang in de regio"').total == 1
    assert (
        archive.search('"regio noodopvang"').total == 0
        or archive.search('"regio noodopvang"').fuzzy
    )
    assert archive.search("vaccinatie*").hits[0].record["item_nr"] == "1"


def test_ocr_damage_falls_back_to_fuzzy_with_a_suggestion(archive: Archive) -> None:
    result = archive.search("Ter ApeI")
    assert result.fuzzy
    assert result.suggestion == "Ter Apel"
    assert result.hits[0].record["item_title"] == "Opvang asielzoekers Ter Apel"
    exact = archive.search("Ter ApeI", fuzzy=False)
    assert exact.total == 0
    assert exact.suggestion == "Ter Apel"


def test_no_suggestion_for_known_words(archive: Archive) -> None:
    assert archive.search("opvang").suggestion is None


def test_owner_by_abbreviation_and_by_full_role(archive: Archive) -> None:
    dpg = archive.search("owner:DPG")
    full = archive.search('eigenaar:"directeur publieke gezondheid"')
    assert {h.record["id"] for h in dpg.hits} == {h.record["id"] for h in full.hits}
    assert {h.record["owner"] for h in dpg.hits} == {"DPG", "directeur publieke gezondheid"}
    # A word of the owner cell on its own: "Burgemeester Groningen".
    assert [h.record["owner"] for h in archive.search("eigenaar:groningen").hits] == [
        "Burgemeester Groningen"
    ]


def test_municipality_finds_places_inside_it(archive: Archive) -> None:
    result = archive.search("gemeente:Westerwolde")
    assert {h.record["item_nr"] for h in result.hits} == {"2"}
    assert {h.record["sha256"] for h in result.hits} == {meeting_april().sha256}
    eemsdelta = archive.search("gemeente:Eemsdelta")
    assert [h.record["text"] for h in eemsdelta.hits] == [
        "De versterkingsoperatie in Loppersum krijgt voorrang."
    ]


def test_role_org_and_item_fields(archive: Archive) -> None:
    assert top(archive.search("rol:burgemeester"))[0][1] == "actie"
    assert archive.search("org:GGD").total == 2
    assert {h.record["item_nr"] for h in archive.search("item:3").hits} == {"3"}


def test_dates_overlap_meeting_and_tagged_dates(archive: Archive) -> None:
    april = archive.search("datum:2022-04", limit=None)
    assert {h.record["meeting_date"] for h in april.hits} == {"2022-04-07"}
    # The June meeting's action mentions July: a July day finds it.
    july = archive.search("datum:2022-07-15")
    assert [h.record["kind"] for h in july.hits] == ["actie"]
    assert archive.search("date:2022-05-01..2022-05-31").hits[0].record["kind"] == "page"


def test_filters_as_options(archive: Archive) -> None:
    result = archive.search("*", filters=Filters(kind="actie"), limit=None)
    assert {h.record["kind"] for h in result.hits} == {"actie"}
    assert result.total == 3
    since = archive.search("*", filters=Filters(since=date(2022, 5, 1)), limit=None)
    assert {h.record["meeting_date"] for h in since.hits} == {"2022-05-10", "2022-06-02"}
    until = archive.search("*", filters=Filters(until=date(2022, 4, 30)), limit=None)
    assert {h.record["meeting_date"] for h in until.hits} == {"2022-04-07"}
    muni = archive.search("opvang", filters=Filters(municipality="Westerwolde"))
    assert muni.total == 3


def test_sort_by_date_and_paging(archive: Archive) -> None:
    by_date = archive.search("*", sort="date", limit=None)
    dates = [h.record["meeting_date"] for h in by_date.hits]
    assert dates == sorted(dates, reverse=True)
    assert all(h.score is None for h in by_date.hits)
    first = archive.search("*", sort="date", limit=5, page=1)
    second = archive.search("*", sort="date", limit=5, page=2)
    assert first.total == second.total == 13 and first.pages == 3
    assert [h.record["id"] for h in first.hits + second.hits] == [
        h.record["id"] for h in by_date.hits[:10]
    ]
    assert archive.search("*", limit=5, page=9).hits == []


def test_grouped_by_meeting(archive: Archive) -> None:
    result = archive.search("opvang OR GGD", limit=None)
    groups = list(result.groups())
    assert len(groups) == len({h.record["sha256"] for h in result.hits})
    assert sum(len(hits) for _, hits in groups) == len(result.hits)


def test_pages_of_documents_without_a_table_are_found(archive: Archive) -> None:
    result = archive.search("minister")
    assert result.hits[0].record["kind"] == "page"
    assert result.hits[0].record["sha256"] == letter().sha256
    assert archive.search("kind:page groet").hits[0].record["ocr"] is True


def test_records_carry_the_contract_and_score_and_snippet(archive: Archive) -> None:
    record = archive.search("noodopvang inventariseren").records()[0]
    for key in (*RECORD_KEYS, "score", "snippet"):
        assert key in record
    assert record["score"] > 0
    json.dumps(record)


def test_match_in_toelichting_shows_it_in_the_snippet(archive: Archive) -> None:
    hit = archive.search("opvangcapaciteit").hits[0]
    assert "Toelichting:" in hit.snippet and "**opvangcapaciteit**" in hit.snippet


def test_bad_syntax_raises(archive: Archive) -> None:
    with pytest.raises(QuerySyntaxError):
        archive.search('"open')


def test_a_second_archive_object_sees_the_first_ones_commits(
    tmp_path: Path, backend_name: str
) -> None:
    with (
        Archive(tmp_path, backend=backend_name) as writer,
        Archive(tmp_path, backend=backend_name) as reader,
    ):
        assert reader.search("Loppersum").total == 0
        writer.add_meetings(corpus())
        assert reader.search("Loppersum").total == 1
        # A replaced meeting shows once, not as old and new documents side by side.
        writer.relocate(meeting_june().sha256, "/nieuw/rbt.pdf")
        hits = reader.search("Loppersum").hits
        assert [h.record["source"] for h in hits] == ["/nieuw/rbt.pdf"]
        assert reader.search("*", limit=None).total == 13


def test_status_and_code_are_filters(tmp_path: Path, backend_name: str) -> None:
    meeting = meeting_june()
    action = meeting.items[0].entries[1]
    action.status, action.status_text, action.code = "open", "loopt nog", "A-21"
    with Archive(tmp_path, backend=backend_name) as archive:
        archive.add_meetings([meeting])
        for query in ("status:open", "stand:open", "code:A-21", "code:a-*"):
            assert [h.record["text"] for h in archive.search(query).hits] == [action.text], query
        assert archive.search("*", filters=Filters(status="open")).total == 1
        assert archive.search("status:done").total == 0
        record = archive.search("status:open").hits[0].record
        assert (record["status"], record["status_text"], record["code"]) == (
            "open",
            "loopt nog",
            "A-21",
        )


# --- relevance over the sample minutes --------------------------------------------------------


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory, backend_name: str):
    """The sample minutes, rendered, processed and indexed once per test session."""
    write_samples = pytest.importorskip("samples").write_samples
    process = pytest.importorskip("pipeline.process")
    try:
        import pipeline.tagging  # noqa: F401

        tag = True
    except ImportError:
        tag = False
    root = tmp_path_factory.mktemp("samples")
    pdfs = write_samples(root / "pdf")
    with Archive(root / "index", backend=backend_name) as archive:
        archive.add_meetings(
            [process.process_file(p, process.ProcessOptions(tag=tag)) for p in pdfs]
        )
        yield archive


RELEVANCE = json.loads(GOLD.read_text(encoding="utf-8"))["queries"]


def test_relevance_set_is_big_enough() -> None:
    assert len(RELEVANCE) >= 20
    assert {"phrase", "stemmed", "accent", "OCR", "field"} <= {
        word
        for case in RELEVANCE
        for word in ("phrase", "stemmed", "accent", "OCR", "field")
        if word.lower() in case["why"].lower()
    }


@pytest.mark.parametrize("case", RELEVANCE, ids=[c["query"] for c in RELEVANCE])
def test_relevance(sample_archive: Archive, case: dict) -> None:
    if case.get("needs") == "nlp" and not has_language_model():
        pytest.skip("needs the language model (models.nlp)")
    result = sample_archive.search(case["query"], limit=case["within"])
    expect = case["expect"]

    def matches(record: dict) -> bool:
        return (
            Path(record["source"]).name == expect["file"]
            and record["item_nr"] == expect.get("item_nr", record["item_nr"])
            and record["kind"] == expect.get("kind", record["kind"])
        )

    got = [
        (Path(h.record["source"]).name, h.record["item_nr"], h.record["kind"]) for h in result.hits
    ]
    assert any(matches(h.record) for h in result.hits), f"{case['query']!r} ({case['why']}): {got}"


def test_export_actions_match_the_gold(sample_archive: Archive) -> None:
    from archive.export import export_records

    gold_dir = Path(pytest.importorskip("samples").__file__).parent / "gold"
    expected = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for item in gold["items"]:
            for entry in item["entries"]:
                if entry["kind"] == "actie":
                    expected.append((gold["file"], item["nr"], entry["owner"], entry["text"]))
    records = export_records(sample_archive, "actions")
    got = [(Path(r["source"]).name, r["item_nr"], r["owner"], r["text"]) for r in records]
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    assert (missing, extra) == ([], []), f"missing {missing}, extra {extra}"
    assert len(got) == len(expected)


def test_newest_first_pages_agree_across_years(tmp_path: Path, backend_name: str) -> None:
    meetings = []
    for year in (2019, 2020, 2021, 2022):
        for template in (meeting_april(), meeting_june()):
            template.date = template.date.replace(year=year)
            template.sha256 = f"{template.sha256[:56]}{year:08d}"
            meetings.append(template)
    with Archive(tmp_path, backend=backend_name) as searcher:
        searcher.add_meetings(meetings)
        everything = searcher.search("*", sort="date", limit=None)
        ids = [h.record["id"] for h in everything.hits]
        dates = [h.record["meeting_date"] for h in everything.hits]
        assert dates == sorted(dates, reverse=True)
        paged = []
        for page in range(1, 8):
            paged += [
                h.record["id"] for h in searcher.search("*", sort="date", limit=5, page=page).hits
            ]
        assert paged == ids[:35]
        first = searcher.search("opvang", sort="date", limit=2)
        assert [h.record["meeting_date"][:4] for h in first.hits] == ["2022", "2022"]
        assert first.total >= 8
