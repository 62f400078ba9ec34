"""The header row of a minutes table, found by its vocabulary, split into column labels.

Minutes tables announce themselves with a header row: "Nr | Besluit (B) / Knelpunt (K) / Actie
(A) | Toelichting", "Nr. | Onderwerp | Besluit / Actie | Actiehouder | Gereed", "Nr |
Actiepunten | Wie | Wanneer | Status". A line is a header when nearly all its words are column
words (or fillers like "/" and "en") and they name at least two different roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from statistics import median

from rapidfuzz.distance import Levenshtein

from pipeline.layout.lines import median_line_height, split_on_gaps
from pipeline.layout.rules import Ruling
from pipeline.records import Line, Word

# Header vocabulary, per column role. Matching is on lower-cased words without punctuation.
ROLE_WORDS: dict[str, frozenset[str]] = {
    "nr": frozenset(
        {"nr", "no", "nummer", "#", "punt", "ap", "volgnr", "volgnummer", "code", "actienr",
         "actienummer", "ref", "kenmerk", "item"}
    ),  # fmt: skip
    "entries": frozenset(
        {"besluit", "besluiten", "besloten", "besluitpunt", "besluitpunten", "knelpunt",
         "knelpunten", "actie", "acties", "actiepunt", "actiepunten", "afspraak", "afspraken",
         "conclusie", "conclusies", "uitkomst", "bka", "b", "k", "a", "actiepuntenlijst",
         "besluitenlijst", "toezegging", "toezeggingen", "omschrijving", "beschrijving", "wat",
         "taak", "taken", "opdracht", "opdrachten", "activiteit", "activiteiten",
         # What was discussed holds the notes and what came of them, as entries do.
         "bespreking", "besproken", "discussie", "verslag", "bespreekpunten"}
    ),  # fmt: skip
    "toelichting": frozenset(
        {"toelichting", "opmerking", "opmerkingen", "samenvatting", "uitleg", "achtergrond",
         "inhoud", "notities", "aantekeningen"}
    ),  # fmt: skip
    "subject": frozenset(
        {"onderwerp", "onderwerpen", "titel", "thema", "agendapunt", "agendapunten",
         "voorstel", "agenda"}
    ),  # fmt: skip
    "owner": frozenset(
        {"actiehouder", "actiehouders", "wie", "eigenaar", "verantwoordelijke", "trekker",
         "uitvoerder", "verantwoordelijk", "actienemer", "door", "naam", "namens", "houder"}
    ),  # fmt: skip
    "due": frozenset(
        {"gereed", "deadline", "wanneer", "termijn", "streefdatum", "planning", "datum",
         "uiterlijk", "einddatum", "per"}
    ),  # fmt: skip
    "status": frozenset({"status", "stand", "voortgang", "og", "stavaza"}),
}
_WHOLE = frozenset().union(*ROLE_WORDS.values())  # header words that are one label as a whole
# Words that join labels without naming a column of their own.
FILLER = frozenset(
    {"/", "(b)", "(k)", "(a)", "en", "&", "-", "–", "+", "of", "van", "zaken", "de", "het", "?",
     "en/of", "(o/g)", "o/g", "(wie)", "(wanneer)"}
)  # fmt: skip
# "Besluit"-like labels that say which kind unmarked text in their column is.
KIND_OF_LABEL = {
    "besluit": "besluit", "besluiten": "besluit", "besloten": "besluit", "besluitpunt": "besluit",
    "besluitpunten": "besluit", "afspraak": "besluit", "afspraken": "besluit",
    "conclusie": "besluit", "conclusies": "besluit",
    "knelpunt": "knelpunt", "knelpunten": "knelpunt",
    "actie": "actie", "acties": "actie", "actiepunt": "actie", "actiepunten": "actie",
    "toezegging": "actie", "toezeggingen": "actie", "actiepuntenlijst": "actie",
    "taak": "actie", "taken": "actie", "opdracht": "actie", "opdrachten": "actie",
}  # fmt: skip
# The words a label may be made of when OCR runs them together: header words and the fillers
# written as letters (single letters, such as "a" for actions, are too easily part of a word).
_JOINABLE = {w for w in _WHOLE | FILLER if w.isalpha() and len(w) > 1}
_LETTER_CODE = re.compile(r"\([BKA]\)|\bB\s*/\s*K\s*/\s*A\b")
_PUNCT = re.compile(r"[^\w#]+")
_LONE_BAR = re.compile(r"^[|Il!]$")
_NOISE_CONF = 30  # OCR confidence below which a word that names no role is noise
# Roles in the order they win when one label names several ("Besluit (B) / …": the words).
_ROLE_ORDER = ("nr", "subject", "owner", "due", "status", "entries", "toelichting")


# The header tests run on every line of every page, twice, and documents repeat their words:
# the answers for a word are kept (the vocabulary is fixed, so they never change).
_WORD_CACHE = 1 << 16


@lru_cache(maxsize=_WORD_CACHE)
def norm(token: str) -> str:
    """A header word as matched: lower case, punctuation gone ("Nr." → "nr")."""
    return _PUNCT.sub("", token.lower())


@lru_cache(maxsize=_WORD_CACHE)
def role_of(token: str) -> str | None:
    """The column role a header word names, if any; of words joined by a slash without
    spaces ("Besluit/Actie"), the role of the first that names one, unless the whole does
    ("O/G")."""
    word = norm(token)
    if not word:
        return None
    for role in _ROLE_ORDER:
        if word in ROLE_WORDS[role]:
            return role
    if "/" in token.strip("/"):
        return next((r for part in token.split("/") if (r := role_of(part))), None)
    # The edge of a dark header fill read as a bar before the label: "Inr", "lNr".
    if word[:1] in "il1" and len(word) >= 3:
        bare = next((r for r in _ROLE_ORDER if word[1:] in ROLE_WORDS[r]), None)
        if bare:
            return bare
    parts = _run_together(word)
    if parts:
        roles = {role_of(part) for part in parts}
        return next(role for role in _ROLE_ORDER if role in roles)
    return _near_role(word)


def _near_role(word: str) -> str | None:
    """The role of a long label OCR misread by a letter or two ("Ageridapunt", "Actiehoudcr"):
    the one role whose label words it is that close to."""
    if len(word) < 7 or not word.isalpha():
        return None
    limit = 1 if len(word) < 9 else 2
    found = {
        role
        for role in _ROLE_ORDER
        for known in ROLE_WORDS[role]
        if len(known) >= 6 and Levenshtein.distance(word, known, score_cutoff=limit) <= limit
    }
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=_WORD_CACHE)
def _run_together(word: str) -> tuple[str, ...]:
    """The labels of a word OCR read without its spaces ("toelichtingenbesluit": toelichting,
    en, besluit), when it is wholly header words and names at least two of them; else ()."""
    if len(word) < 8:
        return ()
    # ways[i]: word[i:] split into header words, the longest first word tried first.
    ways: dict[int, tuple[str, ...] | None] = {len(word): ()}
    for i in range(len(word) - 1, -1, -1):
        ways[i] = next(
            (
                (word[i:j], *rest)
                for j in range(len(word), i + 1, -1)
                if (rest := ways.get(j)) is not None and word[i:j] in _JOINABLE
            ),
            None,
        )
    parts = ways[0] or ()
    return parts if sum(p in _WHOLE for p in parts) >= 2 else ()


def _label_words(chunk: Line) -> list[str]:
    """A label's words as matched, words joined by a slash apart ("Besluit/Actie"), words
    run together by OCR apart ("Toelichtingenbesluit")."""
    out = []
    for w in chunk.words:
        word = norm(w.text)
        parts = [w.text] if word in _WHOLE else w.text.split("/")
        for part in parts:
            out.extend(_run_together(norm(part)) or ([norm(part)] if norm(part) else []))
    return out


@lru_cache(maxsize=_WORD_CACHE)
def _is_filler(token: str) -> bool:
    return token.lower() in FILLER or norm(token) in FILLER or not norm(token)


def _is_known(token: str) -> bool:
    return bool(role_of(token)) or _is_filler(token)


def chunk_role(chunk: Line) -> str:
    """The role of one column label ("other" when it names none)."""
    roles = [r for w in chunk.words if (r := role_of(w.text))]
    if not roles:
        return "other"
    words = set(_label_words(chunk))
    if words & {"toelichting", "opmerkingen", "opmerking"} and not words & {"besluit", "actie"}:
        return "toelichting"
    for role in _ROLE_ORDER:
        if role in roles:
            return role
    return roles[0]


def label_kind(chunk: Line) -> str:
    """The kind of unmarked text in a column, from its label: "Besluit" → besluit, a label
    that names several kinds ("Besluit / Actie") or none → note."""
    named = {KIND_OF_LABEL[w] for w in _label_words(chunk) if w in KIND_OF_LABEL}
    return named.pop() if len(named) == 1 else "note"


def has_letter_codes(label: str) -> bool:
    """Whether a label announces B/K/A letters: "Besluit (B) / Knelpunt (K)", "B/K/A"."""
    return bool(_LETTER_CODE.search(label))


@dataclass
class Header:
    """A table's header row: the line, its wrapped continuation lines, one chunk per column."""

    line: Line
    extra: list[Line]
    chunks: list[Line]

    @property
    def top(self) -> float:
        return self.line.top

    @property
    def bottom(self) -> float:
        return max([self.line.bottom, *(ln.bottom for ln in self.extra)])

    @property
    def page(self) -> int:
        return self.line.page

    @property
    def labels(self) -> list[str]:
        return [c.text for c in self.chunks]

    def words(self) -> set[int]:
        return {id(w) for ln in (self.line, *self.extra) for w in ln.words}


