"""Safety of the server: escaping, headers, limits, no path traversal, read-only, and reading
the last commit while another process writes."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from archive.index import Archive
from archive.web import create_app
from archive.web.templating import environment
from pipeline.errors import IndexUnavailableError, UsageError
from pipeline.records import Meeting
from tests.archive.web.conftest import XSS_PAYLOADS, XSS_SLUG, SampleArchive
from tests.factories import corpus, meeting_april, sha

RAW = ("<script>", "<img src=x", "<svg onload", "<b onmouseover")


def hostile_pages(client, archive: SampleArchive) -> dict[str, str]:
    sha_ = archive.sha_of(XSS_SLUG)
    return {
        url: client.get(url).text
        for url in (
            "/?q=knelpunt+tekst",
            "/?q=Ter+Apel",
            "/?q=" + "window.__xss",
            f"/meeting/{sha_}",
            f"/meeting/{sha_}/item/1",
            f"/meeting/{sha_}/item/2?entry=0",
            "/actions?q=controleren",
            "/meetings",
        )
    }


def test_text_from_the_pdf_is_escaped_everywhere(
    hostile_client, hostile_archive: SampleArchive
) -> None:
    pages = hostile_pages(hostile_client, hostile_archive)
    for url, html in pages.items():
        for raw in RAW:
            assert raw not in html, (url, raw)
    joined = "\n".join(pages.values())
    assert "&lt;script&gt;window.__xss=&#34;script&#34;&lt;/script&gt;" in joined
    assert "&#34;&gt;&lt;img src=x onerror=" in joined
    assert "javascript:window.__xss" in joined  # shown as text …
    assert not re.search(r'href="\s*javascript:', joined, re.I)  # … never as a link
    # Every script on every page is the page's own file or inert JSON data.
    for html in pages.values():
        for tag in re.findall(r"<script[^>]*>", html):
            assert tag in (
                '<script src="/static/app.js" defer>',
                '<script type="application/json" id="item-data">',
            ), tag


def test_json_in_a_script_tag_cannot_close_it() -> None:
    template = environment().from_string('<script type="application/json">{{ d|tojson }}</script>')
    out = template.render(d={"x": XSS_PAYLOADS[0] + "</script><script>alert(1)</script>"})
    assert out.count("</script>") == 1 and "<script>alert" not in out
    assert "\\u003c/script\\u003e" in out


def test_every_response_carries_the_policy(client, sample_archive: SampleArchive) -> None:
    sha_ = sample_archive.sha_of("vrt-bao-oekraine-2022-04-07")
    for url in (
        "/",
        "/api/stats",
        "/static/app.css",
        "/nothing",
        "/api/nothing",
        f"/meeting/{sha_}/page/1.png",
        f"/meeting/{sha_}/original",
    ):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy, url
        assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    docs = client.get("/api/docs").headers["content-security-policy"]
    assert "script-src 'self';" in docs  # Swagger UI runs from files too


def test_request_sizes_and_lengths_are_bounded(client) -> None:
    assert client.get("/?q=" + "x" * 5000).status_code == 414
    assert client.get("/api/search?q=" + "x" * 600).status_code == 400
    assert client.get("/?q=" + "x" * 600).status_code == 400
    assert client.get("/api/search?" + "&".join(["f=kind:actie"] * 13)).status_code == 400
    big = client.post("/api/search", content=b"x" * 20_000)
    assert big.status_code == 413 and big.json()["exit_code"] == 2
    assert client.post("/api/search", content=b"{}").status_code == 405
    assert client.get("/api/search?limit=101").status_code == 400


def test_unknown_host_names_are_refused(app) -> None:
    # A page elsewhere cannot reach a server on localhost through a name it controls.
    assert TestClient(app, base_url="http://evil.example").get("/").status_code == 400
    assert TestClient(app, base_url="http://localhost:8000").get("/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/meeting/..%2F..%2F..%2Fetc%2Fpasswd/original",
        "/meeting/%2e%2e/original",
        "/meeting/" + "../" * 10 + "etc/passwd",
        "/meeting/" + "a" * 63 + "/original",
        "/meeting/" + "0" * 64 + "/original",
        "/meeting/" + "0" * 64 + "/page/1.png",
    ],
)
def test_no_file_but_an_original_by_its_hash(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert "[build-system]" not in response.text and "root:" not in response.text


def test_a_changed_original_is_not_served(tmp_path: Path) -> None:
    source = tmp_path / "verslag.pdf"
    source.write_bytes(b"%PDF-1.4 the ingested version")
    meeting = Meeting(
        title="Verslag",
        body="",
        date=None,
        source=str(source),
        sha256=hashlib.sha256(source.read_bytes()).hexdigest(),
        page_count=1,
    )
    with Archive(tmp_path / "index") as archive:
        archive.add_meetings([meeting])
    client = TestClient(create_app(tmp_path / "index"), base_url="http://127.0.0.1")
    assert client.get(f"/meeting/{meeting.sha256}/original").content == source.read_bytes()
    source.write_bytes(b"%PDF-1.4 replaced by something else")
    changed = client.get(f"/meeting/{meeting.sha256}/original")
    assert changed.status_code == 404 and b"something else" not in changed.content


def snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for root, _, files in os.walk(directory):
        for name in files:
            stat = (Path(root) / name).stat()
            out[str(Path(root) / name)] = (stat.st_size, stat.st_mtime_ns)
    return out


def test_the_server_only_reads(hostile_client, hostile_archive: SampleArchive) -> None:
    client = hostile_client
    before = snapshot(hostile_archive.index)
    hostile_pages(client, hostile_archive)
    sha_ = hostile_archive.sha_of(XSS_SLUG)
    for url in (
        "/api/stats",
        "/api/facets",
        "/actions/download?format=xlsx",
        f"/meeting/{sha_}/page/1.png?item=1",
    ):
        assert client.get(url).status_code == 200
    assert snapshot(hostile_archive.index) == before


def test_it_sees_each_commit_of_a_writer(tmp_path: Path) -> None:
    meetings = corpus()
    with Archive(tmp_path) as writer:
        writer.add_meetings(meetings[:1])
    client = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")
    before = client.get("/api/stats").json()["meetings"]
    assert client.get("/api/search", params={"q": "Loppersum"}).json()["total"] == 0
    with Archive(tmp_path) as writer:  # another process would do the same
        writer.add_meetings(meetings[1:])
    assert client.get("/api/stats").json()["meetings"] == before + len(meetings) - 1
    assert client.get("/api/search", params={"q": "Loppersum"}).json()["total"] > 0
    assert len(client.get("/api/meetings").json()["meetings"]) == len(meetings)


def test_an_index_that_needs_rebuilding_is_refused(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.add_meetings([meeting_april()])
    (tmp_path / "whoosh" / "archive-schema.json").write_text('{"version": 1}')
    with pytest.raises(IndexUnavailableError, match="rebuilt") as caught:
        create_app(tmp_path)
    assert "archive reindex" in caught.value.hint
    assert (tmp_path / "whoosh" / "archive-schema.json").read_text() == '{"version": 1}'


def test_no_archive_is_an_unavailable_archive(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match="No archive"):
        create_app(tmp_path / "none")
    assert not (tmp_path / "none").exists()


def test_sha_keys_are_checked() -> None:
    from archive.web.service import check_sha

    assert check_sha(sha("x").upper()) == sha("x")
    for bad in ("", "../etc", sha("x")[:-1], sha("x") + "0", "g" * 64):
        with pytest.raises(UsageError):
            check_sha(bad)


def test_facet_counts_follow_each_commit(tmp_path: Path) -> None:
    # Facet value lists are kept per index segment: a commit, a removal and a merge must all
    # show in the counts.
    meetings = corpus()
    with Archive(tmp_path) as writer:
        writer.add_meetings(meetings[:1])
    client = TestClient(create_app(tmp_path), base_url="http://127.0.0.1")

    def kinds() -> dict[str, int]:
        return client.get("/api/facets").json()["facets"]["kind"]

    def truth() -> dict[str, int]:
        with Archive(tmp_path) as reader:
            result = reader.search("*", limit=None, snippets=False, fuzzy=False)
        counts: dict[str, int] = {}
        for hit in result.hits:
            counts[hit.record["kind"]] = counts.get(hit.record["kind"], 0) + 1
        return counts

    assert kinds() == truth()
    with Archive(tmp_path) as writer:
        writer.add_meetings(meetings[1:])
    assert kinds() == truth() and sum(kinds().values()) > 0
    with Archive(tmp_path) as writer:
        writer.remove([meetings[0].sha256])
    assert kinds() == truth()
    with Archive(tmp_path) as writer:
        writer.reindex()  # one new segment for everything
    assert kinds() == truth()
