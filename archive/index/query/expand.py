"""The forgiving words of a query: each word also finds the compounds it is part of, the parts of
a compound, and near spellings, each at a lower weight than the word itself.

For a query word the index has the word's own term and, from the analysis of every document
(:mod:`archive.index.compounds`), part terms and spelling keys. So "aanbod" becomes

    aanbod  OR  +aanbod^w          a compound of the document that has "aanbod" as a part

and "vaccinatieaanbod", a compound itself, also

    (vaccinatie AND aanbod)^w      its parts, as words of the document
    ~vaccinatieaanbod^w            another spelling of it

and an unknown word ("zandzakkken") also searches for the word it most likely misspells.

*Below an exact match*: a rare term scores higher than a common one (its inverse document
frequency), so a fixed weight alone would let a document with a rare compound beat one with
the common word itself. Each alternative's weight is therefore scaled by how much rarer it
is than the word, so that it scores about `w` times what the word itself would score in the
same document. The BM25 formula of the inverse document frequency is used for that; engines
differ a little in theirs, which shifts the scaled weights a little, never above the word.

Alternatives no document holds are left out, so a query grows only by what can match.
Backend-independent: document frequencies come from the backend's `doc_count`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archive.index.analysis import _normal, _stopwords
from archive.index.compounds import NEAR, PART, Reading, read_word
from archive.index.contract import NAMED_TEXT_FIELDS, TEXT_FIELDS
from archive.index.query import tree as t

PART_WEIGHT = 0.5  # the word as a part of a compound in the document
SPLIT_WEIGHT = 0.5  # the parts of a compound of the query, as words or parts in the document
NEAR_WEIGHT = 0.5  # a near spelling of the word: a misspelling, another linking element
MIN_PREFIX = 3  # letters a prefix needs before it is looked for inside compounds too

_EXPANDED = frozenset((*TEXT_FIELDS, *NAMED_TEXT_FIELDS))

# (field, term) → how many documents hold the term.
DocFrequency = Callable[[str, str], int]


@dataclass
class WordMatch:
    """The terms that are a query word itself, and the terms that are near spellings of it:
    a hit holding only the latter matched a near spelling."""

    direct: set[str] = field(default_factory=set)
    near: set[str] = field(default_factory=set)


@dataclass
class Expansion:
    """A query with its words widened, and what was widened."""

    tree: t.Node
    words: dict[str, WordMatch] = field(default_factory=dict)  # by the query word's term
    repaired: bool = False  # a word of the query was read as a misspelling of another


def query_readings(words: Iterable[str]) -> dict[str, list[Reading]]:
    """The readings of the plain words of a query, by their index term."""
    stops = _stopwords()
    out: dict[str, list[Reading]] = {}
    for word in words:
        folded = _normal(word)
        if folded in stops or not folded.isalpha():
            continue
        reading = read_word(folded)
        out.setdefault(reading.stem, []).append(reading)
    return out


class _Scaler:
    """Weights scaled by rarity, from cached document frequencies."""

    def __init__(self, frequency: DocFrequency, total: int) -> None:
        self._frequency = frequency
        self._cache: dict[tuple[str, str], int] = {}
        self.total = max(total, 1)

    def df(self, field_name: str, term: str) -> int:
        key = (field_name, term)
        if key not in self._cache:
            self._cache[key] = self._frequency(field_name, term)
        return self._cache[key]

    def idf(self, df: int) -> float:
        return math.log(1 + (self.total - df + 0.5) / (df + 0.5))

    def weight(self, weight: float, word_df: int, df: int) -> float:
        """`weight` for an alternative held by `df` documents, when the word is held by
        `word_df`: scaled down by as much as the alternative is rarer."""
        return weight * self.idf(max(word_df, df)) / self.idf(df)


def _alternatives(
    field_name: str,
    reading: Reading,
    scale: _Scaler,
    match: WordMatch,
    *,
    factor: float = 1.0,
    near: bool,
) -> list[t.Node]:
    """The terms beside the word's own that find `reading`, weighted."""
    word_df = scale.df(field_name, reading.stem)
    target = match.near if factor < 1.0 else match.direct
    out: list[t.Node] = []
    if factor < 1.0 and word_df:  # the word a misspelling is read as: itself a near spelling
        out.append(t.Term(field_name, reading.stem, factor))
        target.add(reading.stem)
    part = PART + reading.stem
    if df := scale.df(field_name, part):
        out.append(t.Term(field_name, part, factor * scale.weight(PART_WEIGHT, word_df, df)))
        target.add(part)
    if reading.compound and (split := _split(field_name, reading, scale, word_df)) is not None:
        out.append(t.with_boost(split, split.boost * factor))
    if near:
        key = NEAR + reading.key
        if df := scale.df(field_name, key):
            out.append(t.Term(field_name, key, scale.weight(NEAR_WEIGHT, word_df, df)))
            match.near.add(key)
    return out


