"""PDFium and pdfplumber read the same text layer into the same words and rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import CorruptPDFError, EncryptedPDFError
from pipeline.extract.pdfium import read_pages
from pipeline.extract.plumber import open_pdf, read_page
from pipeline.layout.lines import group_lines
from samples import MEETINGS, render_minutes


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("engines")
    return [render_minutes(spec, out / f"{slug}.pdf") for slug, spec in MEETINGS.items()]


def _plumber_pages(path: Path):
    with open_pdf(path) as pdf:
        return [read_page(page, n) for n, page in enumerate(pdf.pages, start=1)]


def test_engines_agree_on_lines_bold_and_rules(sample_pdfs: list[Path]) -> None:
    for path in sample_pdfs:
        fast, reference = read_pages(path), _plumber_pages(path)
        assert len(fast) == len(reference)
        for a, b in zip(fast, reference, strict=True):
            assert [ln.text for ln in group_lines(a.words)] == [
                ln.text for ln in group_lines(b.words)
            ]
            assert len(a.rules) == len(b.rules)
            words_a = [w for ln in group_lines(a.words) for w in ln.words]
            words_b = [w for ln in group_lines(b.words) for w in ln.words]
            for wa, wb in zip(words_a, words_b, strict=True):
                assert abs(wa.x0 - wb.x0) < 1.0 and abs(wa.x1 - wb.x1) < 1.0
                assert abs(wa.bottom - wb.bottom) < 2.0
                assert (wa.text, wa.bold, wa.size) == (wb.text, wb.bold, wb.size)


def test_engines_report_the_same_failures(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.6\n")
    for reader in (read_pages, _plumber_pages):
        with pytest.raises(CorruptPDFError):
            reader(truncated)


def test_password_protected_pdf(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("geheim", ownerPassword="x"))
    c.drawString(72, 720, "Besluitenlijst vertrouwelijk")
    c.save()
    for reader in (read_pages, _plumber_pages):
        with pytest.raises(EncryptedPDFError, match="password required"):
            reader(path)
    assert "Besluitenlijst" in " ".join(w.text for w in read_pages(path, "geheim")[0].words)
