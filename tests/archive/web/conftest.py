"""Generated archives for the web tests, ingested as `archive ingest` does: the bundled sample
minutes, and one hostile PDF; the ASGI app over each, and a real `archive serve` on a free port.

The hostile PDF's entries carry script tags, attribute breakouts and `javascript:` links, so
every page that shows text from the minutes is tested against them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

XSS_SLUG = "xss-proef-2023-03-01"
XSS_TITLE = 'Verslag <script>window.__xss="title"</script> proefoverleg'
# Each payload sets window.__xss (or opens a dialog) if it ever runs.
XSS_PAYLOADS = (
    '<script>window.__xss="script"</script>',
    '"><img src=x onerror="window.__xss=\'img\'">',
    "javascript:window.__xss='link'",
    "</textarea><svg onload=alert('svg')>",
    "'><b onmouseover=alert('attr')>vet</b>",
)


def _xss_spec():  # built on first use: `samples` is rendered by reportlab
    from samples import ItemRow, MinutesSpec, TitleRow

    script, img, link, svg, attr = XSS_PAYLOADS
    return MinutesSpec(
        body='Gemeente <b>Proef</b>"',
        title=XSS_TITLE,
        date_line="Datum: woensdag 1 maart 2023, 10.00 – 11.00 uur",
        heading_lines=["Aanwezig: voorzitter, secretaris"],
        rows=[
            TitleRow("Beveiliging " + script),
            ItemRow(
                "1",
                [
                    f"B: Het overleg besluit {script} niet uit te voeren.\n\n"
                    f"K: Een knelpunt met {img} in de tekst.\n\n"
                    f"A > secretaris: de link {link} voor 1 april 2023 controleren.",
                    f"Toelichting met {svg} en {attr} erin.",
                ],
            ),
            TitleRow("Tweede punt"),
            ItemRow(
                "2",
                [
                    f"A > voorzitter {img}: de brief aan Westerwolde over Ter Apel sturen.",
                    "",
                ],
            ),
        ],
    )


@dataclass
class SampleArchive:
    """The generated archive: its index directory and the folder of source files."""

    index: Path
    minutes: Path

    def sha_of(self, slug: str) -> str:
        from archive.index import Archive

        with Archive(self.index) as archive:
            for sha, source in archive.known().items():
                if Path(source).stem == slug:
                    return sha
        raise KeyError(slug)


def ingest(minutes: Path, index: Path) -> SampleArchive:
    """`minutes` ingested into a fresh archive at `index`, as `archive ingest` does."""
    from archive.index import Archive
    from archive.ingest import IngestOptions, run_ingest

    with Archive(index) as archive:
        result = run_ingest([minutes], archive, IngestOptions(workers=2, ocr="never"))
    failed = [o for o in result.outcomes if o.status == "failed"]
    assert not failed, failed
    return SampleArchive(index=index, minutes=minutes)


@pytest.fixture(scope="session")
def sample_archive(tmp_path_factory: pytest.TempPathFactory) -> SampleArchive:
    """The four sample meetings, rendered and ingested into a fresh index."""
    from samples import write_samples

    root = tmp_path_factory.mktemp("web-archive")
    write_samples(root / "minutes")
    return ingest(root / "minutes", root / "index")


@pytest.fixture(scope="session")
def hostile_archive(tmp_path_factory: pytest.TempPathFactory) -> SampleArchive:
    """An archive of the one hostile PDF."""
    from samples import render_minutes

    root = tmp_path_factory.mktemp("web-hostile")
    render_minutes(_xss_spec(), root / "minutes" / f"{XSS_SLUG}.pdf")
    return ingest(root / "minutes", root / "index")


def _app(archive: SampleArchive):
    from archive.web import create_app

    application = create_app(archive.index)
    yield application
    application.state.web.close()
    application.state.pages.close()


@pytest.fixture(scope="session")
def app(sample_archive: SampleArchive):
    """The application over the sample archive (closed at the end of the session)."""
    yield from _app(sample_archive)


@pytest.fixture(scope="session")
def hostile_app(hostile_archive: SampleArchive):
    """The application over the hostile archive."""
    yield from _app(hostile_archive)


def _client(application) -> Iterator:
    from fastapi.testclient import TestClient

    # Addressed as a browser on this machine would: the server refuses other host names.
    with TestClient(application, base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def client(app) -> Iterator:
    """An ASGI test client of the sample archive's application."""
    yield from _client(app)


@pytest.fixture(scope="session")
def hostile_client(hostile_app) -> Iterator:
    """An ASGI test client of the hostile archive's application."""
    yield from _client(hostile_app)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Poll `url` until the server answers; fail with its output if it dies first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate()
            raise RuntimeError(f"archive serve exited {process.returncode}: {err or out}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} within {timeout} s")


def _serve(archive: SampleArchive) -> Iterator[str]:
    """`archive serve` on a free localhost port, as a user starts it; yields its base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "archive.cli",
        "serve",
        "--index",
        str(archive.index),
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/stats", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(sample_archive: SampleArchive) -> Iterator[str]:
    """A real server of the sample archive."""
    yield from _serve(sample_archive)


@pytest.fixture(scope="session")
def hostile_server(hostile_archive: SampleArchive) -> Iterator[str]:
    """A real server of the hostile archive."""
    yield from _serve(hostile_archive)
