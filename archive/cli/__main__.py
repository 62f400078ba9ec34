"""`python -m archive.cli …` runs the `archive` command."""

from archive.cli import app

app()
