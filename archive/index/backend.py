"""The seam between the archive and a search engine: the :class:`SearchBackend` protocol.

A backend indexes the documents of the contract (:mod:`archive.index.contract`) and answers
neutral query trees (:mod:`archive.index.query.tree`); nothing of the engine crosses this seam.
The archive around it (:class:`archive.index.archive.Archive`) owns the JSON records, the lock,
the write journal and crash recovery, so a backend is only an index that can be rebuilt from
the records at any time.

A second backend is one new folder, `archive/index/<name>/`, whose `__init__.py` names its class
as `BACKEND`; :func:`backend_class` finds it by that name (``ARCHIVE_BACKEND=<name>``). Its
index lives in `<index dir>/<name>/`, beside the records and any other backend's index; the
name an archive was opened with explicitly (`archive ingest --backend tantivy`) is stored in
`<index dir>/search-backend.json` (:func:`store_backend`), and later commands follow it. The
contract tests in `tests/archive/index/` run against every backend the `backend` fixture lists.
"""

from __future__ import annotations

import importlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

from archive.atomic import atomic_write_json, private_files
from archive.index.query.tree import Node
from pipeline.errors import IndexUnavailableError
from pipeline.records import Meeting

DEFAULT_BACKEND = "whoosh"
# The backend an archive directory was last opened with by name (`ingest --backend`), so that
# later commands, which name none, follow it.
CHOICE_FILE = "search-backend.json"

# relevance; date: newest meeting first; minutes: oldest first, in the order of the minutes.
Sort = Literal["relevance", "date", "minutes"]

# The facets a backend counts, by name → the index field counted (see contract.FIELDS).
FACETS: dict[str, str] = {
    "kind": "kind",
    "body": "body",
    "year": "year",
    "owner_role": "owner_role",
    "municipality": "municipality_key",
    "org": "org_key",
    "status": "status",
    "ocr": "ocr",
    "review": "review",
}


@dataclass
class Prepared:
    """A meeting made ready for the index by :meth:`SearchBackend.prepare`: its store record
    (JSON) and the backend's own form of its documents. Plain and picklable, so ingest workers
    make it and the single writer only files it."""

    meeting: Meeting
    documents: Any  # the backend's form of contract.meeting_documents(meeting)
    entries: int  # entry documents among them
    record: str | None = None  # the record store's JSON of the meeting, when made ahead


@dataclass
class Found:
    """One hit as a backend returns it: the entry's record and its score."""

    record: dict[str, Any]
    score: float | None  # None when sorted by date or minutes order


@dataclass
class SearchPage:
    """One page of what a query found, and how many documents match in all."""

    found: list[Found]
    total: int
    exact: bool = True  # False: `total` is an estimate (a very common word)
    # The index terms the query matched in the text fields (prefixes and fuzzy words expanded),
    # for the snippets: asked for only when snippets are made, so a backend may defer the work.
    matched_terms: Callable[[], frozenset[str]] = frozenset

    @property
    def matched(self) -> frozenset[str]:
        return self.matched_terms()


