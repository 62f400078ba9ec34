"""The pages in a real Chromium against a real `archive serve`: search, a facet, an item with
its marked page image, the .xlsx download, and the hostile PDF that must run nothing.

Debian's `chromium` (installed by ./run.sh) is driven by Playwright for Python; Playwright's
own browser download is not used. Screenshots of the search, item and actions pages go to
`$ARCHIVE_SCREENSHOTS` when set (the README's are made so), else to a temporary folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.archive.web.conftest import XSS_SLUG, SampleArchive

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 860}

pytestmark = pytest.mark.slow  # a browser, a server and an ingest: tens of seconds

# Counts the marking's yellow pixels of an <img> by drawing it on a canvas (same origin).
COUNT_MARKED = """(img) => {
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] > 235 && data[i + 1] > 200 && data[i + 1] < 245 && data[i + 2] < 190) n++;
  }
  return n;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Headless Debian Chromium under Playwright; fails with the packages to install."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install playwright (./run.sh installs it)")
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (./run.sh does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser, base: str) -> Iterator:
    """A fresh page on `base` that records dialogs, page errors and console errors."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, base_url=base)
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))
    yield tab
    context.close()


@pytest.fixture
def page(browser, server: str) -> Iterator:
    """A page of the sample archive's server."""
    yield from _page(browser, server)


@pytest.fixture
def hostile_page(browser, hostile_server: str) -> Iterator:
    """A page of the hostile archive's server."""
    yield from _page(browser, hostile_server)


def screenshot(page, path: Path) -> None:
    """The viewport as a small palette PNG (the README's pictures)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(page.screenshot()))
    image.convert("RGB").quantize(colors=128).save(path, optimize=True)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("ARCHIVE_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_facet_item_and_page_image(page, shots: Path) -> None:
    page.goto("/")
    page.fill("#q", "Ter Apel")
    page.press("#q", "Enter")
    page.wait_for_selector("#summary")
    assert page.locator("mark", has_text="Apel").count() >= 5
    assert page.locator("article.meeting-group").count() >= 1
    assert page.locator("section.item-group").count() >= 2
    assert "since=" not in page.url  # empty fields stay out of the address
    screenshot(page, shots / "search.png")

    page.click('a[data-facet-value="kind:actie"]')
    page.wait_for_selector(".chip")
    assert "f=kind%3Aactie" in page.url
    kinds = page.locator(".results .kind").all_inner_texts()
    assert kinds and {k.strip().lower() for k in kinds} == {"actie"}

    page.locator("a.hit-link", has_text="standpunt").first.click()
    page.wait_for_selector("tr.entry.chosen")
    assert "Overloop asielzoekers Ter Apel" in page.inner_text("h1")
    image = page.locator("figure.page img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate(COUNT_MARKED) > 1000
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, shots / "item.png")

    # Choosing another entry re-marks the image in place (the script), without reloading.
    other = page.locator("tr.entry:not(.chosen) a.show").first
    before = image.get_attribute("src")
    other.click()
    page.wait_for_function(
        "([img, before]) => img.getAttribute('src') !== before && img.complete",
        arg=[image.element_handle(), before],
    )
    assert page.locator("tr.entry.chosen").count() == 1
    assert not page.errors and not page.dialogs


def test_actions_download_as_xlsx(page, shots: Path, tmp_path: Path) -> None:
    page.goto("/actions")
    page.wait_for_selector("table.actions")
    assert page.locator("tr.action.overdue").count() > 0
    total = int(re.search(r"\d+", page.inner_text(".summary strong")).group())
    screenshot(page, shots / "actions.png")
    with page.expect_download() as caught:
        page.click("#download-xlsx")
    download = caught.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    from openpyxl import load_workbook

    from archive.export import columns

    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert list(rows[0]) == columns("actions")
    assert len(rows) == total + 1
    texts = {row[5] for row in rows[1:]}
    assert any("Ter Apel" in (t or "") for t in texts)
    assert not page.errors


def test_english_switch(page) -> None:
    page.goto("/?q=Ter+Apel")
    page.click("#lang-switch")
    page.wait_for_selector("html[lang=en]")
    assert "Refine" in page.inner_text(".facets")
    page.goto("/actions")
    assert page.locator("html[lang=en]").count() == 1


def test_the_hostile_pdf_runs_nothing(hostile_page, hostile_archive: SampleArchive) -> None:
    page = hostile_page
    sha = hostile_archive.sha_of(XSS_SLUG)
    urls = [
        "/?q=knelpunt+tekst",
        "/?q=Ter+Apel",
        f"/meeting/{sha}",
        f"/meeting/{sha}/item/1",
        f"/meeting/{sha}/item/2?entry=0",
        "/actions?q=controleren",
        "/meetings",
    ]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # Hover and click over everything the payloads could have made interactive.
        for element in page.locator("main b, main svg, main img:not(.page-image)").all():
            element.hover()
        assert page.evaluate("typeof window.__xss") == "undefined", url
        assert page.locator("main img[src=x], main svg, main b[onmouseover]").count() == 0, url
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
    page.goto(f"/meeting/{sha}/item/1")
    body = page.inner_text("main")
    assert '<script>window.__xss="script"</script>' in body  # shown, as text
    assert "javascript:window.__xss='link'" in body
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<script>" in page.title()
    assert not page.dialogs and not page.errors
