"""Text → entries: paragraphs, markers ("B:", "Besluit:", "A > Owner:", "B-14", "<actiepunt>"),
sentences that say what they are ("Het college besluit …", "De wethouder zal …"), owners,
statuses and lists.

Lines arrive with their boxes; vertical gaps mark paragraphs, markers mark entries. Lines broken
mid-sentence are joined, words hyphenated at a line end are rejoined, list items and bullets
keep their own line, and the text is otherwise kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.clause_data import ROLE_SUFFIXES
from models.clauses import Clause, agent, read_clause, reports
from models.lexicon import is_word
from models.redaction import is_redaction_mark
from pipeline.layout.lines import median_line_height
from pipeline.records import Entry, Line
from pipeline.structure.fields import (
    clean_owner,
    ends_in_status,
    owner_parts,
    status_of,
    strip_status,
    trailing_owner,
)

# A bullet and its word; OCR may lose the space between a dash or dot and a word in lower
# case ("-de kosten worden gedeeld"), which no word of a sentence starts with.
_BULLET = r"(?:\d{1,2}[.)]|[a-z][.)]|[•·▪◦●○■□–\-*»>o✓])\s+"
_GLUED_BULLET = r"[•·▪●–-](?=[a-zà-ÿ])"
_LIST_LINE = re.compile(rf"^(?:{_BULLET}\S|{_GLUED_BULLET})")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s")
_LIST_MARK = re.compile(rf"^(?:{_BULLET}|{_GLUED_BULLET})")
# Word markers, each with the kind it announces. A qualifier may stand between the word and
# its colon: "Besluit TO:", "Actie (Peter):", "Actiepunt Logius:".
_WORD_KINDS: dict[str, str] = {
    "besluit": "besluit", "besluiten": "besluit", "besloten": "besluit",
    "besluitpunt": "besluit", "afspraak": "besluit", "afspraken": "besluit",
    "werkafspraak": "besluit", "werkafspraken": "besluit", "conclusie": "besluit",
    "conclusies": "besluit", "knelpunt": "knelpunt", "knelpunten": "knelpunt",
    "aandachtspunt": "knelpunt", "aandachtspunten": "knelpunt", "risico": "knelpunt",
    "risico's": "knelpunt", "risico’s": "knelpunt", "actie": "actie", "acties": "actie",
    "actiepunt": "actie", "actiepunten": "actie", "toezegging": "actie",
    "toezeggingen": "actie", "noot": "note", "opmerking": "note",
}  # fmt: skip
_WORD_MARKER = re.compile(
    r"^(?P<word>[A-Za-zë'’]+)(?P<qual>\s*\([^)]{1,60}\)|\s+[^:\n]{1,50}?)?\s*:\s*", re.IGNORECASE
)
_ANGLE_MARKER = re.compile(
    r"^<\s*(?P<word>actiepunt|actie|besluit)(?P<qual>[^>]{0,50})>\s*:?\s*", re.I
)
_ANGLE_OPEN = re.compile(r"^<\s*(?:actiepunt|actie|besluit)\b", re.I)
_CODE_MARKER = re.compile(r"^(?P<code>(?P<letter>[BKA])\s?-\s?\d{1,4}[a-z]?)\b\s*[:.–-]?\s*")
# "B – …", and "K- …" where OCR glued the dash on; "A-status" and "A- en B-wegen" are words.
_LETTER_MARKER = re.compile(r"^(?P<letter>[BKA])(?:\s*(?::|>)|\s*[–—-](?=\s|$))\s*")
# A line that marks its entry with a letter, written out ("B:", "K –", "A >").
_LETTER_MARK = re.compile(r"^[BKA]\s?(?::|>|\s?[–—-]\s)")
_LETTER_OWNER = re.compile(r"^(?P<letter>A)\s+(?P<owner>[^:;!?]{1,60}?)\s*:\s+(?=\S)")
_MISREAD_LETTER = re.compile(r"^(?P<letter>[BKA])\s?[.,;]\s+")
# "A het advies … (projectsecretaris)": the dash of "A – …" lost by OCR. No Dutch sentence
# opens with a lone capital B, K or A before a word in lower case; where the minutes use
# letters, nor before one in capitals ("K Er is onvoldoende capaciteit").
_LOST_DASH = re.compile(r"^(?P<letter>[BKA])\s+(?=[a-zà-ÿ])")
_LOST_DASH_LETTERS = re.compile(r"^(?P<letter>[BKA])\s+(?=\w)")
# Words after a letter that names something ("A en B", "B is groter"): no marker's text.
_AFTER_A_NAME = frozenset(
    {"en", "of", "en/of", "t/m", "tot", "&", "+", "=", "is", "was", "zijn", "wordt", "werd",
     "worden", "heeft", "hebben", "kan", "moet", "zal", "dan", "als", "naar", "van", "met",
     "voor", "vs", "versus", "resp"}
)  # fmt: skip
_LETTER_KINDS = {"B": "besluit", "K": "knelpunt", "A": "actie"}
_OWNER_COLON = re.compile(r"^(?P<owner>[^:;!?]{1,60}?)\s*:\s+(?P<text>\S.*)$", re.S)
_BRACKETS_ONLY = re.compile(r"^\([^()]+\)\W*$")
# A lead that hands the list below it to one owner: "Acties voor de werkgroep:".
_ACTION_LEAD = re.compile(
    r"^(?:acties?|actiepunten|taken)\s+(?:voor|van)\s+(?P<owner>[^:]{2,60}):\s*$", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(„“\"'])")
# Abbreviations and initials whose full stop ends no sentence.
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:[A-Z]|bijv|bv|o\.a|i\.v\.m|z\.s\.m|t\.a\.v|d\.d|nr|art|ca|e\.d|m\.b\.t|n\.a\.v|"
    r"i\.s\.m|t\.b\.v|resp|vz|dhr|mevr|mw|drs|dr|mr|ir|prof|ing)\.$",
    re.IGNORECASE,
)
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


@dataclass
class Marker:
    """What an entry's marker says: its kind, owner, code, and the text after it."""

    kind: str
    text: str
    owner: str = ""
    code: str = ""
    commitment: bool = False
    redacted: bool = False
    word: str = ""  # the marker word as written ("Besluit", "B")
    status: str = ""
    status_text: str = ""


