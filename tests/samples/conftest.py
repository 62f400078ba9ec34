"""Session fixtures for the drawn Word-made minutes: rendered once, shared by every test.

``DOCGEN_CACHE=DIR`` keeps the renders between sessions (a render is reused only when its gold
was made from the same spec).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samples.docgen import Rendered, render_draws
from samples.docgen.render import covering_seeds


@pytest.fixture(scope="session")
def drawn_seeds() -> list[int]:
    """The fixed small set of seeds the render tests use (every template at least once)."""
    return covering_seeds()


@pytest.fixture(scope="session")
def drawn_docs(drawn_seeds: list[int], tmp_path_factory: pytest.TempPathFactory
               ) -> list[Rendered]:
    """Those draws rendered through LibreOffice, with their gold."""
    cache = os.environ.get("DOCGEN_CACHE")
    outdir = Path(cache) if cache else tmp_path_factory.mktemp("docgen")
    return render_draws(drawn_seeds, outdir)
