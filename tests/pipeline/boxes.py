"""Positioned words for reader tests: lines of text laid out as a text layer would give them."""

from __future__ import annotations

from pipeline.records import Line, Word

CHAR = 5.0  # pt per character at 10 pt, near enough for layout rules


def words(text: str, x0: float = 50.0, top: float = 100.0, *, size: float = 10.0,
          bold: bool = False, page: int = 1, conf: float | None = None) -> list[Word]:
    """The words of `text` on one line from `x0`, a space between them."""
    out, x = [], x0
    for token in text.split():
        width = CHAR * len(token) * size / 10
        out.append(Word(token, x, x + width, top, top + size, page, size, bold, conf))
        x += width + CHAR * size / 10
    return out


def line(text: str, x0: float = 50.0, top: float = 100.0, **kw) -> Line:
    """One line of text."""
    return Line(words(text, x0, top, **kw))


def stack(texts: list[str], x0: float = 50.0, top: float = 100.0, pitch: float = 12.0,
          **kw) -> list[Line]:
    """Lines one under the other at `pitch`; "" leaves a blank line (a paragraph gap)."""
    out, y = [], top
    for text in texts:
        if text:
            out.append(line(text, x0, y, **kw))
        y += pitch
    return out
