"""The neutral query tree: what a user's query means, over the fields of the index contract.

The query language is parsed once into these nodes (:mod:`archive.index.query.parser`); each
search backend translates them into its own queries. Leaves hold index terms (already analysed,
see :mod:`archive.index.analysis`) of the fields in :data:`archive.index.contract.FIELDS`.

:func:`normalize` simplifies a tree the way the query engines do (nested groups of one kind
merged, nothing-matching parts dropped, duplicates removed, single-child groups unwrapped), so a
backend receives the same tree whatever the user's bracketing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Union


@dataclass(frozen=True, slots=True)
class Term:
    """Documents whose `field` holds `text`."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """`words` in order, at most `slop` positions apart."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Prefix:
    """Any term of `field` that starts with `text`."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Wildcard:
    """Terms of `field` matching `pattern` (`*` any run of characters, `?` one character)."""

    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Terms of `field` within `maxdist` edits of `text`, sharing its first `prefix` letters."""

    field: str
    text: str
    maxdist: int = 1
    prefix: int = 0
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Every:
    """Every document; with `field`, every document that has a term in it."""

    field: str | None = None
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Nothing:
    """No document (a query of stop words only, say)."""

    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Not:
    """Documents that do not match `child` (inside And: leave those out)."""

    child: Node
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AndNot:
    """`positive`, leaving out what matches `negative` (`a ANDNOT b`)."""

    positive: Node
    negative: Node
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AndMaybe:
    """`required`; matching `optional` too scores higher (`a ANDMAYBE b`)."""

    required: Node
    optional: Node
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Require:
    """`query`, only where `required` matches too, scored by `query` (`a REQUIRE b`)."""

    query: Node
    required: Node
    boost: float = 1.0


Leaf = Union[Term, Phrase, Prefix, Wildcard, Fuzzy, Every, Nothing]  # noqa: UP007
Binary = Union[AndNot, AndMaybe, Require]  # noqa: UP007
Node = Union[Leaf, And, Or, Not, Binary]  # noqa: UP007

NOTHING = Nothing()
EVERY = Every()
TEXT_LEAVES = (Term, Phrase, Prefix, Wildcard, Fuzzy)


def with_boost(node: Node, boost: float) -> Node:
    """`node` with its boost set to `boost`. A binary node passes it to the side that scores
    (both sides for ANDMAYBE), as the query engines do."""
    if isinstance(node, AndNot):
        return AndNot(with_boost(node.positive, boost), node.negative)
    if isinstance(node, Require):
        return Require(with_boost(node.query, boost), node.required)
    if isinstance(node, AndMaybe):
        return AndMaybe(with_boost(node.required, boost), with_boost(node.optional, boost))
    return node if node.boost == boost else replace(node, boost=boost)


def either(nodes: list[Node]) -> Node:
    """Any of `nodes` (the ones that can match); a single node as itself."""
    nodes = [n for n in nodes if not isinstance(n, Nothing)]
    if not nodes:
        return NOTHING
    return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))


def all_of(nodes: list[Node]) -> Node:
    """All of `nodes`; a single node as itself."""
    nodes = [n for n in nodes if not isinstance(n, Nothing)]
    if not nodes:
        return NOTHING
    return nodes[0] if len(nodes) == 1 else And(tuple(nodes))


def _binary_parts(node: Binary) -> tuple[Node, Node]:
    if isinstance(node, AndNot):
        return node.positive, node.negative
    if isinstance(node, AndMaybe):
        return node.required, node.optional
    return node.query, node.required


def children(node: Node) -> tuple[Node, ...]:
    """The nodes directly inside `node`."""
    if isinstance(node, (And, Or)):
        return node.children
    if isinstance(node, Not):
        return (node.child,)
    if isinstance(node, (AndNot, AndMaybe, Require)):
        return _binary_parts(node)
    return ()


def walk(node: Node) -> Iterator[Node]:
    """`node` and every node inside it, depth first."""
    yield node
    for child in children(node):
        yield from walk(child)


def field_of(node: Node) -> str | None:
    """The one field a node searches, or None when it searches several (or none)."""
    if isinstance(node, (*TEXT_LEAVES, Every)):
        return node.field
    if isinstance(node, (And, Or)):
        first = field_of(node.children[0]) if node.children else None
        return first if all(field_of(c) == first for c in node.children[1:]) else None
    if isinstance(node, (AndNot, AndMaybe, Require)):
        a, b = (field_of(part) for part in _binary_parts(node))
        return a if a == b else None
    return None


