"""Dutch text analysis for the index: tokens, accent folding, stemming, facet keys.

The same analyzer runs at index and at query time, so `Oekraine` and `Oekraïne` meet on one term
and `besluiten` finds `besluit`. Facet values (owners, roles, places …) are not analyzed but
*folded* into keys, so `gemeente:Súdwest-Fryslân` and `gemeente:sudwest-fryslan` agree.

The project's language model (`models.nlp`) is imported lazily and only by the functions at the
bottom: a plain word search never pays for loading it, and the archive keeps working (with
less clever facets) while the model is absent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from types import ModuleType
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# Words, numbers and dotted forms such as "2.1" or "a.s."; hyphens split ("GGD-regio").
TOKEN_PATTERN = r"\w+(\.?\w+)*"


def fold(text: str) -> str:
    """Lowercase and strip accents: `Oekraïne` → `oekraine`, `Fryslân` → `fryslan`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def facet_key(text: str) -> str:
    """The key under which a facet value (owner, role, place …) is indexed and queried."""
    return " ".join(fold(text).replace(",", " ").split())


def key_words(text: str) -> list[str]:
    """The words of a facet value worth matching on their own (`owner:Dinkelland` for
    "Burgemeester van Dinkelland"): folded, three letters or more, no stop words."""
    return [w for w in re.findall(r"[^\W_]{3,}", fold(text)) if w not in _stopwords()]


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    # Folded, because the stop filter runs after accent folding.
    return frozenset(fold(w) for w in stopwords_for_language("nl"))


def dutch_analyzer() -> Analyzer:
    """Tokenize, lowercase, fold accents, drop Dutch stop words, Snowball-stem (Dutch).

    Folding comes before stemming so that both spellings of a word get the same stem.
    """
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=_stopwords(), minsize=1)
        | StemFilter(lang="nl", cachesize=100_000)
    )


def spelling_analyzer() -> Analyzer:
    """Whole folded words, unstemmed: the vocabulary that "did you mean" suggests from."""
    return (
        RegexTokenizer(r"[^\W\d_]{3,}")  # words of letters only: no numbers, no codes
        | LowercaseFilter()
        | CharsetFilter(accent_map)
    )


_OWNER_SPLIT = re.compile(r"\s*(?:/|,|;|&|\+|\ben\b|\bi\.?s\.?m\.?\b)\s*", re.IGNORECASE)


def split_owners(owner: str) -> list[str]:
    """`"DPG / GGD en gemeente"` → `["DPG", "GGD", "gemeente"]` (an owner cell often names
    several parties)."""
    return [part for part in (p.strip(" .-") for p in _OWNER_SPLIT.split(owner)) if part]


# --- the language model, loaded on first use ------------------------------------------------
#
# Only the model's gazetteer (name tables, a fraction of a second to load) is used here, not its
# spaCy pipeline (seconds to load): facet queries must stay fast, and the index writer should
# not pay for a pipeline the tagger already ran. `models.nlp` is the fallback when the tables
# cannot be read on their own.

_MISSING = object()
_override: Any = None  # set by set_language_model(): used instead of both of the above
_nlp_module: Any = None
_gazetteer_data: Any = None


def _nlp() -> ModuleType | None:
    """`models.nlp`, or None while it is not available (not yet built, or broken)."""
    global _nlp_module
    if _override is not None:
        return _override
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
    if _override is not None:
        return None
    if _gazetteer_data is None:
        try:
            from models.gazetteer import gazetteer

            _gazetteer_data = gazetteer()
        except Exception:
            _gazetteer_data = _MISSING
    return None if _gazetteer_data is _MISSING else _gazetteer_data


def set_language_model(module: Any) -> None:
    """Use `module` (anything with the `models.nlp` functions `normalize_role`, `places_in`,
    `municipality_of`) instead of the project's model; None goes back to the real one. For
    tests, and for a process that has already loaded the model."""
    global _override
    _override = module
    normalize_role.cache_clear()
    places_in.cache_clear()
    municipality_of.cache_clear()


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
    if _override is not None:
        try:
            value = _override.normalize_role(text)
        except Exception:
            value = None
    else:
        value = _known_role(text, inside=thorough)
    return facet_key(value) if value else facet_key(text)


@lru_cache(maxsize=1024)
def places_in(municipality: str) -> tuple[str, ...]:
    """Facet keys of the places inside a municipality ("Westerwolde" → "ter apel", …)."""
    source = _override or _gazetteer() or _nlp()
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
    source = _override or _gazetteer() or _nlp()
    if source is None:
        return None
    try:
        value = source.municipality_of(name)
    except Exception:
        return None
    return facet_key(value) if value else None
