"""Scoring whether two mentions speak of the same action, with the evidence for the score.

Three things tell: the words (a repeated action keeps most of its words; see
:func:`archive.threads.text.text_keys`), the owner (a repeated action keeps its owner; another
owner is strong evidence against), and the code (`mrt24/03` in two lists is one action; two
different codes are two actions). Words are weighed by how rare they are among the mentions of
the series, so that the subject every action of a body shares counts less than the words that
set one action apart.

The text score is the share of the shorter text found in the longer one, tempered by the share
of both: an action list row that adds a sentence of background still matches its action, while
"de evaluatie aanpassen" does not match "de evaluatie opstellen".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive.threads.model import Mention
from archive.threads.text import (
    code_key,
    codes_in,
    is_identifying,
    owner_keys,
    owner_parts,
    owner_similarity,
    text_keys,
)

# A later mention joins a thread at LINK or more; between POSSIBLE and LINK it is kept as a
# candidate with its evidence, and left apart.
LINK = 0.62
POSSIBLE = 0.4
# An inline action and an action-list row of the same meeting restate each other; the row may
# name the item's subject instead of repeating the action's words, so the item title counts.
SAME_MEETING_LINK = 0.6

# Another owner outweighs the same words (two parties each drafting "the agenda"), but not a
# shared code (an action handed over keeps its code).
OWNER_SAME, OWNER_OTHER = 0.12, -0.45
# A shared code alone nearly links; with other words it needs the same owner too (a list that
# numbers its rows anew each meeting gives one code to two actions).
CODE_SAME, CODE_SAME_OTHER_TEXT, CODE_TRUNCATED, CODE_ROW_NUMBER = 0.7, 0.52, 0.2, 0.05
CODE_CONFLICT = -0.6
PER_MEETING_SKIPPED = 0.03


@dataclass
class Features:
    """A mention as it is compared: its keys, its item's keys, owner parts and codes."""

    mention: Mention
    keys: frozenset[str]
    context: frozenset[str]  # the keys of its item's title (inline actions only)
    owner: list[frozenset[str]]
    owner_keys: frozenset[str]
    code: str  # folded
    identifying: bool  # the code names one action (not a row number)
    cited: frozenset[str] = field(default_factory=frozenset)  # codes its text cites

    @classmethod
    def of(cls, mention: Mention) -> Features:
        drop = owner_keys(mention.owner, mention.owners)
        code = code_key(mention.code)
        cited = frozenset(code_key(c) for c in codes_in(mention.text)) - {code}
        return cls(
            mention=mention,
            keys=text_keys(mention.text, drop=drop),
            context=text_keys(mention.item_title) if mention.item_title else frozenset(),
            owner=owner_parts(mention.owner, mention.owners),
            owner_keys=drop,
            code=code,
            identifying=is_identifying(mention.code),
            cited=frozenset(c for c in cited if is_identifying(c)),
        )


class Scorer:
    """Scores pairs of mentions of one series; `features` are all of its mentions, from which
    the weight of each word is taken."""

    def __init__(self, features: Iterable[Features]) -> None:
        counts: Counter[str] = Counter()
        n = 0
        for f in features:
            counts.update(f.keys)
            n += 1
        self._n = max(n, 1)
        self._counts = counts

    def weight(self, key: str) -> float:
        """A word's weight: rarer among the series' mentions, heavier."""
        return math.log(1 + self._n / (1 + self._counts.get(key, 0))) + 0.2

    def text(self, a: frozenset[str], b: frozenset[str]) -> float:
        """How much two texts say the same, in [0, 1] (see the module docstring)."""
        if not a or not b:
            return 0.0
        wa = sum(self.weight(k) for k in a)
        wb = sum(self.weight(k) for k in b)
        common = sum(self.weight(k) for k in a & b)
        contained = common / min(wa, wb)
        dice = 2 * common / (wa + wb)
        return contained * (0.5 + 0.5 * dice)

    def score(
        self, a: Features, b: Features, *, same_meeting: bool = False, skipped: int = 0
    ) -> tuple[float, list[str]]:
        """The score that `b` continues the action of `a`, and the evidence for it."""
        evidence: list[str] = []
        # A sentence names its owner ("De projectleider heeft …") where the other mention has
        # it apart: the words of either owner are left out of both texts.
        a_keys, b_keys = a.keys - b.owner_keys, b.keys - a.owner_keys
        text = self.text(a_keys, b_keys)
        if same_meeting and (a.context or b.context):
            # An action-list row often names its item's subject ("Uitfaseren WUS: …").
            text = max(text, self.text(a_keys | a.context, b_keys | b.context))
        score = text
        evidence.append(f"text {text:.2f}")
        owner = owner_similarity(a.owner, b.owner)
        if owner is None and _named(a, b):
            score += OWNER_SAME
            evidence.append("owner named in the text")
        elif owner is not None:
            if owner >= 0.8:
                score += OWNER_SAME
                evidence.append("same owner")
            elif owner > 0:
                evidence.append("owners partly the same")
            else:
                score += OWNER_OTHER
                evidence.append("other owner")
        score += self._codes(a, b, text, evidence)
        if skipped > 0:
            score -= PER_MEETING_SKIPPED * skipped
            evidence.append(f"{skipped} meeting{'s' if skipped > 1 else ''} in between")
        return max(0.0, min(1.0, score)), evidence

    @staticmethod
    def _codes(a: Features, b: Features, text: float, evidence: list[str]) -> float:
        """What the codes add: a shared code, a code one of them cites, a code cut short by
        the reader ("mei18/0" for "mei18/06"), or two different codes."""
        mine = {a.code} if a.identifying else set()
        theirs = {b.code} if b.identifying else set()
        shared = (mine | a.cited) & (theirs | b.cited)
        if shared:
            code = sorted(shared)[0]
            if text >= 0.2 or not a.keys or not b.keys:
                evidence.append(f"same code {code}")
                return CODE_SAME
            evidence.append(f"same code {code}, other words")
            return CODE_SAME_OTHER_TEXT
        if a.code and b.code and a.code != b.code:
            short, long = sorted((a.code, b.code), key=len)
            if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2:
                evidence.append(f"code {short} cut short of {long}")
                return CODE_TRUNCATED
            if a.identifying and b.identifying:
                evidence.append(f"other code ({a.code}, {b.code})")
                return CODE_CONFLICT
        if a.code and a.code == b.code and not a.identifying:
            evidence.append(f"same row number {a.code}")
            return CODE_ROW_NUMBER
        return 0.0


def _named(a: Features, b: Features) -> bool:
    """Whether the mention without an owner names the other's owner in its words."""
    for owned, other in ((a, b), (b, a)):
        if owned.owner_keys and not other.owner and owned.owner_keys <= other.keys:
            return True
    return False


__all__ = ["LINK", "POSSIBLE", "SAME_MEETING_LINK", "Features", "Scorer"]
