"""The project's Dutch analysis (:mod:`archive.index.analysis`) as Whoosh analyzers, so the Whoosh
index holds exactly the terms every other backend holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token

from archive.index import analysis


class DutchAnalyzer(Analyzer):
    """Tokens, accent folding, stop words and Dutch stemming, for the text fields, with the
    compound parts and spelling keys the index holds (`analysis.index_tokens`)."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        # One Token, reused for every word, as Whoosh's own tokenizers do.
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost = 1.0
        if not tokenize:
            words = [analysis.Token(analysis.term(value), 0, 0, len(value))]
        else:
            words = analysis.index_tokens(value, keep_stops=not removestops)
        for word in words:
            token.text = word.text
            token.stopped = word.stopped
            if keeporiginal:
                token.original = value[word.start : word.end] if tokenize else value
            if positions:
                token.pos = start_pos + word.pos
            if chars:
                token.startchar = start_char + word.start
                token.endchar = start_char + word.end
            yield token


class SpellingAnalyzer(Analyzer):
    """Whole folded words for the "did you mean" vocabulary."""

    def __call__(self, value: str, positions: bool = False, **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, False, **kwargs)
        token.boost = 1.0
        token.stopped = False
        for pos, word in enumerate(analysis.spelling_words(value)):
            token.text = word
            if positions:
                token.pos = pos
            yield token


__all__ = ["DutchAnalyzer", "SpellingAnalyzer"]
