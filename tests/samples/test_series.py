"""The series mode of the corpus generator: one body meeting N times, its actions carried
over, closed and dropped, with gold threads that agree with each document's own gold."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from samples.docgen import draw
from samples.docgen.gold import spec_hash
from samples.docgen.series import draw_series, render_series, series_gold
from samples.docgen.textcheck import missing_texts

SEEDS = range(1, 41)


@pytest.fixture(scope="module")
def golds() -> list[dict]:
    return [series_gold(draw_series(seed)) for seed in SEEDS]


def test_a_seed_gives_the_same_series_and_leaves_the_draws_alone() -> None:
    before = [spec_hash(draw(seed)) for seed in (1, 7, 40)]
    assert series_gold(draw_series(5)) == series_gold(draw_series(5))
    assert series_gold(draw_series(5)) != series_gold(draw_series(6))
    assert [spec_hash(draw(seed)) for seed in (1, 7, 40)] == before
    assert not hasattr(draw(1), "action_widths")  # the draws keep the writer's own widths


def test_the_meetings_follow_one_schedule_with_one_body_and_title() -> None:
    for seed in SEEDS:
        spec = draw_series(seed)
        days = [d.meeting.date for d in spec.docs]
        assert len(days) >= 4 and len({d.meeting.body for d in spec.docs}) == 1
        assert len({d.template for d in spec.docs}) == 1
        step = timedelta(days=spec.cadence_days)
        slots = [days[0] + step * n for n in range(len(days) + len(spec.skipped))]
        assert sorted(days + [date.fromisoformat(s) for s in spec.skipped]) == slots
        assert len({d.name for d in spec.docs}) == len(spec.docs)


def _doc_gold(seed: int) -> dict[str, dict]:
    from samples.docgen.gold import gold

    return {d.name: gold(d) for d in draw_series(seed).docs}


def test_every_gold_mention_is_in_its_documents_gold(golds: list[dict]) -> None:
    for series in golds[:15]:
        docs = _doc_gold(series["seed"])
        for thread in series["threads"]:
            for m in thread["mentions"]:
                doc = docs[m["doc"]]
                if m["where"] == "item":
                    texts = [(e["kind"], e["text"], e["code"]) for i in doc["items"]
                             if i["nr"] == m["item_nr"] for e in i["entries"]]
                    assert (m["kind"], m["text"], m["code"]) in texts, (series["name"], m)
                else:
                    rows = [(r["code"], r["text"], r["status"]) for r in doc["action_list"]]
                    assert (m["code"], m["text"], m["status"]) in rows, (series["name"], m)


def test_threads_are_told_in_order_and_end_where_they_close(golds: list[dict]) -> None:
    for series in golds:
        for thread in series["threads"]:
            mentions = thread["mentions"]
            assert mentions[0]["role"] == "set"
            meetings = [m["meeting"] for m in mentions]
            assert meetings == sorted(meetings)
            stated = [m["status"] for m in mentions if m["status"]]
            assert thread["status"] == (stated[-1] if stated else "open")
            closing = [m["meeting"] for m in mentions if m["role"] in ("close", "drop")]
            if closing:
                assert max(meetings) == closing[0], thread  # nothing after it closed
            codes = {m["code"] for m in mentions if m["where"] == "action_list"}
            assert len(codes) <= 1, thread


def test_the_series_have_what_the_thread_tests_need(golds: list[dict]) -> None:
    roles = Counter(m["role"] for s in golds for t in s["threads"] for m in t["mentions"])
    statuses = Counter(t["status"] for s in golds for t in s["threads"])
    assert roles["repeat"] > 200 and roles["close"] > 50 and roles["drop"] > 5
    assert statuses["done"] > 40 and statuses["dropped"] > 5 and statuses["open"] > 40
    assert statuses["ongoing"] > 0
    lists = Counter(s["action_lists"] for s in golds)
    assert lists[True] > 10 and lists[False] > 5
    assert sum(bool(s["skipped"]) for s in golds) > 5
    # Carried mentions reworded, not only repeated word for word.
    reworded = sum(
        m["text"].lower() != t["mentions"][0]["text"].lower()
        for s in golds for t in s["threads"] for m in t["mentions"][1:] if m["kind"] == "actie"
    )
    assert reworded > 100
    closings = [m["text"] for s in golds for t in s["threads"] for m in t["mentions"]
                if m["role"] == "close" and m["where"] == "item"]
    assert any(" heeft " in c for c in closings) and any(c.startswith("Actie ") for c in closings)


def test_a_rendered_series_says_what_its_gold_says(tmp_path: Path) -> None:
    (rendered,) = render_series([4], tmp_path, meetings=3)
    assert len(rendered.docs) == 3 and rendered.gold_path.is_file()
    for doc in rendered.docs:
        assert missing_texts(doc.gold, doc.pdf) == [], doc.name
    again = render_series([4], tmp_path, meetings=3)[0]
    assert again.gold == rendered.gold  # from the cache, the same
