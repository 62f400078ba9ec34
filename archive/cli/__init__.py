"""The `archive` command: `app` with every command registered (importing a command's module
registers it, in the order `--help` lists them). Importing this package loads typer and rich
only: the pipeline, the language model and the search engine load in the commands that use
them."""

from archive.cli import ingest, search, export, inspect, serve  # noqa: F401, I001  (registration)
from archive.cli import actions  # noqa: F401, I001  (registration)
from archive.cli.app import app

__all__ = ["app"]
