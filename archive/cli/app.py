"""The typer application, the options every command shares, and the one exit-code table.

Light on purpose: `archive --help` loads typer and rich, not the PDF libraries, the language
model or the search engine; the commands import those when they run.

Every command runs inside :func:`guarded`, the one place where what went wrong becomes a message
and an exit code (:mod:`pipeline.errors`): an error the user can act on prints its reason and a
hint, a closed pipe (`archive search … | head -1`) ends quietly, and nothing prints a traceback
unless ``ARCHIVE_DEBUG=1`` asks for it.
"""

from __future__ import annotations

import errno
import functools
import inspect
import os
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from pipeline.errors import EXIT_CODE_HELP, ArchiveError, ExitCode, IndexUnavailableError

ENV_DEBUG = "ARCHIVE_DEBUG"


def exit_codes_epilog() -> str:
    """The exit-code table as `--help` shows it: one code a line, long meanings indented under
    their first line (`\\b` keeps the help formatter from joining the lines)."""
    lines = ["\b", "Exit codes:"]
    for code, text in EXIT_CODE_HELP.items():
        lines += textwrap.wrap(
            text, width=76, initial_indent=f"  {int(code):<4} ", subsequent_indent=" " * 7
        )
    return "\n".join(lines)


# Rich markup a help text may still carry ([bold]…[/bold]): the help is plain text.
_MARKUP = re.compile(r"\[/?(?:bold|italic|dim|red|green|yellow|blue|cyan|magenta)(?: \w+)*\]|\[/\]")


def plain(text: str) -> str:
    """Help text as the help formatter takes it: paragraphs of prose it wraps to the terminal
    (once: the line breaks of the source do not count), and indented blocks (examples) it
    keeps line for line."""
    text = _MARKUP.sub("", inspect.cleandoc(text)).replace("\\[", "[")
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if any(line.startswith(" ") for line in paragraph.splitlines()):
            paragraph = "\b\n" + paragraph
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def epilog(examples: str = "") -> str:
    """A command's epilog: its examples, then the exit codes."""
    if not examples:
        return exit_codes_epilog()
    return f"{plain(examples).rstrip()}\n\n{exit_codes_epilog()}"


def _quiet_broken_pipe() -> None:
    """The reader of stdout has gone (`| head -1`): what is left to print goes nowhere, and
    the exit at the end must not fail flushing it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _os_error(exc: OSError) -> ArchiveError:
    """An operating-system error that stopped a command, as the user's problem it is."""
    where = f" ({exc.filename})" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return IndexUnavailableError(
            f"no space left on the device{where}",
            hint="Free some space (the archive is unchanged where a write failed), then run "
            "the command again.",
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return IndexUnavailableError(
            f"not writable{where}: {exc.strerror}",
            hint="Check the permissions of the index directory, or use another --index.",
        )
    return IndexUnavailableError(f"{exc.strerror or exc}{where}")


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """`command` with every way it can end mapped to a message and an exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from archive.cli.console import console
        from archive.cli.render import render_error

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BrokenPipeError as exc:
            _quiet_broken_pipe()
            raise typer.Exit(int(ExitCode.OK)) from exc
        except ArchiveError as exc:
            render_error(console(stderr=True), exc.message, exc.hint or None)
            raise typer.Exit(int(exc.exit_code)) from exc
        except KeyboardInterrupt as exc:
            console(stderr=True).print("Interrupted.", style="yellow")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from exc
        except OSError as exc:
            if os.environ.get(ENV_DEBUG):
                raise
            error = _os_error(exc)
            render_error(console(stderr=True), error.message, error.hint or None)
            raise typer.Exit(int(error.exit_code)) from exc
        except Exception as exc:
            if os.environ.get(ENV_DEBUG):
                raise
            render_error(
                console(stderr=True),
                f"internal error: {type(exc).__name__}: {exc}",
                f"This is a bug in minutes-archive; {ENV_DEBUG}=1 shows where it happened.",
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from exc

    return run


class ArchiveTyper(typer.Typer):
    """A typer app whose commands are :func:`guarded`."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            super(ArchiveTyper, self).command(*args, **kwargs)(guarded(function))
            return function

        return decorator

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        was_devnull = _stdout_is_devnull()
        try:
            return super().__call__(*args, **kwargs)
        except BrokenPipeError:
            _quiet_broken_pipe()
            sys.exit(int(ExitCode.OK))
        except SystemExit as exc:
            # Help or a usage error printed into a closed pipe: typer and rich point stdout at
            # /dev/null and exit 1; a pipe that closes early is no failure.
            if exc.code == 1 and not was_devnull and _stdout_is_devnull():
                sys.exit(int(ExitCode.OK))
            raise


def _stdout_is_devnull() -> bool:
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(os.devnull))
    except (OSError, ValueError, AttributeError):
        return False


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("minutes-archive")
        except PackageNotFoundError:
            number = "unknown"
        typer.echo(f"archive (minutes-archive) {number}")
        raise typer.Exit()


app = ArchiveTyper(
    name="archive",
    help="Ingest Dutch meeting minutes (PDF, scans) into a searchable archive, search it, "
    "and export decisions and actions.",
    epilog=exit_codes_epilog(),
    no_args_is_help=True,
    add_completion=True,
    # Plain help: it wraps each paragraph once to the terminal, and it starts at once (the
    # rich help loads a Markdown parser, a third of a second before the first line).
    rich_markup_mode=None,
    pretty_exceptions_show_locals=False,  # locals may hold a password
)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Ingest Dutch meeting minutes (PDF, scans) into a searchable archive, search it, and
    export decisions and actions."""


IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index",
        "-i",
        help="Index directory. [default: $ARCHIVE_INDEX, else the folder minutes-archive/index "
        "in ~/.local/share]",
        show_default=False,
    ),
]

__all__ = ["ArchiveTyper", "IndexOption", "app", "epilog", "exit_codes_epilog", "guarded", "plain"]
