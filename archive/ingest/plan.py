"""Planning an ingest: compare the files found with what the index holds, by content hash.

Pure: it reads file bytes to hash them but no PDF, and decides what to process, relocate,
skip, replace and prune.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from archive.ingest.discover import Discovery, SourceFile
from archive.ingest.outcomes import FileOutcome, failure
from pipeline.errors import UnreadableFileError

# --- planning -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One document to process."""

    path: Path
    sha256: str
    stale: tuple[str, ...] = ()  # older versions of this path, removed once this one is stored


@dataclass
class Plan:
    """What the run will do, decided before any document is read."""

    tasks: list[Task] = field(default_factory=list)
    relocations: list[tuple[str, str]] = field(default_factory=list)  # (sha256, new source)
    replaced: list[str] = field(default_factory=list)  # sha256s whose paths now hold other content
    prune: list[str] = field(default_factory=list)  # sha256s whose files are gone
    done: list[FileOutcome] = field(default_factory=list)  # skipped, moved, failed already


def hash_files(
    files: Sequence[SourceFile], threads: int = 2
) -> tuple[dict[Path, str], list[FileOutcome]]:
    """SHA-256 of each file. Threads overlap the reads; hashlib releases the GIL while hashing."""
    from pipeline.extract.document import sha256_of  # the PDF libraries load only now

    def one(source: SourceFile) -> tuple[SourceFile, str | OSError]:
        try:
            return source, sha256_of(source.path)
        except OSError as exc:
            return source, exc

    hashes: dict[Path, str] = {}
    failures: list[FileOutcome] = []
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        for source, digest in pool.map(one, files):
            if isinstance(digest, OSError):
                error = UnreadableFileError(f"cannot read ({digest.strerror or digest})")
                failures.append(failure(source.path, error))
            else:
                hashes[source.path] = digest
    return hashes, failures


def make_plan(
    discovery: Discovery,
    hashes: dict[Path, str],
    known: dict[str, str],
    *,
    prune: bool = False,
    exists: Callable[[str], bool] = os.path.exists,
) -> Plan:
    """Decide per file: process, relocate, or skip; and which index entries to drop.

    Sources are keyed by content hash, so:
    * a file whose hash is indexed under its own path is unchanged;
    * a hash indexed under a path that no longer holds it is a move: the entry is relocated;
    * a hash indexed under another path that still exists is a copy: skipped as a duplicate;
    * a new hash is processed; if its path held other content before, that old entry is
      replaced once the new version is stored (it stays if the new version fails);
    * an entry whose path now holds other, already indexed content is replaced at once;
    * with `prune`, entries whose files are gone are removed.
    """
    plan = Plan()
    for rejected in discovery.rejected:
        outcome = failure(rejected.path, rejected.error)
        if not rejected.failed:
            outcome.status, outcome.reason = "skipped", "not-a-document"
        plan.done.append(outcome)

    by_sha: dict[str, list[Path]] = {}
    for source in discovery.files:
        if source.path in hashes:
            by_sha.setdefault(hashes[source.path], []).append(source.path)
    current = {str(path): sha for path, sha in hashes.items()}

    def still_holds(source: str, sha: str) -> bool:
        # A path outside this run's walk is trusted to hold what it held: hashing the whole
        # archive to check would make a small ingest as slow as a full one.
        return current[source] == sha if source in current else exists(source)

    def duplicates(paths: Iterable[Path], of: str, sha: str) -> None:
        for path in paths:
            plan.done.append(
                FileOutcome(str(path), "skipped", "duplicate", f"same content as {of}", sha256=sha)
            )

    by_source: dict[str, set[str]] = {}
    for sha, source in known.items():
        by_source.setdefault(source, set()).add(sha)

    kept: set[str] = set()
    for sha, paths in by_sha.items():
        kept.add(sha)
        names = [str(p) for p in paths]
        if sha in known:
            source = known[sha]
            if source in names:
                primary = paths[names.index(source)]
                plan.done.append(FileOutcome(source, "skipped", "unchanged", sha256=sha))
                duplicates((p for p in paths if p != primary), source, sha)
            elif still_holds(source, sha):
                duplicates(paths, source, sha)
            else:
                plan.relocations.append((sha, names[0]))
                plan.done.append(
                    FileOutcome(names[0], "moved", "moved", f"moved from {source}", sha256=sha)
                )
                duplicates(paths[1:], names[0], sha)
        else:
            plan.tasks.append(Task(paths[0], sha))
            duplicates(paths[1:], names[0], sha)

    # What a path held before and nothing in this run holds any more is replaced: for a file
    # to process once its new version is stored (kept if that fails), for any other file now.
    def stale(path: str) -> tuple[str, ...]:
        return tuple(sorted(by_source.get(path, set()) - kept))

    plan.tasks = [dataclasses.replace(task, stale=stale(str(task.path))) for task in plan.tasks]
    processed = {str(task.path) for task in plan.tasks}
    plan.replaced = sorted(
        {sha for path in current if path not in processed for sha in stale(path)}
    )
    if prune:
        dropped = set(plan.replaced) | {sha for task in plan.tasks for sha in task.stale}
        plan.prune = sorted(
            sha
            for sha, source in known.items()
            if sha not in kept and sha not in dropped and not exists(source)
        )
    return plan


def ocr_jobs_for(cpus: int, workers: int, documents_left: int) -> int:
    """Tesseract processes for the next document, so that workers × jobs ≈ CPUs.

    While there are more documents than workers each document gets its share; towards the end
    of a batch the last documents get the cores that the idle workers leave free.
    """
    running = max(1, min(workers, documents_left))
    return max(1, cpus // running)