def _mend_broken(line: Line, below: Line | None) -> Line:
    """A header label the word processor broke for want of room ("Wannee" over "r") made
    whole again, from the fragment on the line below it."""
    if below is None or below.page != line.page:
        return line
    if below.top - line.bottom > (line.bottom - line.top) * 0.8:
        return line
    # Every line of a page is tried as a header: the words that could be a broken label are
    # picked once, not once per fragment under them.
    # A filler ("/") is no piece of a label, nor is a word that names a role of its own
    # ("agenda" of a title row set right under the header).
    broken = [(i, w) for i, w in enumerate(line.words) if not _is_known(w.text)]
    if not broken:
        return line
    words = list(line.words)
    for frag in below.words:
        if role_of(frag.text):
            continue
        for n, (i, w) in enumerate(broken):
            if w.x0 - 2 <= frag.x0 <= w.x1 + 2 and role_of(joined := w.text + frag.text):
                words[i] = Word(joined, w.x0, max(w.x1, frag.x1), w.top, w.bottom, w.page,
                                w.size, w.bold, w.conf)  # fmt: skip
                del broken[n]
                break
    return line if words == line.words else Line(words)


def header_chunks(line: Line, below: Line | None = None) -> list[Line] | None:
    """Split a candidate header line into column labels, or None if it is not a header."""
    # Mending changes words, never their number: a line of the wrong length is none.
    if not 2 <= len(line.words) <= 24:
        return None
    # A word processor breaks a label too long for its narrow column, one or two of a row,
    # never most: a line far from a header as it stands is spared the mending (every line of
    # every page is tried).
    content, named_tokens = _naming(line)
    if len(named_tokens) + 2 < 0.5 * len(content) or not named_tokens:
        return None
    read = line
    line = _mend_broken(line, below)
    # A column's rule that OCR read as a letter between two labels ("Nr. I B/K/A") is the
    # gap between them, not a word of either.
    bars = {id(w) for w in line.words if w.conf is not None and _LONE_BAR.match(w.text)}
    if bars and len(bars) < len(line.words):
        line = Line([w for w in line.words if id(w) not in bars])
    tokens = [w.text for w in line.words]
    if line is not read:
        content, named_tokens = _naming(line)
    named = {role_of(t) for t in named_tokens}
    # A label may carry words of its own ("Actiepunten Kernteam van 28-8"): allowed when the
    # line names enough roles to be nothing but a header, in bold.
    letters = [w for w in line.words if any(c.isalpha() for c in w.text)]
    relaxed = len(named) >= 3 and bool(letters) and all(w.bold for w in letters)
    if not content or len(named_tokens) < (0.5 if relaxed else 0.75) * len(content):
        return None
    height = median_line_height([line])
    chunks = [
        part
        for chunk in split_on_gaps(line, max(height * 1.2, 8.0))
        for part in split_on_role_change(chunk, height * 0.6)
    ]
    roles = [r for c in chunks if (r := chunk_role(c)) != "other"]
    # One-letter roles like "a" or "b" alone do not make a header: demand two real column
    # names, in different roles, and a real word among them.
    if len(chunks) < 2 or len(set(roles)) < 2:
        return None
    # ... and two labels that are words: "B:" opening a cell's line with "agendapunt." of
    # the cell beside it is no header.
    words_named = [norm(t) for t in tokens if role_of(t) and len(norm(t)) >= 2]
    if len(words_named) < 2 or not any(len(t) > 2 for t in words_named):
        return None
    return chunks