_SHORT_LINE = 0.3  # share of the column a line leaves empty when its paragraph ends there


def paragraphs(
    lines: list[Line], line_height: float | None = None, gaps: bool = True
) -> list[Paragraph]:
    """Split lines into paragraphs at vertical gaps clearly larger than line spacing.

    Where there is no gap to measure (across a page break, or paragraphs set without space
    between them, or `gaps` off) a line ends its paragraph when it ends a sentence, or stops
    far short of the column, and the next line's first word would still have fitted on it: a
    word processor fills a line unless the paragraph ends there.
    """
    if not lines:
        return []
    height = line_height or median_line_height(lines)
    right = max(ln.x1 for ln in lines)
    width = right - min(ln.x0 for ln in lines)
    out = [Paragraph([lines[0]])]
    for prev, line in zip(lines, lines[1:], strict=False):
        first = line.words[0]
        fits = right - prev.x1 > (first.x1 - first.x0) + height * 0.5
        # A sentence's end, an owner or status in brackets that closes an action ("…
        # (wethouder Wonen)", "… [in behandeling]"), or a line far short of the column (an
        # action written without a full stop: "… nader onderzoeken voor woensdag").
        stops = prev.text.rstrip()[-1:] in ".!?:;)]" or right - prev.x1 > _SHORT_LINE * width
        # A redacted word opening the next line was a name: a capital.
        opens = line.text[:1].isupper() or is_redaction_mark(first.text)
        ended = fits and stops and opens
        if line.page != prev.page or not gaps:
            new = ended
        else:
            # Boxes of lines without ascenders or descenders sit lower or end higher: the
            # space between lines is measured from top to top and bottom to bottom.
            pitch = min(line.top - prev.top, line.bottom - prev.bottom)
            new = pitch - height > height * 0.55 or ended
        if new:
            out.append(Paragraph([line]))
        else:
            out[-1].lines.append(line)
    return out


def is_list_line(text: str) -> bool:
    """A numbered list item or bullet: `1. …`, `a) …`, `• …`, `- …`."""
    return bool(_LIST_LINE.match(text.strip()))


