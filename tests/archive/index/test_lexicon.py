"""The word tables the analysis derives from wordfreq and pyphen, cached between processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.index import lexicon


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "minutes-archive"


def test_a_table_is_built_once_and_read_back_after(cache_home: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("huisarts\n")
    builds: list[int] = []

    def build() -> tuple[dict[str, float], frozenset[str]]:
        builds.append(1)
        return {"huisarts": 4.2}, frozenset({"zandzak"})

    first = lexicon._cached("test", [source], build)
    again = lexicon._cached("test", [source], build)
    assert first == again == ({"huisarts": 4.2}, frozenset({"zandzak"}))
    assert len(builds) == 1
    (cached,) = cache_home.iterdir()
    assert cached.stat().st_mode & 0o077 == 0 and cache_home.stat().st_mode & 0o077 == 0
    # A changed source is another table; a damaged cache file is built again, not trusted.
    source.write_text("huisarts\nhuisartsen\n")
    lexicon._cached("test", [source], build)
    assert len(builds) == 2
    for path in cache_home.iterdir():
        path.write_bytes(b"\x00garbage")
    assert lexicon._cached("test", [source], build) == first
    assert len(builds) == 3


def test_a_cache_that_cannot_be_written_costs_only_time(
    cache_home: Path, tmp_path: Path
) -> None:
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("not a folder")  # the cache folder cannot be made
    assert lexicon._cached("test", [], lambda: ({"a": 1.0}, frozenset())) == (
        {"a": 1.0},
        frozenset(),
    )


def test_the_real_tables_read_back_as_they_were_built(cache_home: Path) -> None:
    built = lexicon._build_table()
    lexicon._table.cache_clear()
    try:
        assert lexicon._table() == built  # built and stored
        lexicon._table.cache_clear()
        assert lexicon._table() == built  # read back from the cache
    finally:
        lexicon._table.cache_clear()
    assert any(p.name.startswith("words-") for p in cache_home.iterdir())
