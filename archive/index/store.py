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
from collections.abc import Iterator
from pathlib import Path

from archive.atomic import atomic_write, clean_temp_files, fsync_dir
from pipeline.records import Meeting


def meeting_json(meeting: Meeting) -> str:
    """The JSON the store keeps for `meeting` (word boxes and all)."""
    return json.dumps(meeting.to_dict(), ensure_ascii=False, separators=(",", ":"))


class RecordStore:
    """JSON records (`Meeting.to_dict()`) at `<directory>/records/<sha256>.json`.

    `directory` is the index directory; the store keeps to its `records/` subfolder.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / "records"

    def _file(self, sha256: str) -> Path:
        # The sha names a file: refuse anything that could climb out of the folder.
        if not re.fullmatch(r"[0-9A-Za-z]+", sha256 or ""):
            raise ValueError(f"not a sha256: {sha256!r}")
        return self.path / f"{sha256}.json"

    def put(self, meeting: Meeting, data: str | None = None) -> None:
        """Write (or replace) the record of `meeting`, atomically; `data` is its
        :func:`meeting_json` when already made."""
        self.path.mkdir(parents=True, exist_ok=True)
        atomic_write(
            self._file(meeting.sha256), data if data is not None else meeting_json(meeting)
        )

    def get(self, sha256: str) -> Meeting | None:
        """The stored meeting, or None when there is no (readable) record."""
        try:
            text = self._file(sha256).read_text(encoding="utf-8")
        except (FileNotFoundError, ValueError):
            return None
        return Meeting.from_dict(json.loads(text))

    def delete(self, sha256: str) -> None:
        """Remove the record; a missing record is not an error."""
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
