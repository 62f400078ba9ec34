"""Minutes in shapes the samples do not have: other headings, columns and numbering."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.process import ProcessOptions, process_file
from samples import ItemRow, MinutesSpec, ThemeRow, TitleRow, render_minutes

NO_TAGS = ProcessOptions(tag=False, ocr="never")


def _five_columns(ruled: bool) -> MinutesSpec:
    """An action list with Onderwerp, Besluit/Actie, Actiehouder and Gereed columns."""
    return MinutesSpec(
        body="Gemeente Westerwolde",
        title="Besluiten- en actielijst crisisoverleg opvang",
        date_line="Vergaderdatum: 12-10-2022",
        columns=["Nr", "Onderwerp", "Besluit / Actie", "Actiehouder", "Gereed"],
        col_widths=[0.07, 0.2, 0.43, 0.17, 0.13],
        ruled=ruled,
        rows=[
            ThemeRow("Opvang aanmeldcentrum"),
            ItemRow(
                "3.1.1",
                [
                    "Nachtopvang Ter Apel",
                    "Besluit: De sporthal blijft tot en met zondag open als nachtopvang.\n\n"
                    "Actie: Verlenging van de huur met de eigenaar afstemmen.",
                    "teamleider opvang",
                    "14-10-2022",
                ],
            ),
            ItemRow(
                "3.1.2",
                [
                    "Vervoer",
                    "Knelpunt: Er zijn te weinig bussen voor het vervoer naar de locaties.\n\n"
                    "Actie: Extra bussen aanvragen bij het COA.",
                    "coördinator logistiek",
                    "week 42",
                ],
            ),
            TitleRow("Communicatie"),
            ItemRow(
                "3.2",
                [
                    "",
                    "Besluit: De bewonersbrief gaat vrijdag de deur uit.",
                    "",
                    "",
                ],
            ),
        ],
    )


def test_due_column_is_normalized_by_tagging(tmp_path: Path) -> None:
    path = render_minutes(_five_columns(True), tmp_path / "actielijst.pdf")
    meeting = process_file(path, ProcessOptions(ocr="never"))
    dues = [e.due for item in meeting.items for e in item.entries if e.kind == "actie"]
    # "14-10-2022" is a day; "week 42" of 2022 ends on Sunday 23 October.
    assert dues == ["2022-10-14", "2022-10-23"]
    owners = [e.entities["roles"] for item in meeting.items for e in item.entries if e.owner]
    assert all(owners)


@pytest.mark.parametrize("ruled", [True, False])
def test_onderwerp_actiehouder_gereed_columns(tmp_path: Path, ruled: bool) -> None:
    path = render_minutes(_five_columns(ruled), tmp_path / "actielijst.pdf")
    meeting = process_file(path, NO_TAGS)
    assert meeting.date is not None and meeting.date.isoformat() == "2022-10-12"
    assert meeting.body == "Gemeente Westerwolde"
    assert meeting.title == "Besluiten- en actielijst crisisoverleg opvang"
    got = [
        (
            item.nr,
            item.title,
            item.section,
            [(e.kind, e.owner, e.due, e.text) for e in item.entries],
        )
        for item in meeting.items
    ]
    assert got == [
        (
            "3.1.1",
            "Nachtopvang Ter Apel",
            "Opvang aanmeldcentrum",
            [
                ("besluit", "", "", "De sporthal blijft tot en met zondag open als nachtopvang."),
                (
                    "actie",
                    "teamleider opvang",
                    "14-10-2022",
                    "Verlenging van de huur met de eigenaar afstemmen.",
                ),
            ],
        ),
        (
            "3.1.2",
            "Vervoer",
            "Opvang aanmeldcentrum",
            [
                ("knelpunt", "", "", "Er zijn te weinig bussen voor het vervoer naar de locaties."),
                (
                    "actie",
                    "coördinator logistiek",
                    "week 42",
                    "Extra bussen aanvragen bij het COA.",
                ),
            ],
        ),
        (
            "3.2",
            "Communicatie",
            "Opvang aanmeldcentrum",
            [("besluit", "", "", "De bewonersbrief gaat vrijdag de deur uit.")],
        ),
    ]
