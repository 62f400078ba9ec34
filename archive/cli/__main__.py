"""`python -m archive.cli …` runs the `archive` command."""

from archive.cli import app

app(prog_name="archive")  # usage lines and shell completion name the command, not Python
