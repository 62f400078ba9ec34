"""Shared fixtures: the real-world corpus, the rendered sample minutes and their scans, the
drawn word-processor minutes.

Rendering and degrading pages takes seconds, so these are made once per session, in
``tmp_path_factory``, and shared by every test that needs them. ``DOCGEN_CACHE=DIR`` keeps the
drawn renders between sessions (a render is reused only when its gold was made from the same
spec).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.paths import REAL_CORPUS

CORPUS = REAL_CORPUS


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    """The folder of real-world PDFs described by its MANIFEST.md; skips when absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"no real-world corpus at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def tesseract_ready() -> tuple[int, ...]:
    """Tesseract's version, after checking it and its Dutch data are installed.

    Fails (rather than skips) when they are not: the error names the packages to install.
    """
    from pipeline.ocr import tesseract

    return tesseract.ensure_available("nld")


@pytest.fixture(scope="session")
def rendered_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample meeting as a born-digital PDF: ``{slug: path}``."""
    from samples import write_samples

    out = tmp_path_factory.mktemp("samples")
    return {path.stem: path for path in write_samples(out)}


@pytest.fixture(scope="session")
def scanned_sample(
    rendered_samples: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], dict[str, Path]]:
    """``scanned_sample(slug)``: the scanned variants of one sample (see
    :func:`tests.scans.scanned_variants`), made on first use and kept for the session."""
    from samples.scans import scanned_variants

    made: dict[str, dict[str, Path]] = {}

    def variants(slug: str) -> dict[str, Path]:
        if slug not in made:
            out = tmp_path_factory.mktemp(f"scans-{slug[:12]}")
            made[slug] = scanned_variants(rendered_samples[slug], out)
        return made[slug]

    return variants


@pytest.fixture(scope="session")
def drawn_seeds() -> list[int]:
    """The fixed small set of seeds the render tests use (every template at least once)."""
    from samples.docgen.render import covering_seeds

    return covering_seeds()


@pytest.fixture(scope="session")
def drawn_docs(drawn_seeds: list[int], tmp_path_factory: pytest.TempPathFactory) -> list:
    """Those draws rendered through LibreOffice, with their gold (``samples.docgen.Rendered``)."""
    from samples.docgen import render_draws

    cache = os.environ.get("DOCGEN_CACHE")
    outdir = Path(cache) if cache else tmp_path_factory.mktemp("docgen")
    return render_draws(drawn_seeds, outdir)
