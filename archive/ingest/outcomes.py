"""What an ingest run reports: one outcome per file, and the totals."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import ArchiveError

if TYPE_CHECKING:
    from pipeline.records import Meeting


@dataclass
class FileOutcome:
    """What happened to one file."""

    path: str
    status: str  # ok | moved | skipped | failed
    reason: str = ""  # failure or skip reason tag (`corrupt`, `unchanged`, …)
    message: str = ""
    hint: str = ""
    sha256: str = ""
    pages: int = 0
    ocr_pages: int = 0
    items: int = 0
    entries: int = 0
    seconds: float = 0.0

    @property
    def no_table(self) -> bool:
        """Ingested as plain text pages: no minutes table was found."""
        return self.status == "ok" and self.items == 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class IngestResult:
    """Everything one run did, for the summary and the failure report."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    ignored: int = 0  # hidden and temporary files
    pruned: int = 0
    replaced: int = 0  # old versions of changed files removed
    committed: int = 0  # documents written to the index
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    seconds: float = 0.0
    interrupted: bool = False
    error: BaseException | None = None  # what stopped the run early (a commit that failed)

    def _count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> int:
        return self._count("ok")

    @property
    def moved(self) -> int:
        return self._count("moved")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def no_table(self) -> int:
        return sum(1 for o in self.outcomes if o.no_table)

    @property
    def pages(self) -> int:
        return sum(o.pages for o in self.outcomes)

    @property
    def ocr_pages(self) -> int:
        return sum(o.ocr_pages for o in self.outcomes)

    @property
    def entries(self) -> int:
        return sum(o.entries for o in self.outcomes)

    @property
    def failures(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def skip_reasons(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            if o.status == "skipped":
                counts[o.reason] = counts.get(o.reason, 0) + 1
        return counts


def error_fields(error: BaseException) -> dict[str, str]:
    """An exception as plain data (reason, message, hint), safe to send between processes."""
    if isinstance(error, ArchiveError):
        return {"reason": error.reason, "message": str(error), "hint": error.hint}
    return {
        "reason": "internal",
        "message": f"internal error: {type(error).__name__}: {error}",
        "hint": "This is a bug in minutes-archive; please report it with the file if you can.",
    }


def failure(
    path: Path | str, error: BaseException | dict[str, str], sha256: str = ""
) -> FileOutcome:
    """The outcome of a file that failed with `error` (an exception or its fields)."""
    fields = error if isinstance(error, dict) else error_fields(error)
    return FileOutcome(
        str(path),
        "failed",
        fields.get("reason", "internal"),
        fields.get("message", ""),
        fields.get("hint", ""),
        sha256=sha256,
    )


def success(path: Path | str, meeting: Meeting, seconds: float = 0.0) -> FileOutcome:
    """The outcome of a file that became `meeting`; its message says when the file was
    damaged and read from a repaired copy."""
    from pipeline.extract.repair import REPAIRED_NOTE

    repaired = any(page.note.startswith(REPAIRED_NOTE) for page in meeting.pages)
    return FileOutcome(
        str(path),
        "ok",
        "no-table" if not meeting.items else "",
        REPAIRED_NOTE if repaired else "",
        sha256=meeting.sha256,
        pages=meeting.page_count or len(meeting.pages),
        ocr_pages=sum(1 for p in meeting.pages if p.ocr),
        items=len(meeting.items),
        entries=sum(len(item.entries) for item in meeting.items),
        seconds=round(seconds, 3),
    )
