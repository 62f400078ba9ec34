"""Fixtures for the index tests, parametrized over the search backends.

A second backend adds its name to BACKENDS: every test that takes `backend` or `open_archive`
then runs against it too, which is the contract it must meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archive.index import Archive, SearchBackend
from archive.index.backend import backend_class

BACKENDS = ["whoosh", "tantivy"]


@pytest.fixture(scope="session", params=BACKENDS)
def backend_name(request: pytest.FixtureRequest) -> str:
    """The backend under test; session-wide, so module and session fixtures (an archive of
    the samples built once) are built once per backend too."""
    return request.param


@pytest.fixture
def backend(backend_name: str, tmp_path: Path) -> Iterator[SearchBackend]:
    """An empty index of the backend, current and open."""
    cls = backend_class(backend_name)
    index = cls(tmp_path / cls.name)
    index.rebuild([])
    yield index
    index.close()


@pytest.fixture
def open_archive(backend_name: str, tmp_path: Path) -> Iterator[Callable[..., Archive]]:
    """`open_archive(directory=None, **options)`: an Archive on the backend, closed after."""
    opened: list[Archive] = []

    def make(directory: Path | None = None, **options: object) -> Archive:
        archive = Archive(directory or tmp_path / "archive", backend=backend_name, **options)
        opened.append(archive)
        return archive

    yield make
    for archive in opened:
        archive.close()