def list_item(text: str) -> str:
    """A list line without its bullet or number."""
    return _LIST_MARK.sub("", text.strip(), count=1)


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: spaces between words, rejoined hyphenation, lists on own lines."""
    out = ""
    last_number = 0
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        numbered = _NUMBERED.match(line)
        listed = is_list_line(line)
        if numbered:
            n = int(numbered.group(1))
            listed = n in (1, last_number + 1)  # "31." after "week" goes on with the text
            last_number = n if listed else last_number
        if not out:
            out = line
        elif listed:
            out += "\n" + line
        elif out.endswith("-") and len(out) > 1 and out[-2].isdigit() and line[:1].isdigit():
            out += line  # "30-" + "08": a date broken at its hyphen
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            first = line.split()[0]
            if first in _KEEP_HYPHEN_BEFORE:
                out += " " + line
            elif first[:1].islower() and not _written_hyphen(out, first):
                out = out[:-1] + line
            else:
                out += line  # "Noord-" + "Brabant": a real hyphen
        else:
            out += " " + line
    return out


# Words that join a role with a hyphen: "adjunct-griffier", "loco-burgemeester".
_ROLE_PREFIXES = frozenset({"adjunct", "loco", "vice", "plv", "waarnemend", "onder"})


def _written_hyphen(before: str, first: str) -> bool:
    """Whether the hyphen at the end of `before` is written, not a word broken in two: the two
    parts together are no word ("team-" over "leider" is "teamleider" broken), and the hyphen
    joins a name to a word ("Woo-" over "verzoeken", "COA-" over "locatie") or two roles into
    one ("secretaris-" over "directeur", "adjunct-" over "griffier")."""
    left = before.rsplit(None, 1)[-1].rstrip("-")
    word = re.sub(r"\W+$", "", first)
    if is_word(left + word):
        return False
    roles = word.lower().endswith(ROLE_SUFFIXES) and (
        left.lower() in _ROLE_PREFIXES or left.lower().endswith(ROLE_SUFFIXES)
    )
    return left[:1].isupper() or roles


def looks_like_owner(candidate: str) -> bool:
    """A name, role or body before a colon or in parentheses: a few words that can act."""
    if is_redaction_mark(candidate):
        return True
    if "/" in candidate:  # "voorzitter/staf", "programmamanager/RIVM": owners side by side
        parts = [p.strip() for p in candidate.split("/")]
        return all(parts) and all(looks_like_owner(p) for p in parts)
    words = candidate.replace("(", " ").replace(")", " ").split()
    if not 1 <= len(words) <= 7 or not candidate[:1].isalnum():
        return False
    return agent(words) or agent(["de", *words])


def split_marker(text: str, letters: bool = False) -> Marker | None:
    """The marker that opens a paragraph, or None.

    `letters`: the table announces letter codes ("Besluit (B) / … / Actie (A)"), so a lone B,
    K or A before a full stop or comma is a marker whose colon OCR misread.
    """
    if letters and _MISREAD_LETTER.match(text) and not _initial(text):
        text = _MISREAD_LETTER.sub(r"\g<letter>: ", text, count=1)
    else:
        lost = _LOST_DASH_LETTERS if letters else _LOST_DASH
        if lost.match(text) and not _initial(text) and not _letter_as_name(text):
            text = lost.sub(r"\g<letter> – ", text, count=1)
    m = _ANGLE_MARKER.match(text)
    if m:
        kind = "actie" if m.group("word").lower().startswith("actie") else "besluit"
        owner = clean_owner(m.group("qual") or "")
        return _with_owner(Marker(kind, text[m.end() :].strip(), owner=owner, word=m.group(0)))
    m = _CODE_MARKER.match(text)
    if m and len(text) > m.end():
        kind = _LETTER_KINDS[m.group("letter")]
        return _with_owner(Marker(kind, text[m.end() :].strip(), code=m.group("code"), word="code"))
    m = _LETTER_OWNER.match(text)
    if m and looks_like_owner(m.group("owner").lstrip("> ")):
        return _with_owner(
            Marker("actie", text[m.end() :].strip(), owner=clean_owner(m.group("owner")), word="A")
        )
    m = _LETTER_MARKER.match(text)
    glued = m is not None and text[1:2] in "–—-"
    if m and not (glued and _letter_as_name(f"{m['letter']} {text[m.end() :]}")):
        kind = _LETTER_KINDS[m.group("letter")]
        return _with_owner(Marker(kind, text[m.end() :].strip(), word=m.group("letter")))
    m = _WORD_MARKER.match(text)
    if m:
        word = m.group("word").lower()
        kind = _WORD_KINDS.get(word)
        if kind is None:
            return None
        qual = (m.group("qual") or "").strip()
        marker = Marker(kind, text[m.end() :].strip(), word=m.group("word"))
        marker.commitment = word.startswith("toezegging")
        if kind == "actie" and qual:
            owner = clean_owner(qual.removeprefix("voor ").removeprefix("van "))
            if not (looks_like_owner(owner) or qual.startswith("(")):
                return None
            marker.owner = owner
        elif qual and (qual.startswith("(") or len(qual.split()) > 3):
            return None  # "Besluit van de minister: …" is a reference, not a marker
        return _with_owner(marker)
    return None


def letters_used(lines: Iterable[Line]) -> bool:
    """Whether the minutes mark entries with letters ("B:", "K –", "A >"), seen on a few
    lines: then OCR's "K." or "B," is a misread colon, and "B De leden …" a lost dash."""
    return sum(1 for line in lines if _LETTER_MARK.match(line.text)) >= 2


