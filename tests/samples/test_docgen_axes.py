"""The generator reaches every value of every axis of issue #11, deterministically.

Specs only (no rendering): 200 draws take a second or two.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from samples.docgen import draw, gold
from samples.docgen.dates import resolve_due
from samples.docgen.spec import REDACTION_CODE

# Document-level axes and the values the issue asks for.
DOCUMENT_AXES: dict[str, set[str]] = {
    "template": {"bka_table", "onderwerp_rows", "onderwerp_besluit", "onderwerp_toelichting",
                 "borderless_three", "narrative", "label_list", "action_list",
                 "agenda_narrative"},
    "body": {"veiligheidsregio", "gemeente", "provincie", "waterschap", "ggd", "crisisteam",
             "ministerie", "tweede_kamer"},
    "title_placement": {"own_row_middle", "own_row_span", "cell_first_line", "number_row",
                        "onderwerp_cell", "heading", "unnumbered_heading", "label"},
    "numbering": {"1", "1.", "2.1", "3.1.2", "3a", "I", "Agendapunt 4", "Punt 5", "none"},
    "sections": {"none", "plain", "capitals"},
    "font": {"Calibri", "Arial", "Verdana"},
    "size": {"9", "10", "11", "12"},
    "orientation": {"portrait", "landscape"},
    "margins": {"narrow", "normal", "wide"},
    "rules": {"ruled", "unruled", "shaded"},
    "header_row": {"bold", "white_on_dark", "shaded", "tinted", "plain"},
    "length": {"1", "2-3", "4-6", "7-12"},
    "repeat_header": {"yes", "no"},
    "row_break": {"allowed", "kept"},
    "footer": {"none", "pagina_x_van_y", "number", "text_number"},
    "running_header": {"none", "date", "title", "body"},
    "redaction": {"none", "owners", "names"},
    "redaction_fill": {"none", "black", "grey"},
    "heading_layout": {"lines", "label_table", "letterhead_right"},
    "title_word": {"Verslag", "Notulen", "Besluitenlijst", "Verslag van de", "Actielijst"},
    "date_form": {"datum_label", "numeric_label", "gehouden_op", "vergadering_van",
                  "dd_in_title", "no_year"},
    "distractor": {"none", "letter_date", "earlier_meeting", "next_meeting", "document_date"},
    "attendees": {"none", "present", "present_absent"},
    "italic_subtitle": {"yes", "no"},
    "action_list": {"none", "after", "alone"},
    "entry_list": {"none", "marker_list", "numbered_decisions"},
    "section_style": {"bold", "shaded", "italic"},
    "heading_style": {"bold", "word_heading"},
}

# Entry-level axes: every marker form, owner kind and position, due form and position.
ENTRY_AXES: dict[str, set[str]] = {
    "marker": {
        "B:", "B –", "B -", "bold B:", "code", "Besluit:", "Besloten:", "Afspraak:",
        "Conclusie:", "K:", "K –", "Knelpunt:", "Aandachtspunt:", "Risico:", "Actie:",
        "Actiepunt:", "Actie (owner):", "Toezegging:", "A > Owner:", "A Owner:", "A >Owner:",
        "A: text (owner)", "A – text (owner)", "X besluit", "Besloten wordt", "X stemt in met",
        "X zal", "X zegt toe", "X neemt contact op", "numbered_decisions",
        "unmarked_with_owner_column",
    },
    "entry": {"note", "forecast", "treatment"},
    "entry_list": {"marker_list", "numbered_decisions"},
    "owner_kind": {"role", "person", "two_owners", "organisation", "role_municipality",
                   "redacted", "none"},
    "owner_position": {"after_marker", "parentheses", "column", "sentence", "none"},
    "due_form": {"date_dm", "date_numeric", "datetime", "weekday", "month_part", "week",
                 "nondate", "none"},
    "due_position": {"text", "column", "none"},
    "status_position": {"text", "none"},
}

GOLD_STATUSES = {"", "open", "done", "ongoing", "dropped", "unknown"}
KINDS = {"besluit", "knelpunt", "actie", "note"}


@pytest.fixture(scope="module")
def draws() -> list:
    return [draw(seed) for seed in range(200)]


def test_200_draws_reach_every_document_axis_value(draws: list) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for spec in draws:
        for axis, value in spec.axes.items():
            seen[axis].add(value)
    missing = {axis: sorted(values - seen[axis]) for axis, values in DOCUMENT_AXES.items()
               if values - seen[axis]}
    assert not missing


def test_200_draws_reach_every_entry_axis_value(draws: list) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for spec in draws:
        for item in spec.items:
            for e in item.entries:
                for axis, value in e.axes.items():
                    seen[axis].add(value)
    missing = {axis: sorted(values - seen[axis]) for axis, values in ENTRY_AXES.items()
               if values - seen[axis]}
    assert not missing


def test_200_draws_reach_every_status_and_due_value(draws: list) -> None:
    statuses: set[str] = set()
    column_status = column_due = 0
    due_texts: set[str] = set()
    for spec in draws:
        g = gold(spec)
        for item in g["items"]:
            for e in item["entries"]:
                statuses.add(e["status"])
                due_texts.add(e["due_text"].split(" ")[0])
        for row in g["action_list"]:
            statuses.add(row["status"])
            column_status += bool(row["status"])
            column_due += bool(row["due_text"])
    assert statuses >= GOLD_STATUSES
    assert column_status and column_due
    assert {"z.s.m.", "doorlopend", "medio", "begin", "eind", "week"} <= due_texts


def test_a_draw_is_a_pure_function_of_its_seed() -> None:
    assert draw(17) == draw(17)
    assert gold(draw(17)) == gold(draw(17))
    assert gold(draw(17)) != gold(draw(18))


def test_gold_keeps_its_conventions(draws: list) -> None:
    for spec in draws:
        g = gold(spec)
        meeting = g["meeting"]
        assert date.fromisoformat(meeting["date"]) == spec.meeting.date
        if spec.axes["date_form"] == "no_year":
            assert meeting["date_source"] == "running_header"
            assert str(spec.meeting.date.year) in spec.style.running_header
        for item in g["items"]:
            assert not item["nr"].endswith(".")
            for e in item["entries"]:
                assert e["kind"] in KINDS and e["status"] in GOLD_STATUSES
                assert e["text"].strip()
                if e["owner_redacted"]:
                    assert e["owner"] == "" and e["owners"] == []
                if e["due"]:
                    assert e["due"] == resolve_due(e["due_text"], spec.meeting.date)
                    assert e["due"] >= meeting["date"]
                if e["list_items"]:
                    assert all(li in e["text"] for li in e["list_items"])
                assert REDACTION_CODE not in e["owner"]
        written = str({k: v for k, v in g.items() if k != "redacted_names"})
        for name in spec.redacted_names:
            assert name not in written


@pytest.mark.parametrize(("text", "meeting", "iso"), [
    ("15 juli", date(2024, 7, 1), "2024-07-15"),
    ("15 juli", date(2024, 7, 20), "2025-07-15"),
    ("15-07-2024", date(2024, 7, 1), "2024-07-15"),
    ("15-07 12.00 uur", date(2024, 7, 1), "2024-07-15"),
    ("vrijdag", date(2024, 7, 5), "2024-07-12"),  # a Friday: the next one
    ("maandag", date(2024, 7, 5), "2024-07-08"),
    ("medio april", date(2024, 3, 1), "2024-04-20"),
    ("begin januari", date(2024, 11, 1), "2025-01-10"),
    ("eind februari", date(2024, 1, 9), "2024-02-29"),
    ("week 20", date(2024, 5, 1), "2024-05-19"),
    ("week 2", date(2024, 12, 20), "2025-01-12"),
    ("z.s.m.", date(2024, 7, 1), ""),
    ("volgend overleg", date(2024, 7, 1), ""),
])
def test_due_dates_resolve_by_the_gold_convention(text: str, meeting: date, iso: str) -> None:
    assert resolve_due(text, meeting) == iso
