"""Item numbers as agendas write them."""

from __future__ import annotations

import pytest

from pipeline.layout.numbers import number_key, number_text, to_roman


@pytest.mark.parametrize("n", [1, 4, 9, 14, 39, 40, 42, 49, 55, 89, 90, 99, 140])
def test_roman_numbers_round_trip(n: int) -> None:
    assert number_key(to_roman(n)) == (n,)


@pytest.mark.parametrize(("text", "nr"), [("XLII.", "XLII"), ("IV", "IV"), ("LXXX)", "LXXX")])
def test_roman_item_numbers_are_read(text: str, nr: str) -> None:
    assert number_text(text) == nr


@pytest.mark.parametrize("text", ["L.", "C.", "XIIII", "LL"])
def test_initials_and_non_numbers_are_no_roman_numbers(text: str) -> None:
    assert number_text(text) is None
