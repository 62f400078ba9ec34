"""Dutch word knowledge: how common a word is (wordfreq's Dutch frequency lists, which ship
with the package and need no network), plus the project's own names.

Used to tell a word the word processor broke across two lines ("omgevingsbel" over "eid")
from two words that merely wrapped ("coördinator" over "logistiek"), and to find the parts of
compounds.
"""

from __future__ import annotations

from functools import cache, lru_cache

_CALENDAR = """
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag week begin medio eind uiterlijk
""".split()


@cache
def _names() -> frozenset[str]:
    from models.gazetteer import gazetteer

    g = gazetteer()
    words = set(_CALENDAR)
    for forms in (g.roles, g.orgs, g.municipalities, g.places, g.regions):
        for form in forms:
            words.update(form.lower().split())
    return frozenset(words)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a Dutch word is, on the Zipf scale (0 for a word never seen, 3 for one in a
    million words, 7 for "de"); names of the gazetteers count as common."""
    from wordfreq import zipf_frequency

    low = word.lower().strip("()[],.;:!?\"'")
    if not low:
        return 0.0
    if low in _names():
        return max(4.0, zipf_frequency(low, "nl"))
    return zipf_frequency(low, "nl")


def is_word(word: str) -> bool:
    """Whether a token is a Dutch word (or a name the model knows)."""
    return zipf(word) > 0.0


@cache
def stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)
