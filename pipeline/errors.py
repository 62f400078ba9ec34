"""One exception per failure a user can meet, and the exit code of every command, in one table.

Each error class carries a short machine-readable `reason`, a `hint` for the user and the
`exit_code` a command ends with when the error stops it; the message is the exception's text.
Errors of one file (a corrupt PDF, a wrong password) fail that file only: an ingest goes on and
ends with :attr:`ExitCode.SOME_FAILED`. The archive's own errors (a locked index, a bad query)
subclass :class:`ArchiveError` too, so the command line maps every error the same way.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """How every `archive` command ends."""

    OK = 0  # done; also when a search finds nothing (a message says so)
    SOME_FAILED = 1  # ingest: the run finished, some files failed (listed, and in the report)
    USAGE = 2  # wrong usage: a bad option, query or date, a path that does not exist
    NOT_FOUND = 3  # not in the archive (`show FILE`, `--item NR`, `actions --thread ID`)
    UNAVAILABLE = 4  # the archive cannot be used: missing, locked, not writable, damaged
    INTERNAL = 5  # the run could not start its workers, or hit a bug
    INTERRUPTED = 130  # Ctrl-C: what was finished is kept
    TERMINATED = 143  # SIGTERM: as Ctrl-C


# What each code means, for `--help` and the README: one wording everywhere.
EXIT_CODE_HELP: dict[ExitCode, str] = {
    ExitCode.OK: "done (also when nothing is found)",
    ExitCode.SOME_FAILED: "some files failed (ingest): each is listed with its reason and a hint",
    ExitCode.USAGE: "wrong usage: a bad option, query or date, or a path that does not exist",
    ExitCode.NOT_FOUND: "not in the archive: the meeting, item or action thread asked for",
    ExitCode.UNAVAILABLE: (
        "the archive cannot be used: none there yet, locked, not writable, no space left, "
        "damaged beyond repair"
    ),
    ExitCode.INTERNAL: "the run could not start (worker processes), or a bug",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C): what was finished is kept",
    ExitCode.TERMINATED: "terminated (SIGTERM): as Ctrl-C",
}


class ArchiveError(Exception):
    """Base class: `reason` is a short machine-readable tag, `hint` a suggestion for the user,
    `exit_code` how a command that this error stops ends."""

    reason = "error"
    hint = ""
    exit_code = ExitCode.SOME_FAILED

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint

    @property
    def message(self) -> str:
        """The user-facing message."""
        return str(self)


# --- one file ---------------------------------------------------------------------------------


class EmptyFileError(ArchiveError):
    reason = "empty"
    hint = "The file has zero bytes; fetch it again from its source."


class UnsupportedFileError(ArchiveError):
    reason = "unsupported"
    hint = "Only PDF, PNG, JPEG and TIFF files can be ingested."


class UnreadableFileError(ArchiveError):
    reason = "unreadable"
    hint = "Check the file's permissions and that it is still there."


class CorruptPDFError(ArchiveError):
    reason = "corrupt"
    hint = "The PDF is damaged or truncated; try `qpdf --check` or fetch it again."


class EncryptedPDFError(ArchiveError):
    reason = "encrypted"
    hint = "The PDF needs a password; pass it with --password."


class PageTooLargeError(ArchiveError):
    reason = "too-large"
    hint = "A page image exceeds the pixel limit; raise --max-pixels if the file is trusted."


class ExtractionTimeoutError(ArchiveError):
    reason = "timeout"
    hint = "Processing took too long; raise --timeout or check the file."


class TesseractMissingError(ArchiveError):
    reason = "tesseract-missing"
    hint = (
        "Install Tesseract and its Dutch data: sudo apt-get install tesseract-ocr tesseract-ocr-nld"
    )


class OcrError(ArchiveError):
    reason = "ocr-failed"
    hint = "Tesseract could not read a page image; check the file, or ingest with --ocr never."


class WorkerCrashedError(ArchiveError):
    reason = "crashed"
    hint = "A PDF library crashed on the file; check it with `qpdf --check`."


class OutOfMemoryError(ArchiveError):
    reason = "memory"
    hint = (
        "The file needs more memory than a worker may use (a memory bomb, or a very large "
        "page); raise --max-memory if the file is trusted."
    )


# --- a whole command --------------------------------------------------------------------------


class UsageError(ArchiveError):
    """A command line that cannot be what the user meant."""

    reason = "usage"
    exit_code = ExitCode.USAGE


class NotFoundError(ArchiveError):
    """What the user asked for is not in the archive."""

    reason = "not-found"
    exit_code = ExitCode.NOT_FOUND


class IndexUnavailableError(ArchiveError):
    """The archive at an index directory cannot be used: missing, damaged, not writable."""

    reason = "index-unavailable"
    exit_code = ExitCode.UNAVAILABLE


class IndexLockedError(IndexUnavailableError):
    """Another process holds a lock of the archive for longer than we may wait."""

    reason = "locked"
    hint = "Another process is writing to this index; wait for it or use another --index."


class WorkerStartError(ArchiveError):
    reason = "worker-start"
    hint = "The worker processes could not start; see the error printed above."
    exit_code = ExitCode.INTERNAL