def _letter_as_name(text: str) -> bool:
    """Whether a lone letter is the subject of the sentence it opens ("A en B worden
    samengevoegd", "B is groter dan A"), not a marker."""
    words = text.split(maxsplit=2)
    return len(words) > 1 and words[1].lower() in _AFTER_A_NAME


def _initial(text: str) -> bool:
    """Whether "B. Rouwhorst neemt contact op …" opens with an initial, not a misread "B:":
    the sentence reads with the initial as part of the one who acts."""
    clause = read_clause(text)
    return clause is not None and clause.owner[:2] == text[:2]


def _with_owner(marker: Marker) -> Marker:
    """Read the owner an action states after its marker or at its end ("… (GGD) [Open]":
    the status annotation comes off first)."""
    if marker.kind == "actie":
        text, status, status_text = strip_status(marker.text)
        if status:
            marker.text, marker.status, marker.status_text = text, status, status_text
    if marker.kind == "actie" and not marker.owner:
        om = _OWNER_COLON.match(marker.text)
        first, _, rest = marker.text.partition(" ")
        # "… voor woensdag: (wethouder Hellendoorn)": a speck read as a colon before the
        # owner in brackets; what the colon would part off is the task, not who does it.
        if om and _BRACKETS_ONLY.match(om.group("text")):
            om = None
        if om and looks_like_owner(om.group("owner").lstrip("> ")):
            marker.owner = clean_owner(om.group("owner"))
            marker.text = om.group("text").strip()
        elif is_redaction_mark(first) and rest:
            # "A > 5.1.2e de inbreng …" with the colon lost beside the box: who acts is
            # blacked out.
            marker.owner, marker.text = first, rest.strip()
        else:
            found = trailing_owner(marker.text, looks_like_owner)
            if found:
                marker.text, marker.owner = found
            else:
                # "Actie: DPG stuurt de notitie rond": the sentence names who acts.
                clause = read_clause(marker.text)
                if clause and clause.kind == "actie" and clause.owner:
                    marker.owner = clause.owner
    if is_redaction_mark(marker.owner):
        marker.owner, marker.redacted = "", True
    return marker


