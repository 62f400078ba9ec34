"""The HTML pages as a browser receives them: search, meeting, item, page images, actions."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from archive.cli import app as cli
from archive.export import columns
from archive.index import Archive
from tests.archive.web.conftest import SampleArchive
from tests.factories import corpus, letter, meeting_april, sha

VRT = "vrt-bao-oekraine-2022-04-07"
runner = CliRunner()


def marked_pixels(png: bytes) -> int:
    """Pixels of the marking's yellow fill over white paper."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((r > 235) & (g > 200) & (g < 245) & (b < 190)).sum())


# --- search ---------------------------------------------------------------------------------


def test_search_groups_hits_by_meeting_and_item(client) -> None:
    page = client.get("/", params={"q": "Ter Apel"})
    assert page.status_code == 200
    html = page.text
    assert "<mark>Ter</mark> <mark>Apel</mark>" in html
    assert html.count('class="meeting-group"') >= 1
    group = html.split('class="meeting-group"')[1]
    assert "Verslag Bestuurlijk Afstemmingsoverleg Oekraïne" in group
    assert group.count('class="item-group"') >= 2
    assert "Overloop asielzoekers Ter Apel" in group
    assert re.search(
        r'href="/meeting/[0-9a-f]{64}/item/2\.5\?entry=\d+&amp;q=Ter\+Apel#entry-\d+"', group
    )


def test_facets_show_counts_and_toggle(client) -> None:
    html = client.get("/", params={"q": "Ter Apel"}).text
    assert 'data-facet="kind"' in html and 'data-facet="municipality"' in html
    link = re.search(r'<a href="([^"]+)" data-facet-value="kind:actie"', html)
    assert link is not None
    picked = client.get("/" + link.group(1).replace("&amp;", "&"))
    assert 'class="chip"' in picked.text and 'aria-pressed="true"' in picked.text
    kinds = re.findall(r'class="kind kind-(\w+)"', picked.text.split('class="results"')[1])
    assert kinds and set(kinds) == {"actie"}


def test_did_you_mean_and_fuzzy_notice(client) -> None:
    fuzzy = client.get("/", params={"q": "Ter ApeI"}).text
    assert 'class="fuzzy notice"' in fuzzy and "<mark>" in fuzzy
    typo = client.get("/", params={"q": "zandzakkken"}).text
    assert 'class="didyoumean"' in typo and "<strong>zandzakken</strong>" in typo


def test_a_bad_query_is_explained_with_a_fix(client) -> None:
    page = client.get("/", params={"q": "soortt:besluit"})
    assert page.status_code == 400
    assert "soort:" in page.text and 'class="suggestion"' in page.text
    assert "?q=soort%3Abesluit" in page.text


def test_paging_links(client) -> None:
    html = client.get("/", params={"q": "*", "limit": 5}).text
    assert 'rel="next"' in html and 'aria-current="page" class="current">1<' in html
    second = client.get("/", params={"q": "*", "limit": 5, "page": 2}).text
    assert 'rel="prev"' in second


def test_dutch_by_default_english_on_request_and_remembered(app) -> None:
    from fastapi.testclient import TestClient

    browser = TestClient(app, base_url="http://127.0.0.1")  # a client of its own: its cookies
    assert "Zoeken" in browser.get("/").text
    english = browser.get("/", params={"lang": "en"})
    assert "Refine" in english.text and '<html lang="en">' in english.text
    assert "lang=en" in english.headers["set-cookie"]
    assert '<html lang="en">' in browser.get("/actions").text  # the cookie
    assert '<html lang="nl">' in browser.get("/", params={"lang": "nl"}).text


def test_every_phrase_exists_in_both_languages() -> None:
    from archive.web.i18n import EN, NL

    assert set(NL) == set(EN)
    assert all(NL[k].count("{") == EN[k].count("{") for k in NL)


# --- meeting and item -----------------------------------------------------------------------


