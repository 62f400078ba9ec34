"""The extracted records of each source: one JSON file per sha256 beside the index.

The records are the archive's ground truth; the search index is derived from them and can always
be rebuilt (`archive reindex`) without extracting the PDFs again. Each file is written atomically
(:mod:`archive.atomic`), so a crash leaves either the old record or the new one, never half a
file.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from archive.atomic import atomic_write, clean_temp_files, fsync_dir, json_text
from pipeline.records import Meeting

# The JSON of the emptiest meeting is longer than this; `{}` and the like are shorter.
_SMALLEST_RECORD = 40
# Records written at once by `put_many`: past eight the disk's syncs no longer overlap more.
PUT_THREADS = 8


def _truncated(exc: json.JSONDecodeError, raw: bytes) -> str:
    """How a record that does not parse is broken, in words."""
    if exc.pos >= len(raw.rstrip()) - 1 or exc.msg.startswith("Unterminated"):
        return f"cut off after {len(raw)} bytes"
    return f"{exc.msg} (character {exc.pos})"


def meeting_json(meeting: Meeting) -> str:
    """The JSON the store keeps for `meeting` (word boxes and all)."""
    return json_text(meeting.to_dict(), compact=True)


class RecordStore:
    """JSON records (`Meeting.to_dict()`) at `<directory>/records/<sha256>.json`.

    `directory` is the index directory; the store keeps to its `records/` subfolder.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / "records"
        # sha256 → why its record could not be read, for every damaged record met so far.
        self.damaged: dict[str, str] = {}
        self.repaired: set[str] = set()  # damaged records written anew since

    def _file(self, sha256: str) -> Path:
        # The sha names a file: refuse anything that could climb out of the folder.
        if not re.fullmatch(r"[0-9A-Za-z]+", sha256 or ""):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.path / f"{sha256}.json"

    def put(self, meeting: Meeting, data: str | None = None) -> None:
        """Write (or replace) the record of `meeting`, atomically; `data` is its
        :func:`meeting_json` when already made."""
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(
            self._file(meeting.sha256), data if data is not None else meeting_json(meeting)
        )
        if self.damaged.pop(meeting.sha256, None) is not None:
            self.repaired.add(meeting.sha256)

    def put_many(self, batch: Iterable[tuple[Meeting, str | None]]) -> None:
        """:meth:`put` of each (meeting, its JSON or None), the writes overlapping in threads.

        Each record is still written atomically and synced, file and folder, before this
        returns; only the waits for the disk overlap (a sync releases the interpreter), which
        makes a commit's records several times faster to write than one after another.
        """
        batch = list(batch)
        if len(batch) < 2:
            for meeting, data in batch:
                self.put(meeting, data)
            return
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        with ThreadPoolExecutor(min(PUT_THREADS, len(batch))) as pool:
            # list(): the first failure is raised here, after every write has ended.
            list(pool.map(lambda item: self.put(*item), batch))

    def get(self, sha256: str) -> Meeting | None:
        """The stored meeting, or None when there is no record, or a damaged one (which is
        then listed in :attr:`damaged`)."""
        try:
            path = self._file(sha256)
            raw = path.read_bytes()
        except (FileNotFoundError, ValueError):
            return None
        except OSError as exc:
            self._damaged(sha256, f"cannot be read ({exc.strerror or exc})")
            return None
        try:
            meeting = Meeting.from_dict(json.loads(raw.decode("utf-8")))
        except UnicodeDecodeError:
            self._damaged(sha256, "not UTF-8 text")
            return None
        except json.JSONDecodeError as exc:
            what = "empty" if not raw.strip() else f"not valid JSON, {_truncated(exc, raw)}"
            self._damaged(sha256, what)
            return None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self._damaged(sha256, f"not a meeting record ({type(exc).__name__}: {exc})")
            return None
        if meeting.sha256 != sha256:
            self._damaged(sha256, f"holds the record of another file ({meeting.sha256[:12]}…)")
            return None
        self.damaged.pop(sha256, None)
        return meeting

    def _damaged(self, sha256: str, reason: str) -> None:
        self.damaged[sha256] = reason

    def suspects(self) -> list[str]:
        """The sha256s of records that are damaged at first sight, without parsing any: empty
        or tiny files, and files that do not end as a JSON object does (a truncated write).
        A directory listing and one byte read per record, for the commands that read no
        record (search, export) to warn all the same."""
        found = []
        try:
            entries = list(os.scandir(self.path))
        except FileNotFoundError:
            return []
        for entry in entries:
            name = entry.name
            if not name.endswith(".json") or name.startswith("."):
                continue
            try:
                with open(entry.path, "rb") as handle:
                    handle.seek(0, os.SEEK_END)
                    size = handle.tell()
                    handle.seek(max(0, size - 1))
                    last = handle.read(1)
            except OSError:
                found.append(name[:-5])
                continue
            if size < _SMALLEST_RECORD or last != b"}":
                found.append(name[:-5])
        return sorted(found)

    def file_of(self, sha256: str) -> Path:
        """Where the record of `sha256` lives."""
        return self._file(sha256)

    def delete(self, sha256: str) -> None:
        """Remove the record; a missing record is not an error."""
        self.damaged.pop(sha256, None)
        with contextlib.suppress(FileNotFoundError):
            self._file(sha256).unlink()
            fsync_dir(self.path)

    def shas(self) -> set[str]:
        """The sha256 of every stored record (a directory listing, no parsing)."""
        try:
            names = os.listdir(self.path)
        except FileNotFoundError:
            return set()
        return {n[:-5] for n in names if n.endswith(".json") and not n.startswith(".")}

    def meetings(self) -> Iterator[Meeting]:
        """Every stored meeting, in sha256 order (stable, so rebuilds are reproducible)."""
        for sha in sorted(self.shas()):
            meeting = self.get(sha)
            if meeting is not None:
                yield meeting

    def clean_temp_files(self) -> int:
        """Delete temp files a crashed writer left behind; returns how many."""
        return clean_temp_files(self.path)

    def size_bytes(self) -> int:
        """Bytes on disk taken by the records."""
        try:
            return sum(entry.stat().st_size for entry in os.scandir(self.path))
        except FileNotFoundError:
            return 0

    def find(self, key: str) -> list[Meeting]:
        """Meetings whose sha256 starts with `key`, or whose source is `key` (absolute, relative,
        or a unique file-name suffix such as `2022/vergadering-07.pdf`)."""
        key = key.strip()
        if re.fullmatch(r"[0-9a-fA-F]{6,64}", key):
            hits = [s for s in self.shas() if s.startswith(key.lower())]
            if hits:
                return [m for m in (self.get(s) for s in sorted(hits)) if m is not None]
        wanted = {key, str(Path(key).expanduser().resolve())}
        exact: list[Meeting] = []
        suffix: list[Meeting] = []
        tail = key.replace("\\", "/").lstrip("./")
        for meeting in self.meetings():
            if meeting.source in wanted:
                exact.append(meeting)
            elif tail and meeting.source.replace("\\", "/").endswith("/" + tail):
                suffix.append(meeting)
        return exact or suffix


__all__ = ["RecordStore", "meeting_json"]