@dataclass
class _Draft:
    """An entry being read, with the lines it came from."""

    kind: str
    text: str
    lines: list[Line]
    owner: str = ""
    code: str = ""
    commitment: bool = False
    redacted: bool = False
    list_items: list[str] = field(default_factory=list)
    marked: bool = False
    status: str = ""
    status_text: str = ""

    def entry(self) -> Entry:
        text, status, status_text = self.text, self.status, self.status_text
        if self.kind == "actie" and not status:
            text, status, status_text = strip_status(self.text)
        owner = self.owner
        return Entry(
            kind=self.kind,
            text=text,
            owner=owner,
            page=self.lines[0].page if self.lines else 1,
            status=status,
            status_text=status_text,
            code=self.code,
            owners=owner_parts(owner) if owner else [],
            owner_redacted=self.redacted,
            commitment=self.commitment,
            list_items=list(self.list_items),
            boxes=[(ln.page, ln.x0, ln.top, ln.x1, ln.bottom) for ln in self.lines],
        )


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph; an initial or abbreviation ends none ("B. Rouwhorst")."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if not piece.strip():
            continue
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _read_plain(text: str, lines: list[Line], default_kind: str) -> list[_Draft]:
    """An unmarked paragraph: a decision or action when a sentence says so, else a note
    (or the column's own kind, unless it only reports: "Ter kennisname", "X merkt op …"). A
    paragraph that opens as explanation and only later says what was decided is split
    there: the explanation stays a note."""
    if default_kind in ("besluit", "actie", "knelpunt") and reports(text):
        default_kind = "note"
    sentences = split_sentences(text)
    for i, sentence in enumerate(sentences):
        clause = read_clause(_strip_list_mark(sentence))
        if clause is None:
            continue
        draft = _Draft(clause.kind, " ".join(sentences[i:]), lines, commitment=clause.commitment)
        if clause.kind == "actie":
            owner = clause.owner
            if is_redaction_mark(owner):
                draft.redacted, owner = True, ""
            draft.owner = owner
        if i == 0:
            return [draft]
        return [_Draft(default_kind, " ".join(sentences[:i]), lines), draft]
    return [_Draft(default_kind, text, lines)]


def _later_action(text: str) -> tuple[str, Clause] | None:
    """(the rest of the text, its clause) where a marked decision goes on to set an action
    ("Conclusie: voor nu is er voldoende opgehaald. Geonovum werkt dit verder uit."): from the
    first later sentence in which a named party acts, the text is that party's action, not
    part of what was agreed."""
    sentences = split_sentences(text)
    for i in range(1, len(sentences)):
        clause = read_clause(sentences[i])
        if clause is not None and clause.kind == "actie" and clause.owner:
            start = text.find(sentences[i])
            return (text[start:], clause) if start > 0 else None
    return None


def _strip_list_mark(text: str) -> str:
    return list_item(text) if is_list_line(text) else text


def parse_entries(
    lines: list[Line],
    default_kind: str = "note",
    line_height: float | None = None,
    letters: bool = False,
    language: bool = True,
) -> list[Entry]:
    """The entries of a cell or a stretch of text.

    A marked line starts an entry even without a gap before it (scans lose gaps). An unmarked
    paragraph is read for what it says (`language`), else it is a `default_kind` entry. List
    lines under an entry that opens a list (a marker alone, a lead ending in ":") are its items,
    counted in `list_items`; list items that are actions in their own right ("De wethouder zal
    …") become entries; the items under "Acties voor X:" are actions of X each.
    """
    reader = _Reader(default_kind, letters, language)
    lead = _Lead(
        right=max((ln.x1 for ln in lines), default=0.0),
        height=(line_height or median_line_height(lines)) if lines else 0.0,
    )
    for para in paragraphs(lines, line_height):
        for unit, bulleted in _units(para.lines, letters, lead):
            reader.read(unit, bulleted)
    reader.finish()
    return [d.entry() for d in reader.drafts if d.text.strip() or d.list_items]


def _at_angle_markers(lines: list[Line]) -> list[Line]:
    """Lines cut where an angle-bracket marker stands inside them ("… voor input.
    <actiepunt Logius>: verwerking …"): such markup opens an entry wherever it is written."""
    out: list[Line] = []
    for line in lines:
        cuts = [i for i, w in enumerate(line.words) if i and _ANGLE_OPEN.match(w.text)]
        for a, b in zip([0, *cuts], [*cuts, len(line.words)], strict=True):
            out.append(Line(line.words[a:b]) if cuts else line)
    return out


@dataclass
class _Lead:
    """A lead ending in a colon whose list is being read, over the paragraphs of a cell: where
    the cell's lines end (`right`), their line height, where the lead starts (`x0`, None
    when there is none) and the last line read (`last`)."""

    right: float
    height: float
    x0: float | None = None
    last: Line | None = None
    items: int = 0  # the list items read under it