def test_meeting_page_lists_items_entries_and_facts(client, sample_archive: SampleArchive) -> None:
    sha = sample_archive.sha_of(VRT)
    html = client.get(f"/meeting/{sha}").text
    assert "Veiligheidsregio Twente" in html and "2022-04-07" in html
    assert "Overloop asielzoekers Ter Apel" in html and "Toelichting" in html
    assert f'href="/meeting/{sha}/original"' in html
    assert html.count('class="entry') > 20


def test_item_page_shows_entries_toelichting_and_marked_pages(
    client, sample_archive: SampleArchive
) -> None:
    sha = sample_archive.sha_of(VRT)
    record = client.get(f"/api/meetings/{sha}/items/2.5").json()["item"]
    actie = next(n for n, e in enumerate(record["entries"]) if e["kind"] == "actie")
    html = client.get(f"/meeting/{sha}/item/2.5", params={"entry": actie}).text
    assert f'id="entry-{actie}" class="entry chosen"' in html
    assert "voorzitter" in html and "Ter Apel ligt in de gemeente Westerwolde" in html
    assert f"/meeting/{sha}/page/2.png?item=2.5&amp;entry={actie}" in html
    data = json.loads(re.search(r'id="item-data">(.*?)</script>', html, re.S).group(1))
    assert data["item"] == "2.5" and 2 in data["pages"]
    assert len(data["entries"]) == len(record["entries"])


def test_page_image_marks_the_entry_from_the_record(client, sample_archive: SampleArchive) -> None:
    sha = sample_archive.sha_of(VRT)
    plain = client.get(f"/meeting/{sha}/page/2.png")
    assert plain.status_code == 200 and plain.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(plain.content))
    assert image.width == 1000 and image.height > 1000
    marked = client.get(f"/meeting/{sha}/page/2.png", params={"item": "2.5", "entry": 3})
    assert marked_pixels(marked.content) > 2000 > marked_pixels(plain.content)
    elsewhere = client.get(f"/meeting/{sha}/page/1.png", params={"item": "2.5", "entry": 3})
    assert marked_pixels(elsewhere.content) < 100  # item 2.5 is not on page 1
    assert client.get(f"/meeting/{sha}/page/99.png").status_code == 404


def test_original_file_is_served_by_its_hash(client, sample_archive: SampleArchive) -> None:
    sha = sample_archive.sha_of(VRT)
    response = client.get(f"/meeting/{sha}/original")
    assert response.status_code == 200
    assert response.content == (sample_archive.minutes / f"{VRT}.pdf").read_bytes()
    assert response.headers["content-type"] == "application/pdf"
    assert f'filename="{VRT}.pdf"' in response.headers["content-disposition"]


@pytest.fixture(scope="module")
def factory_client(tmp_path_factory: pytest.TempPathFactory):
    """An archive of hand-built meetings: OCR pages, a page needing review, a letter."""
    from fastapi.testclient import TestClient

    from archive.web import create_app

    directory = tmp_path_factory.mktemp("web-factory") / "index"
    with Archive(directory) as archive:
        archive.add_meetings(corpus())
    app = create_app(directory)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    app.state.web.close()


def test_ocr_and_review_pages_are_shown(factory_client) -> None:
    html = factory_client.get(f"/meeting/{meeting_april().sha256}").text
    assert "OCR" in html and "Te controleren" in html and "lage OCR-kwaliteit" in html
    assert "(pagina te controleren)" in html  # the entry on page 3
    listing = factory_client.get("/meetings").text
    assert "Verslag Veiligheidsberaad Groningen" in listing
    facets = factory_client.get("/api/facets").json()["facets"]
    assert facets["ocr"] and facets["review"]
    html = factory_client.get("/", params={"f": "review:yes"}).text
    assert "Pagina te controleren" in html  # the facet's label


