"""When is a text layer good enough to skip OCR? Synthetic pages, then the real corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.plumber import open_pdf, read_page
from pipeline.extract.text_quality import LayerFacts, gibberish_reason, judge, layer_facts
from pipeline.records import Page, Word
from tests.paths import SEED_PAGE

SEED = SEED_PAGE
DUTCH = " ".join(
    (
        "K: Twente voldoet niet aan de eerste opdracht om voor 25 maart 1000 opvang plekken",
        "geoperationaliseerd te hebben. B: Het bestuurlijk afstemmingsoverleg Oekraïne besluit",
        "om geen crisisnoodopvang te realiseren om zo alsnog aan de opdracht te kunnen voldoen.",
    )
).split()


def _page(tokens: list[str], *, lines: int = 1, height: float = 842.0) -> Page:
    """Tokens laid out in `lines` lines spread down the page, ten points tall each."""
    per_line = max(1, -(-len(tokens) // lines))
    words = []
    for i, text in enumerate(tokens):
        row, col = divmod(i, per_line)
        top = 60 + row * (height - 120) / max(1, lines)
        words.append(Word(text, 50 + col * 40, 50 + col * 40 + 35, top, top + 10))
    return Page(number=1, width=595.0, height=height, words=words)


def test_ordinary_dutch_is_usable() -> None:
    assert gibberish_reason(DUTCH) == ""
    assert judge(_page(DUTCH)).usable


def test_the_seed_page_is_usable() -> None:
    if not SEED.exists():
        pytest.skip("no seed page")
    assert gibberish_reason(SEED.read_text(encoding="utf-8").split()) == ""


def test_no_words_means_ocr() -> None:
    verdict = judge(_page([]))
    assert not verdict.usable and verdict.reason == "no text layer"


@pytest.mark.parametrize(
    "tokens",
    [
        ['"7+%-'],  # a subset font without a Unicode map
        ["(cid:12)(cid:7)(cid:44)", "(cid:3)(cid:9)"] * 5,
        ["\ue001\ue002\ue003", "\ue004\ue005"] * 5,  # private-use code points
        ["#$&'", "+,-./", "%$#'"] * 10,
    ],
)
def test_unmapped_fonts_are_gibberish(tokens: list[str]) -> None:
    assert gibberish_reason(tokens)
    assert not judge(_page(tokens)).usable


def test_shuffled_letters_are_gibberish() -> None:
    # A private encoding that maps glyphs to the wrong letters: word-shaped, but no vowels
    # where Dutch has them and none of its common words.
    shifted = ["".join(chr(ord(c) + 1) if c.isalpha() else c for c in w) for w in DUTCH * 3]
    assert "gibberish" in gibberish_reason(shifted)


def test_tables_of_names_and_amounts_are_not_gibberish() -> None:
    rows = ["Almelo", "160", "Enschede", "240", "Hengelo", "€ 1.250,00", "Hof", "van", "Twente",
            "2022-04-07", "3.1.2", "70%", "(B)", "A.", "Velthuis"] * 6
    assert gibberish_reason(rows) == ""


def test_a_stamp_on_a_scan_does_not_cover_the_page() -> None:
    scan = LayerFacts(image_share=1.0, image_top=0.0, image_bottom=842.0)
    verdict = judge(_page(["Ontvangen", "12-03-2022"]), scan)
    assert not verdict.usable and "little text" in verdict.reason


def test_a_text_layer_over_a_scan_is_kept_when_it_covers_it() -> None:
    scan = LayerFacts(image_share=1.0, image_top=0.0, image_bottom=842.0)
    verdict = judge(_page(DUTCH * 3, lines=40), scan)
    assert verdict.usable


def test_an_ocr_layer_is_kept_whatever_it_says() -> None:
    ocr_layer = LayerFacts(image_share=1.0, image_bottom=842.0, ocr_font_share=1.0)
    verdict = judge(_page(["sw", "|", "\\", "+", "400", "BH", "t="]), ocr_layer)
    assert verdict.usable and "OCR layer" in verdict.reason


# --- the real-world corpus -------------------------------------------------------------------


def _verdicts(path: Path) -> list:
    with open_pdf(path) as pdf:
        return [judge(read_page(p, n), layer_facts(p)) for n, p in enumerate(pdf.pages, 1)]


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "nl_ori__Besluitenlijst-raadsvergadering-29-juni-2015.pdf",
        "nl_heerlen__raadsvoorstel-lijst-ingekomen-stukken-2025-01-29.pdf",
        "nl_plooi__kst-32545-143.pdf",
        "pdfplumber__2023-06-20-PV.pdf",
        "pdfplumber__cupertino_usd_4-6-16.pdf",
        "pdfplumber__federal-register-2020-17221.pdf",
        "pdfplumber__nics-background-checks-2015-11-rotated.pdf",
        "pdfplumber__senate-expenditures.pdf",
    ],
)
def test_born_digital_layers_are_used(real_corpus: Path, name: str) -> None:
    verdicts = _verdicts(real_corpus / name)
    assert verdicts and all(v.usable for v in verdicts), [v.reason for v in verdicts]


@pytest.mark.corpus
def test_font_without_unicode_map_is_gibberish(real_corpus: Path) -> None:
    (verdict,) = _verdicts(real_corpus / "ocrmypdf__truetype_font_nomapping.pdf")
    assert not verdict.usable and "gibberish" in verdict.reason


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "ocrmypdf__graph_ocred.pdf",
        "nl_vws_woo__VWS-WOO-182968-notulen.pdf",
        "nl_vws_woo__VWS-WOO-183763-email.pdf",
    ],
)
def test_existing_ocr_layers_are_kept(real_corpus: Path, name: str) -> None:
    verdicts = _verdicts(real_corpus / name)
    assert all(v.usable and "OCR layer" in v.reason for v in verdicts)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name", ["nl_plooi__blg-1007826.pdf", "nl_vws_woo__besluitbrief.pdf", "ocrmypdf__ccitt.pdf"]
)
def test_image_only_scans_need_ocr(real_corpus: Path, name: str) -> None:
    verdicts = _verdicts(real_corpus / name)
    assert all(not v.usable and v.reason == "no text layer" for v in verdicts)
