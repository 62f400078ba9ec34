"""Which words stand for a redacted name."""

import pytest

from models.redaction import MARK, is_redaction_mark, read_ground


@pytest.mark.parametrize("word", ["5.1.2e", "(5.1.2.e)", "10.2.e", "11.1", "5.1.1c;", MARK])
def test_woo_grounds_and_the_ocr_mark_are_redactions(word: str) -> None:
    assert is_redaction_mark(word)


@pytest.mark.parametrize("word", ["5.1", "2.1", "10.3.a", "5.1.2z", "weggelakt", "A-21"])
def test_item_numbers_codes_and_words_are_not(word: str) -> None:
    assert not is_redaction_mark(word)


def test_bare_grounds_that_spell_item_numbers_count_only_when_asked() -> None:
    assert is_redaction_mark("5.2") and is_redaction_mark("(11.1)")
    assert not is_redaction_mark("5.2:", bare=False) and not is_redaction_mark("11.1", bare=False)
    assert is_redaction_mark("5.1.2e", bare=False) and is_redaction_mark(MARK, bare=False)


def test_a_ground_as_ocr_reads_it_on_a_box() -> None:
    read = [read_ground(t) for t in ("5.1.2e", "(5.1.2e)", "(5.1.2e", "5.1.2el", "10.2.e|")]
    assert read == ["5.1.2e", "(5.1.2e)", "5.1.2e", "5.1.2e:", "10.2.e:"]
    assert [read_ground(t) for t in ("Onderwerp", MARK, "5.2l", "2.1")] == [None] * 4

