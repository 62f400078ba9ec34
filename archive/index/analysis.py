"""Dutch text analysis for the index, as plain Python: tokens, accent folding, stemming, keys.

Every backend indexes and queries through these functions, so that `Oekraine` and `Oekraïne`
meet on one term, `besluiten` finds `besluit`, and two backends index exactly the same terms.
Facet values (owners, roles, places …) are not analyzed but *folded* into keys, so
`gemeente:Súdwest-Fryslân` and `gemeente:sudwest-fryslan` agree.

The pieces of the analysis that are language data — the Dutch Snowball stemmer, the accent
table and the Dutch stop list — are taken from the `whoosh` package, a dependency of the
project, as plain functions and tables: no index object is involved, and they load on first use.

The project's language model (`models`) is imported lazily and only by the functions at the
bottom: a plain word search never pays for loading it, and the archive keeps working (with
less clever facets) while the model is absent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Words, numbers and dotted forms such as "2.1" or "a.s."; hyphens split ("GGD-regio").
TOKEN_PATTERN = r"\w+(\.?\w+)*"
# The vocabulary "did you mean" suggests from: words of letters only, no numbers or codes.
SPELLING_PATTERN = r"[^\W\d_]{3,}"

_TOKEN = re.compile(TOKEN_PATTERN)
_SPELLING = re.compile(SPELLING_PATTERN)
# TOKEN_PATTERN without its group, so that `findall` hands out whole words (the same matches).
_WORD = re.compile(r"\w+(?:\.?\w+)*")


@dataclass(frozen=True, slots=True)
class Token:
    """One analysed word: its index term, position among the kept words, and where it stands
    in the text (`start`, `end`). A stop word kept on request is `stopped` and unstemmed."""

    text: str
    pos: int
    start: int
    end: int
    stopped: bool = False


# --- the language data, loaded once ------------------------------------------------------------


@lru_cache(maxsize=1)
def _accents() -> dict[int, str]:
    from whoosh.support.charset import accent_map

    return accent_map


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from whoosh.lang import stopwords_for_language

    # Folded, because the stop check runs after accent folding.
    return frozenset(fold(w) for w in stopwords_for_language("nl"))


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    from whoosh.lang import stemmer_for_language

    return lru_cache(maxsize=100_000)(stemmer_for_language("nl"))


@lru_cache(maxsize=1 << 16)
def _normal(word: str) -> str:
    """Lowercased and accent-folded by the accent table (the index's folding of a word).
    Cached: the index writer folds the same words over and over (the "did you mean" words)."""
    return word.lower().translate(_accents())


# --- analysis ------------------------------------------------------------------------------


def tokens(text: str, *, keep_stops: bool = False) -> Iterator[Token]:
    """Tokenize, lowercase, fold accents, drop Dutch stop words, Snowball-stem (Dutch).

    Folding comes before stemming so that both spellings of a word get the same stem.
    Positions count the kept words only, starting at the first kept word's place in the text;
    with `keep_stops` the stop words come along, marked `stopped`, unstemmed.
    """
    stops, stem = _stopwords(), _stemmer()
    pos: int | None = None
    for n, match in enumerate(_TOKEN.finditer(text)):
        word = _normal(match.group())
        if word and word not in stops:
            pos = n if pos is None else pos + 1
            yield Token(stem(word), pos, match.start(), match.end())
        elif keep_stops:
            yield Token(word, n, match.start(), match.end(), stopped=True)


def index_tokens(text: str, *, keep_stops: bool = False) -> Iterator[Token]:
    """:func:`tokens` as the index holds them: after each word its compound part terms
    (`+aanbod` in "vaccinatieaanbod") and its spelling key (`~openstell` for the misspelt
    "openstenstelling"), at the word's position and span (:mod:`archive.index.compounds`).

    The extra terms never take a position of their own, so phrases match as before, and a
    snippet marks the whole word when a part of it matched.
    """
    from archive.index.compounds import index_terms  # the word list loads on first use

    for token in tokens(text, keep_stops=keep_stops):
        yield token
        if token.stopped or len(token.text) < 3:
            continue
        word = _normal(text[token.start : token.end])
        if not word.isalpha():
            continue
        for extra in index_terms(word)[1:]:
            yield Token(extra, token.pos, token.start, token.end)


# --- analysis for the index writer ----------------------------------------------------------
#
# What :func:`index_tokens` yields, computed once per distinct word and per distinct line: an
# index writer analyses the same words over and over (every entry of an item repeats the item's
# title and toelichting and the meeting's title), and a word's reading (compounds, spelling
# keys) is the costly part of the analysis. The results equal :func:`index_tokens`'s exactly;
# the tests compare the two.

# (term, the terms beside it: compound parts and spelling key) of one kept word.
IndexWord = tuple[str, tuple[str, ...]]


@lru_cache(maxsize=1 << 18)
def index_word(raw: str) -> IndexWord | None:
    """One word as written, as :func:`index_tokens` reads it: its term and the terms it puts
    beside it; None for a stop word (which the index leaves out)."""
    from archive.index.compounds import index_terms  # the word list loads on first use

    word = _normal(raw)
    if not word or word in _stopwords():
        return None
    term = _stemmer()(word)
    if len(term) < 3 or not word.isalpha():
        return term, ()
    return term, tuple(index_terms(word)[1:])


@lru_cache(maxsize=1 << 14)
def index_line(line: str) -> tuple[int, tuple[IndexWord, ...]]:
    """One line of text (no line break in it) as (the number of words, stop words included,
    before its first kept word, or in all when none is kept; its kept words, in order)."""
    kept: list[IndexWord] = []
    lead = 0
    read = index_word
    for raw in _WORD.findall(line):
        found = read(raw)
        if found is not None:
            kept.append(found)
        elif not kept:
            lead += 1
    return lead, tuple(kept)


def index_words(text: str) -> tuple[int, list[IndexWord]]:
    """`text` as :func:`index_tokens` (without stop words) reads it: (the position of its
    first kept word, its kept words in order); word `i` stands at position `first + i`, the
    terms beside it at the same position.

    Read line by line, each line's reading kept (:func:`index_line`): no word runs across a
    line break, so the words of the whole are the words of its lines in order.
    """
    first = 0
    words: list[IndexWord] = []
    for line in text.split("\n"):
        lead, kept = index_line(line)
        if not words:
            first += lead
        words.extend(kept)
    return first, words


def terms(text: str) -> list[str]:
    """The index terms of `text`, in order (what a word or a phrase searches for)."""
    return [t.text for t in tokens(text)]


def term(text: str) -> str:
    """`text` as ONE term, not split into words: lowercased, folded, stemmed unless it is a
    stop word. How prefixes (`oekra*`), wildcards and fuzzy words (`apel~`) are read."""
    word = _normal(text)
    return word if not word or word in _stopwords() else _stemmer()(word)


def spelling_words(text: str) -> list[str]:
    """Whole folded words, unstemmed: the vocabulary that "did you mean" suggests from."""
    return [_normal(word) for word in _SPELLING.findall(text)]


def fold(text: str) -> str:
    """Lowercase and strip accents: `Oekraïne` → `oekraine`, `Fryslân` → `fryslan`."""
    folded = text.casefold()
    if folded.isascii():  # most text: nothing to decompose, no accent to strip
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Cached: every entry of an item carries the item's places and municipalities, and owners and
# roles repeat across a whole archive.
@lru_cache(maxsize=1 << 14)
def facet_key(text: str) -> str:
    """The key under which a facet value (owner, role, place …) is indexed and queried."""
    return " ".join(fold(text).replace(",", " ").split())


def key_words(text: str) -> list[str]:
    """The words of a facet value worth matching on their own (`owner:Dinkelland` for
    "Burgemeester van Dinkelland"): folded, three letters or more, no stop words."""
    return list(_key_words(text))


@lru_cache(maxsize=4096)
def _key_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"[^\W_]{3,}", fold(text)) if w not in _stopwords())


_OWNER_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\ben\b|\bi\.?s\.?m\.?\b)\s*", re.IGNORECASE)


def split_owners(owner: str) -> list[str]:
    """`"DPG / GGD en gemeente"` → `["DPG", "GGD", "gemeente"]` (an owner cell often names
    several parties)."""
    return list(_split_owners(owner))


@lru_cache(maxsize=4096)
def _split_owners(owner: str) -> tuple[str, ...]:
    return tuple(part for part in (p.strip(" .-") for p in _OWNER_SPLIT.split(owner)) if part)


# --- the language model, loaded on first use ------------------------------------------------
#
# Only the model's gazetteer (name tables, a fraction of a second to load) is used here, not its
# spaCy pipeline (seconds to load): facet queries must stay fast, and the index writer should
# not pay for a pipeline the tagger already ran. `models.nlp` is the fallback when the tables
# cannot be read on their own.

_MISSING = object()
_nlp_module: Any = None
_gazetteer_data: Any = None


def _nlp() -> Any:
    """`models.nlp`, or None while it is not available (not yet built, or broken)."""
    global _nlp_module
    if _nlp_module is None:
        try:
            from models import nlp  # heavy: spaCy and the gazetteer load here, once

            _nlp_module = nlp
        except Exception:  # any failure means "no model", never a crash
            _nlp_module = _MISSING
    return None if _nlp_module is _MISSING else _nlp_module


def _gazetteer() -> Any:
    """The model's name tables (`models.gazetteer`), or None."""
    global _gazetteer_data
    if _gazetteer_data is None:
        try:
            from models.gazetteer import gazetteer

            _gazetteer_data = gazetteer()
        except Exception:
            _gazetteer_data = _MISSING
    return None if _gazetteer_data is _MISSING else _gazetteer_data


def has_language_model() -> bool:
    """Whether the project's language model can be loaded here."""
    return _gazetteer() is not None or _nlp() is not None


def _known_role(text: str, *, inside: bool = False) -> str | None:
    """The role when `text` is a known form of one ("DPG"), from the gazetteer; with `inside`,
    also the longest known form among its words ("Burgemeester van Almelo" → burgemeester)."""
    tables = _gazetteer()
    if tables is None:
        return None
    words = text.split()
    spans = [(0, len(words))]
    if inside:
        spans += [
            (i, i + n) for n in range(min(4, len(words)), 0, -1) for i in range(len(words) - n + 1)
        ]
    try:
        forms = tables.forms.get("ROLE", {})
        for start, end in spans:
            for _form, key in forms.get(" ".join(words[start:end]).lower(), []):
                if role := tables.roles.get(key):
                    return role.role
    except (AttributeError, TypeError):  # the tables changed shape: do without
        return None
    return None


@lru_cache(maxsize=4096)
def normalize_role(text: str, thorough: bool = False) -> str:
    """The full role for an abbreviation or variant ("DPG" → "directeur publieke gezondheid"),
    as a facet key; the folded text itself when the model knows no better.

    `thorough` also finds a role among the words of longer text ("Burgemeester van Almelo").
    Only the gazetteer is used, never the spaCy pipeline: it is fast enough for every query.
    """
    value = _known_role(text, inside=thorough)
    return facet_key(value) if value else facet_key(text)


@lru_cache(maxsize=1024)
def places_in(municipality: str) -> tuple[str, ...]:
    """Facet keys of the places inside a municipality ("Westerwolde" → "ter apel", …)."""
    source = _gazetteer() or _nlp()
    if source is None:
        return ()
    try:
        places = source.places_in(municipality) or []
    except Exception:
        return ()
    return tuple(sorted({facet_key(p) for p in places}))


@lru_cache(maxsize=4096)
def municipality_of(name: str) -> str | None:
    """Facet key of the municipality a place lies in, if the model knows it."""
    source = _gazetteer() or _nlp()
    if source is None:
        return None
    try:
        value = source.municipality_of(name)
    except Exception:
        return None
    return facet_key(value) if value else None


__all__ = [
    "SPELLING_PATTERN",
    "TOKEN_PATTERN",
    "IndexWord",
    "Token",
    "facet_key",
    "fold",
    "has_language_model",
    "index_line",
    "index_tokens",
    "index_word",
    "index_words",
    "key_words",
    "municipality_of",
    "normalize_role",
    "places_in",
    "spelling_words",
    "split_owners",
    "term",
    "terms",
    "tokens",
]
