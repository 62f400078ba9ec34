"""Generated series, rendered and ingested for real: threads against their gold, series and
gaps, and what `archive actions`, the actions export and the actions page make of them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from archive.cli import app
from archive.export import columns
from archive.index import Archive
from archive.threads import load, threads_of
from archive.threads.store import forget
from samples.docgen.series_score import score_all
from tests.archive.threads.conftest import SeriesArchive

runner = CliRunner()
TARGET_PRECISION, TARGET_RECALL, TARGET_STATUS = 0.95, 0.90, 0.95


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_threads_are_found_as_the_gold_has_them(series_archive: SeriesArchive) -> None:
    threads = threads_of(series_archive.index)
    with Archive(series_archive.index) as archive:
        meetings = list(archive.store.meetings())

    def predicted(entry_id: str) -> tuple[str, str] | None:
        thread = threads.thread_of(entry_id)
        return (thread.thread_id, thread.status) if thread else None

    score = score_all([s.gold for s in series_archive.series], meetings, predicted)
    figures = score.figures()
    misses = "\n".join(score.misses)
    assert score.gold_pairs > 100  # enough carried actions to measure anything
    assert figures["precision"] >= TARGET_PRECISION, misses
    assert figures["recall"] >= TARGET_RECALL, misses
    assert figures["status"] >= TARGET_STATUS, misses


def test_the_ingest_stored_them_current(series_archive: SeriesArchive) -> None:
    forget(series_archive.index)  # as a process that did not compute them
    assert load(series_archive.index) is not None


def test_each_series_is_one_series_with_its_missing_meeting(
    series_archive: SeriesArchive,
) -> None:
    threads = threads_of(series_archive.index)
    with Archive(series_archive.index) as archive:
        sha_of = {Path(m.source).stem: m.sha256 for m in archive.store.meetings()}
    for rendered in series_archive.series:
        gold = rendered.gold
        found = {threads.series_of(sha_of[m["doc"]]).key for m in gold["meetings"]}
        assert len(found) == 1, gold["name"]
        series = threads.series_of(sha_of[gold["meetings"][0]["doc"]])
        assert len(series.meetings) == len(gold["meetings"])
        assert series.cadence_days == gold["cadence_days"], gold["name"]
        assert [d for g in series.gaps for d in g.expected] == gold["skipped"], gold["name"]


def test_archive_actions_lists_threads_by_status(series_archive: SeriesArchive) -> None:
    index = str(series_archive.index)
    everything = json.loads(cli("actions", "--index", index, "--all", "--json"))
    threads = threads_of(series_archive.index)
    assert {a["thread_id"] for a in everything} == {t.thread_id for t in threads.threads}
    still = json.loads(cli("actions", "--index", index, "--json"))
    assert still and {a["status"] for a in still} <= {"open", "ongoing", "unknown"}
    done = json.loads(cli("actions", "--index", index, "--status", "afgerond", "--json"))
    assert done and {a["status"] for a in done} == {"done"}
    assert len(still) + len(done) <= len(everything)
    carried = [a for a in everything if a["mentions"] > 2]
    assert carried and all(
        a["first_seen"] <= a["last_seen"] and a["history"][0]["link"] is None
        and all(h["link"]["evidence"] for h in a["history"][1:]) for a in carried
    )
    late = json.loads(cli("actions", "--index", index, "--overdue", "--today", "2030-01-01",
                          "--json"))
    assert late and all(a["overdue"] and a["due"] < "2030-01-01" for a in late)
    assert all(a["status"] not in ("done", "dropped") for a in late)
    early = json.loads(cli("actions", "--index", index, "--overdue", "--today", "2000-01-01",
                           "--json"))
    assert early == []


def test_archive_actions_groups_and_shows_one_history(series_archive: SeriesArchive) -> None:
    index = str(series_archive.index)
    grouped = json.loads(cli("actions", "--index", index, "--all", "--by", "body", "--json"))
    bodies = {g["group"] for g in grouped["groups"]}
    assert len(bodies) == len(series_archive.series)
    everything = json.loads(cli("actions", "--index", index, "--all", "--json"))
    longest = max(everything, key=lambda a: a["mentions"])
    shown = cli("actions", "--index", index, "--thread", longest["thread_id"][:9])
    assert "History" in shown and longest["thread_id"] in shown
    assert shown.count("\n") >= longest["mentions"]
    text = cli("actions", "--index", index, "--all", "--by", "owner", "--history")
    assert "mention" in text and "text 1.00" in text


def test_export_actions_has_the_thread_columns(series_archive: SeriesArchive) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("export", "actions", "--index",
                                               str(series_archive.index)))))
    assert rows and list(rows[0]) == columns("actions")
    threads = threads_of(series_archive.index)
    by_thread: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_thread.setdefault(row["thread"], []).append(row)
    assert "" not in by_thread  # every action is in a thread
    for thread_id, members in by_thread.items():
        thread = threads.get(thread_id)
        assert thread is not None
        assert {r["status"] for r in members} == {thread.status}
        assert {(r["first_seen"], r["last_seen"]) for r in members} == {
            (thread.first_seen, thread.last_seen)
        }
    done = list(csv.DictReader(io.StringIO(cli("export", "actions", "--status", "done",
                                               "--index", str(series_archive.index)))))
    assert done and {r["status"] for r in done} == {"done"}


def test_the_actions_page_shows_each_actions_history(series_archive: SeriesArchive) -> None:
    from archive.web.app import create_app

    client = TestClient(create_app(series_archive.index), base_url="http://127.0.0.1:8000")
    page = client.get("/actions", params={"status": "done", "limit": 500})
    assert page.status_code == 200
    html = page.text
    threads = threads_of(series_archive.index)
    done = [t for t in threads.threads if t.status == "done"]
    assert done and html.count("<details") >= len(done)
    assert html.count('<li class="this">') == html.count("<details")
    assert "same owner" in html and "Reeksen" in html
    api = client.get("/api/actions", params={"status": "done", "limit": 500}).json()
    assert api["actions"] and all(a["thread_status"] == "done" for a in api["actions"])
    sha = done[0].mentions[-1].sha256
    meeting = client.get(f"/meeting/{sha}").text
    assert 'class="series"' in meeting and "Vergadering" in meeting