def _naming(line: Line) -> tuple[list[str], list[str]]:
    """The words of a line that must name roles for it to be a header, and those that do."""
    # Fillers ("/", "en", "van") join labels but prove nothing: the words that are not
    # fillers must nearly all name a role.
    # Nor does what OCR could hardly read (a copier's streak through the row read as "EEEN"):
    # noise, which must not outvote the labels.
    content = [
        w.text for w in line.words
        if not _is_filler(w.text) and (role_of(w.text) or not _noise(w))
    ]  # fmt: skip
    return content, [t for t in content if role_of(t)]


def _noise(word: Word) -> bool:
    return word.conf is not None and word.conf < _NOISE_CONF


def split_on_role_change(chunk: Line, space: float) -> list[Line]:
    """Split a label where a word of another role follows after more than a word space: "Nr"
    and "Onderwerp" set close together (or read with a wide box from a scan) are two columns,
    "Besluit / Actie" is one."""
    parts = [[chunk.words[0]]]
    current = role_of(chunk.words[0].text)  # the role of the label being read
    for prev, word in zip(chunk.words, chunk.words[1:], strict=False):
        role = role_of(word.text)
        # A filler joins the labels either side of it ("Onderwerp en bespreking"), however
        # wide a scan sets the spaces.
        if role and role != current and word.x0 - prev.x1 > space and not _is_filler(
            prev.text
        ) and (current or not _is_known(prev.text)):
            parts.append([word])
        else:
            parts[-1].append(word)
        current = role or current
    return [Line(p) for p in parts]


