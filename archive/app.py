"""The typer application and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="archive",
    help="Ingest Dutch meeting minutes (PDF, scans) into a searchable archive, search it, "
    "and export decisions and actions.",
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