@runtime_checkable
class SearchBackend(Protocol):
    """A search index of one archive directory, rebuildable from the records at any time.

    Writes come from one writer at a time (the archive holds the lock); reads may run in any
    number of processes while a write goes on, and see the last committed state.
    """

    name: ClassVar[str]

    def __init__(self, directory: Path) -> None:
        """The backend's index in `directory` (`<index dir>/<name>`); opens nothing yet."""

    # --- opening --------------------------------------------------------------------------

    def is_current(self) -> bool:
        """The index exists, was written with this schema version, and opens."""
        ...

    def rebuild(self, batch: Iterable[Prepared]) -> int:
        """Create the index afresh from `batch` (every meeting of the archive); the version
        marker is written last, so a crash midway means "rebuild again". Returns entries."""
        ...

    # --- writing --------------------------------------------------------------------------

    @staticmethod
    def prepare(meeting: Meeting, *, record: bool = True) -> Prepared:
        """The meeting's documents in the backend's form, text already analysed, and (with
        `record`) its store record. Pure and picklable: runs in the ingest workers."""
        ...

    def write(
        self,
        batch: Iterable[Prepared],
        *,
        delete: Iterable[str] = (),
        replace_all: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> int:
        """ONE commit: drop the documents of the sources `delete` (sha256s) and of every meeting
        in `batch`, then add the batch's documents; with `replace_all`, everything not in
        `batch` goes (a reindex). `before_commit` runs once every document is added and before
        the commit, which it stops by raising (the archive waits there for the batch's records
        to be on disk). Returns the entry documents added."""
        ...

    def delete(self, shas: Iterable[str]) -> None:
        """ONE commit dropping every document of the sources `shas`."""
        ...

    # --- reading --------------------------------------------------------------------------

    def sources(self) -> set[str]:
        """The sha256 of every source with documents in the index."""
        ...

    def doc_count(self, query: Node | None = None) -> int:
        """How many documents match `query` (all documents without one)."""
        ...

    def search(
        self,
        query: Node,
        filter: Node | None = None,
        *,
        limit: int | None = 10,
        page: int = 1,
        sort: Sort = "relevance",
    ) -> SearchPage:
        """One page of the documents matching `query` and `filter` (which restricts without
        scoring), best first or in `sort` order; `limit=None`: every match."""
        ...

    def near_words(self, field: str, word: str, maxdist: int) -> list[str]:
        """Terms of `field` within `maxdist` edits of `word` that share its first letter."""
        ...

    def suggest(self, word: str) -> str | None:
        """For a folded word the index has never seen, the nearest word of its vocabulary (the
        most frequent at the smallest distance); None for a known word or nothing near."""
        ...

    def facets(
        self,
        query: Node,
        filter: Node | None = None,
        *,
        names: Iterable[str] = FACETS,
        top: int = 20,
    ) -> dict[str, dict[str, int]]:
        """For each facet of `names` (see :data:`FACETS`), the `top` values among the documents
        matching `query` and `filter`, with their document counts, most frequent first."""
        ...

    def size_bytes(self) -> int:
        """Bytes the index takes on disk."""
        ...

    def close(self) -> None:
        """Let go of open readers."""
        ...


def backend_class(name: str = DEFAULT_BACKEND) -> type[SearchBackend]:
    """The backend class of `name`: the `BACKEND` of the package `archive.index.<name>`.

    Looked up by name because which backend an archive uses is configuration; adding one needs
    its folder only.
    """
    if not name.isidentifier():
        raise IndexUnavailableError(f"not a search backend name: {name!r}")
    try:
        module = importlib.import_module(f"archive.index.{name}")
    except ImportError as exc:
        raise IndexUnavailableError(
            f"no search backend {name!r} ({exc})",
            hint=f"Use {DEFAULT_BACKEND!r}, or install what the {name!r} backend needs.",
        ) from exc
    backend = getattr(module, "BACKEND", None)
    if backend is None:
        raise IndexUnavailableError(f"archive.index.{name} is not a search backend (no BACKEND)")
    return backend


# Below this many records a whole-archive preparation stays in this process: starting
# workers (each loads the analysis's word list) costs more than it saves.
PARALLEL_FROM = 200
PREPARE_CHUNK = 8  # meetings per task of a worker
_worker_state: dict[str, Any] = {}


def _start_preparer(prepare: Callable[[Meeting], Prepared], directory: str) -> None:
    from archive.index.store import RecordStore

    _worker_state["prepare"] = prepare
    _worker_state["store"] = RecordStore(Path(directory))


def _prepare_stored(sha: str) -> Prepared | None:
    meeting = _worker_state["store"].get(sha)
    return None if meeting is None else _worker_state["prepare"](meeting)


def _prepare_chunk(shas: list[str]) -> list[Prepared]:
    return [p for p in map(_prepare_stored, shas) if p is not None]


def prepare_stored(
    prepare: Callable[[Meeting], Prepared],
    directory: Path,
    shas: list[str],
    *,
    processes: int | None = None,
) -> Iterator[Prepared]:
    """The stored meetings of `shas` (records under `directory`), read and prepared in worker
    processes, one per CPU, in the order of `shas`: a reindex of a large archive is bound by
    the analysis, which runs in Python. Records that do not read are left out (the caller
    names them: it checked the records first)."""
    import multiprocessing
    import os

    processes = processes or os.cpu_count() or 1
    if processes < 2 or len(shas) < PARALLEL_FROM:
        _start_preparer(prepare, str(directory))
        yield from (p for p in map(_prepare_stored, shas) if p is not None)
        return
    # forkserver: never a fork of this process, which may hold an index writer's threads.
    context = multiprocessing.get_context("forkserver")
    chunks = [shas[i : i + PREPARE_CHUNK] for i in range(0, len(shas), PREPARE_CHUNK)]
    with context.Pool(
        processes, initializer=_start_preparer, initargs=(prepare, str(directory))
    ) as pool:
        # A bounded window of chunks in flight: when the index writes slower than the workers
        # prepare, they wait, rather than fill this process's memory with prepared meetings.
        window: deque[Any] = deque()
        for chunk in chunks:
            window.append(pool.apply_async(_prepare_chunk, (chunk,)))
            if len(window) >= processes * 4:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


def stored_backend(directory: Path) -> str | None:
    """The backend name stored in the archive directory, or None (none stored, or unreadable:
    then the default applies, and the records are there to build it from)."""
    try:
        name = json.loads((Path(directory) / CHOICE_FILE).read_text(encoding="utf-8"))["backend"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return name if isinstance(name, str) and name.isidentifier() else None


def store_backend(directory: Path, name: str) -> None:
    """Remember `name` as the archive directory's backend (written only when it changes)."""
    if stored_backend(directory) == name:
        return
    with private_files():
        atomic_write_json(Path(directory) / CHOICE_FILE, {"backend": name})


__all__ = [
    "CHOICE_FILE",
    "DEFAULT_BACKEND",
    "FACETS",
    "Found",
    "Prepared",
    "SearchBackend",
    "SearchPage",
    "Sort",
    "backend_class",
    "prepare_stored",
    "store_backend",
    "stored_backend",
]
