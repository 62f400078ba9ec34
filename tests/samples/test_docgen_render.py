"""Drawn documents rendered by LibreOffice say what their gold says.

The draws are rendered once per session (``drawn_docs`` in conftest.py). For each: the PDF
exists with a plausible page count, every gold text is in its text layer, and Woo boxes hide
the names behind them while showing their ground.
"""

from __future__ import annotations

import pytest

from samples.docgen import REDACTION_CODE, TEMPLATES, Rendered, page_count
from samples.docgen.libreoffice import LibreOfficeMissingError, convert_to_pdf, soffice_path
from samples.docgen.textcheck import missing_texts, pdf_text


def test_the_set_covers_every_template(drawn_docs: list[Rendered]) -> None:
    assert {d.template for d in drawn_docs} == set(TEMPLATES)
    assert 12 <= len(drawn_docs) <= 16


def test_pdfs_have_the_expected_page_count(drawn_docs: list[Rendered]) -> None:
    for doc in drawn_docs:
        assert doc.pdf.is_file()
        pages = page_count(doc.pdf)
        assert pages == doc.gold["pages"]
        lo, hi = doc.gold["pages_expected"]
        # The draw sizes content by an estimate; LibreOffice's layout may differ by a page.
        assert lo - 1 <= pages <= hi + 1, (doc.name, pages, (lo, hi))


def test_every_gold_text_is_in_the_pdf(drawn_docs: list[Rendered]) -> None:
    problems = {d.name: missing_texts(d.gold, d.pdf) for d in drawn_docs}
    assert not {name: m for name, m in problems.items() if m}


def test_redaction_boxes_hide_names_and_show_the_ground(drawn_docs: list[Rendered]) -> None:
    redacted = [d for d in drawn_docs if d.gold["redacted_names"]]
    assert redacted, "the test set should hold a Woo-redacted draw"
    for doc in redacted:
        text = pdf_text(doc.pdf)
        assert REDACTION_CODE in text
        for name in doc.gold["redacted_names"]:
            assert name not in text, (doc.name, name)


def test_running_furniture_is_on_every_page(drawn_docs: list[Rendered]) -> None:
    from samples.docgen.textcheck import page_texts, squash

    for doc in drawn_docs:
        pages = [squash(t) for t in page_texts(doc.pdf)]
        for pattern in doc.gold["furniture"]:
            for n, page in enumerate(pages, 1):
                expected = pattern.format(page=n, pages=len(pages))
                assert squash(expected) in page, (doc.name, n, expected)


def test_a_missing_soffice_is_named_with_its_packages(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LibreOfficeMissingError, match="libreoffice-writer-nogui"):
        soffice_path()
    with pytest.raises(LibreOfficeMissingError):
        convert_to_pdf([tmp_path / "x.docx"], tmp_path)
