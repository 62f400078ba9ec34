"""The threads of a real action list: the Technisch Overleg Digikoppeling of 19 September 2024.

Its Actielijst (`Nr | Actie | Naam | O/G`) carries rows over from March and May (`mrt24/03`,
`mrt24/04`, `mei24/05`, `mei24/06`) and adds this meeting's (`sep24/07` … `Sep24/10`), which
repeat the `<actiepunt>` markers of items 2, 4 and 6 (`expected/…Digikoppeling.json`, its
`action_list` and notes): each of those is one action with two mentions, each carried row an
action of its own, set before the first meeting the archive has; 9 distinct actions in all.
"""

from __future__ import annotations

import pytest

from archive.index import Archive
from archive.ingest import IngestOptions, run_ingest
from archive.threads import Thread, ThreadSet, threads_of
from pipeline.records import Meeting
from tests.paths import REAL_MINUTES

PDF = REAL_MINUTES / "nl_logius__2024-09-19_Verslag_TO_Digikoppeling.pdf"
# The inline actions that the action list repeats: item number (and which action of the
# item) → the row's code.
REPEATED = {("2", 0): "sep24/07", ("4", 0): "sep24/08", ("6", 0): "sep24/09", ("6", 1): "sep24/10"}
CARRIED = {"mrt24/03": "2024-03", "mrt24/04": "2024-03", "mei24/05": "2024-05",
           "mei24/06": "2024-05"}


@pytest.fixture(scope="module")
def digikoppeling(tmp_path_factory: pytest.TempPathFactory) -> tuple[Meeting, ThreadSet]:
    if not PDF.is_file():
        pytest.skip(f"no real minutes at {REAL_MINUTES}")
    index = tmp_path_factory.mktemp("digikoppeling") / "index"
    with Archive(index) as archive:
        result = run_ingest([PDF], archive, IngestOptions(workers=1))
        assert result.committed == 1
        meeting = next(archive.store.meetings())
    return meeting, threads_of(index)


def _inline(meeting: Meeting, threads: ThreadSet, nr: str, n: int) -> Thread:
    items = [i for i in meeting.items if i.nr == nr and i.kind == ""]
    assert items, f"the reader found no item {nr}"
    actions = [k for k, e in enumerate(items[0].entries) if e.kind == "actie"]
    assert len(actions) > n, f"the reader found {len(actions)} actions in item {nr}"
    thread = threads.thread_of(f"{meeting.sha256}:{nr}:{actions[n]}")
    assert thread is not None
    return thread


def _row(meeting: Meeting, threads: ThreadSet, code: str) -> Thread:
    rows = [
        (i.nr, k)
        for i in meeting.items
        if i.kind == "action_list"
        for k, e in enumerate(i.entries)
        if e.kind == "actie" and (e.code or i.nr).lower() == code.lower()
    ]
    assert rows, f"the reader found no action-list row {code}"
    nr, k = rows[0]
    thread = threads.thread_of(f"{meeting.sha256}:{nr}:{k}")
    assert thread is not None
    return thread


def test_the_inline_actions_and_their_rows_are_one_action_each(digikoppeling) -> None:
    meeting, threads = digikoppeling
    joined = {}
    for (nr, n), code in REPEATED.items():
        inline, row = _inline(meeting, threads, nr, n), _row(meeting, threads, code)
        assert inline is row, (nr, n, code)
        assert len(inline.mentions) == 2 and inline.status == "open"
        joined[code] = inline
    assert len({t.thread_id for t in joined.values()}) == 4
    assert joined["sep24/09"].owner == "Logius" and joined["sep24/07"].owner == "Peter Haasnoot"


def test_carried_rows_are_actions_of_their_own_set_before_this_meeting(digikoppeling) -> None:
    meeting, threads = digikoppeling
    carried = {code: _row(meeting, threads, code) for code in CARRIED}
    for code, thread in carried.items():
        assert len(thread.mentions) == 1, code
        assert thread.origin == CARRIED[code] and thread.first_seen == "2024-09-19"
    assert carried["mei24/05"].status == "done"  # G: gesloten
    assert {carried[c].status for c in ("mrt24/04", "mei24/06")} == {"open"}


def test_nine_distinct_actions(digikoppeling) -> None:
    meeting, threads = digikoppeling
    distinct = {_inline(meeting, threads, nr, n).thread_id for nr, n in REPEATED}
    distinct |= {_row(meeting, threads, code).thread_id for code in CARRIED}
    only_inline = _inline(meeting, threads, "3", 0)
    assert len(only_inline.mentions) == 1  # not in the action list
    distinct.add(only_inline.thread_id)
    assert len(distinct) == 9
    series = threads.series_of(meeting.sha256)
    assert series is not None and len(series.meetings) == 1 and not series.gaps


def test_every_action_of_the_meeting_and_none_of_its_annexes(digikoppeling) -> None:
    meeting, threads = digikoppeling
    wanted = sum(e.kind == "actie" for i in meeting.items if i.kind != "annex" for e in i.entries)
    actions = [m for t in threads.threads for m in t.mentions if m.role == "action"]
    assert len(actions) == wanted