def test_a_document_without_a_table_shows_its_pages(factory_client) -> None:
    html = factory_client.get(f"/meeting/{letter().sha256}").text
    assert 'id="page-1"' in html and "<pre>" in html
    hit = factory_client.get("/api/search", params={"q": "Loppersum"}).json()["hits"]
    assert hit


def test_a_missing_original_is_not_found_not_an_error(factory_client) -> None:
    # The factories' sources do not exist on this machine.
    response = factory_client.get(f"/meeting/{meeting_april().sha256}/original")
    assert response.status_code == 404
    image = factory_client.get(f"/meeting/{meeting_april().sha256}/page/1.png")
    assert image.status_code == 404


# --- actions --------------------------------------------------------------------------------


def test_actions_page_marks_overdue(client) -> None:
    html = client.get("/actions").text
    assert 'class="action overdue"' in html and "verlopen" in html
    assert 'id="download-xlsx"' in html
    only = client.get("/actions", params={"overdue": "true", "owner": "DPG"}).text
    rows = re.findall(r'<tr class="action([^"]*)"', only)
    assert rows and all("overdue" in r for r in rows)


def cli_export(index: Path, *extra: str) -> str:
    result = runner.invoke(cli, ["export", "actions", "--index", str(index), *extra])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_downloads_hold_what_export_writes(client, sample_archive: SampleArchive) -> None:
    plain = client.get("/actions/download", params={"format": "csv", "owner": "DPG"})
    assert plain.status_code == 200 and "attachment" in plain.headers["content-disposition"]
    expected = cli_export(sample_archive.index, "--owner", "DPG")
    rows = list(csv.reader(io.StringIO(plain.content.decode("utf-8"))))
    assert rows == list(csv.reader(io.StringIO(expected)))
    assert rows[0] == columns("actions") and len(rows) > 1

    excel = client.get("/actions/download", params={"format": "excel"}).content
    assert excel.startswith("\ufeff".encode()) and b";" in excel.splitlines()[0]

    from openpyxl import load_workbook

    xlsx = client.get("/actions/download", params={"format": "xlsx"})
    assert xlsx.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    table = list(sheet.iter_rows(values_only=True))
    total = client.get("/api/actions").json()["total"]
    assert list(table[0]) == columns("actions") and len(table) == total + 1


def test_an_item_number_with_a_slash_has_its_page(tmp_path: Path) -> None:
    from datetime import date

    from fastapi.testclient import TestClient

    from archive.web import create_app
    from archive.web.views import item_url
    from pipeline.records import Entry, Item, Meeting

    coded = Meeting(
        title="Actielijst",
        body="",
        date=date(2024, 3, 1),
        source="/elders/lijst.pdf",
        sha256=sha("lijst"),
        page_count=1,
        items=[Item(nr="mrt24/03", title="Schuine streep", entries=[Entry("actie", "bellen")])],
    )
    with Archive(tmp_path) as archive:
        archive.add_meetings([coded])
    client = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")
    assert "Schuine streep" in client.get(item_url(coded.sha256, "mrt24/03")).text
    api = client.get(f"/api/meetings/{coded.sha256}/items/mrt24%2F03").json()
    assert api["item"]["nr"] == "mrt24/03"


def test_page_cache_makes_its_folder_only_when_it_renders(tmp_path, monkeypatch) -> None:
    import tempfile

    from PIL import Image

    from archive.web.pageimage import PageCache

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    scan = tmp_path / "scan.png"
    Image.new("RGB", (850, 1100), "white").save(scan)

    idle = PageCache()  # an app never shut down that shows no page: a test's client, a script
    assert len(idle) == 0 and not list(tmp_path.glob("archive-pages-*"))

    cache = PageCache()
    rendered = cache.page("0" * 64, scan, 1)
    assert rendered.path.exists() and rendered.path.parent.name.startswith("archive-pages-")
    cache.close()
    assert not list(tmp_path.glob("archive-pages-*"))
