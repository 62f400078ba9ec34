"""Generated series rendered by LibreOffice and ingested with the real ingest, once per
session: the archive every end-to-end thread test reads.

``DOCGEN_CACHE=DIR`` keeps the renders between sessions (reused only when made from the same
spec), as for the drawn documents.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.index import Archive
from archive.ingest import IngestOptions, run_ingest
from samples.docgen.series import RenderedSeries, render_series

# Fixed seeds that between them have action lists and none, codes of every style, inline codes,
# closing sentences and a missing meeting.
SERIES_SEEDS = (1, 4, 6, 12)


@dataclass
class SeriesArchive:
    index: Path
    series: list[RenderedSeries]


@pytest.fixture(scope="session")
def series_archive(tmp_path_factory: pytest.TempPathFactory) -> SeriesArchive:
    cache = os.environ.get("DOCGEN_CACHE")
    outdir = Path(cache) / "series" if cache else tmp_path_factory.mktemp("series")
    rendered = render_series(list(SERIES_SEEDS), outdir)
    index = tmp_path_factory.mktemp("series-archive") / "index"
    with Archive(index) as archive:
        result = run_ingest([d.pdf for s in rendered for d in s.docs], archive,
                            IngestOptions(workers=2))
    assert result.committed == sum(len(s.docs) for s in rendered), result
    return SeriesArchive(index, rendered)
