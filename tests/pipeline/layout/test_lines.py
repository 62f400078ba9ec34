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


def test_a_letterhead_in_larger_type_is_no_repeat_of_the_running_header_naming_it() -> None:
    # Every page carries "Crisisteam Hof van Twente" small in its top margin; the first page
    # sets the same name large and bold, a little lower, as its letterhead.
    def page(n: int) -> Page:
        found = [*words("Crisisteam Hof van Twente", 60, 19, size=8.0, page=n),
                 *words("Het overleg stemt in met het voorstel.", 60, 300, page=n)]
        if n == 1:
            found += words("Crisisteam Hof van Twente", 60, 46, size=12.0, bold=True, page=n)
        return Page(n, 595, 842, found)

    pages = [page(n) for n in (1, 2, 3)]
    lines = {p.number: group_lines(p.words) for p in pages}
    found = running_lines(pages, lines)
    furniture = [(ln.page, ln.size) for page in lines.values() for ln in page if id(ln) in found]
    assert sorted(furniture) == [(1, 8.0), (2, 8.0), (3, 8.0)]
