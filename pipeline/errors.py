"""One exception per failure a user can meet; the CLI maps each to a message and exit code."""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class: `reason` is a short machine-readable tag, `hint` a suggestion for the user."""

    reason = "error"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        if hint is not None:
            self.hint = hint


class EmptyFileError(ArchiveError):
    reason = "empty"
    hint = "The file has zero bytes; fetch it again from its source."


class UnsupportedFileError(ArchiveError):
    reason = "unsupported"
    hint = "Only PDF, PNG, JPEG and TIFF files can be ingested."


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
