"""Series: meetings of one body and kind, in date order; cadence, gaps, completeness."""

from __future__ import annotations

from datetime import date, timedelta

from archive.threads import build
from archive.threads.series import cadence_of, kind_of
from tests.archive.threads.records import meeting


def test_the_kind_of_meeting_is_the_title_without_document_words_and_dates() -> None:
    assert kind_of("Verslag Technisch Overleg Digikoppeling") == "technisch overleg digikoppeling"
    assert kind_of("Notulen van de Stuurgroep Woningbouw d.d. 3 maart 2022") == (
        "stuurgroep woningbouw"
    )
    assert kind_of("Besluitenlijst vergadering Dagelijks Bestuur d.d. 12 april 2024") == (
        "vergadering dagelijks bestuur"
    )
    assert kind_of("Verslag van de vergadering van maandag 15 oktober 2012") == "vergadering"
    assert kind_of("Verslag Crisisoverleg Hof van Twente", "Hof van Twente") == "crisisoverleg"


def test_cadences() -> None:
    assert cadence_of([7, 7, 14, 7]) == (7, "weekly")
    assert cadence_of([14, 14, 28, 14]) == (14, "every 2 weeks")  # not weekly with gaps
    assert cadence_of([28, 35, 28, 31]) == (30, "monthly")
    assert cadence_of([6, 8, 7]) == (7, "weekly")  # a meeting moved by a day
    assert cadence_of([3, 40, 11, 90])[1] == "irregular"
    assert cadence_of([7]) == (0, "")


def weekly(name: str, start: date, weeks: list[int], **kw: str):
    return [
        meeting(f"{name}-{n}", (start + timedelta(weeks=n)).isoformat(), **kw) for n in weeks
    ]


def test_series_by_body_and_kind_with_a_missing_week() -> None:
    start = date(2024, 1, 8)
    overleg = weekly("wo", start, [0, 1, 2, 4, 5], title="Verslag Weekoverleg Opvang")
    stuurgroep = weekly(
        "sg", start, [0, 2, 4], title="Verslag Stuurgroep Opvang", body="Gemeente Almelo"
    )
    other = weekly("x", start, [0, 1], title="Verslag Weekoverleg Opvang", body="Gemeente Hengelo")
    threads = build([*overleg, *stuurgroep, *other])
    assert len(threads.series) == 3
    weekly_series = threads.series_of(overleg[0].sha256)
    assert weekly_series is not None
    assert [m.sha256 for m in weekly_series.meetings] == [m.sha256 for m in overleg]
    assert weekly_series.cadence == "weekly"
    assert [(g.after, g.missing, g.expected) for g in weekly_series.gaps] == [
        ("2024-01-22", 1, ["2024-01-29"])
    ]
    assert weekly_series.years == {"2024": {"held": 5, "expected": 6}}
    assert weekly_series.position(overleg[3].sha256) == 4
    biweekly = threads.series_of(stuurgroep[0].sha256)
    assert biweekly is not None and biweekly.cadence == "every 2 weeks" and not biweekly.gaps
    assert threads.series_of(other[0].sha256) is not weekly_series


def test_completeness_per_year_across_new_year() -> None:
    meetings = weekly("w", date(2023, 12, 4), [0, 1, 2, 5, 6, 7])  # 25 Dec and 1 Jan skipped
    series = build(meetings).series[0]
    assert [g.expected for g in series.gaps] == [["2023-12-25", "2024-01-01"]]
    assert series.years == {
        "2023": {"held": 3, "expected": 4},
        "2024": {"held": 3, "expected": 4},
    }


def test_a_title_without_a_kind_joins_its_bodys_one_series() -> None:
    named = weekly("n", date(2024, 3, 4), [0, 1, 2], title="Verslag Stuurgroep Woningbouw")
    bare = meeting("bare", "2024-03-25", title="Verslag van de vergadering van 25 maart 2024")
    threads = build([*named, bare])
    assert len(threads.series) == 1 and len(threads.series[0].meetings) == 4
