"""The query language read into a neutral tree: words, "phrases", AND/OR/NOT (EN/OF/NIET),
ANDNOT, ANDMAYBE, prefix*, wild?cards, word~ (near spellings), word^2 (boost), (brackets),
`*:*`, text fields by name (`titel:`, `onderwerp:`) and facets (`kind:`, `gemeente:` …).

The reading follows the steps of the query engine the language was first written for (Whoosh's
default parser), so that every query means what it meant there:

1. *tag*: at each position the first matching tagger wins; text between tags is a word;
2. brackets become groups; boosts and `~` attach to the word right before them;
3. a `*` or `?` joins the words it touches into a prefix or wildcard;
4. a field name applies to the node right after it (an unknown one is just text: `10:30`);
5. words without a field search the default text fields;
6. whitespace goes; operators group their neighbours: NOT binds tightest, then AND, OR,
   ANDNOT, ANDMAYBE, REQUIRE; what is left side by side must all match.

Words are analysed here (:mod:`archive.index.analysis`), so the tree holds index terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archive.index.analysis import term, terms
from archive.index.contract import TEXT_FIELDS
from archive.index.query import tree as t
from archive.index.query.facets import FACET_QUERIES
from archive.index.query.names import FACET_ALIAS, TEXT_ALIAS
from archive.index.query.syntax import FACET_EXPR, QuerySyntaxError

# --- syntax nodes ---------------------------------------------------------------------------


@dataclass
class _Node:
    original: str = ""
    boost: float = 1.0
    field: str | None = None

    has_text = False
    has_boost = False
    has_field = False


@dataclass
class _Text(_Node):
    """A word, prefix, wildcard, fuzzy word or phrase: text searched in one field."""

    kind: str = "word"  # word | prefix | wildcard | fuzzy | phrase
    text: str = ""
    maxdist: int = 1
    prefix: int = 0
    slop: int = 1

    has_text = True
    has_boost = True
    has_field = True


@dataclass
class _Facet(_Node):
    facet: str = ""
    value: str = ""

    has_boost = True


@dataclass
class _Group(_Node):
    kind: str = "and"  # and | or | not | andnot | andmaybe | require
    nodes: list[_Node] = field(default_factory=list)

    has_boost = True
    has_field = True

    @property
    def binary(self) -> bool:
        return self.kind in ("andnot", "andmaybe", "require")


@dataclass
class _Mark(_Node):
    """A tag that only steers the reading: brackets, operators, field names, boosts, `~`."""

    kind: str = ""  # open | close | op | fieldname | boost | fuzziness | wild | every | space
    name: str = ""  # the operator's group kind, the field name
    number: float = 0.0  # a boost
    maxdist: int = 1
    prefix: int = 0


def _word(original: str) -> _Text:
    return _Text(original=original, text=original)


# --- 1. tagging -------------------------------------------------------------------------------

_QMARKS = "?\u055e\u061f\u1367"
_TAGGERS: list[tuple[str, re.Pattern[str]]] = [
    ("facet", re.compile(FACET_EXPR)),
    ("op:andnot", re.compile(r"(?<=\s)ANDNOT(?=\s)")),
    ("op:andmaybe", re.compile(r"(?<=\s)ANDMAYBE(?=\s)")),
    ("every", re.compile(r"[*]:[*]")),
    ("fieldname", re.compile(r"(?P<text>\w+|[*]):")),
    ("wild", re.compile(f"(?P<text>[*{_QMARKS}])")),
    ("phrase", re.compile(r'"(?P<text>.*?)"(~(?P<slop>[1-9][0-9]*))?')),
    ("open", re.compile(r"[(]")),
    ("close", re.compile(r"[)]")),
    ("boost", re.compile(r"\^(?P<boost>[0-9]*(\.[0-9]+)?)($|(?=[ \t\r\n)]))")),
    ("op:not", re.compile(r"(^|(?<=(\s|[()])))(NOT|NIET)(?=\s)")),
    ("op:and", re.compile(r"(?<=\s)(AND|EN)(?=\s)")),
    ("op:or", re.compile(r"(?<=\s)(OR|OF)(?=\s)")),
    ("op:require", re.compile(r"(^|(?<=\s))REQUIRE(?=\s)")),
    ("fuzziness", re.compile(r"(?<=\S)~(?P<maxdist>[0-9])?(/(?P<prefix>[1-9][0-9]*))?")),
    ("space", re.compile(r"\s+")),
]


def _tag_node(kind: str, m: re.Match[str]) -> _Node:
    original = m.group(0)
    if kind == "facet":
        value = m.group("quoted")
        if value is None:
            value = m.group("value")
        return _Facet(original, facet=FACET_ALIAS[m.group("name").lower()], value=value.strip())
    if kind.startswith("op:"):
        return _Mark(original, kind="op", name=kind[3:])
    if kind == "fieldname":
        return _Mark(original, kind="fieldname", name=m.group("text"))
    if kind == "wild":
        return _Mark(original, kind="wild")
    if kind == "phrase":
        slop = int(m.group("slop")) if m.group("slop") else 1
        return _Text(original, kind="phrase", text=m.group("text"), slop=slop)
    if kind == "boost":
        try:
            return _Mark(original, kind="boost", number=float(m.group("boost")))
        except ValueError:  # `^` without a number is just text
            return _word(original)
    if kind == "fuzziness":
        maxdist = int(m.group("maxdist")) if m.group("maxdist") else 1
        prefix = int(m.group("prefix")) if m.group("prefix") else 0
        return _Mark(original, kind="fuzziness", maxdist=maxdist, prefix=prefix)
    return _Mark(original, kind=kind)


def _tag(text: str) -> list[_Node]:
    nodes: list[_Node] = []
    pos = prev = 0
    while pos < len(text):
        for kind, expr in _TAGGERS:
            m = expr.match(text, pos)
            if m is not None and m.end() > pos:
                if prev < pos:
                    nodes.append(_word(text[prev:pos]))
                nodes.append(_tag_node(kind, m))
                prev = pos = m.end()
                break
        else:
            pos += 1
    if prev < len(text):
        nodes.append(_word(text[prev:]))
    return nodes


# --- 2.–6. the filters ------------------------------------------------------------------------


def _is_mark(node: _Node, kind: str) -> bool:
    return isinstance(node, _Mark) and node.kind == kind


def _groups(nodes: list[_Node]) -> _Group:
    stack = [_Group()]
    for node in nodes:
        if _is_mark(node, "open"):
            stack.append(_Group())
        elif _is_mark(node, "close"):
            if len(stack) > 1:
                last = stack.pop()
                stack[-1].nodes.append(last)
        else:
            stack[-1].nodes.append(node)
    top = stack[0]
    for unclosed in stack[1:]:
        top.nodes.extend(unclosed.nodes)
    if len(top.nodes) == 1 and isinstance(top.nodes[0], _Group):
        inner = top.nodes[0]
        inner.boost = top.boost
        return inner
    return top


def _clean_boosts(group: _Group) -> None:
    # A boost that cannot boost the node before it (after a space, first) is text. Only the
    # top level: inside brackets the boost step below decides.
    for i, node in enumerate(group.nodes):
        if _is_mark(node, "boost") and (not i or not group.nodes[i - 1].has_boost):
            group.nodes[i] = _word(node.original)


def _fuzzy_words(group: _Group) -> None:
    out: list[_Node] = []
    i = 0
    nodes = group.nodes
    while i < len(nodes):
        node = nodes[i]
        after = nodes[i + 1] if i + 1 < len(nodes) else None
        if (
            isinstance(node, _Text)
            and node.kind == "word"
            and after
            and _is_mark(after, "fuzziness")
        ):
            assert isinstance(after, _Mark)
            node = _Text(node.original, node.boost, node.field, "fuzzy", node.text)
            node.maxdist, node.prefix = after.maxdist, after.prefix
            i += 1
        if _is_mark(node, "fuzziness"):
            node = _word(node.original)
        if isinstance(node, _Group):
            _fuzzy_words(node)
        out.append(node)
        i += 1
    group.nodes = out


def _is_text(node: _Node | None) -> bool:
    return node is not None and (node.has_text or _is_mark(node, "wild"))


def _text_of(node: _Node) -> str:
    return node.text if isinstance(node, _Text) else node.original


def _wildcards(group: _Group) -> None:
    nodes = group.nodes
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if _is_mark(node, "wild"):
            pattern = node.original
            if i < len(nodes) - 1 and _is_text(nodes[i + 1]):
                pattern += _text_of(nodes.pop(i + 1))
            if i > 0 and _is_text(nodes[i - 1]):
                pattern = _text_of(nodes.pop(i - 1)) + pattern
                i -= 1
                nodes[i] = _Text(pattern, kind="wildcard", text=pattern)
            else:
                nodes[i] = _Text(pattern, kind="wildcard", text=pattern)
                i += 1
        else:
            if isinstance(node, _Group):
                _wildcards(node)
            i += 1
    for node in nodes:
        if isinstance(node, _Text) and node.kind == "wildcard":
            text = node.text
            if (
                len(text) > 1
                and not any(q in text for q in _QMARKS)
                and text.find("*") == len(text) - 1
            ):
                node.kind, node.text = "prefix", text[:-1]


def _field_of(name: str) -> str | None:
    """The text field a field name means; None for a name the language does not know."""
    return TEXT_ALIAS.get(name.lower())


def _set_field(node: _Node, name: str) -> None:
    if not node.has_field:
        return
    if node.field is None:
        node.field = name
    if isinstance(node, _Group):
        for child in node.nodes:
            _set_field(child, name)


def _fieldnames(group: _Group) -> None:
    # An unknown field name is text, glued to what follows it (`10:30`, `https://…`).
    out: list[_Node] = []
    pending: _Mark | None = None
    for node in group.nodes:
        if _is_mark(node, "fieldname") and _field_of(node.name) is None:
            assert isinstance(node, _Mark)
            pending = node
            continue
        if pending is not None:
            if isinstance(node, _Text):
                node.text = pending.original + node.text
            else:
                out.append(_word(pending.original))
            pending = None
        out.append(node)
    if pending is not None:
        out.append(_word(pending.original))
    # A known one applies to the node right after it (no space between).
    applied: list[_Node] = []
    i = len(out)
    while i > 0:
        i -= 1
        node = out[i]
        if _is_mark(node, "fieldname"):
            node = _word(node.original)
        elif isinstance(node, _Group):
            _fieldnames(node)
        before = out[i - 1] if i > 0 else None
        if before is not None and not _is_mark(node, "space") and _is_mark(before, "fieldname"):
            assert isinstance(before, _Mark)
            _set_field(node, _field_of(before.name) or before.name)
            i -= 1
        applied.append(node)
    applied.reverse()
    group.nodes = applied


def _default_fields(group: _Group) -> None:
    for i, node in enumerate(group.nodes):
        if isinstance(node, _Group):
            _default_fields(node)
        elif isinstance(node, _Text) and node.field is None:
            copies = []
            for name, boost in TEXT_FIELDS.items():
                copy = _Text(**{**node.__dict__, "field": name, "boost": boost})
                copies.append(copy)
            group.nodes[i] = _Group(kind="or", nodes=copies)


def _without_spaces(group: _Group) -> None:
    group.nodes = [n for n in group.nodes if not _is_mark(n, "space")]
    for node in group.nodes:
        if isinstance(node, _Group):
            _without_spaces(node)


def _boosts(group: _Group) -> None:
    out: list[_Node] = []
    for node in group.nodes:
        if isinstance(node, _Group):
            _boosts(node)
        elif _is_mark(node, "boost"):
            assert isinstance(node, _Mark)
            if out and out[-1].has_boost:
                out[-1].boost = node.number
                continue
            node = _word(node.original)
        out.append(node)
    group.nodes = out


# Operators in the order they group their neighbours: the earlier, the tighter.
_INFIX = ("and", "or", "andnot", "andmaybe", "require")
_MERGING = ("and", "or")


def _operators(group: _Group) -> None:
    nodes = group.nodes
    i = 0
    while i < len(nodes):  # NOT: the node after it
        node = nodes[i]
        if _is_mark(node, "op") and isinstance(node, _Mark) and node.name == "not":
            del nodes[i]
            if i < len(nodes):
                nodes[i] = _Group(kind="not", nodes=[nodes[i]])
        i += 1
    for kind in _INFIX:
        i = 0
        while i < len(nodes):
            node = nodes[i]
            if not (_is_mark(node, "op") and isinstance(node, _Mark) and node.name == kind):
                i += 1
                continue
            if 0 < i < len(nodes) - 1:
                left, right = nodes[i - 1], nodes[i + 1]
                if kind in _MERGING and isinstance(left, _Group) and left.kind == kind:
                    left.nodes.append(right)
                    del nodes[i : i + 2]
                else:
                    nodes[i - 1 : i + 2] = [_Group(kind=kind, nodes=[left, right])]
            else:
                del nodes[i]
    for node in nodes:
        if isinstance(node, _Group):
            _operators(node)


# --- the tree ---------------------------------------------------------------------------------


def _text_query(node: _Text) -> t.Node | None:
    name = node.field or next(iter(TEXT_FIELDS))
    if node.kind == "word":
        words = terms(node.text)
        if not words:
            return None
        if len(words) == 1:
            return t.Term(name, words[0], node.boost)
        return t.And(tuple(t.Term(name, w, node.boost) for w in words))
    if node.kind == "phrase":
        return t.Phrase(name, tuple(terms(node.text)), node.slop, node.boost)
    one = term(node.text)
    if node.kind == "prefix":
        return t.Prefix(name, one, node.boost)
    if node.kind == "fuzzy":
        return t.Fuzzy(name, one, node.maxdist, node.prefix, node.boost)
    return t.Wildcard(name, one, node.boost)


_GROUPS: dict[str, type[t.And] | type[t.Or]] = {"and": t.And, "or": t.Or}
_BINARIES = {"andnot": t.AndNot, "andmaybe": t.AndMaybe, "require": t.Require}


def _query(node: _Node) -> t.Node | None:
    if isinstance(node, _Text):
        return _text_query(node)
    if isinstance(node, _Facet):
        q = FACET_QUERIES[node.facet](node.value)
        return t.with_boost(q, node.boost) if node.boost != 1.0 else q
    if _is_mark(node, "every"):
        return t.EVERY
    if not isinstance(node, _Group):
        return None  # a leftover mark (an operator with nothing to join)
    if node.kind == "not":
        if not node.nodes:
            raise QuerySyntaxError("NOT has nothing after it to leave out.")
        child = _query(node.nodes[0])
        # An empty group (a bracket of stop words) negates nothing: the NOT goes too.
        if child is None or (isinstance(child, (t.And, t.Or)) and not child.children):
            return None
        return t.Not(child)
    if node.binary:
        if len(node.nodes) != 2:
            raise QuerySyntaxError(f"{node.kind.upper()} needs a query on each side.")
        a, b = (_query(n) for n in node.nodes)
        if a is None and b is None:
            return t.NOTHING
        if a is None or b is None:
            return a or b
        return _BINARIES[node.kind](a, b)
    parts = tuple(q for q in map(_query, node.nodes) if q is not None)
    return _GROUPS[node.kind](parts, node.boost)


def read_query(text: str) -> t.Node:
    """The neutral tree of a query string (not yet normalized)."""
    top = _groups(_tag(text))
    for step in (_clean_boosts, _fuzzy_words, _wildcards, _fieldnames, _default_fields):
        step(top)
    for step in (_without_spaces, _boosts, _operators):
        step(top)
    return _query(top) or t.NOTHING


__all__ = ["read_query"]
