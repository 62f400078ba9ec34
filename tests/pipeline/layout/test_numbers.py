"""Item numbers as agendas write them."""

from __future__ import annotations

import pytest

from pipeline.layout.numbers import follows, number_key, number_text, to_roman


@pytest.mark.parametrize("n", [1, 4, 9, 14, 39, 40, 42, 49, 55, 89, 90, 99, 140])
def test_roman_numbers_round_trip(n: int) -> None:
    assert number_key(to_roman(n)) == (n,)


@pytest.mark.parametrize(("text", "nr"), [("XLII.", "XLII"), ("IV", "IV"), ("LXXX)", "LXXX")])
def test_roman_item_numbers_are_read(text: str, nr: str) -> None:
    assert number_text(text) == nr


@pytest.mark.parametrize("ocr", [False, True])
def test_numbers_that_are_also_woo_grounds_are_item_numbers(ocr: bool) -> None:
    # "5.2" and "11.1" are grounds a box may carry, but far more often items 5.2 and 11.1;
    # a ground with its letter never numbers an item.
    read = [number_text(t, ocr=ocr) for t in ("5.2:", "11.1", "5.1.2e", "10.2.e")]
    assert read == ["5.2", "11.1", None, None]


def test_a_first_sub_item_may_be_skipped_like_any_other() -> None:
    assert follows((3, 2), (3, 2, 2)) and follows((2,), (2, 2))
    assert follows((1, 1, 2), (1, 2, 2))  # 1.2.1 lost: the next section's second item
    assert not follows((3, 2), (3, 2, 3)) and not follows((3, 2), (3, 3, 3))


@pytest.mark.parametrize("text", ["L.", "C.", "XIIII", "LL"])
def test_initials_and_non_numbers_are_no_roman_numbers(text: str) -> None:
    assert number_text(text) is None


def test_a_mark_of_a_letter_or_two_alone_in_an_ocr_number_cell_is_an_unread_number() -> None:
    from pipeline.layout.numbers import next_number, unread_number
    from pipeline.records import Word

    def word(text: str, x0: float, conf: float | None = 70.0) -> Word:
        return Word(text, x0, x0 + 5 * len(text), 100, 110, 1, 10.0, False, conf)

    assert unread_number([word("g", 40)], word("De", 110))
    assert unread_number([word("ES", 40)])
    assert not unread_number([word("g", 40)], word("De", 50))  # one phrase: a theme row
    assert not unread_number([word("g", 40, conf=None)])  # a text layer's own "g"
    assert not unread_number([word("Vaststellen", 40)])
    assert not unread_number([word("g", 40), word("h", 50)])
    assert [next_number(n) for n in ("4", "2.3", "IV", "")] == ["5", "2.4", "V", ""]


def test_long_roman_numbers_read_by_ocr_are_numbers_and_bars_are_not() -> None:
    assert [number_text(t, ocr=True) for t in ("XXVIII", "XXXIII", "XXXVIII", "Xl")] == [
        "XXVIII", "XXXIII", "XXXVIII", "XI"]
    assert number_text("III", ocr=True) is None  # as likely a table's lines as a number
    # Where no roman number is wanted ("Punt IV" reads no number), OCR does not make one.
    assert number_text("IV", ocr=True, roman=False) is None


def test_roman_numbers_ocr_read_partly_in_lower_case_are_numbers() -> None:
    # "Iv." and "Vi." for IV and VI on a worn copy; a lower-case run stays a word or a list's
    # own numbering, and the text layer is read as written.
    assert [number_text(t, ocr=True) for t in ("Iv.", "Vi.", "Xi")] == ["IV", "VI", "XI"]
    assert [number_text(t, ocr=True) for t in ("vi.", "iii.", "via")] == [None, None, None]
    assert number_text("Iv.") is None