def _split(field_name: str, reading: Reading, scale: _Scaler, word_df: int) -> t.Node | None:
    """The parts of a compound as words of the document, all of them required.

    As words only: a document holding the parts inside a compound holds the compound (found
    by the word itself) or a longer one (found by its part term), and every document with
    "stikstof" holds the parts of "stikstof" too, which would make this walk long lists in vain.
    """
    leaves: list[t.Node] = []
    idf_sum = 0.0
    for leaf in reading.leaves:
        stem = read_word(leaf).stem
        df = scale.df(field_name, stem)
        if not df:
            return None  # a part no document holds as a word: the split cannot match
        leaves.append(t.Term(field_name, stem))
        idf_sum += scale.idf(df)
    # The parts together score about SPLIT_WEIGHT of what the whole word would.
    boost = min(1.0, SPLIT_WEIGHT * scale.idf(max(word_df, 1)) / idf_sum)
    return t.And(tuple(leaves), boost)


def expand(
    query: t.Node,
    words: Iterable[str],
    frequency: DocFrequency,
    total: int,
    *,
    near: bool = True,
) -> Expansion:
    """`query` with each term of a plain query word (`words`, as typed) widened to the
    compounds holding it, its parts and, with `near`, its near spellings; prefixes also find
    compounds holding them. Negated parts stay as they are.

    `frequency` and `total` (the documents in the index) scale the weights.
    """
    readings = query_readings(words)
    scale = _Scaler(frequency, total)
    expansion = Expansion(query)

    def widen(node: t.Node) -> t.Node | None:
        if isinstance(node, t.Prefix) and node.field in _EXPANDED:
            if len(node.text) < MIN_PREFIX:
                return None
            part = t.Prefix(node.field, PART + node.text, node.boost * PART_WEIGHT)
            return t.Or((node, part))
        if type(node) is not t.Term or node.field not in _EXPANDED:
            return None
        found = readings.get(node.text)
        if not found:
            return None
        match = expansion.words.setdefault(node.text, WordMatch({node.text}))
        options: list[t.Node] = [t.Term(node.field, node.text)]
        for reading in found:
            options += _alternatives(node.field, reading, scale, match, near=near)
            if near and reading.repaired:
                expansion.repaired = True
                repaired = read_word(reading.repaired)
                options += _alternatives(
                    node.field, repaired, scale, match, factor=NEAR_WEIGHT, near=False
                )
        unique = list(dict.fromkeys(options))
        if len(unique) == 1:
            return None
        return t.Or(tuple(unique), node.boost)

    expansion.tree = t.rewrite(query, widen)
    return expansion


__all__ = [
    "NEAR_WEIGHT",
    "PART_WEIGHT",
    "SPLIT_WEIGHT",
    "DocFrequency",
    "Expansion",
    "WordMatch",
    "expand",
    "query_readings",
]
