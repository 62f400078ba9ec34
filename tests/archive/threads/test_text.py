"""What mentions are compared by: keys of their words, owners, codes, closing sentences."""

from __future__ import annotations

import pytest

from archive.threads.text import (
    closing_status,
    code_key,
    code_month,
    codes_in,
    is_identifying,
    owner_parts,
    owner_similarity,
    status_of_text,
    text_keys,
)


def test_an_action_and_its_rewordings_share_their_keys() -> None:
    first = text_keys("de evaluatie van het thuiswerken opstellen uiterlijk 29 juli")
    assert first == text_keys("De evaluatie van het thuiswerken nog opstellen (vervolg)")
    assert first == text_keys("De evaluatie van het thuiswerken is opgesteld.")
    assert text_keys("het persbericht rondsturen") == text_keys(
        "het persbericht rond te sturen"
    )
    assert text_keys("het plan voorleggen aan het bestuur") == text_keys(
        "het plan is voorgelegd aan het bestuur"
    )


def test_another_verb_is_another_key() -> None:
    assert text_keys("de evaluatie opstellen") != text_keys("de evaluatie aanpassen")


def test_the_owner_is_taken_out_of_the_words() -> None:
    keys = text_keys("De voorzitter zal de brief rondsturen.", drop={"voorz"})
    assert keys == text_keys("de brief rondsturen")


@pytest.mark.parametrize(
    "text, status",
    [
        ("De projectleider heeft de lijst met locaties opgesteld.", "done"),
        ("De projectleider heeft het plan voorgelegd aan het bestuur.", "done"),
        ("Actie A-03 is afgerond.", "done"),
        ("De notitie is rondgestuurd.", "done"),
        ("Het plan van aanpak is voorbereid.", "done"),
        ("Actie mrt24/04 vervalt.", "dropped"),
        ("De actie komt te vervallen.", "dropped"),
        ("De factsheet opstellen is niet meer nodig; de actie vervalt.", "dropped"),
        ("Het plan is nog niet afgerond.", ""),
        ("De leden nemen kennis van het plan.", ""),
        ("Het verslag wordt vastgesteld.", ""),
    ],
)
def test_closing_sentences(text: str, status: str) -> None:
    assert closing_status(text) == status


def test_an_action_is_read_strictly() -> None:
    # An action may ask whether something happened; only the plain words close it.
    assert closing_status("nagaan of de gemeente heeft gereageerd", strict=True) == ""
    assert closing_status("nagaan of de gemeente heeft gereageerd") == "done"
    assert closing_status("De factsheet is gereed", strict=True) == "done"


def test_codes() -> None:
    assert code_key("Sep24/10") == code_key("sep24/10")
    assert [is_identifying(c) for c in ("A-21", "mrt24/03", "2022-003", "A07", "12", "")] == [
        True, True, True, True, False, False
    ]
    assert codes_in("Actie A-03 en mrt24/03 zijn afgerond, zie ook 2022-003.") == [
        "A-03", "mrt24/03", "2022-003"
    ]
    assert code_month("mrt24/03") == "2024-03" and code_month("Sep24/10") == "2024-09"
    assert code_month("A-21") == ""


def test_owners() -> None:
    assert owner_parts("Secretaris-directeur en COA") == [
        frozenset({"secretaris", "directeur"}), frozenset({"coa"})
    ]
    assert owner_similarity(owner_parts("De voorzitter"), owner_parts("voorzitter")) == 1.0
    # A reader that took a word of the due column into the owner: still the same party.
    assert owner_similarity(owner_parts("dec FSC-team"), owner_parts("FSC-team")) == 1.0
    assert owner_similarity(owner_parts("griffier"), owner_parts("burgemeester")) == 0.0
    assert owner_similarity(owner_parts(""), owner_parts("burgemeester")) is None


def test_status_cells_broken_by_a_narrow_column() -> None:
    assert status_of_text("doorlopen d") == "ongoing"
    assert status_of_text("G") == "done" and status_of_text("in behandeling") == "open"
    assert status_of_text("O?") == ""