def find_header(
    lines: list[Line], start: int = 0, ruling: Ruling | None = None
) -> tuple[int, Header] | None:
    """The first header line at or after `lines[start]`, with its wrapped continuation: the
    lines right under it that hold labels too, and no ruling line (of the page's `ruling`)
    between (a theme row in capitals, "TER BESPREKING", is no label wrapped)."""
    for i in range(start, len(lines)):
        line = lines[i]
        chunks = header_chunks(line, lines[i + 1] if i + 1 < len(lines) else None)
        if not chunks:
            continue
        extra = []
        height = median_line_height([line])
        last = line
        for nxt in lines[i + 1 : i + 3]:
            if nxt.top - last.bottom > height * 0.8 or nxt.page != line.page:
                break
            # From the labels' common foot: a streak read as a tall "I" reaches past the rule.
            if ruling is not None and ruling.separators_between(
                median(w.bottom for w in last.words), nxt.top, nxt.x0, nxt.x1
            ):
                break
            tokens = [w.text for w in nxt.words]
            glued = {id(w) for w in nxt.words if _is_fragment(w, chunks)}
            if tokens and all(_is_known(w.text) or id(w) in glued for w in nxt.words):
                extra.append(nxt)
                last = nxt
            else:
                break
        return i, Header(line, extra, chunks)
    return None


def _is_fragment(word: Word, chunks: list[Line]) -> bool:
    """A piece of a header label broken onto the next line: it completes the label above."""
    return any(
        c.words[-1].x0 - 2 <= word.x0 <= c.words[-1].x1 + 2 and role_of(c.words[-1].text)
        and not role_of(word.text) and len(word.text) <= 4
        for c in chunks
    )


def same_header(a: Header, b: Header) -> bool:
    """Whether two header rows are one table's header repeated (on a new page).

    On a scan OCR may garble a label or lose a short one ("Nr" in a grey cell): two scanned
    headers are the same when one's labels are the other's, in order, each alike and at the
    same place, with at most one label of the other not read.
    """
    left, right = [norm(x) for x in a.labels], [norm(x) for x in b.labels]
    if left == right:
        return True
    if not (_scanned(a) and _scanned(b)) or abs(len(left) - len(right)) > 1:
        return False
    short, long_ = (a, b) if len(left) <= len(right) else (b, a)
    rest = list(long_.chunks)
    for chunk in short.chunks:
        while rest and not _alike(chunk, rest[0]):
            rest.pop(0)
        if not rest:
            return False
        rest.pop(0)
    return len(short.chunks) >= 2 and len(long_.chunks) - len(short.chunks) <= 1


def header_shift(table: Header, page: Header) -> float | None:
    """How far a header repeated on a later page (`page`) sits right of the table's own: the
    median shift of the labels read alike in both; None when none is."""
    shifts = [b.x0 - a.x0 for b in page.chunks for a in table.chunks if _alike(a, b)]
    return median(shifts) if shifts else None


def _scanned(header: Header) -> bool:
    return all(w.conf is not None for c in header.chunks for w in c.words)


def _alike(a: Line, b: Line) -> bool:
    """Two header labels that are one label read twice: much the same text at the same place
    (a later page may sit a few points off)."""
    if abs(a.x0 - b.x0) > 12 and abs(a.x1 - b.x1) > 12:
        return False
    x, y = norm(a.text), norm(b.text)
    return x == y or SequenceMatcher(None, x, y).ratio() >= 0.8
