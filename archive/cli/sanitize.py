"""What the archive prints is safe for a terminal: no control characters, paths escaped.

The text of the minutes comes from PDFs, and file names from whoever named the files; either can
carry an ESC sequence (clear the screen, recolour, OSC 52 writes the clipboard, OSC 8 plants a
link) or a newline that forges a log line. Two helpers, used by every renderer:

* :func:`clean` strips control characters from text (keeping newlines and tabs);
* :func:`shown_path` shows a path with its unprintable characters escaped (`\\n`, `\\x1b`, and
  the bytes of a name that is not UTF-8 as `\\xe9`), on one line, nothing lost to the eye;

and :class:`archive.cli.console.SafeConsole`, the console every command prints through,
applies :func:`clean` to everything it renders, as a net under the renderers: rich passes ESC
through as it is. Plain functions of text: no rich here, so that any module may use them.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePath

# C0 controls but tab and newline, DEL, C1 controls (CSI is \x9b), the line and paragraph
# separators, and the bidirectional overrides and isolates that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The same, with newline and tab: in a path or a one-line field each is shown, not obeyed.
_UNSAFE_IN_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
# Whatever :func:`clean` would change: a quick test before the work.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
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


__all__ = ["UNSAFE", "clean", "one_line", "shown_path"]
