"""Word accounting: every word on a page ends up in exactly one place.

The structure step takes lines into meeting facts, titles, entries and toelichting; the layout
step drops running headers, footers, page numbers and table header rows. Whatever neither
took went nowhere, and the meeting reports it, so a reader that loses text says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.records import Line


class Ledger:
    """The lines the structure step has placed, by identity."""

    def __init__(self) -> None:
        self._taken: set[int] = set()

    def take(self, lines: Iterable[Line]) -> None:
        """Mark lines (and so their words) as placed."""
        for line in lines:
            for word in line.words:
                self._taken.add(id(word))

    def unplaced(self, lines: Iterable[Line]) -> list[Line]:
        """The lines, cut down to their words that were not placed."""
        out = []
        for line in lines:
            missing = [w for w in line.words if id(w) not in self._taken]
            if missing:
                out.append(Line(missing))
        return out
