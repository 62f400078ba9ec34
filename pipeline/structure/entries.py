"""Cell text → entries: paragraphs, prefixes (B:/K:/A >/Besluit:/Actie (…):), owners, lists.

Cell lines arrive with their boxes; vertical gaps mark paragraphs, and prefixes mark entries.
Lines broken mid-sentence are joined, words hyphenated at a line end are rejoined, list items
and bullets keep their own line, and the text is otherwise kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.layout.lines import median_line_height
from pipeline.records import Entry, Line

_LIST_LINE = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[•·▪◦●○■□–\-*»>o])\s+\S")
_PREFIXES: list[tuple[str, re.Pattern[str]]] = [
    ("besluit", re.compile(r"^(?:B|Besluit(?:en)?|BESLUIT(?:EN)?)\s*[:;]\s*")),
    ("knelpunt", re.compile(r"^(?:K|Knelpunt(?:en)?|KNELPUNT(?:EN)?)\s*[:;]\s*")),
]
# "A > Owner: text", "A Owner: text", "A: text", "Actie (Owner): text", "Actie Owner: text".
_ACTION = re.compile(
    r"^(?P<word>A|Actie(?:punt)?|Acties|ACTIE)(?=[\s:>(–-])\s*(?P<sep>[:>–-]|\()?\s*"
)
_OWNER_COLON = re.compile(r"^(?P<owner>[^:.;!?]{1,60}?)\s*:\s+(?P<text>\S.*)$", re.S)
_OWNER_PAREN = re.compile(r"^(?P<owner>[^)]{1,60})\)\s*:?\s*(?P<text>.*)$", re.S)
_MISREAD_LETTER = re.compile(r"^(?P<letter>[BKA])\s?[.,;]\s+")
# "zorg- en welzijn": a hyphen before a conjunction is part of the text, not a line break.
_KEEP_HYPHEN_BEFORE = {"en", "of", "tot", "t/m", "en/of"}


@dataclass
class Paragraph:
    lines: list[Line]

    @property
    def text(self) -> str:
        return join_lines([ln.text for ln in self.lines])

    @property
    def page(self) -> int:
        return self.lines[0].page


def paragraphs(lines: list[Line], line_height: float | None = None) -> list[Paragraph]:
    """Split cell lines into paragraphs at vertical gaps clearly larger than line spacing.

    Across a page break there is no gap to measure: a line there ends its paragraph when it
    ends a sentence and the next line's first word would still have fitted on it.
    """
    if not lines:
        return []
    height = line_height or median_line_height(lines)
    right = max(ln.x1 for ln in lines)
    out = [Paragraph([lines[0]])]
    for prev, line in zip(lines, lines[1:], strict=False):
        if line.page != prev.page:
            first = line.words[0]
            fits = right - prev.x1 > (first.x1 - first.x0) + height * 0.5
            new = fits and prev.text.rstrip()[-1:] in ".!?:;" and line.text[:1].isupper()
        else:
            new = line.top - prev.bottom > height * 0.55
        if new:
            out.append(Paragraph([line]))
        else:
            out[-1].lines.append(line)
    return out


def is_list_line(text: str) -> bool:
    """A numbered list item or bullet: `1. …`, `a) …`, `• …`, `- …`."""
    return bool(_LIST_LINE.match(text.strip()))


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: spaces between words, rejoined hyphenation, lists on own lines."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif is_list_line(line):
            out += "\n" + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            first = line.split()[0]
            if first in _KEEP_HYPHEN_BEFORE:
                out += " " + line
            elif first[:1].islower():
                out = out[:-1] + line
            else:
                out += line  # "Noord-" + "Brabant": a real hyphen
        else:
            out += " " + line
    return out


def split_prefix(text: str, letters: bool = False) -> tuple[str, str, str] | None:
    """(kind, owner, text) when a paragraph starts with an entry prefix, else None.

    `letters`: the column heading announces letter codes ("Besluit (B) / … / Actie (A)"), so a
    lone B, K or A before a full stop or comma is a prefix whose colon OCR misread.
    """
    if letters:
        text = _MISREAD_LETTER.sub(r"\g<letter>: ", text, count=1)
    for kind, pattern in _PREFIXES:
        m = pattern.match(text)
        if m:
            return kind, "", text[m.end() :].strip()
    m = _ACTION.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    sep = m.group("sep") or ""
    if sep == "(":
        pm = _OWNER_PAREN.match(rest)
        if pm:
            return "actie", _clean_owner(pm.group("owner")), pm.group("text").strip()
        return None
    om = _OWNER_COLON.match(rest)
    if om and _looks_like_owner(om.group("owner")):
        return "actie", _clean_owner(om.group("owner")), om.group("text").strip()
    if sep in (":", ">", "–", "-") or m.group("word") != "A":
        return "actie", "", rest.strip()
    return None  # a line that merely starts with the word "A"


def _looks_like_owner(candidate: str) -> bool:
    """A name or role before a colon: a few words, not a clause."""
    words = candidate.split()
    return 1 <= len(words) <= 7 and candidate[:1].isalnum()


def _clean_owner(owner: str) -> str:
    return " ".join(owner.replace("\n", " ").split()).strip(" -–:")


def parse_entries(
    lines: list[Line],
    default_kind: str = "note",
    line_height: float | None = None,
    decision: re.Pattern[str] | None = None,
    letters: bool = False,
) -> tuple[list[Entry], list[Paragraph]]:
    """Entries of an entries cell, and its paragraphs (for callers that need the raw lines).

    A prefixed line starts an entry even without a gap before it (scans lose gaps); an
    unprefixed paragraph starts a `default_kind` entry unless it is a list that belongs to the
    entry before it. Lines matching `decision` ("De raad besluit …") start a besluit that keeps
    its whole text.
    """

    def starts_entry(text: str) -> bool:
        return bool(split_prefix(text, letters) or (decision and decision.match(text)))

    # Break paragraphs further wherever a line carries an entry prefix.
    paras: list[Paragraph] = []
    for para in paragraphs(lines, line_height):
        current: list[Line] = []
        for line in para.lines:
            if current and starts_entry(line.text):
                paras.append(Paragraph(current))
                current = []
            current.append(line)
        paras.append(Paragraph(current))
    entries: list[Entry] = []
    for para in paras:
        text = para.text
        prefixed = split_prefix(text, letters)
        if prefixed:
            kind, owner, body = prefixed
            entries.append(Entry(kind=kind, text=body, owner=owner, page=para.page))
        elif decision and decision.match(text):
            entries.append(Entry(kind="besluit", text=text, page=para.page))
        elif entries and is_list_line(text):
            entries[-1].text = join_lines([entries[-1].text, *text.split("\n")])
        else:
            entries.append(Entry(kind=default_kind, text=text, page=para.page))
    return entries, paras


def join_paragraphs(paras: list[Paragraph]) -> str:
    """Toelichting text: paragraphs separated by blank lines, list lines on their own line."""
    return "\n\n".join(p.text for p in paras)
