"""Lines of a page and its furniture: running headers, footers and page numbers."""

from __future__ import annotations

from pipeline.layout.lines import group_lines, running_lines
from pipeline.records import Page
from tests.pipeline.boxes import words


def test_a_footer_ending_in_its_page_number_is_furniture_also_with_a_speck_after_it() -> None:
    pages = [
        Page(n, 842, 595, [*words("Het overleg stemt in.", 60, 300, page=n, conf=90.0),
                           *words(f"Verslag {n}{tail}", 60, 524, page=n, conf=90.0)], ocr=True)
        for n, tail in ((1, "."), (2, ""))
    ]
    lines = {p.number: group_lines(p.words) for p in pages}
    found = running_lines(pages, lines)
    assert {ln.text for page in lines.values() for ln in page if id(ln) in found} == {
        "Verslag 1.", "Verslag 2"}