def _units(
    lines: list[Line], letters: bool, lead: _Lead | None = None
) -> list[tuple[list[Line], str | None]]:
    """A paragraph cut where a marker or a list item starts a line; a list item keeps the
    lines it wraps onto. A numbered line only starts an item when it opens a list ("1.") or
    goes on with one ("2." after "1."): "31. – G" is the rest of "week", a bullet before a
    lone status word ("– afgerond") the status of the line above. A status in brackets ends
    its unit.

    Each unit comes with whether it is a list item whose bullet OCR lost ("item"): a scanned
    line set in from the `lead` above it, which ends in a colon, that starts where the line
    before it left room for its first word; or such an item going on in a new paragraph
    ("more"); else None.
    """
    units: list[tuple[list[Line], str | None]] = []
    last_number = 0
    lead = lead or _Lead(0.0, 0.0)
    for line in _at_angle_markers(lines):
        ocr_letters = letters and line.words[0].conf is not None
        text = line.text
        listed = is_list_line(text)
        numbered = _NUMBERED.match(text)
        if numbered:
            n = int(numbered.group(1))
            listed = n == 1 or n == last_number + 1
            if listed:
                last_number = n
        elif listed and status_of(list_item(text)) and units:
            listed = False
        closed = bool(units) and ends_in_status(units[-1][0][-1].text)
        marked = split_marker(text, ocr_letters) is not None
        bulleted: str | None = None
        if marked:
            lead.x0 = None
        elif lead.x0 is not None and lead.last is not None and not listed:
            if line.x0 < lead.x0 + 0.4 * lead.height:
                lead.x0 = None  # back at the lead's margin: the list has ended
            elif line.words[0].conf is not None:
                first = line.words[0]
                room = lead.right - lead.last.x1 > first.x1 - first.x0 + 0.5 * lead.height
                bulleted = "item" if room else "more" if lead.items else None
        if bulleted == "item":
            lead.items += 1
        if not units or marked or listed or closed or bulleted == "item":
            units.append(([line], bulleted))
        else:
            units[-1][0].append(line)
        if text.rstrip().endswith(":") and not listed and not bulleted:
            lead.x0, lead.items = units[-1][0][0].x0, 0
        lead.last = line
    return units


