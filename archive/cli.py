"""Entry point of the `archive` command: importing the command modules registers them."""

from __future__ import annotations

from archive import commands_ingest, commands_query  # noqa: F401  (registration)
from archive.app import app

__all__ = ["app"]

if __name__ == "__main__":
    app()