def fields(node: Node) -> set[str]:
    """The fields a tree searches."""
    return {n.field for n in walk(node) if isinstance(n, TEXT_LEAVES)}


def normalize(node: Node) -> Node:
    """`node` simplified as the query engines simplify it (see the module docstring)."""
    if isinstance(node, (And, Or)):
        return _normalize_group(node)
    if isinstance(node, Not):
        child = normalize(node.child)
        return NOTHING if isinstance(child, Nothing) else Not(child, node.boost)
    if isinstance(node, (AndNot, AndMaybe, Require)):
        return _normalize_binary(node)
    if isinstance(node, Phrase):
        if not node.words:
            return NOTHING
        if len(node.words) == 1:  # the engines drop the phrase's boost here
            return Term(node.field, node.words[0])
    if isinstance(node, Wildcard):
        return _normalize_wildcard(node)
    return node


def _normalize_group(node: And | Or) -> Node:
    kind = type(node)
    flat: list[Node] = []
    for child in map(normalize, node.children):
        if type(child) is kind:
            flat += [with_boost(c, c.boost * child.boost) for c in child.children]
        else:
            flat.append(child)
    if all(isinstance(c, Nothing) for c in flat):
        return NOTHING
    if any(isinstance(c, Every) and c.field is None for c in flat):
        return EVERY
    # Every document with a term in a field makes the other parts on that field redundant.
    every_fields = {c.field for c in flat if isinstance(c, Every)}
    unique: list[Node] = []
    seen_every: set[str | None] = set()
    for child in flat:
        if isinstance(child, Nothing) or child in unique:
            continue
        if isinstance(child, Every):
            if child.field in seen_every:
                continue
            seen_every.add(child.field)
        elif field_of(child) in every_fields:
            continue
        unique.append(child)
    if len(unique) == 1:
        only = unique[0]
        if only.boost == 1.0 and node.boost == 1.0:
            return only
        return with_boost(only, only.boost * node.boost)
    return kind(tuple(unique), node.boost)


def _normalize_binary(node: Binary) -> Node:
    a, b = (normalize(part) for part in _binary_parts(node))
    if isinstance(a, Nothing) and isinstance(b, Nothing):
        return NOTHING
    if isinstance(node, (AndNot, AndMaybe)):
        if isinstance(a, Nothing):
            return NOTHING
        if isinstance(b, Nothing):
            return a
        return type(node)(a, b)
    if isinstance(a, Nothing) or isinstance(b, Nothing):
        return NOTHING
    return Require(a, b)


def _normalize_wildcard(node: Wildcard) -> Node:
    pattern = node.pattern
    if pattern == "*":
        return Every(node.field, node.boost)
    if "?" not in pattern and pattern.find("*") == len(pattern) - 1:
        return Prefix(node.field, pattern[:-1], node.boost)
    if "?" not in pattern and "*" not in pattern:
        return Term(node.field, pattern, node.boost)
    return node


def rewrite(node: Node, leaf: Callable[[Node], Node | None]) -> Node:
    """`node` with every leaf `leaf` returns a node for replaced by it; the negated parts of
    Not and AndNot are kept as they are."""
    if isinstance(node, (And, Or)):
        return type(node)(tuple(rewrite(c, leaf) for c in node.children), node.boost)
    if isinstance(node, Not):
        return node
    if isinstance(node, AndNot):
        return AndNot(rewrite(node.positive, leaf), node.negative, node.boost)
    if isinstance(node, AndMaybe):
        return AndMaybe(rewrite(node.required, leaf), rewrite(node.optional, leaf), node.boost)
    if isinstance(node, Require):
        return Require(rewrite(node.query, leaf), rewrite(node.required, leaf), node.boost)
    replaced = leaf(node)
    return node if replaced is None else replaced


__all__ = [
    "EVERY",
    "NOTHING",
    "And",
    "AndMaybe",
    "AndNot",
    "Every",
    "Fuzzy",
    "Node",
    "Not",
    "Nothing",
    "Or",
    "Phrase",
    "Prefix",
    "Require",
    "Term",
    "Wildcard",
    "all_of",
    "children",
    "either",
    "field_of",
    "fields",
    "normalize",
    "rewrite",
    "walk",
    "with_boost",
]
