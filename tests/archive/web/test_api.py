"""The JSON API against the command line: the same records, and its errors as HTTP statuses."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from archive.cli import app as cli
from archive.index import RECORD_KEYS
from tests.archive.web.conftest import XSS_SLUG, SampleArchive

runner = CliRunner()
VRT = "vrt-bao-oekraine-2022-04-07"


def cli_json(*args: str) -> object:
    result = runner.invoke(cli, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_search_hits_are_the_records_of_search_json(client, sample_archive: SampleArchive) -> None:
    response = client.get("/api/search", params={"q": "Ter Apel", "limit": 5})
    assert response.status_code == 200
    data = response.json()
    expected = cli_json(
        "search", "Ter Apel", "--index", str(sample_archive.index), "--json", "--limit", "5"
    )
    assert data["hits"] == expected
    assert data["total"] >= 5 and data["page"] == 1 and data["fuzzy"] is False
    assert set(RECORD_KEYS) | {"score", "snippet", "fuzzy"} <= set(data["hits"][0])
    assert all("**" in hit["snippet"] for hit in data["hits"])


def test_search_filters_sort_and_paging(client) -> None:
    first = client.get("/api/search", params={"q": "*", "kind": "actie", "limit": 3}).json()
    second = client.get(
        "/api/search", params={"q": "*", "kind": "actie", "limit": 3, "page": 2}
    ).json()
    assert {h["kind"] for h in first["hits"] + second["hits"]} == {"actie"}
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert first["pages"] == second["pages"] > 1
    dated = client.get("/api/search", params={"q": "opvang", "sort": "date", "limit": 50}).json()[
        "hits"
    ]
    days = [h["meeting_date"] for h in dated]
    assert days == sorted(days, reverse=True)
    ranged = client.get(
        "/api/search", params={"q": "*", "since": "2021-02-01", "until": "2021-02-28"}
    ).json()
    assert ranged["total"] > 0
    assert {h["meeting_date"][:7] for h in ranged["hits"]} == {"2021-02"}


def test_fuzzy_retry_and_did_you_mean(client) -> None:
    damaged = client.get("/api/search", params={"q": "Ter ApeI"}).json()
    assert damaged["fuzzy"] is True and damaged["total"] > 0
    assert all("Apel" in h["text"] + h["toelichting"] for h in damaged["hits"])
    exact = client.get("/api/search", params={"q": "Ter ApeI", "exact": "true"}).json()
    assert exact["fuzzy"] is False
    typo = client.get("/api/search", params={"q": "zandzakkken"}).json()
    assert typo["suggestion"] == "zandzakken"


def test_facet_counts_drill_down_to_the_same_numbers(client) -> None:
    facets = client.get("/api/facets", params={"q": "*"}).json()["facets"]
    assert set(facets) == {
        "kind",
        "body",
        "year",
        "owner_role",
        "municipality",
        "org",
        "status",
        "ocr",
        "review",
    }
    assert facets["kind"]["actie"] > 0 and facets["year"]["2022"] > 0
    for name in ("body", "year", "municipality", "kind"):
        value, count = next(iter(facets[name].items()))
        found = client.get("/api/search", params={"q": "*", "f": f"{name}:{value}"}).json()
        assert found["total"] == count, (name, value)
    both = client.get("/api/facets", params={"q": "*", "f": ["kind:actie", "year:2021"]}).json()[
        "facets"
    ]
    assert set(both["kind"]) == {"actie"} and set(both["year"]) == {"2021"}


def test_meeting_and_item_are_the_records_of_show(client, sample_archive: SampleArchive) -> None:
    sha = sample_archive.sha_of(VRT)
    index = str(sample_archive.index)
    assert client.get(f"/api/meetings/{sha}").json() == cli_json(
        "show", sha, "--index", index, "--json"
    )
    item = client.get(f"/api/meetings/{sha}/items/2.5").json()
    assert item == cli_json("show", sha, "--index", index, "--item", "2.5", "--json")
    assert item["item"]["title"] == "Overloop asielzoekers Ter Apel"
    assert all(entry["boxes"] for entry in item["item"]["entries"])
    listing = client.get("/api/meetings").json()
    assert listing["total"] == 4
    assert sha in {m["sha256"] for m in listing["meetings"]}
    dates = [m["date"] for m in listing["meetings"]]
    assert dates == sorted(dates, reverse=True)


def test_actions_are_the_export_records_with_overdue(client, sample_archive: SampleArchive) -> None:
    data = client.get("/api/actions", params={"limit": 500}).json()
    exported = cli_json(
        "export", "actions", "--index", str(sample_archive.index), "--format", "json"
    )
    assert data["total"] == len(exported)
    by_id = {r["id"]: r for r in exported}
    for record in data["actions"]:
        overdue = record.pop("overdue")
        assert record == by_id[record["id"]]
        expect = (
            bool(record["due_date"])
            and record["due_date"] < data["today"]
            and record["status"] not in ("done", "dropped")
        )
        assert overdue is expect
    assert any(r["overdue"] for r in client.get("/api/actions").json()["actions"])


def test_actions_filters(client) -> None:
    dpg = client.get("/api/actions", params={"owner": "DPG"}).json()["actions"]
    assert dpg and all("DPG" in r["owner"] or "gezondheid" in r["owner"].lower() for r in dpg)
    ggd = client.get("/api/actions", params={"body": "GGD Twente"}).json()["actions"]
    assert ggd and {r["body"] for r in ggd} == {"GGD Twente"}
    april = client.get(
        "/api/actions", params={"due_from": "2022-04-01", "due_until": "2022-04-30"}
    ).json()["actions"]
    assert april and all("2022-04-01" <= r["due_date"] <= "2022-04-30" for r in april)
    soonest = client.get("/api/actions", params={"sort": "due", "limit": 500}).json()["actions"]
    dated = [r["due_date"] for r in soonest if r["due_date"]]
    assert dated == sorted(dated)
    assert not any(r["due_date"] for r in soonest[len(dated) :])
    overdue = client.get("/api/actions", params={"overdue": "true", "limit": 500}).json()
    assert overdue["actions"] and all(r["overdue"] for r in overdue["actions"])


def test_stats_are_those_of_stats_json(client, sample_archive: SampleArchive) -> None:
    data = client.get("/api/stats").json()
    expected = cli_json("stats", "--index", str(sample_archive.index), "--json")
    assert data == expected
    assert data["meetings"] == 4


@pytest.mark.parametrize(
    ("url", "status", "exit_code"),
    [
        ("/api/search?q=soortt:besluit", 400, 2),
        ("/api/search?q=Ter&since=gisteren", 400, 2),
        ("/api/search?page=0", 400, 2),
        ("/api/search?sort=random", 400, 2),
        ("/api/search?f=colour:red", 400, 2),
        ("/api/search?q=" + "a" * 501, 400, 2),
        ("/api/meetings/" + "0" * 64, 404, 3),
        ("/api/meetings/not-a-sha", 400, 2),
        ("/api/actions?status=klaarr", 400, 2),
        ("/api/nothing-here", 404, 3),
    ],
)
def test_errors_are_json_with_the_exit_code(client, url: str, status: int, exit_code: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status and body["exit_code"] == exit_code and body["message"]


def test_a_bad_query_carries_the_suggested_query(client) -> None:
    body = client.get("/api/search", params={"q": "soortt:besluit"}).json()
    assert body["error"] == "bad-query"
    assert body["suggestion"] == "soort:besluit"
    assert "soort:" in body["message"]


def test_item_of_an_unknown_number_is_not_found(client, sample_archive: SampleArchive) -> None:
    sha = sample_archive.sha_of(VRT)
    response = client.get(f"/api/meetings/{sha}/items/99.9")
    assert response.status_code == 404 and response.json()["exit_code"] == 3


def test_openapi_documents_every_endpoint(client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {
        "/api/search",
        "/api/facets",
        "/api/meetings",
        "/api/meetings/{sha256}",
        "/api/meetings/{sha256}/items/{nr}",
        "/api/actions",
        "/api/stats",
    } <= set(schema["paths"])
    assert not any(path.startswith("/meeting/") for path in schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "swagger-ui-bundle.js" in docs.text
    assert client.get("/api/docs/static/swagger-ui-bundle.js").status_code == 200


def test_the_hostile_meeting_is_plain_data_in_json(
    hostile_client, hostile_archive: SampleArchive
) -> None:
    sha = hostile_archive.sha_of(XSS_SLUG)
    response = hostile_client.get(f"/api/meetings/{sha}")
    assert "<script>" in response.json()["title"]
    assert response.headers["content-type"] == "application/json"
