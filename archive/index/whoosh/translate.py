"""The neutral query tree as Whoosh queries: one node, one Whoosh query, nothing reinterpreted."""

from __future__ import annotations

from whoosh import query as wq

from archive.index.query import tree as t


def to_whoosh(node: t.Node) -> wq.Query:
    """The Whoosh query of a neutral tree node."""
    if isinstance(node, t.Term):
        return wq.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, t.Phrase):
        return wq.Phrase(node.field, list(node.words), slop=node.slop, boost=node.boost)
    if isinstance(node, t.Prefix):
        return wq.Prefix(node.field, node.text, boost=node.boost)
    if isinstance(node, t.Wildcard):
        return wq.Wildcard(node.field, node.pattern, boost=node.boost)
    if isinstance(node, t.Fuzzy):
        return wq.FuzzyTerm(
            node.field, node.text, boost=node.boost, maxdist=node.maxdist, prefixlength=node.prefix
        )
    if isinstance(node, t.Every):
        return wq.Every(node.field, boost=node.boost)
    if isinstance(node, t.Nothing):
        return wq.NullQuery
    if isinstance(node, t.And):
        return wq.And([to_whoosh(c) for c in node.children], boost=node.boost)
    if isinstance(node, t.Or):
        return wq.Or([to_whoosh(c) for c in node.children], boost=node.boost)
    if isinstance(node, t.Not):
        return wq.Not(to_whoosh(node.child), boost=node.boost)
    if isinstance(node, t.AndNot):
        return wq.AndNot(to_whoosh(node.positive), to_whoosh(node.negative))
    if isinstance(node, t.AndMaybe):
        return wq.AndMaybe(to_whoosh(node.required), to_whoosh(node.optional))
    if isinstance(node, t.Require):
        return wq.Require(to_whoosh(node.query), to_whoosh(node.required))
    raise TypeError(f"not a query tree node: {node!r}")


__all__ = ["to_whoosh"]
