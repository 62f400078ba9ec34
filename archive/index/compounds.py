"""Dutch compounds and misspellings, as plain Python: how the analyzer reads one folded word.

Dutch writes compounds as one word: "vaccinatieaanbod" is "vaccinatie" + "aanbod",
"ontwerpbestemmingsplan" is "ontwerp" + "bestemming" (+ linking s) + "plan". A search for a
part should find the whole and the whole its parts, so :func:`read_word` finds the parts, and
the index holds, beside the word's own term, a *part term* for each part (`+aanbod`) and a
*spelling key* (`~…`) shared by the spellings of one word: a compound with or without its
linking s ("uitvoeringsknelpunten", "uitvoeringknelpunten"), and a word that is no Dutch word
but one slip away from one ("openstenstelling" → "openstelling").

How a word is split (after Koehn & Knight, "Empirical methods for compound splitting", 2003):
every way of cutting it into known words (:mod:`archive.index.lexicon`), each part perhaps
followed by a linking s, is scored by the mean Zipf frequency of its parts, a little less for
every part beyond two and for every cut where Dutch would not hyphenate ("water|standen", not
"waters|tanden"); the best one is taken when it beats the frequency of the whole word, so
that a common word stays whole ("verslag" is no "vers" + "lag") and a rare compound is split.
A part is a word of at least three letters, common enough for its length, never a particle or
prefix ("opvang" is no "op" + "vang") and never inside a known name ("Dinkelland"). Two parts
may meet off a hyphenation point only when both are long and common.

A misspelling is read only for a word the word list does not know and cannot split: a
duplicated run of letters ("openstenstelling"), one letter dropped, added, changed or swapped,
a common OCR confusion (`rn` for `m`), or one such slip in one part of a compound. The reading
must be clear: a tie between two different words reads nothing.

Pure functions of the word and static data, cached: the index and every query read a word the
same way, so every backend indexes the same terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from archive.index import lexicon

PART = "+"  # a part term: `+aanbod` for the "aanbod" in "vaccinatieaanbod"
NEAR = "~"  # a spelling key: `~uitvoerknelpunt` for both spellings of "uitvoering(s)knelpunten"

MIN_COMPOUND = 7  # letters; "zandzak" is the shortest kind of compound worth splitting
MAX_WORD = 32  # longer "words" are codes or glued text: left alone
MIN_REPAIR = 7  # shorter unknown words have too many neighbours to guess from
LINKS = ("s", "en", "e")  # linking elements: bestemming-s-plan, pann-en-koek, ziekt-e-wet
EXTRA_PART_PENALTY = 0.5  # Zipf per part beyond two: the fewest parts that explain a word
OFF_POINT_PENALTY = 0.75  # Zipf per meeting of parts off a hyphenation point
STRONG = 3.0  # a part this common (and of four letters or more) needs no hyphenation point
REPAIR_ZIPF = 2.5  # how common the word read for a misspelling must be
CLEAR = 0.3  # Zipf by which the best reading of a misspelling must beat another one
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# OCR confusions of letter shapes, both ways: "rn" read as "m", "cl" as "d", "vv" as "w" …
_OCR = (("rn", "m"), ("in", "m"), ("cl", "d"), ("vv", "w"), ("ii", "u"), ("li", "h"))


@dataclass(frozen=True, slots=True)
class Reading:
    """How the analyzer reads one folded word.

    `leaves` are the parts a compound is made of, in base form (linking elements dropped),
    left to right; `parts` the index terms (stems) of its parts and of the runs of parts that
    are words themselves ("bestemmingsplan" in "ontwerpbestemmingsplan"); `key` is the
    spelling key (the stems of the leaves run together, or the stem of the word); `repaired`
    the known word an unknown word most likely misspells.
    """

    word: str
    stem: str
    leaves: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    key: str = ""
    repaired: str | None = None

    @property
    def compound(self) -> bool:
        return len(self.leaves) > 1


def _stem(word: str) -> str:
    from archive.index.analysis import _stemmer

    return _stemmer()(word)


@lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    from archive.index.analysis import _stopwords

    return _stopwords()


def _stop(word: str) -> bool:
    return word in _stops()


# Cached, as the other lookups of a part below: reading one unknown word tries thousands of
# cuts and candidate spellings, whose pieces recur from word to word.
@lru_cache(maxsize=1 << 17)
def _part_zipf(base: str) -> float:
    """How common `base` is as a part of a compound; 0 when it cannot be one."""
    if len(base) < 3 or _stop(base) or lexicon.function_word(base):
        return 0.0
    value = lexicon.zipf(base)
    if value == 0.0 and len(base) >= 4 and base[-1] != base[-2] and base[-1] not in "aeiou":
        # A verb stem as a part: "aanmeld" (aanmelden) in "aanmeldcentrum". Dutch verb stems
        # end in one consonant ("zakken" has the stem "zak", never "zakk").
        value = lexicon.zipf(base + "en") - 0.5
    needed = 4.0 if len(base) == 3 else 2.5 if len(base) == 4 else 2.0
    return value if value >= needed else 0.0


def _strong(base: str, zipf: float) -> bool:
    return len(base) >= 4 and zipf >= STRONG


@dataclass(frozen=True, slots=True)
class _Piece:
    surface: str  # as written, linking element included
    base: str  # without it
    zipf: float


def _pieces_at(word: str, start: int, end: int, last: bool) -> tuple[_Piece, ...]:
    """The ways word[start:end] can be one part: with a linking element (unless last), and as
    it stands when that is commoner ("pers" stays "pers", "veiligheids" is "veiligheid-s")."""
    return _pieces(word[start:end], last)


@lru_cache(maxsize=1 << 17)
def _pieces(surface: str, last: bool) -> tuple[_Piece, ...]:
    if last and surface in lexicon.SUFFIXES:
        return ()
    out = []
    if not last:
        for link in LINKS:
            base = surface[: -len(link)]
            if surface.endswith(link) and len(base) >= 3 and (zipf := _part_zipf(base)):
                out.append(_Piece(surface, base, zipf))
    zipf = _part_zipf(surface)
    if zipf and all(zipf > p.zipf for p in out):
        out.append(_Piece(surface, surface, zipf))
    return tuple(out)


def _segmentations(word: str) -> list[tuple[_Piece, ...]]:
    """Every cut of `word` into two or more parts, each a known word (bounded in number)."""
    memo: dict[int, list[tuple[_Piece, ...]]] = {}

    def rest(start: int) -> list[tuple[_Piece, ...]]:
        if start in memo:
            return memo[start]
        found: list[tuple[_Piece, ...]] = []
        for piece in _pieces_at(word, start, len(word), last=True):
            found.append((piece,))
        for end in range(start + 3, len(word) - 2):
            # Every word that makes word[start:end] a part (it as written, without a linking
            # element, or as a verb stem + "en") begins with word[start:end - 2] and is common
            # (see _part_zipf): once no common word begins with that, no longer piece from
            # `start` is a part either.
            if not lexicon.has_prefix(word[start : end - 2]):
                break
            heads = _pieces_at(word, start, end, last=False)
            if not heads:
                continue
            tails = rest(end)
            for head in heads:
                found.extend((head, *tail) for tail in tails)
            if len(found) > 64:  # a long word of short common parts: enough to choose from
                break
        memo[start] = found
        return found

    return [s for s in rest(0) if len(s) > 1]


def _allowed(word: str, pieces: tuple[_Piece, ...]) -> bool:
    """Parts may meet off a hyphenation point only when both are long and common; a part of
    three letters stands at an end, and only one does."""
    short = [i for i, p in enumerate(pieces) if len(p.base) == 3]
    if len(short) > 1 or any(0 < i < len(pieces) - 1 for i in short):
        return False
    offset = 0
    for left, right in zip(pieces, pieces[1:], strict=False):
        offset += len(left.surface)
        if _strong(left.base, left.zipf) and _strong(right.base, right.zipf):
            continue
        if offset not in lexicon.hyphen_points(word):
            return False
    return True


def _score(word: str, pieces: tuple[_Piece, ...]) -> float:
    """Mean frequency of the parts, less for each part beyond two and for each meeting of two
    parts where Dutch would not hyphenate ("water|standen", not "waters|tanden")."""
    mean = sum(p.zipf for p in pieces) / len(pieces)
    points = lexicon.hyphen_points(word)
    offsets = [sum(len(p.surface) for p in pieces[:i]) for i in range(1, len(pieces))]
    off = sum(1 for offset in offsets if offset not in points)
    return mean - EXTRA_PART_PENALTY * (len(pieces) - 2) - OFF_POINT_PENALTY * off


@lru_cache(maxsize=100_000)
def _best_split(word: str) -> tuple[tuple[_Piece, ...], float] | None:
    if not (MIN_COMPOUND <= len(word) <= MAX_WORD) or not word.isalpha() or lexicon.is_name(word):
        return None
    whole = lexicon.zipf(word)
    best: tuple[tuple[_Piece, ...], float] | None = None
    # By score alone: two cuts of equal score ("werkterlandstad") cannot compare their pieces.
    scored = sorted(
        ((_score(word, p), p) for p in _segmentations(word)), key=lambda sp: sp[0], reverse=True
    )
    for score, pieces in scored:
        if score <= whole:
            break  # sorted: no later cut beats the whole word either
        if _allowed(word, pieces):
            best = (pieces, score)
            break
    return best


def _runs(word: str, pieces: tuple[_Piece, ...]) -> list[str]:
    """Runs of two or more parts (not the whole) that are known words themselves."""
    out = []
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece.surface))
    for i in range(len(pieces)):
        for j in range(i + 2, len(pieces) + 1):
            if (i, j) == (0, len(pieces)):
                continue
            # With the last part as its base and as written: "huisarts" and "huisartsen"
            # (Snowball gives the two different stems).
            for last in dict.fromkeys((pieces[j - 1].base, pieces[j - 1].surface)):
                text = word[starts[i] : starts[j - 1]] + last
                if lexicon.zipf(text) >= 2.0:
                    out.append(text)
    return out


def _compound_reading(word: str, pieces: tuple[_Piece, ...]) -> Reading:
    terms: list[str] = []
    for piece in pieces:
        terms.append(_stem(piece.base))
        # "kinder" in "kinderopvang" is a word itself, and "kind" is its base: both find it.
        if piece.surface != piece.base and lexicon.zipf(piece.surface) >= 2.0:
            terms.append(_stem(piece.surface))
    terms += [_stem(run) for run in _runs(word, pieces)]
    stem = _stem(word)
    parts = tuple(dict.fromkeys(t for t in terms if t != stem))
    leaves = tuple(p.base for p in pieces)
    key = "".join(_stem(leaf) for leaf in leaves)
    return Reading(word, stem, leaves, parts, key)


# --- misspellings --------------------------------------------------------------------------


def _stutters(word: str) -> set[str]:
    """`word` with a run of two to six letters that is typed twice typed once
    ("openstenstelling": the "nste" twice)."""
    out = set()
    for size in range(2, 7):
        for i in range(len(word) - 2 * size + 1):
            if word[i : i + size] == word[i + size : i + 2 * size]:
                out.add(word[: i + size] + word[i + 2 * size :])
    return out


def _ocr_slips(word: str) -> set[str]:
    """`word` with one OCR confusion of letter shapes undone ("vergadermg" → "vergadering")."""
    out = set()
    for a, b in _OCR:
        for x, y in ((a, b), (b, a)):
            start = word.find(x)
            while start >= 0:
                out.add(word[:start] + y + word[start + len(x) :])
                start = word.find(x, start + 1)
    return out


def _slips(word: str) -> set[str]:
    """Words one letter away: one dropped, swapped with the next, changed or added; only
    those that can be common words (the callers keep no others).

    Every spelling with its slip at place `i` begins with word[:i]: past the longest start
    of `word` that a common word begins with, no slip gives a common word.
    """
    n = 0
    while n < len(word) and lexicon.has_prefix(word[: n + 1]):
        n += 1
    # Slips at the places 0 … n (one more added letter at the end than needed: harmless).
    return _slips_up_to(word, min(n + 1, len(word)))


def _slips_up_to(word: str, n: int) -> set[str]:
    """:func:`_slips` at the places before `n` (and an added letter at `n`)."""
    # Set comprehensions, not generators fed to `update`: this runs for every unknown word.
    out = {word[:i] + word[i + 1 :] for i in range(n)}
    swaps = range(min(n, len(word) - 1))
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in swaps}
    out |= {word[:i] + c + word[i + 1 :] for i in range(n) for c in _ALPHABET}
    out |= {word[:i] + c + word[i:] for i in range(n + 1) for c in _ALPHABET}
    out.discard(word)
    return out


def _known(candidates: set[str]) -> dict[str, float]:
    """The candidates that are common words, with their frequency."""
    common = lexicon.common_words()
    return {
        w: z
        for w in candidates & lexicon.common_set()
        if (z := common[w]) >= REPAIR_ZIPF and len(w) >= 5
    }


def _compounds(candidates: set[str]) -> dict[str, float]:
    """The candidates that are compounds of known words, with the score of their split."""
    out = {}
    for candidate in candidates:
        if split := _best_split(candidate):
            out[candidate] = split[1]
    return out


def _slipped_part(word: str) -> dict[str, float]:
    """Compounds with one slip in one part: one side of a cut is a long, common part (the
    anchor), the other is one slip away from a known part ("vacinatie|aanbod")."""
    found: set[str] = set()
    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if len(tail) >= 5 and _strong(tail, _part_zipf(tail)):
            found.update(fixed + tail for fixed in _part_slips(head))
        anchor = head.removesuffix("s")
        if len(anchor) >= 5 and _strong(anchor, _part_zipf(anchor)):
            found.update(head + fixed for fixed in _part_slips(tail))
    return _compounds(found)


@lru_cache(maxsize=50_000)
def _part_slips(part: str) -> tuple[str, ...]:
    """Known words one letter away from a part (parts recur: "heid", "schap", "zorg" …)."""
    common = lexicon.common_words()
    return tuple(
        w for w in _slips(part) & lexicon.common_set() if len(w) >= 4 and common[w] >= REPAIR_ZIPF
    )


def _repair(word: str) -> str | None:
    """The known word (or compound of known words) an unknown word most likely misspells.

    The likeliest slips are tried first, and the first kind that reads the word at all
    decides: a duplicated run or an OCR confusion, then one letter wrong in a known word, then
    one letter wrong in one part of a compound.
    """
    if len(word) < MIN_REPAIR or len(word) > MAX_WORD or not word.isalpha():
        return None
    if lexicon.zipf(word) or lexicon.is_name(word):
        return None
    first = _stutters(word) | _ocr_slips(word)
    for read in (
        lambda: {**_compounds(first), **_known(first)},
        lambda: _known(_slips(word)),
        lambda: _slipped_part(word),
    ):
        found = read()
        if found:
            return _clear_best(found)
    return None


def _clear_best(found: dict[str, float]) -> str | None:
    """The best-scored reading, unless another word fits about as well."""
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))
    best, score = ranked[0]
    for other, other_score in ranked[1:]:
        if score - other_score >= CLEAR:
            break
        if _plain_key(other) != _plain_key(best):
            return None
    return best


def _plain_key(word: str) -> str:
    split = _best_split(word)
    return _compound_reading(word, split[0]).key if split else _stem(word)


# --- the reading ------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def read_word(word: str) -> Reading:
    """How the analyzer reads a folded word (lowercase, accents folded, not a stop word)."""
    split = _best_split(word)
    if split is not None:
        return _compound_reading(word, split[0])
    stem = _stem(word)
    repaired = _repair(word)
    if repaired is None:
        return Reading(word, stem, key=stem)
    return Reading(word, stem, key=_plain_key(repaired), repaired=repaired)


def part_terms(word: str) -> list[str]:
    """The part terms of a folded word, without reading it for a misspelling (which costs more
    for an unknown word): what a snippet needs to mark a compound."""
    split = _best_split(word)
    if split is None:
        return []
    return [PART + part for part in _compound_reading(word, split[0]).parts]


def index_terms(word: str) -> list[str]:
    """The terms the index holds for a folded word: its stem, its part terms and, when it
    differs from the stem, its spelling key."""
    reading = read_word(word)
    out = [reading.stem]
    out += [PART + part for part in reading.parts]
    if reading.key and reading.key != reading.stem:
        out.append(NEAR + reading.key)
    return out


__all__ = ["NEAR", "PART", "Reading", "index_terms", "part_terms", "read_word"]