class _Reader:
    """Reads units in order, remembering which entry a following list belongs to."""

    def __init__(self, default_kind: str, letters: bool, language: bool) -> None:
        self.default_kind = default_kind
        self.letters = letters
        self.language = language
        self.drafts: list[_Draft] = []
        self.list_owner: _Draft | None = None  # the entry whose list is being read
        self.list_points = True  # its list is its points (not the arguments for it)
        self.action_owner: str | None = None  # "Acties voor de werkgroep:"
        self.plain_list: _Draft | None = None  # a run of plain bullets read as one note
        # A marker that stood alone ("Conclusie:" over a boxed paragraph), with its text.
        self.bare: tuple[_Draft, str] | None = None
        # Marked decisions that go on to set an action: (draft, the action's text, its clause).
        self.later: list[tuple[_Draft, str, Clause]] = []

    def read(self, lines: list[Line], bulleted: str | None = None) -> None:
        """Read one unit; `bulleted`: a list item whose bullet OCR lost ("item"), or the rest
        of one ("more")."""
        text = join_lines([ln.text for ln in lines])
        owner = self.list_owner
        if bulleted == "more" and owner is not None and owner.list_items:
            owner.list_items[-1] = join_lines([owner.list_items[-1], text])
            owner.text = join_lines([owner.text, text])
            owner.lines = [*owner.lines, *lines]
            return
        listed = bulleted is not None or is_list_line(text)
        if not listed:
            self.list_owner = self.action_owner = self.plain_list = None
        ocr_letters = self.letters and lines[0].words[0].conf is not None
        marker = None if listed else split_marker(text, ocr_letters)
        bare, self.bare = self.bare, None
        if marker is None and bare is not None and not listed:
            # The paragraph under a lone marker is what it marks, read as if on its line.
            draft, label = bare
            marker = split_marker(f"{label} {text}", ocr_letters)
            if marker is not None:
                self.drafts.remove(draft)
                lines = [*draft.lines, *lines]
        if marker is not None:
            self._marked(marker, lines)
            return
        if listed:
            self._list_item(text, lines)
            return
        lead = _ACTION_LEAD.match(text)
        if lead:
            self.action_owner = clean_owner(lead.group("owner"))
            self.drafts.append(_Draft(self.default_kind, text, lines))
            return
        drafts = _read_plain(text, lines, self.default_kind) if self.language else [
            _Draft(self.default_kind, text, lines)
        ]
        self.drafts.extend(drafts)
        if text.rstrip().endswith(":") and drafts[-1].kind != "actie":
            self.list_owner = drafts[-1]
            self.list_points = self._introduces_points(drafts[-1])

    def finish(self) -> None:
        """Split the marked decisions that go on to set an action, unless these minutes mark
        their actions: where "Actie:" is written for the actions, an unmarked sentence inside a
        decision ("De gemeente zorgt voor verlichting") is part of what was decided."""
        if any(d.marked and d.kind == "actie" for d in self.drafts):
            return
        for draft, rest, clause in self.later:
            draft.text = draft.text[: len(draft.text) - len(rest)].rstrip()
            redacted = is_redaction_mark(clause.owner)
            action = _Draft("actie", rest, draft.lines, owner="" if redacted else clause.owner,
                            commitment=clause.commitment, redacted=redacted)
            self.drafts.insert(self.drafts.index(draft) + 1, action)

    def _marked(self, marker: Marker, lines: list[Line]) -> None:
        draft = _Draft(
            marker.kind, marker.text, lines, owner=marker.owner, code=marker.code,
            commitment=marker.commitment, redacted=marker.redacted, marked=True,
            status=marker.status, status_text=marker.status_text,
        )  # fmt: skip
        self.drafts.append(draft)
        opens = not marker.text.strip() or marker.text.rstrip().endswith(":")
        if not marker.text.strip():
            self.bare = (draft, join_lines([ln.text for ln in lines]))
        self.list_owner = draft if opens and marker.kind != "actie" else None
        self.list_points = self._introduces_points(draft)
        if opens and marker.kind == "actie" and marker.owner:
            self.action_owner = marker.owner
        later = _later_action(marker.text) if marker.kind != "actie" and self.language else None
        if later is not None:
            self.later.append((draft, *later))

    def _introduces_points(self, draft: _Draft) -> bool:
        """Whether the list after an entry is its points: the entry's text is the list's lead
        alone ("Het algemeen bestuur besluit:", a bare "Besluit:"), or its last sentence, the
        one ending in the colon, is of the entry's kind itself. After a decision said in full,
        "Argumenten hiervoor zijn:" leads the reasons for it, which are no decisions."""
        sentences = split_sentences(draft.text.strip())
        if len(sentences) < 2 or not self.language:
            return True
        clause = read_clause(sentences[-1])
        return clause is not None and clause.kind == draft.kind

    def _list_item(self, text: str, lines: list[Line]) -> None:
        item = list_item(text)
        if self.action_owner is not None:
            self.drafts.append(_Draft("actie", item, lines, owner=self.action_owner))
            return
        clause = read_clause(item) if self.language else None
        # Under a decision, only an agent who will act stands apart from the agreed points
        # ("De wethouder zal dit terugkoppelen"); "X wordt gevraagd …" is one of them.
        strong = clause is not None and clause.rule in ("modal", "modal_inverted", "promise")
        if clause is not None and clause.kind == "actie" and (
            strong or self.list_owner is None or self.list_owner.kind == "note"
        ):
            draft = _Draft("actie", item, lines, owner=clause.owner, commitment=clause.commitment)
            if is_redaction_mark(draft.owner):
                draft.owner, draft.redacted = "", True
            self.drafts.append(draft)
            return
        owner = self.list_owner
        if owner is not None and not (owner.kind == "note" and clause is not None):
            owner.text = f"{owner.text}\n{text}" if owner.text else text
            if self.list_points:
                owner.list_items.append(item)
            owner.lines = [*owner.lines, *lines]
            return
        if clause is not None:
            self.drafts.append(_Draft(clause.kind, item, lines))
            self.plain_list = None
            return
        if self.plain_list is not None:
            self.plain_list.text += "\n" + text
            self.plain_list.list_items.append(item)
            self.plain_list.lines = [*self.plain_list.lines, *lines]
            return
        self.plain_list = _Draft(self.default_kind, text, lines, list_items=[item])
        self.drafts.append(self.plain_list)
