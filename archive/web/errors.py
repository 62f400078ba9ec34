"""The command line's errors as HTTP: one status per exit code, one JSON body for all.

    exit 2 (wrong usage: a bad query, date or parameter)  →  400
    exit 3 (not in the archive)                           →  404
    exit 4 (the archive cannot be used)                   →  503
    exit 5 (a bug)                                        →  500

The body carries what the command line prints: the message, the hint or suggested query, and
the exit code the same request would have ended `archive` with.
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import ArchiveError, ExitCode

STATUS_OF_EXIT: dict[ExitCode, int] = {
    ExitCode.USAGE: 400,
    ExitCode.NOT_FOUND: 404,
    ExitCode.UNAVAILABLE: 503,
    ExitCode.INTERNAL: 500,
    ExitCode.SOME_FAILED: 500,
}
EXIT_OF_STATUS: dict[int, ExitCode] = {
    400: ExitCode.USAGE,
    404: ExitCode.NOT_FOUND,
    405: ExitCode.USAGE,
    413: ExitCode.USAGE,
    414: ExitCode.USAGE,
    422: ExitCode.USAGE,
    503: ExitCode.UNAVAILABLE,
}


def status_of(error: ArchiveError) -> int:
    """The HTTP status for an archive error."""
    return STATUS_OF_EXIT.get(error.exit_code, 500)


def error_body(
    status: int,
    message: str,
    *,
    reason: str = "error",
    hint: str | None = None,
    suggestion: str | None = None,
) -> dict[str, Any]:
    """The JSON of an error response."""
    return {
        "error": reason,
        "message": message,
        "hint": hint or None,
        "suggestion": suggestion,
        "status": status,
        "exit_code": int(EXIT_OF_STATUS.get(status, ExitCode.INTERNAL)),
    }


def archive_error_body(error: ArchiveError) -> tuple[int, dict[str, Any]]:
    """The status and body for an archive error (a bad query keeps its suggested query)."""
    status = status_of(error)
    return status, error_body(
        status,
        error.message,
        reason=error.reason,
        hint=error.hint or None,
        suggestion=getattr(error, "suggestion", None),
    )


def validation_message(errors: list[dict[str, Any]]) -> str:
    """FastAPI's validation errors as one line: `page: must be ≥ 1; q: too long`."""
    parts = []
    for err in errors[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


__all__ = ["archive_error_body", "error_body", "status_of", "validation_message"]
