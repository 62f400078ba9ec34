"""Tesseract's words in points (:mod:`pipeline.ocr.words`): line bands, cell-border remains
cut out, specks and weak punctuation dropped."""

from __future__ import annotations

import pytest

from pipeline.ocr import tesseract
from pipeline.ocr.words import split_borders, split_glued, to_words


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


def test_a_redaction_boxs_edge_read_beside_its_ground_is_cut_off() -> None:
    # A box set tight against the next word: its edge read as a slash or a brace.
    parts = split_borders([_word("5.1.2e/gaat", 0, 110), _word("5.1.2e{", 200, 70),
                           _word("en/of", 300, 50)])
    assert [w.text for w in parts] == ["5.1.2e", "gaat", "5.1.2e", "en/of"]
    assert parts[1].left == 70


def test_specks_and_weak_punctuation_are_dropped() -> None:
    words = to_words([_word("„", 0, 10, conf=30), _word("“om", 40, 40, conf=40)], 300, 1)
    assert [w.text for w in words] == ["om"]
    # a streak down a copied page, 13 px wide and read as a word of six letters
    streak = tesseract.TessWord("mensen", 1187, 805, 13, 184, 26.0, (14,), 989.0, 20.0, 5.0)
    assert to_words([streak, _word("Agenda", 200, 150)], 300, 1)[0].text == "Agenda"
    # a smear across a cell read as "SCN", 640 px wide for three letters 30 px high; the
    # same box read with confidence is a word (letter-spaced) and stays
    smear = [_word("SCN", 330, 640, conf=19), _word("Agenda", 1000, 150)]
    assert [w.text for w in to_words(smear, 300, 1)] == ["Agenda"]
    smear[0] = _word("SCN", 330, 640, conf=90)
    assert [w.text for w in to_words(smear, 300, 1)] == ["SCN", "Agenda"]


def test_a_weak_word_towering_over_its_line_is_dropped() -> None:
    # A fold in a photocopy runs through the heading "4.4 Scenario's": OCR reads it as a word
    # three lines tall, which would set the line in a large type.
    line = [_word("4.4", 0, 40), _word("-", 60, 10), _word("Scenario's.", 90, 150)]
    fold = tesseract.TessWord("brie", 400, 60, 30, 110, 30.0, (1,), 126.0, 40.0, 9.0)
    assert [w.text for w in to_words([*line, fold], 300, 1)] == ["4.4", "-", "Scenario's."]
    # Read with confidence, the word stays, in its line's type.
    sure = tesseract.TessWord("asielzoekers", 400, 60, 30, 110, 92.0, (1,), 126.0, 40.0, 9.0)
    *_, kept = to_words([*line, sure], 300, 1)
    assert kept.text == "asielzoekers" and kept.size == pytest.approx(40 * 72 / 300, abs=0.1)


def _stroked(text: str, left: int, stroke: float, line: int = 1) -> tesseract.TessWord:
    word = tesseract.TessWord(text, left, 100, 25 * len(text), 30, 90.0, (line,), 126.0,
                              40.0, 9.0)
    word.stroke = stroke
    return word


def _body(line: int = 9) -> list[tesseract.TessWord]:
    """Eight roman words on a line of their own: the page's usual stroke of 2 px."""
    return [_stroked(f"woord{i}", 40 + 200 * i, 2.0, line) for i in range(8)]


def test_short_words_take_the_weight_of_their_phrase() -> None:
    title = [_stroked("2.1", 40, 2.0), _stroked("Landelijk", 130, 3.2), _stroked("beeld", 380, 3.2)]
    marker = [_stroked("B:", 40, 3.4, 2), _stroked("akkoord", 110, 2.0, 2)]
    words = to_words(_body() + title + marker, 300, 1)
    bold = {w.text: w.bold for w in words}
    assert bold["2.1"] and bold["Landelijk"] and bold["beeld"]
    assert not bold["B:"] and not bold["akkoord"]


def test_a_short_word_across_a_column_gap_keeps_its_own_measure() -> None:
    row = [_stroked("Nr", 40, 3.2), _stroked("Onderwerp", 400, 2.0)]
    words = to_words(_body() + row, 300, 1)
    assert {w.text: w.bold for w in words}["Nr"] is True
    assert {w.text: w.bold for w in words}["Onderwerp"] is False


def test_accents_specks_made_are_dropped_where_the_word_is_dutch_without_them() -> None:
    read = [_word(t, 100 + 300 * n, 280) for n, t in enumerate(
        ("Jeügdgezondheidszorg", "Còmmunicatie,", "Organisaätieontwikkeling", "coördinator",
         "Financiën", "vóór"))]
    assert [w.text for w in to_words(read, 300, 1)] == [
        "Jeugdgezondheidszorg", "Communicatie,", "Organisatieontwikkeling", "coördinator",
        "Financiën", "vóór"]


def test_words_a_speck_glued_together_are_parted_again() -> None:
    read = ["De:DG", "kennis.van", "bij-de", "Besluit:Het", "niet-openbaar", "Noord-Holland",
            "www.rivm.nl", "z.s.m.", "10:30", "de.NL-Alert"]
    parts = split_glued([_word(t, 100, 20 * len(t)) for t in read])
    assert [p.text for p in parts] == [
        "De", "DG", "kennis", "van", "bij", "de", "Besluit:", "Het", "niet-openbaar",
        "Noord-Holland", "www.rivm.nl", "z.s.m.", "10:30", "de", "NL-Alert"]
    # Each part keeps its share of the box: "De" the first two of five characters.
    assert (parts[0].left, parts[0].width, parts[1].left) == (100, 40, 160)


def test_a_weak_word_on_the_edge_of_the_image_is_the_copier_band_not_text() -> None:
    # "en" read in the dark band along a copy's top edge; a word read with confidence keeps
    # its place wherever it stands, and without the image's frame nothing is judged.
    band = tesseract.TessWord("en", 1800, 0, 40, 30, 46.0, (1,), 26.0, 30.0, 4.0)
    sure = tesseract.TessWord("Pagina", 0, 200, 120, 30, 95.0, (2,), 226.0, 40.0, 9.0)
    text = _word("Agenda", 300, 120)
    assert [w.text for w in to_words([band, sure, text], 300, 1, (2480, 3508))] == [
        "Pagina", "Agenda"]
    assert len(to_words([band, sure, text], 300, 1)) == 3
