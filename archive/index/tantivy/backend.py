"""The tantivy search backend: the contract's documents in a tantivy index on disk.

Layout of its folder (`<index dir>/tantivy/`): `archive-schema.json` with the contract's schema
version, written last on a rebuild, and `index/` with tantivy's segments and its `meta.json`.
tantivy rewrites `meta.json` in place on every commit, so the index lives one folder down,
out of the archive's checksum seal (which is for files written once); tantivy keeps a checksum
in the footer of each of its own files.

A commit swaps `meta.json` atomically, so a process killed at any moment leaves the last
committed index, which opens and searches; its writer lock is an advisory file lock, which the
kernel releases when the holder dies. Readers take no lock: a searcher sees the last commit,
also while another process writes, and is reopened when `meta.json` changes.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import ClassVar

import tantivy
from rapidfuzz import process as fuzzy_process
from rapidfuzz.distance import Levenshtein

from archive.atomic import atomic_write_json
from archive.index import lexicon
from archive.index.backend import FACETS, Found, Prepared, SearchPage, Sort
from archive.index.contract import (
    DOC_ENTRY,
    NAMED_TEXT_FIELDS,
    SCHEMA_VERSION,
    TEXT_FIELDS,
    meeting_documents,
)
from archive.index.query import tree as t
from archive.index.tantivy.schema import (
    STORED_FIELD,
    field_of_term,
    schema,
    stored_record,
    tantivy_document,
    tantivy_json,
)
from archive.index.tantivy.translate import Translator
from pipeline.records import Meeting

# As in the Whoosh backend: workers started from a module that imports this one have the
# analysis's word list before their first document's deadline.
lexicon.warm_up()

VERSION_FILE = "archive-schema.json"
DATA_DIR = "index"
# The writer's memory for indexing before it flushes a segment, shared by its threads.
WRITER_HEAP = 128 << 20
WRITER_THREADS = max(1, min(2, os.cpu_count() or 1))
# Facet values counted per facet before the top ones are chosen (tantivy counts the most
# frequent ones per segment; asking for many keeps the top exact).
FACET_BUCKETS = 2000
_RETRY = (ValueError, OSError, RuntimeError)


def prepare(meeting: Meeting) -> Prepared:
    """The meeting's documents for :meth:`TantivyBackend.write`, text fields analysed, each as
    the JSON string the writer hands tantivy (:func:`tantivy_json`)."""
    documents = [tantivy_document(doc) for doc in meeting_documents(meeting)]
    entries = sum(1 for doc in documents if doc["doc_type"] == DOC_ENTRY)
    return Prepared(meeting, [tantivy_json(doc) for doc in documents], entries)


class TantivyBackend:
    """The contract's documents in tantivy (a :class:`~archive.index.backend.SearchBackend`).

    Keeps one searcher open between queries, reopened when a commit has changed the index, so
    a long-running caller pays for opening only once.
    """

    name: ClassVar[str] = "tantivy"
    prepare = staticmethod(prepare)

    def __init__(self, directory: Path, *, writer_timeout: float = 300.0) -> None:
        self.directory = Path(directory)
        self.data = self.directory / DATA_DIR
        self.writer_timeout = writer_timeout
        self._ix: tantivy.Index | None = None
        self._searcher: tantivy.Searcher | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._vocabulary: dict[tuple[str, str], dict[str, int]] = {}
        self._near_cache: dict[tuple[str, str, int], list[str]] = {}
        self._translate = Translator(self.near_words)

    # --- opening ------------------------------------------------------------------------------

    def _stored_version(self) -> int | None:
        try:
            data = json.loads((self.directory / VERSION_FILE).read_text(encoding="utf-8"))
            return int(data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _meta_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.data / "meta.json")
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def is_current(self) -> bool:
        if self._stored_version() != SCHEMA_VERSION:
            return False
        try:
            self._current()
        except _RETRY:
            return False
        return True

    def rebuild(self, batch: Iterable[Prepared]) -> int:
        self.close()
        with contextlib.suppress(FileNotFoundError):
            (self.directory / VERSION_FILE).unlink()
        if self.directory.exists():
            shutil.rmtree(self.directory)
        self.data.mkdir(parents=True)
        tantivy.Index(schema(), path=str(self.data), reuse=False)
        count = self._commit(batch, clear=True)
        # The version is written last: a crash before this point means "rebuild again".
        atomic_write_json(self.directory / VERSION_FILE, {"version": SCHEMA_VERSION})
        return count

    # --- writing ------------------------------------------------------------------------------

    def write(
        self,
        batch: Iterable[Prepared],
        *,
        delete: Iterable[str] = (),
        replace_all: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> int:
        return self._commit(batch, delete=delete, clear=replace_all, before_commit=before_commit)

    def delete(self, shas: Iterable[str]) -> None:
        self._commit([], delete=shas)

    def _writer(self) -> tantivy.IndexWriter:
        """A writer on the index, waiting while another process holds tantivy's lock (the
        archive holds its own, so that is something outside the archive writing)."""
        deadline = time.monotonic() + self.writer_timeout
        index = tantivy.Index.open(str(self.data))
        while True:
            try:
                return index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            except ValueError as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _commit(
        self,
        batch: Iterable[Prepared],
        *,
        delete: Iterable[str] = (),
        clear: bool = False,
        before_commit: Callable[[], None] | None = None,
    ) -> int:
        """One tantivy commit: delete the documents of `delete` and of each meeting (or
        everything, with `clear`), add the meetings' documents. Returns the entries added."""
        writer = self._writer()
        count = 0
        try:
            if clear:
                writer.delete_all_documents()
            for sha in delete:
                writer.delete_documents_by_term("sha256", sha)
            for prepared in batch:
                if not clear:
                    # Deletes apply to what was added before them: the old version only.
                    writer.delete_documents_by_term("sha256", prepared.meeting.sha256)
                for doc in prepared.documents:
                    writer.add_json(doc)
                count += prepared.entries
            if before_commit is not None:
                before_commit()
            writer.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                writer.rollback()
            raise
        finally:
            # Merges run to their end here, and the writer's lock is let go.
            with contextlib.suppress(Exception):
                writer.wait_merging_threads()
        return count

    # --- reading ------------------------------------------------------------------------------

    def _current(self) -> tantivy.Searcher:
        """The open searcher, reopened when a commit has changed the index since."""
        stamp = self._meta_stamp()
        if self._searcher is not None and stamp == self._stamp:
            return self._searcher
        for attempt in range(5):
            try:
                index = tantivy.Index.open(str(self.data))
                index.config_reader(reload_policy="manual")
                searcher = index.searcher()
                break
            except _RETRY:
                # A commit in another process removed segment files between our reading its
                # meta.json and opening them: the next attempt reads the newer one.
                if attempt == 4:
                    raise
                time.sleep(0.02 * 2**attempt)
                stamp = self._meta_stamp()
        self._ix, self._searcher, self._stamp = index, searcher, stamp
        self._vocabulary.clear()
        self._near_cache.clear()
        return searcher

    def close(self) -> None:
        self._searcher = None
        self._ix = None
        self._stamp = None

    def sources(self) -> set[str]:
        searcher = self._current()
        terms = searcher.terms_with_prefix("sha256", "", limit=None)
        # The dictionary still lists terms of deleted, not yet merged documents. Every document
        # has one sha256: when the counts add up to the live documents, none is deleted.
        if sum(n for _, n in terms) == searcher.num_docs:
            return {sha for sha, _ in terms}
        return {sha for sha, _ in terms if self._count(searcher, t.Term("sha256", sha))}

    def _count(self, searcher: tantivy.Searcher, node: t.Node) -> int:
        return searcher.search(self._translate(node), 1, count=True).count

    def doc_count(self, query: t.Node | None = None) -> int:
        searcher = self._current()
        if query is None:
            return searcher.num_docs
        return self._count(searcher, query)

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.directory.rglob("*") if f.is_file())

    # --- searching ----------------------------------------------------------------------------

    def search(
        self,
        query: t.Node,
        filter: t.Node | None = None,
        *,
        limit: int | None = 10,
        page: int = 1,
        sort: Sort = "relevance",
    ) -> SearchPage:
        searcher = self._current()
        q = self._translate.filtered(query, filter)
        page = max(1, page)
        wanted = max(1, searcher.num_docs) if limit is None else limit
        offset = 0 if limit is None else (page - 1) * limit
        order_by = {"date": "sort_newest", "minutes": "sort_minutes"}.get(sort)
        if order_by is None:
            result = searcher.search(q, wanted, count=True, offset=offset)
        else:
            result = searcher.search(
                q,
                wanted,
                count=True,
                order_by_field=order_by,
                offset=offset,
                order=tantivy.Order.Asc,
            )
        scored = order_by is None
        found = [
            Found(stored_record(searcher.doc(address)[STORED_FIELD][0]), score if scored else None)
            for score, address in result.hits
        ]
        return SearchPage(found, result.count, True, self._matched(searcher, query))

    def _matched(self, searcher: tantivy.Searcher, query: t.Node) -> Callable[[], frozenset[str]]:
        """The index terms `query` matches in the text fields, computed when first asked for."""

        @cache
        def terms() -> frozenset[str]:
            return frozenset(self._leaf_terms(searcher, query))

        return terms

    def _leaf_terms(self, searcher: tantivy.Searcher, node: t.Node) -> Iterator[str]:
        text_fields = (*TEXT_FIELDS, *NAMED_TEXT_FIELDS)
        if isinstance(node, t.Not):
            return
        if isinstance(node, t.AndNot):
            yield from self._leaf_terms(searcher, node.positive)
            return
        for child in t.children(node):
            yield from self._leaf_terms(searcher, child)
        if not isinstance(node, t.TEXT_LEAVES) or node.field not in text_fields:
            return
        if isinstance(node, t.Term):
            yield node.text
        elif isinstance(node, t.Phrase):
            yield from node.words
        elif isinstance(node, t.Prefix):
            field = field_of_term(node.field, node.text)
            yield from (w for w, _ in searcher.terms_with_prefix(field, node.text, limit=None))
        elif isinstance(node, t.Wildcard):
            import fnmatch

            head = node.pattern.split("*", 1)[0].split("?", 1)[0]
            field = field_of_term(node.field, node.pattern)
            for word, _ in searcher.terms_with_prefix(field, head, limit=None):
                if fnmatch.fnmatchcase(word, node.pattern):
                    yield word
        elif isinstance(node, t.Fuzzy):
            yield node.text
            yield from self.near_words(node.field, node.text, node.maxdist)

    def _words(self, field: str, first: str) -> dict[str, int]:
        """The terms of `field` that start with `first`, with their document frequencies
        (kept until the index changes)."""
        key = (field, first)
        if key not in self._vocabulary:
            searcher = self._current()
            self._vocabulary[key] = dict(
                searcher.terms_with_prefix(field_of_term(field, first), first, limit=None)
            )
        return self._vocabulary[key]

    def near_words(self, field: str, word: str, maxdist: int) -> list[str]:
        if not word:
            return []
        self._current()  # drops the caches when the index has changed
        key = (field, word, maxdist)
        if key not in self._near_cache:
            words = self._words(field, word[0])
            found = fuzzy_process.extract(
                word,
                list(words),
                scorer=Levenshtein.distance,
                score_cutoff=maxdist,
                limit=None,
            )
            self._near_cache[key] = sorted(w for w, _, _ in found)
        return self._near_cache[key]

    def suggest(self, word: str) -> str | None:
        if not word:
            return None
        vocabulary = self._words("spell", word[0])
        if vocabulary.get(word):
            return None
        for distance in (1, 2) if len(word) > 4 else (1,):
            near = [w for w in self.near_words("spell", word, distance) if w != word]
            if near:
                return max(near, key=lambda w: (vocabulary.get(w, 0), w))
        return None

    def facets(
        self,
        query: t.Node,
        filter: t.Node | None = None,
        *,
        names: Iterable[str] = FACETS,
        top: int = 20,
    ) -> dict[str, dict[str, int]]:
        names = list(names)
        if not names:
            return {}
        searcher = self._current()
        q = self._translate.filtered(query, filter)
        size = max(FACET_BUCKETS, top)
        aggregation = {
            name: {"terms": {"field": FACETS[name], "size": size, "min_doc_count": 1}}
            for name in names
        }
        counted = searcher.aggregate(q, aggregation)
        out: dict[str, dict[str, int]] = {}
        for name in names:
            buckets = counted.get(name, {}).get("buckets", [])
            counts = {str(b["key"]): int(b["doc_count"]) for b in buckets if b["key"] != ""}
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
            out[name] = dict(ranked)
        return out


__all__ = ["DATA_DIR", "VERSION_FILE", "TantivyBackend", "prepare"]
