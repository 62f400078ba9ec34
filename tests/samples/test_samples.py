"""The sample generator works and the hand-written gold agrees with the PDFs it renders.

The PDFs are read back with pdfplumber, column by column (the column extents come from the
renderer's page geometry), so these tests catch a wrong page number, kind, owner, text or order in
the gold as well as a renderer that loses or moves text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from samples import GOLD_DIR, MEETINGS, load_gold, page_geometry, render_minutes, write_samples
from samples.__main__ import main as samples_main
from samples.render import ItemRow, MinutesSpec, ThemeRow, TitleRow
from tests.seed_pdf import DEFAULT_SEED_TXT, SEED_EXPECTED, build_seed_pdf, seed_spec

MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
ENTRY_PREFIX = re.compile(r"^(?:[BK]:|A\s*>|A:|Besluit:|Knelpunt:|Actie\b)")
# What may stand right before a note: anything but an entry prefix.
TRAILING_PREFIX = re.compile(r"(?:^|\s)(?:B|K|A|Besluit|Knelpunt|Actie)\b[^.:]{0,60}:$")


def norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Stream:
    """The text of one column over all pages, with the offset where each page starts."""

    text: str = ""
    starts: list[int] = field(default_factory=list)

    def add(self, page_text: str) -> None:
        if self.text and page_text:
            self.text += " "
        self.starts.append(len(self.text))
        self.text += page_text

    def page_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


@dataclass
class PdfText:
    """What pdfplumber reads from one rendered sample."""

    pages: int
    page_text: list[str]  # whole page, normalized
    columns: list[Stream]  # regular (non-bold) text per table column, below the header row
    column_pages: list[list[str]]  # the same per page: column_pages[col][page - 1]
    bold: list[str]  # bold text inside the table per page (header row, theme and title rows)
    first_rows: list[dict[int, float]]  # per page: column → top of its first regular word


def is_bold(obj: dict) -> bool:
    return "Bold" in obj.get("fontname", "")


def read_pdf(path: Path, spec: MinutesSpec) -> PdfText:
    geo = page_geometry(spec)
    ncols = len(geo.columns)
    columns = [Stream() for _ in range(ncols)]
    column_pages: list[list[str]] = [[] for _ in range(ncols)]
    page_text, bold, first_rows = [], [], []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page_text.append(norm(page.extract_text() or ""))
            x0, x1 = geo.columns[0]
            heads = [
                w
                for w in page.extract_words(extra_attrs=["fontname"])
                if w["text"] == spec.columns[0].split()[0] and is_bold(w) and x0 <= w["x0"] < x1
            ]
            assert heads, f"{path.name} p{page.page_number}: no table header row"
            table = page.crop((0, min(w["top"] for w in heads) - 1, geo.width, geo.frame_bottom))
            regular = table.filter(lambda o: o.get("object_type") != "char" or not is_bold(o))
            bold_only = table.filter(lambda o: o.get("object_type") != "char" or is_bold(o))
            bold.append(norm(bold_only.extract_text() or ""))
            tops: dict[int, float] = {}
            for c, (cx0, cx1) in enumerate(geo.columns):
                cell = regular.within_bbox((cx0, table.bbox[1], cx1, table.bbox[3]))
                text = norm(cell.extract_text() or "")
                columns[c].add(text)
                column_pages[c].append(text)
                words = cell.extract_words()
                if words:
                    tops[c] = min(w["top"] for w in words)
            first_rows.append(tops)
        return PdfText(len(pdf.pages), page_text, columns, column_pages, bold, first_rows)


def words_outside_their_column(path: Path, spec: MinutesSpec) -> list[str]:
    """Regular words in the table that cross the cell padding into a neighbouring column."""
    geo = page_geometry(spec)
    bad = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.extract_words(extra_attrs=["fontname"])
            heads = [w["top"] for w in words if is_bold(w) and w["text"] == spec.columns[0]]
            for w in words:
                if is_bold(w) or w["top"] < min(heads) or w["bottom"] > geo.frame_bottom:
                    continue
                inside = any(x0 + 3.5 <= w["x0"] and w["x1"] <= x1 - 3.5 for x0, x1 in geo.columns)
                if not inside:
                    bad.append(f"p{page.page_number} {w['text']!r} {w['x0']:.1f}-{w['x1']:.1f}")
    return bad


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, PdfText]]:
    outdir = tmp_path_factory.mktemp("samples")
    paths = write_samples(outdir)
    return {p.stem: (p, read_pdf(p, MEETINGS[p.stem])) for p in paths}


def column_index(spec: MinutesSpec, *names: str) -> int:
    for i, header in enumerate(spec.columns):
        if any(name.lower() in header.lower() for name in names):
            return i
    raise LookupError(names)


def middle_column(spec: MinutesSpec) -> int:
    return column_index(spec, "Besluit")


def has_owner_column(spec: MinutesSpec) -> bool:
    return any("actiehouder" in h.lower() for h in spec.columns)


def prefixes(kind: str, owner: str, owner_column: bool, text: str = "") -> set[str]:
    """Every way the minutes may write the prefix of an entry of this kind and owner; an
    action whose sentence names its owner needs none ("… vraagt de provincie om …")."""
    if kind == "besluit":
        return {"B:", "Besluit:"}
    if kind == "knelpunt":
        return {"K:", "Knelpunt:"}
    if kind == "actie":
        found = {f"A > {owner}:", f"A {owner}:", f"Actie ({owner}):", f"Actie: {owner}:"}
        if owner and owner.lower() in text.lower():
            found.add("")
        return found | ({"A:", "Actie:"} if owner_column else set())
    return {""}


def test_every_meeting_has_gold_and_renders(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    assert len(MEETINGS) >= 4
    assert {p.stem for p in GOLD_DIR.glob("*.json")} == set(MEETINGS)
    for slug, (path, pdf) in rendered.items():
        gold = load_gold(slug)
        assert gold["file"] == path.name
        assert pdf.pages >= 2, slug
        items = [r for r in MEETINGS[slug].rows if isinstance(r, ItemRow)]
        assert 6 <= len(gold["items"]) <= 12, slug
        assert [i["nr"] for i in gold["items"]] == [r.nr for r in items]
        for n in range(1, pdf.pages + 1):
            assert f"Pagina {n} van {pdf.pages}" in pdf.page_text[n - 1]


def test_text_stays_inside_its_column(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    for slug, (path, _) in rendered.items():
        assert words_outside_their_column(path, MEETINGS[slug]) == [], slug


def test_ruling_lines_only_when_ruled(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    for slug, (path, _) in rendered.items():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                assert bool(page.lines) == MEETINGS[slug].ruled, (slug, page.page_number)


def test_heading_matches_gold(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    for slug, (_, pdf) in rendered.items():
        gold = load_gold(slug)
        first = pdf.page_text[0]
        assert norm(gold["title"]) in first, slug
        assert norm(gold["body"]) in first, slug
        day = date.fromisoformat(gold["date"])
        spelled = [
            f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            day.strftime("%d-%m-%Y"),
            f"{day.day}-{day.month}-{day.year}",
        ]
        assert any(s in first for s in spelled), (slug, spelled)


def test_item_numbers_in_order_in_number_column(
    rendered: dict[str, tuple[Path, PdfText]],
) -> None:
    for slug, (_, pdf) in rendered.items():
        gold = load_gold(slug)
        assert pdf.columns[0].text.split() == [i["nr"] for i in gold["items"]], slug


def test_titles_and_sections_match_spanning_rows(
    rendered: dict[str, tuple[Path, PdfText]],
) -> None:
    for slug, (_, pdf) in rendered.items():
        spec = MEETINGS[slug]
        gold = load_gold(slug)
        header = norm(" ".join(spec.columns))
        spans = []
        for n, text in enumerate(pdf.bold, start=1):
            assert text.startswith(header), (slug, n)
            spans.append(text[len(header) :].strip())
        bold_stream = norm(" ".join(spans))
        if has_owner_column(spec):
            # no spanning rows: the title is the Onderwerp cell
            assert bold_stream == ""
            subject = column_index(spec, "Onderwerp")
            titles = norm(" ".join(i["title"] for i in gold["items"]))
            assert pdf.columns[subject].text == titles, slug
            continue
        expected, section = [], ""
        for item in gold["items"]:
            if item["section"] != section:
                expected.append(item["section"])
                section = item["section"]
            expected.append(item["title"])
        assert bold_stream == norm(" ".join(expected)), slug


def test_entries_text_kind_owner_and_page(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    for slug, (_, pdf) in rendered.items():
        spec = MEETINGS[slug]
        gold = load_gold(slug)
        owner_column = has_owner_column(spec)
        stream = pdf.columns[middle_column(spec)]
        pos = 0
        for item in gold["items"]:
            assert item["entries"], (slug, item["nr"])
            for entry in item["entries"]:
                where = (slug, item["nr"], entry["text"][:40])
                assert entry["kind"] in {"besluit", "knelpunt", "actie", "note"}, where
                assert not ENTRY_PREFIX.match(entry["text"]), where
                assert (entry["owner"] != "") == (entry["kind"] == "actie"), where
                text = norm(entry["text"])
                start = stream.text.find(text, pos)
                assert start >= 0, where
                gap = stream.text[pos:start].strip()
                allowed = prefixes(entry["kind"], entry["owner"], owner_column, entry["text"])
                assert gap in allowed, (where, gap)
                if entry["kind"] == "note":
                    before = stream.text[max(0, start - 80) : start].rstrip()
                    assert not TRAILING_PREFIX.search(before), where
                # the first 30 characters are on the page the gold gives
                assert stream.page_at(start) == entry["page"], where
                page_text = pdf.column_pages[middle_column(spec)][entry["page"] - 1]
                assert norm(entry["text"])[:30] in page_text, where
                pos = start + len(text)
        assert stream.text[pos:].strip() == "", (slug, "text after the last entry")


def test_item_number_and_title_on_the_page_of_its_first_entry(
    rendered: dict[str, tuple[Path, PdfText]],
) -> None:
    for slug, (_, pdf) in rendered.items():
        spec = MEETINGS[slug]
        for item in load_gold(slug)["items"]:
            page = item["entries"][0]["page"]
            assert item["nr"] in pdf.column_pages[0][page - 1].split(), (slug, item["nr"])
            if has_owner_column(spec):
                titles = pdf.column_pages[column_index(spec, "Onderwerp")][page - 1]
            else:
                titles = pdf.page_text[page - 1]
            assert norm(item["title"]) in titles, (slug, item["nr"])


def test_action_owner_column(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    for slug, (_, pdf) in rendered.items():
        spec = MEETINGS[slug]
        if not has_owner_column(spec):
            continue
        owners = []
        for item in load_gold(slug)["items"]:
            item_owners = {e["owner"] for e in item["entries"] if e["kind"] == "actie"}
            assert len(item_owners) <= 1, (slug, item["nr"])
            owners.extend(item_owners)
        column = column_index(spec, "Actiehouder")
        assert pdf.columns[column].text == norm(" ".join(owners)), slug


def test_toelichting(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    for slug, (_, pdf) in rendered.items():
        spec = MEETINGS[slug]
        gold = load_gold(slug)
        if not any("toelichting" in h.lower() for h in spec.columns):
            assert all(i["toelichting"] == "" for i in gold["items"]), slug
            continue
        stream = pdf.columns[column_index(spec, "Toelichting")]
        expected = norm(" ".join(i["toelichting"] for i in gold["items"]))
        assert stream.text == expected, slug
        for item in gold["items"]:
            paragraphs = item["toelichting"].split("\n\n") if item["toelichting"] else []
            assert all(p and p == p.strip() for p in paragraphs), (slug, item["nr"])


def test_cells_continue_across_pages(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    meetings_with_continuation = 0
    for slug, (_, pdf) in rendered.items():
        spec = MEETINGS[slug]
        middle = middle_column(spec)
        owner_column = has_owner_column(spec)
        continued = [
            item
            for item in load_gold(slug)["items"]
            if len({e["page"] for e in item["entries"]}) > 1
        ]
        for item in continued:
            where = (slug, item["nr"])
            first = item["entries"][0]["page"]
            last = item["entries"][-1]["page"]
            assert last == first + 1, where
            # the continuation row opens the next page, and its Nr cell is empty
            tops = pdf.first_rows[last - 1]
            assert middle in tops, where
            assert tops.get(0, float("inf")) > tops[middle] + 2, where
            k = next(n for n, e in enumerate(item["entries"]) if e["page"] == last)
            page_text = pdf.column_pages[middle][last - 1]
            head = page_text[: page_text.index(norm(item["entries"][k]["text"])[:30])].strip()
            # before it there may only be the prefix of that entry and, when a paragraph was
            # split by the page end, the tail of the entry before it
            entry, before = item["entries"][k], item["entries"][k - 1]
            ok = False
            for prefix in prefixes(entry["kind"], entry["owner"], owner_column):
                if not head.endswith(prefix):
                    continue
                rest = head[: len(head) - len(prefix)].strip()
                ok = ok or rest == "" or norm(before["text"]).endswith(rest)
            assert ok, (where, head)
        meetings_with_continuation += bool(continued)
    assert meetings_with_continuation >= 2


def test_variants_present() -> None:
    assert any(not spec.ruled for spec in MEETINGS.values())
    assert any(has_owner_column(spec) for spec in MEETINGS.values())
    assert any(i["nr"].count(".") >= 2 for s in MEETINGS for i in load_gold(s)["items"])
    assert any("\nBesluit: " in "\n" + _cells_text(spec) for spec in MEETINGS.values())
    letters = "\n".join(_cells_text(spec) for spec in MEETINGS.values())
    assert "\nA > " in letters and re.search(r"\nA [^>:]+: ", letters)


def _cells_text(spec: MinutesSpec) -> str:
    return "\n".join(c for r in spec.rows if isinstance(r, ItemRow) for c in r.cells)


def test_ter_apel_has_one_clear_item() -> None:
    counts = []
    for slug in MEETINGS:
        for item in load_gold(slug)["items"]:
            blob = " ".join(
                [item["title"], item["toelichting"], *(e["text"] for e in item["entries"])]
            )
            counts.append((blob.count("Ter Apel"), slug, item["nr"]))
    counts.sort(reverse=True)
    assert counts[0][0] >= 3
    assert all(n <= 1 for n, _, _ in counts[1:])


def test_special_characters_survive_extraction(rendered: dict[str, tuple[Path, PdfText]]) -> None:
    text = " ".join(t for _, pdf in rendered.values() for t in pdf.page_text)
    for char in "ëïé’•–":
        assert char in text, char


def test_generation_is_deterministic(
    rendered: dict[str, tuple[Path, PdfText]], tmp_path: Path
) -> None:
    assert samples_main([str(tmp_path)]) == 0
    for slug, (path, _) in rendered.items():
        again = tmp_path / f"{slug}.pdf"
        assert again.read_bytes() == path.read_bytes(), slug


def test_renderer_rejects_words_wider_than_their_column(tmp_path: Path) -> None:
    spec = MinutesSpec(
        body="Gemeente Enschede",
        title="Verslag",
        date_line="Datum: 1 april 2022",
        rows=[TitleRow("Titel"), ItemRow("1", ["x" * 80, ""])],
    )
    with pytest.raises(ValueError, match="too wide"):
        render_minutes(spec, tmp_path / "wide.pdf")


def test_renderer_dejavu_font(tmp_path: Path) -> None:
    spec = MinutesSpec(
        body="Gemeente Almelo",
        title="Verslag Coördinatieoverleg",
        date_line="Datum: 24-03-2022",
        rows=[ThemeRow("Opvang"), TitleRow("Financiën"), ItemRow("1", ["B: één • twee’s", ""])],
        font="DejaVuSans",
    )
    path = render_minutes(spec, tmp_path / "dejavu.pdf")
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
    assert "B: één • twee’s" in text
    assert "Coördinatieoverleg" in text


@pytest.mark.skipif(not DEFAULT_SEED_TXT.is_file(), reason="seed text not available")
def test_seed_pdf(tmp_path: Path) -> None:
    spec = seed_spec(DEFAULT_SEED_TXT)
    path = build_seed_pdf(DEFAULT_SEED_TXT, tmp_path / "seed.pdf")
    pdf = read_pdf(path, spec)
    assert words_outside_their_column(path, spec) == []
    assert pdf.columns[0].text.split() == [nr for nr, _ in SEED_EXPECTED.items]
    assert SEED_EXPECTED.title in pdf.page_text[0]
    bold = norm(" ".join(pdf.bold))
    for _, title in SEED_EXPECTED.items:
        assert title in bold
    assert isinstance(spec.rows[0], ThemeRow) and spec.rows[0].text == SEED_EXPECTED.section
    middle = pdf.columns[1].text
    for action in SEED_EXPECTED.actions:
        forms = [
            f"A > {action.owner}: {action.text_start}",
            f"A {action.owner}: {action.text_start}",
        ]
        assert any(f in middle for f in forms), action
    toelichting = pdf.columns[2].text
    assert "Er is 24/7 een Twents telefoonteam in de lucht." in toelichting
    assert "In Nederland is op dit moment voldoende opvangcapaciteit." in toelichting
    assert "Omgevingsbeeld K: Het omgevingsbeeld" in middle
    assert "Persgesprek wordt alleen gedaan bij bijzonderheden. Hiervoor wordt" in middle
