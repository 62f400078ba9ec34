"""Snippets: the words a query matched, marked in the text of a hit, cut to size.

Backend-independent: the text is analysed as the index analyses it (:mod:`archive.index.analysis`)
and a word is marked when its term is one the query matched. A short text is shown whole;
a long one is cut into fragments around the matches (the best two, in the order of the text),
the way the first backend's highlighter cut them, so snippets read the same on every backend.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from archive.index.analysis import Token, _normal, index_tokens, tokens
from archive.index.compounds import NEAR, PART, part_terms

MARK = "**"  # snippets mark matched words as **word**
SNIPPET_CHARS = 220
_SURROUND = 70  # characters of context before the first and after the last match
_CHARLIMIT = 2**15  # text beyond this is not looked at
_BETWEEN = " … "
_TOP = 2


@dataclass(eq=False)  # compared by position only, as when ranking equal scores
class _Fragment:
    start: int
    end: int
    matches: list[Token] = field(default_factory=list)

    def __lt__(self, other: _Fragment) -> bool:
        return self.start < other.start

    def score(self) -> float:
        # Diversity counts: each distinct matched term multiplies the score.
        terms = {t.text for t in self.matches}
        return len(self.matches) * ((len(terms) * 100) or 1)


def _whole(text: str, marked: Iterable[tuple[Token, bool]]) -> Iterator[_Fragment]:
    matches = []
    for token, matched in marked:
        if token.end > _CHARLIMIT:
            break
        if matched:
            matches.append(token)
    yield _Fragment(0, len(text), matches)


def _context(text: str, marked: Iterable[tuple[Token, bool]]) -> Iterator[_Fragment]:
    """Fragments of at most SNIPPET_CHARS around runs of matches."""
    first: int | None = None
    firsts: deque[int] = deque()
    countdown = -1  # < 0: not inside a fragment
    found: list[Token] = []
    end = 0
    length = 0
    for token, matched in marked:
        start, end = token.start, token.end
        width = end - start
        if end > _CHARLIMIT:
            break
        if countdown < 0 and not matched:
            firsts.append(start)
            while firsts and end - firsts[0] > _SURROUND:
                firsts.popleft()
        elif length + width > SNIPPET_CHARS:
            countdown = 0
        elif matched:
            countdown = _SURROUND
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = start
                    countdown += _SURROUND
            found.append(token)
        if countdown >= 0:
            length += width
            countdown -= width
            if countdown <= 0:
                yield _fragment(text, found, first, end)
                found, firsts, first, length = [], deque(), None, 0
    if found:
        yield _fragment(text, found, first, end)


def _fragment(text: str, found: list[Token], first: int | None, end: int) -> _Fragment:
    start = first if first is not None else (found[0].start if found else 0)
    return _Fragment(max(0, start), min(len(text), end), found)


def _format(text: str, fragment: _Fragment) -> str:
    out: list[str] = []
    index = fragment.start
    for token in sorted(fragment.matches, key=lambda t: (t.start, -(t.end - t.start))):
        if token.start < index:
            continue
        out.append(text[index : token.start])
        out.append(f"{MARK}{text[token.start : token.end]}{MARK}")
        index = token.end
    out.append(text[index : fragment.end])
    return "".join(out)


def _words(text: str, matched: frozenset[str]) -> Iterator[tuple[Token, bool]]:
    """Each word of `text` once, marked when its term or one of the terms the index holds
    beside it (a compound's parts, its spelling key) matched."""
    if any(m.startswith(NEAR) for m in matched):
        yield from _read_words(text, matched)
        return
    # Only parts matched: a word is read for its parts only when it holds the first letters of
    # one, since reading every word of every hit would cost more than the search.
    starts = {m[1:3] for m in matched if m.startswith(PART)}
    for token in tokens(text, keep_stops=True):
        hit = token.text in matched
        if not hit and starts and not token.stopped:
            word = text[token.start : token.end].lower()
            if any(start in word for start in starts):
                hit = any(t in matched for t in part_terms(_normal(word)))
        yield token, hit


def _read_words(text: str, matched: frozenset[str]) -> Iterator[tuple[Token, bool]]:
    word: Token | None = None
    hit = False
    for token in index_tokens(text, keep_stops=True):
        if word is not None and (token.start, token.end) == (word.start, word.end):
            hit = hit or token.text in matched
            continue
        if word is not None:
            yield word, hit
        word, hit = token, token.text in matched
    if word is not None:
        yield word, hit


def mark(text: str, matched: frozenset[str]) -> str:
    """`text` with the words whose index term is in `matched` marked, cut to the best
    fragments when it is long; "" when nothing in it matched."""
    if not text or not matched:
        return ""
    marked = _words(text, matched)
    # A short text is shown whole; fragments only cut long ones down to size.
    cut = _whole if len(text) <= SNIPPET_CHARS * 1.5 else _context
    scored = heapq.nlargest(_TOP, ((f.score(), f) for f in cut(text, marked)))
    best = sorted((f for score, f in scored if score >= 1), key=lambda f: f.start)
    return " ".join(_BETWEEN.join(_format(text, f) for f in best).split())


def shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    """`text` on one line, cut at `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def snippet(record: dict[str, object], matched: frozenset[str]) -> str:
    """The entry's text with matched words marked; when the match is in the toelichting, the
    text is followed by the matching part of it, so a hit always shows what it says."""
    text = str(record.get("text") or "")
    if marked := mark(text, matched):
        return marked
    note = str(record.get("toelichting") or "")
    if marked := mark(note, matched):
        return f"{shorten(text, 120)} · Toelichting: {marked}" if text else marked
    return shorten(text) or shorten(note)


__all__ = ["MARK", "SNIPPET_CHARS", "mark", "shorten", "snippet"]
