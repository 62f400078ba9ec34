"""How a Woo redaction stands in the text: the legal ground printed on the box, or a mark.

A released document blacks out names; where a name was, the text holds the ground ("5.1.2e",
"10.2.e", "11.1") or, where OCR could not read one, :data:`MARK`. Every stage that meets
such a word (numbers, owners, the tokenizer, the clause reader) asks this module.
"""

from __future__ import annotations

import re

MARK = "[weggelakt]"  # a redaction whose ground could not be read
# Woo and Wob grounds: 5.1.2e, 5.1.1.c, 5.2, 10.2.e, 11.1, in brackets or before a stop.
_MARK = re.compile(
    r"^\(?(?:5\.1\.[12]\.?[a-i]|5\.2|10\.[12]\.?[a-g]|11\.1|" + re.escape(MARK) + r")\)?[.,;:]?$"
)


# Grounds without a letter that are as often an item's number ("5.2 Ziekteverzuim").
_BARE_GROUND = re.compile(r"^\(?(?:5\.2|11\.1)[.,;:]?$")


def is_redaction_mark(text: str, *, bare: bool = True) -> bool:
    """Whether a word is a redaction: a Woo/Wob ground such as "5.1.2e", or :data:`MARK`.
    With `bare` off, the grounds that also spell an item number ("5.2", "11.1") do not count:
    where a number can stand, a number is the likelier reading."""
    text = text.strip()
    if not bare and _BARE_GROUND.match(text):
        return False
    return bool(_MARK.match(text))


# OCR reads the colon after a ground on a box as a letter or a bar: "5.1.2el", "5.1.2et".
_READ_AFTER = re.compile(r"(?<=[a-i])[l|!Iit]$")


def read_ground(text: str) -> str | None:
    """The ground ("5.1.2e") an OCR'd word on a box reads as, without stops and without a
    bracket that does not close (a pair stays: "(5.1.2e)" closes an action with its owner);
    a colon misread as "l" is a colon again ("5.1.2el" → "5.1.2e:"). None for anything else."""
    word, misread = _READ_AFTER.subn("", text.strip())
    if not _MARK.match(word) or MARK in word:
        return None
    ground = word.strip("[].,;:")
    if not (ground.startswith("(") and ground.endswith(")")):
        ground = ground.strip("()")
    return ground + (":" if misread else "")

