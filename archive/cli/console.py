"""The console every command prints through: rich, with what it prints made safe.

:class:`SafeConsole` strips control characters from the text it renders
(:func:`archive.cli.sanitize.clean`); :func:`console` makes one for stdout or stderr that, in a
pipe or a log, does not wrap lines at the 80 columns rich would assume.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from archive.cli.sanitize import UNSAFE, clean


class SafeConsole(Console):
    """A rich console that strips control characters from whatever it renders.

    Rich's own escape codes (colours, cursor moves of a progress display) are control
    segments and pass; the text of the segments, where a PDF's ESC would hide, is cleaned.
    """

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not UNSAFE.search(segment.text):
                yield segment
            else:
                yield Segment(clean(segment.text), segment.style, segment.control)

    def on_broken_pipe(self) -> None:
        """The reader has gone (`archive search … | head -1`): that is how a pipe ends, not an
        error, so the rest goes nowhere and the command ends with 0 (rich would say 1)."""
        self.quiet = True
        raise BrokenPipeError()


# Columns of a console that is no terminal: lines are as long as their content needs.
UNWRAPPED_WIDTH = 10_000


def console(*, stderr: bool = False, **options: Any) -> SafeConsole:
    """The console of a command: safe text, no highlighting of numbers and paths.

    When the output is no terminal (a pipe, a file, a log), lines are not wrapped at the 80
    columns rich would assume, unless `COLUMNS` asks for a width.
    """
    made = SafeConsole(stderr=stderr, highlight=False, **options)
    if not made.is_terminal and "width" not in options and not os.environ.get("COLUMNS"):
        made.width = UNWRAPPED_WIDTH
        made.soft_wrap = True
    return made


__all__ = ["UNWRAPPED_WIDTH", "SafeConsole", "console"]
