"""The forgiving retry: a query with its words widened to their near spellings (OCR damage such
as `ApeI` for `Apel`)."""

from __future__ import annotations

from collections.abc import Callable

from archive.index.contract import NAMED_TEXT_FIELDS, TEXT_FIELDS
from archive.index.query import tree as t

# Near spellings of an index word: (field, word, max edit distance) → words in the index.
Expander = Callable[[str, str, int], list[str]]

_WIDENED = (*TEXT_FIELDS, *NAMED_TEXT_FIELDS)


def max_distance(term: str) -> int:
    """How many edits a near spelling of `term` may differ by."""
    # OCR damage is one or two characters; short stems would match half the vocabulary at 2.
    return 1 if len(term) <= 6 else 2


def fuzzy_variant(
    query: t.Node,
    expand: Expander | None = None,
    typed: dict[str, set[str]] | None = None,
) -> t.Node | None:
    """`query` with each word of the text fields widened to its near spellings; None when it
    has no such words. Negated parts stay exact.

    With `expand`, the near spellings are looked up once, here, and the tree holds plain
    terms; without it, the tree holds :class:`~archive.index.query.tree.Fuzzy` leaves that the
    backend expands. `typed` gives the words as typed by their terms: a word of four letters
    or more is widened even when its stem is shorter ("token" → "tok").
    """
    changed = False
    typed = typed or {}

    def long_enough(word: str) -> bool:
        return len(word) >= 4 or any(len(w) >= 4 for w in typed.get(word, ()))

    def near(field: str, word: str, boost: float = 1.0) -> t.Node:
        if not long_enough(word):
            return t.Term(field, word, boost)
        if expand is None:
            return t.Fuzzy(field, word, max_distance(word), 1, boost)
        words = sorted(set(expand(field, word, max_distance(word))) | {word})
        if len(words) == 1:
            return t.Term(field, word, boost)
        return t.Or(tuple(t.Term(field, w) for w in words), boost)

    def widen(node: t.Node) -> t.Node | None:
        nonlocal changed
        if type(node) is t.Term and node.field in _WIDENED and long_enough(node.text):
            changed = True
            return near(node.field, node.text, node.boost)
        if isinstance(node, t.Phrase) and node.field in _WIDENED:
            changed = True
            return t.And(tuple(near(node.field, w) for w in node.words), node.boost)
        return None

    widened = t.rewrite(query, widen)
    return widened if changed else None


__all__ = ["Expander", "fuzzy_variant", "max_distance"]
