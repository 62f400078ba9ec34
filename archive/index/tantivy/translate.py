"""The neutral query tree as tantivy queries.

Each node keeps its meaning from the tree (:mod:`archive.index.query.tree`), as the Whoosh
backend reads it:

* a phrase's `slop` counts positions apart (1: adjacent), tantivy's counts the words allowed
  in between (0: adjacent);
* prefixes and wildcards are regular expressions over the term dictionary, scored constant,
  as Whoosh scores them;
* a fuzzy word must share its first `prefix` letters, which tantivy's fuzzy query cannot say:
  it becomes the near words the backend finds (`near`), like the forgiving retry's own;
* NOT inside AND leaves out, NOT alone matches every document but those; filters and the
  `required` side of REQUIRE restrict without scoring (a constant score of 0).
"""

from __future__ import annotations

from collections.abc import Callable

import tantivy

from archive.index.query import tree as t
from archive.index.tantivy.schema import TEXT_FIELDS, field_of_term, schema

Occur = tantivy.Occur
Query = tantivy.Query

# (field, word, max distance) → the words of the index within that distance.
NearWords = Callable[[str, str, int], list[str]]

_REGEX_SPECIAL = frozenset(r"\.+*?()|[]{}^$#&-~\"<>@")


def regex_escape(text: str) -> str:
    """`text` as a literal inside tantivy's regular expressions."""
    return "".join("\\" + c if c in _REGEX_SPECIAL else c for c in text)


def _boosted(query: Query, boost: float) -> Query:
    return query if boost == 1.0 else Query.boost_query(query, boost)


def _unscored(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


def _prefix(node: t.Prefix) -> Query:
    field = field_of_term(node.field, node.text)
    regex = regex_escape(node.text) + ".*"
    return Query.const_score_query(Query.regex_query(schema(), field, regex), node.boost)


def _wildcard(node: t.Wildcard) -> Query:
    field = field_of_term(node.field, node.pattern)
    regex = "".join(
        ".*" if c == "*" else "." if c == "?" else regex_escape(c) for c in node.pattern
    )
    return Query.const_score_query(Query.regex_query(schema(), field, regex), node.boost)


def _every(node: t.Every) -> Query:
    if node.field is None:
        return _boosted(Query.all_query(), node.boost)
    if node.field in TEXT_FIELDS:
        # A document with a term in a text field: any word of it (positions field) matches.
        return Query.const_score_query(Query.regex_query(schema(), node.field, ".+"), node.boost)
    return Query.const_score_query(Query.exists_query(node.field), node.boost)


class Translator:
    """Turns neutral trees into tantivy queries; `near` expands fuzzy words."""

    def __init__(self, near: NearWords) -> None:
        self.near = near

    def __call__(self, node: t.Node) -> Query:
        return self.query(node)

    def query(self, node: t.Node) -> Query:
        if isinstance(node, t.Term):
            field = field_of_term(node.field, node.text)
            return _boosted(Query.term_query(schema(), field, node.text), node.boost)
        if isinstance(node, t.Phrase):
            phrase = Query.phrase_query(
                schema(), node.field, list(node.words), slop=max(0, node.slop - 1)
            )
            return _boosted(phrase, node.boost)
        if isinstance(node, t.Prefix):
            return _prefix(node)
        if isinstance(node, t.Wildcard):
            return _wildcard(node)
        if isinstance(node, t.Fuzzy):
            return self._fuzzy(node)
        if isinstance(node, t.Every):
            return _every(node)
        if isinstance(node, t.Nothing):
            return Query.empty_query()
        if isinstance(node, t.And):
            return self._and(node)
        if isinstance(node, t.Or):
            clauses = [(Occur.Should, self.query(c)) for c in node.children]
            return _boosted(Query.boolean_query(clauses), node.boost)
        if isinstance(node, t.Not):
            return self._not(node)
        if isinstance(node, t.AndNot):
            positive, negative = self.query(node.positive), self.query(node.negative)
            return Query.boolean_query([(Occur.Must, positive), (Occur.MustNot, negative)])
        if isinstance(node, t.AndMaybe):
            required, optional = self.query(node.required), self.query(node.optional)
            return Query.boolean_query([(Occur.Must, required), (Occur.Should, optional)])
        if isinstance(node, t.Require):
            scored, required = self.query(node.query), _unscored(self.query(node.required))
            return Query.boolean_query([(Occur.Must, scored), (Occur.Must, required)])
        raise TypeError(f"not a query tree node: {node!r}")

    def filtered(self, query: t.Node, filter: t.Node | None) -> Query:
        """`query`, restricted to what `filter` matches without scoring by it."""
        if filter is None:
            return self.query(query)
        if isinstance(query, t.Every) and query.field is None:
            return _unscored(self.query(filter))
        return Query.boolean_query(
            [(Occur.Must, self.query(query)), (Occur.Must, _unscored(self.query(filter)))]
        )

    def _and(self, node: t.And) -> Query:
        clauses: list[tuple[Occur, Query]] = []
        for child in node.children:
            if isinstance(child, t.Not):
                clauses.append((Occur.MustNot, self.query(child.child)))
            else:
                clauses.append((Occur.Must, self.query(child)))
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return _boosted(Query.boolean_query(clauses), node.boost)

    def _not(self, node: t.Not) -> Query:
        return _boosted(
            Query.boolean_query(
                [(Occur.Must, Query.all_query()), (Occur.MustNot, self.query(node.child))]
            ),
            node.boost,
        )

    def _fuzzy(self, node: t.Fuzzy) -> Query:
        words = {node.text}
        if node.prefix <= 1:
            words.update(self.near(node.field, node.text, node.maxdist))
        else:
            words.update(
                w
                for w in self.near(node.field, node.text, node.maxdist)
                if w[: node.prefix] == node.text[: node.prefix]
            )
        clauses = [
            (Occur.Should, Query.term_query(schema(), field_of_term(node.field, w), w))
            for w in sorted(words)
        ]
        return _boosted(Query.boolean_query(clauses), node.boost)


__all__ = ["NearWords", "Translator", "regex_escape"]
