"""What is surely a mistake in a query, said with a suggested fix; and the plain words of a query.

A query parser accepts almost any string and guesses; a user is better served by a clear
message, so :func:`check_syntax` rejects an open quote, an unknown field, an operator with
nothing to join, before anything is parsed.
"""

from __future__ import annotations

import difflib
import re

from archive.index.query.names import (
    BINARY_OPERATORS,
    FACET_ALIAS,
    FIELD_HELP,
    FIELD_NAMES,
    OPERATORS,
)
from pipeline.errors import UsageError


class QuerySyntaxError(UsageError, ValueError):
    """A query that cannot be what the user meant; `suggestion` is a corrected query, if any."""

    reason = "bad-query"

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


# `name:value` for a facet, the value quoted or not.
FACET_EXPR = (
    r"(?<![\w:])(?P<name>(?i:"
    + "|".join(sorted(map(re.escape, FACET_ALIAS), key=len, reverse=True))
    + r')):(?:"(?P<quoted>[^"]*)"|(?P<value>[^\s()"^]+))'
)
# `name:` that looks like a field; `https://…` and `10:30` do not.
_FIELD_LIKE = re.compile(r"(?<![\w:\"])([^\W\d_][\w]*):(?!//)(\S?)")


def mask_quotes(text: str) -> str:
    """`text` with the inside of every "…" replaced by spaces (same length)."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def check_syntax(text: str) -> None:
    """Raise :class:`QuerySyntaxError` for what is surely a mistake."""
    if not text.strip():
        raise QuerySyntaxError("The query is empty.", suggestion="*")
    if text.count('"') % 2:
        raise QuerySyntaxError("A quote is not closed.", suggestion=text.rstrip() + '"')
    masked = mask_quotes(text)
    _check_brackets(text, masked)
    for m in _FIELD_LIKE.finditer(masked):
        _check_field(text, m)
    _check_operators(text, masked)


def _check_brackets(text: str, masked: str) -> None:
    depth = 0
    for i, char in enumerate(masked):
        depth += (char == "(") - (char == ")")
        if depth < 0:
            fixed = text[:i] + text[i + 1 :]
            raise QuerySyntaxError(
                "A closing bracket ')' has no opening one.", " ".join(fixed.split())
            )
    if depth > 0:
        raise QuerySyntaxError(
            "A bracket '(' is not closed.", suggestion=text.rstrip() + ")" * depth
        )


def _check_field(text: str, m: re.Match[str]) -> None:
    name, after = m.group(1), m.group(2)
    if name.lower() not in FIELD_NAMES:
        close = difflib.get_close_matches(name.lower(), FIELD_NAMES, n=1, cutoff=0.6)
        if close:
            fixed = text[: m.start(1)] + close[0] + text[m.end(1) :]
            hint = f" Did you mean {close[0]}:?"
        else:
            fixed = text[: m.end(1)] + " " + text[m.end(1) + 1 :]
            hint = ""
        raise QuerySyntaxError(
            f"Unknown field {name}:.{hint} Fields: " + ", ".join(FIELD_HELP) + ".",
            suggestion=" ".join(fixed.split()),
        )
    if not after or after in ")":
        example = {"kind": "kind:besluit", "date": "datum:2022-04", "status": "status:open"}.get(
            FACET_ALIAS.get(name.lower(), ""), f'{name}:"…"'
        )
        raise QuerySyntaxError(f"Field {name}: has no value (for example {example}).")


def _check_operators(text: str, masked: str) -> None:
    words = masked.split()
    if not any(w in OPERATORS for w in words):
        return
    if words[0] in BINARY_OPERATORS:
        raise QuerySyntaxError(
            f"{words[0]} at the start has nothing on its left.", " ".join(text.split()[1:])
        )
    if words[-1] in OPERATORS:
        raise QuerySyntaxError(
            f"{words[-1]} at the end has nothing on its right.", " ".join(text.split()[:-1])
        )
    for left, right in zip(words, words[1:], strict=False):
        if left in OPERATORS and right in BINARY_OPERATORS:
            raise QuerySyntaxError(f"{left} {right}: two operators in a row.")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the plain words of a query (not operators, field names or facet values): the
    words a spelling suggestion may replace."""
    masked = re.sub(FACET_EXPR, lambda m: " " * len(m.group()), text)
    masked = re.sub(r"(?<![\w:\"])[^\W\d_]\w*:", lambda m: " " * len(m.group()), masked)
    spans = []
    for m in re.finditer(r"(?<!\w)[^\W\d_]{3,}(?![\w*~])", masked):
        if m.group() not in OPERATORS:
            spans.append(m.span())
    return spans


__all__ = ["FACET_EXPR", "QuerySyntaxError", "check_syntax", "mask_quotes", "word_spans"]
