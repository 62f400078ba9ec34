"""The query language, backend-independent: a user's query string → one neutral query tree.

    tree = parse_query('soort:actie eigenaar:DPG "Ter Apel"')

Every search backend translates the tree (:mod:`archive.index.query.tree`) into its own
queries; none parses the language itself.
"""

from __future__ import annotations

from archive.index.query import tree
from archive.index.query.facets import Filters, filter_tree, kind_of, parse_date_spec, status_of
from archive.index.query.fuzzy import Expander, fuzzy_variant
from archive.index.query.names import FACET_NAMES, FIELD_HELP, FIELD_NAMES, KIND_LABELS, KIND_WORDS
from archive.index.query.parser import read_query
from archive.index.query.syntax import QuerySyntaxError, check_syntax, word_spans


def parse_query(text: str) -> tree.Node:
    """The normalized tree of a user's query string; `*` means everything.

    Raises :class:`QuerySyntaxError` with a message fit for the user.
    """
    check_syntax(text)
    if text.strip() == "*":
        return tree.EVERY
    try:
        return tree.normalize(read_query(text))
    except QuerySyntaxError:
        raise
    except Exception as exc:  # a reading no rule foresaw: say so rather than crash
        raise QuerySyntaxError(f"Cannot read the query: {exc}") from exc


__all__ = [
    "FACET_NAMES",
    "FIELD_HELP",
    "FIELD_NAMES",
    "KIND_LABELS",
    "KIND_WORDS",
    "Expander",
    "Filters",
    "QuerySyntaxError",
    "check_syntax",
    "filter_tree",
    "fuzzy_variant",
    "kind_of",
    "parse_date_spec",
    "parse_query",
    "status_of",
    "tree",
    "word_spans",
]
