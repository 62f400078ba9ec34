"""Hostile and damaged files for the hardening tests, each made by code in the test run."""

from __future__ import annotations

from pathlib import Path

from samples.render import ItemRow, MinutesSpec, ThemeRow, render_minutes


def payload_minutes(path: Path, cells: list[tuple[str, str]], title: str = "Verslag") -> Path:
    """A born-digital minutes PDF whose items (number 1.1, 1.2 …) hold the given (entry
    column, toelichting) cells as written."""
    rows: list = [ThemeRow("Thema")]
    rows += [ItemRow(f"1.{n}", list(cell)) for n, cell in enumerate(cells, start=1)]
    spec = MinutesSpec(
        body="Regionaal Beleidsteam", title=title, date_line="Datum: 7 april 2022", rows=rows
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    return render_minutes(spec, path)
