"""The fields an entry ends in: its status as written after it."""

from __future__ import annotations

import pytest

from pipeline.structure.fields import ends_in_status, strip_status


@pytest.mark.parametrize(
    ("text", "rest", "status", "written"),
    [
        ("het plan voorleggen aan het bestuur (Bart Kamphuis) [O]",
         "het plan voorleggen aan het bestuur (Bart Kamphuis)", "open", "O"),
        ("het advies bespreken in het ambtelijk overleg (5.1.2e) [G]",
         "het advies bespreken in het ambtelijk overleg (5.1.2e)", "done", "G"),
        ("de notitie rondsturen – G", "de notitie rondsturen", "done", "G"),
        ("de notitie rondsturen. Status: afgerond", "de notitie rondsturen", "done", "afgerond"),
        ("de monitor bijhouden [Doorlopend]", "de monitor bijhouden", "ongoing", "Doorlopend"),
    ],
)
def test_a_status_after_the_entry_is_read_and_taken_off(
    text: str, rest: str, status: str, written: str
) -> None:
    assert strip_status(text) == (rest, status, written)


@pytest.mark.parametrize("text", ["zie bijlage [G", "de brief van team O", "Status: O"])
def test_a_letter_that_is_no_code_stays(text: str) -> None:
    assert strip_status(text) == (text, "", "")


def test_a_line_that_ends_in_a_status_in_brackets_closes_its_entry() -> None:
    assert ends_in_status("… over de bezetting van de spreekuren. [Doorlopend]")
    assert ends_in_status("[G]") and ends_in_status("het plan voorleggen [afgerond].")
    assert not ends_in_status("zie de bijlage [2]") and not ends_in_status("[g]")


def test_a_box_mark_that_lost_a_bracket_stays_the_mark_when_cleaned() -> None:
    from models.redaction import MARK
    from pipeline.structure.fields import clean_owner

    assert [clean_owner(o) for o in ("([weggelakt]", "[weggelakt]", "5.1.2e:")] == [
        MARK, MARK, "5.1.2e"]
    assert clean_owner("(wethouder Smit)") == "wethouder Smit"
