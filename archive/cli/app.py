"""The typer application, the options every command shares, and the one exit-code table.

Light on purpose: `archive --help` loads typer and rich, not the PDF libraries, the language
model or the search engine; the commands import those when they run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.errors import EXIT_CODE_HELP


def exit_codes_epilog() -> str:
    """The exit-code table as `--help` shows it (one line each, rich markup)."""
    lines = [f"{int(code):<4} {text}" for code, text in EXIT_CODE_HELP.items()]
    return "\n\n".join(["[bold]Exit codes[/]", *lines])


def epilog(examples: str = "") -> str:
    """A command's epilog: its examples, then the exit codes."""
    return f"{examples.rstrip()}\n\n{exit_codes_epilog()}" if examples else exit_codes_epilog()


app = typer.Typer(
    name="archive",
    help="Ingest Dutch meeting minutes (PDF, scans) into a searchable archive, search it, "
    "and export decisions and actions.",
    epilog=exit_codes_epilog(),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

IndexOption = Annotated[
    Path | None,
    typer.Option(
        "--index",
        "-i",
        help="Index directory. Default: $ARCHIVE_INDEX, else ~/.local/share/minutes-archive/index.",
        show_default=False,
    ),
]

__all__ = ["IndexOption", "app", "epilog", "exit_codes_epilog"]
