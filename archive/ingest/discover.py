"""Find the files to ingest: walk folders, skip hidden and temporary files, sniff each type.

The type of a file is decided by its first bytes (:func:`pipeline.extract.document.sniff_type`),
never by its name: a scan saved as `.dat` is ingested, a web page saved as `.pdf` is reported.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import ArchiveError, EmptyFileError, UnreadableFileError, UnsupportedFileError

# Names that office suites, browsers and sync tools leave behind while a file is being written.
TEMPORARY_PATTERNS: tuple[str, ...] = ("~$*", "*.tmp", "*.part")

# Extensions that promise a document: an unrecognised file carrying one is a failure, while an
# unrecognised `notes.txt` found in a folder is just not part of the archive.
DOCUMENT_SUFFIXES: frozenset[str] = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


@dataclass(frozen=True)
class SourceFile:
    """A file whose content is a supported document type."""

    path: Path  # absolute
    kind: str  # pdf | png | jpeg | tiff
    size: int


@dataclass(frozen=True)
class Rejected:
    """A file that will not be processed, and why."""

    path: Path
    error: ArchiveError
    failed: bool  # True: counts as a failure; False: quietly skipped (not a document)


@dataclass
class Discovery:
    """What a walk found."""

    files: list[SourceFile] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    ignored: int = 0  # hidden and temporary files, not reported one by one


def is_ignored_name(name: str) -> bool:
    """Whether a file or folder name is hidden or temporary."""
    return name.startswith(".") or any(fnmatch.fnmatch(name, p) for p in TEMPORARY_PATTERNS)


def walk(
    root: Path,
    exclude: frozenset[Path] = frozenset(),
    onerror: Callable[[OSError], None] | None = None,
) -> Iterator[Path]:
    """Regular files below `root` in sorted order, without hidden or temporary names, and
    without the folders in `exclude` (the index itself may live inside the archive). A folder
    that cannot be listed is passed to `onerror` (and its files are not walked).

    Symlinked folders are not followed, so a link loop cannot make the walk endless.
    """
    for folder, dirs, files in os.walk(root, onerror=onerror):
        dirs[:] = sorted(
            d for d in dirs if not is_ignored_name(d) and Path(folder, d).resolve() not in exclude
        )
        for name in sorted(files):
            yield Path(folder) / name


def _kind_of_special(path: Path) -> str:
    """What a path that is no regular file is, in words."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    for test, name in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def classify(path: Path, *, explicit: bool) -> SourceFile | Rejected:
    """Sniff one file. `explicit` files were named by the user, so anything unusable fails."""
    # Imported here: pipeline.extract.document pulls in the PDF libraries, which every other
    # `archive` command would otherwise load at start-up just by importing this module.
    from pipeline.extract.document import sniff_type

    try:
        kind = sniff_type(path)
    except (EmptyFileError, UnsupportedFileError) as exc:
        # An empty lock or marker file in a folder is no document; an empty "x.pdf" is one.
        failed = explicit or path.suffix.lower() in DOCUMENT_SUFFIXES
        return Rejected(path, exc, failed=failed)
    except OSError as exc:
        return Rejected(path, UnreadableFileError(f"cannot read ({exc.strerror or exc})"), True)
    return SourceFile(path, kind, path.stat().st_size)


def discover(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> Discovery:
    """Classify every file named in `paths` or found below the folders among them, except
    below the folders in `exclude`.

    A file reached twice (named twice, or inside two named folders) is taken once. Raises
    :class:`FileNotFoundError` for a path that does not exist, before anything is read.
    """
    # abspath, not resolve: the source path the user sees is kept, symlinks and all.
    roots = [Path(os.path.abspath(Path(p).expanduser())) for p in paths]
    for root in roots:
        if not root.exists():
            raise FileNotFoundError(root)

    skip = frozenset(Path(p).resolve() for p in exclude)
    result = Discovery()
    seen: set[Path] = set()

    def unlisted(exc: OSError) -> None:
        # os.walk would skip the folder in silence: its files are missing from the run.
        folder = Path(exc.filename) if exc.filename else Path("?")
        error = UnreadableFileError(
            f"cannot read the folder ({exc.strerror or exc}); the files in it were not ingested",
            hint="Check the folder's permissions, then run the ingest again.",
        )
        result.rejected.append(Rejected(folder, error, failed=True))

    for root in roots:
        explicit = not root.is_dir()
        candidates = [root] if explicit else walk(root, skip, onerror=unlisted)
        for path in candidates:
            if not explicit and is_ignored_name(path.name):
                result.ignored += 1
                continue
            if not path.is_file():
                if explicit:  # named by the user: say why nothing was done with it
                    error = UnsupportedFileError(
                        f"{_kind_of_special(path)}, not a file to ingest",
                        hint="Name PDF or image files, or folders of them.",
                    )
                    result.rejected.append(Rejected(path, error, failed=True))
                else:  # sockets, fifos, dangling links in a folder are no documents
                    result.ignored += 1
                continue
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            outcome = classify(path, explicit=explicit)
            if isinstance(outcome, SourceFile):
                result.files.append(outcome)
            else:
                result.rejected.append(outcome)
    return result
