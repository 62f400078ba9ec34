"""Tesseract's words in points (:mod:`pipeline.ocr.words`): line bands, cell-border remains
cut out, specks and weak punctuation dropped."""

from __future__ import annotations

import pytest

from pipeline.ocr import tesseract
from pipeline.ocr.words import split_borders, to_words


def _word(text: str, left: int, width: int, conf: float = 90.0) -> tesseract.TessWord:
    return tesseract.TessWord(text, left, 100, width, 30, conf, (1,), 126.0, 40.0, 9.0)


def test_words_share_their_line_band_in_points() -> None:
    words = to_words([_word("Besluit:", 300, 120), _word("ja", 450, 30)], 300, page=2)
    assert [w.text for w in words] == ["Besluit:", "ja"]
    first = words[0]
    assert first.page == 2 and first.x0 == pytest.approx(72.0)
    assert (first.top, first.bottom) == (words[1].top, words[1].bottom)
    assert first.size == pytest.approx(40 * 72 / 300, abs=0.1)
    assert first.conf == 90.0 and first.bold is False


def test_border_remains_are_cut_out_of_words() -> None:
    parts = split_borders([_word("Nr__Besluit", 0, 110), _word("|", 200, 3)])
    assert [w.text for w in parts] == ["Nr", "Besluit", "|"]
    assert to_words([_word("|", 0, 3), _word("_", 10, 20)], 300, 1) == []


def test_specks_and_weak_punctuation_are_dropped() -> None:
    words = to_words([_word("„", 0, 10, conf=30), _word("“om", 40, 40, conf=40)], 300, 1)
    assert [w.text for w in words] == ["om"]
