"""One table of exit codes: each error carries its code, and every command ends with one."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.cli.ingest import exit_code
from archive.index import Archive, IndexLockedError, QuerySyntaxError
from archive.ingest import IngestResult
from pipeline import errors
from pipeline.errors import EXIT_CODE_HELP, ArchiveError, ExitCode
from tests.factories import corpus


def test_the_table_is_complete_and_unambiguous() -> None:
    assert set(EXIT_CODE_HELP) == set(ExitCode)
    assert len({int(c) for c in ExitCode}) == len(ExitCode)
    assert (ExitCode.INTERRUPTED, ExitCode.TERMINATED) == (130, 143)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (errors.CorruptPDFError("x"), ExitCode.SOME_FAILED),  # one file: the run goes on
        (QuerySyntaxError("x"), ExitCode.USAGE),
        (errors.UsageError("x"), ExitCode.USAGE),
        (errors.NotFoundError("x"), ExitCode.NOT_FOUND),
        (IndexLockedError("x"), ExitCode.UNAVAILABLE),
        (errors.IndexUnavailableError("x"), ExitCode.UNAVAILABLE),
        (errors.WorkerStartError("x"), ExitCode.INTERNAL),
    ],
)
def test_each_error_carries_its_code(error: ArchiveError, code: ExitCode) -> None:
    assert isinstance(error, ArchiveError)
    assert error.exit_code == code
    assert error.reason and error.message == "x"


def test_every_file_error_has_a_reason_and_a_hint() -> None:
    file_errors = [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type)
        and issubclass(cls, ArchiveError)
        and cls.exit_code == ExitCode.SOME_FAILED
        and cls is not ArchiveError
    ]
    assert len(file_errors) >= 10
    for cls in file_errors:
        assert cls.reason != "error" and cls.hint, cls


def test_an_ingest_ends_with_the_code_of_what_happened() -> None:
    result = IngestResult()
    assert exit_code(result) == ExitCode.OK
    result.outcomes.append(errors_outcome())
    assert exit_code(result) == ExitCode.SOME_FAILED
    result.interrupted = True
    assert exit_code(result) == ExitCode.INTERRUPTED
    assert exit_code(result, terminated=True) == ExitCode.TERMINATED


def errors_outcome():
    from archive.ingest.outcomes import failure

    return failure("/a.pdf", errors.CorruptPDFError("truncated"))


def test_the_reading_commands_end_with_the_tables_codes(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.add_meetings(corpus())
    runner = CliRunner()

    def code(*args: str) -> int:
        return runner.invoke(app, [*args, "--index", str(tmp_path)]).exit_code

    assert code("search", "opvang") == ExitCode.OK
    assert code("search", "xyzzyqq", "--exact") == ExitCode.OK  # nothing found is no error
    assert code("search", '"open') == ExitCode.USAGE
    assert code("search", "x", "--since", "gisteren") == ExitCode.USAGE
    assert code("show", "nergens.pdf") == ExitCode.NOT_FOUND
    assert code("show", "vb-2022-04-07.pdf", "--item", "99") == ExitCode.NOT_FOUND
    assert code("stats") == ExitCode.OK
    assert code("actions", "--all") == ExitCode.OK
    assert code("actions", "xyzzyqq") == ExitCode.OK  # no action found is no error
    assert code("actions", "--thread", "tnergens") == ExitCode.NOT_FOUND
    assert code("actions", "--today", "morgen") == ExitCode.USAGE
    assert code("reindex") == ExitCode.OK
    missing = runner.invoke(app, ["stats", "--index", str(tmp_path / "none")])
    assert missing.exit_code == ExitCode.UNAVAILABLE
