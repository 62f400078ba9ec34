"""What the archive prints is safe for a terminal: no control characters, paths escaped.

The text of the minutes comes from PDFs, and file names from whoever named the files; either can
carry an ESC sequence (clear the screen, recolour, OSC 52 writes the clipboard, OSC 8 plants a
link) or a newline that forges a log line. Two helpers, used by every renderer:

* :func:`clean` strips control characters from text (keeping newlines and tabs);
* :func:`shown_path` shows a path with its unprintable characters escaped (`\\n`, `\\x1b`, and
  the bytes of a name that is not UTF-8 as `\\xe9`), on one line, nothing lost to the eye;

and :class:`SafeConsole`, the console every command prints through, applies :func:`clean` to
everything it renders, as a net under the renderers: rich passes ESC through as it is.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

# C0 controls but tab and newline, DEL, C1 controls (CSI is \x9b), the line and paragraph
# separators, and the bidirectional overrides and isolates that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same, with newline and tab: in a path or a one-line field each is shown, not obeyed.
_UNSAFE_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def clean(text: str) -> str:
    """`text` without control characters (newlines and tabs stay); a lone surrogate, which
    no terminal encoding can show, becomes U+FFFD."""
    if _UNSAFE.search(text):
        text = _UNSAFE.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def one_line(text: str) -> str:
    """`text` cleaned, its line breaks and tabs as spaces: for titles, owners, messages."""
    return " ".join(clean(text).split()) if text else ""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_path(path: str | os.PathLike[str] | PurePath) -> str:
    """A path as it is printed: its bytes read as UTF-8, anything unprintable escaped.

    Names are bytes on Linux; Python holds the bytes that are not UTF-8 as lone surrogates
    (surrogateescape), which are shown as `\\xNN` here, while the archive stores the name
    itself, so the file is still found by it.
    """
    raw = os.fsencode(os.fspath(path))
    text = raw.decode("utf-8", "backslashreplace")
    return _UNSAFE_IN_LINE.sub(_escape, text) if _UNSAFE_IN_LINE.search(text) else text


class SafeConsole(Console):
    """A rich console that strips control characters from whatever it renders.

    Rich's own escape codes (colours, cursor moves of a progress display) are control
    segments and pass; the text of the segments, where a PDF's ESC would hide, is cleaned.
    """

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not (
                _UNSAFE.search(segment.text) or _SURROGATE.search(segment.text)
            ):
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


__all__ = ["SafeConsole", "clean", "console", "one_line", "shown_path"]
