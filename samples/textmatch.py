"""Text comparison for the scorers: normalization, edit distance, similarity, alignment.

``levenshtein`` is the bit-parallel algorithm of Myers (1999) in Hyyrö's formulation, on Python
integers as bit vectors: one pass over the longer string, so scoring thousands of entry pairs
stays fast without a compiled dependency.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.:;,]+$")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_ARTICLES = {"de", "het", "een", "'t"}
_NR_WORDS = re.compile(r"^(?:agendapunt|punt|item|nr\.?)\s*", re.IGNORECASE)
_OWNER_SPLIT = re.compile(r"\s+en\s+|\s*[,/&]\s*|\s+ism\s+", re.IGNORECASE)
WOO_CODE = re.compile(r"^\s*\[?\s*5\.1\.\d\s*[a-z]?\s*\]?\s*$", re.IGNORECASE)
# A redaction as gold and reader write it: "[redacted]", "[weggelakt]", the ground "5.1.2e";
# boxes side by side are one redaction to the hand that wrote the gold.
_ONE_REDACTION = r"(?:\[(?:redacted|weggelakt)\]|\(?5\.1\.\d\.?[a-i]?\)?)"
_REDACTIONS = re.compile(rf"{_ONE_REDACTION}(?:\s*{_ONE_REDACTION})*", re.IGNORECASE)


def ws(text: str | None) -> str:
    """Whitespace collapsed and trimmed."""
    return _SPACE.sub(" ", text or "").strip()


def title_key(text: str | None) -> str:
    """A title for equality: whitespace collapsed, trailing punctuation dropped, case kept."""
    return _TRAILING.sub("", ws(text))


def loose(text: str | None) -> str:
    """Case-folded, redactions one word, punctuation to spaces, whitespace collapsed: for
    similarity."""
    return ws(_PUNCT.sub(" ", _REDACTIONS.sub(" redacted ", (text or "").casefold())))


def nr_key(nr: str | None) -> str:
    """An item number for equality: "Agendapunt 4", "4." and "4" are one number."""
    text = _NR_WORDS.sub("", ws(nr)).rstrip(". ").casefold()
    return text.replace(" ", "")


def owner_key(owner: str | None) -> str:
    """An owner for equality: case-folded, punctuation and articles dropped."""
    words = [w for w in loose(owner).split(" ") if w and w not in _ARTICLES]
    return " ".join(words)


def owner_set(owner: str | None) -> frozenset[str]:
    """A shared owner as its parts: "voorzitter en projectleider" = {"voorzitter",
    "projectleider"}, whatever the separator (en , / &)."""
    parts = _OWNER_SPLIT.split(ws(owner))
    return frozenset(k for k in (owner_key(p) for p in parts) if k)


def is_redaction(owner: str | None) -> bool:
    """A Woo ground standing in for a name ("5.1.2e")."""
    return bool(owner) and bool(WOO_CODE.match(owner or ""))


def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions of one character)."""
    if a == b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    m = len(a)
    if m == 0:
        return len(b)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return score


def similarity(a: str | None, b: str | None) -> float:
    """1 − normalized edit distance of the :func:`loose` forms; 1.0 for two empty texts."""
    x, y = loose(a), loose(b)
    if not x and not y:
        return 1.0
    return 1.0 - levenshtein(x, y) / max(len(x), len(y))


def word_recall(expected: str | None, predicted: str | None) -> float:
    """Share of the expected text's words (3+ letters) that the predicted text has."""
    want = [w for w in loose(expected).split(" ") if len(w) >= 3]
    if not want:
        return 0.0
    have = set(loose(predicted).split(" "))
    return sum(w in have for w in want) / len(want)


def align(n: int, m: int, score: Callable[[int, int], float]) -> list[tuple[int, int]]:
    """Order-preserving alignment of two sequences maximizing the summed pair score; pairs
    scoring 0 or less are never matched. Returns matched (i, j) index pairs."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    cache: dict[tuple[int, int], float] = {}
    for i in range(1, n + 1):
        row, prev = best[i], best[i - 1]
        for j in range(1, m + 1):
            s = score(i - 1, j - 1)
            cache[(i - 1, j - 1)] = s
            take = prev[j - 1] + s if s > 0 else float("-inf")
            row[j] = max(prev[j], row[j - 1], take)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        s = cache[(i - 1, j - 1)]
        if s > 0 and best[i][j] == best[i - 1][j - 1] + s:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def best_pairs(gold: Sequence[str], predicted: Sequence[str], threshold: float,
               sim: Callable[[str, str], float] = similarity) -> list[tuple[int, int, float]]:
    """Order-free one-to-one matching, most similar pairs first: (gold i, predicted j, sim)."""
    scored = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            s = sim(g, p)
            if s >= threshold:
                scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for s, i, j in scored:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j, s))
    return sorted(out)
