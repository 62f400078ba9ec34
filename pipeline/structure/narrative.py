"""Minutes without a table: items under headings, or label lists.

Two shapes are read here. Narrative minutes put each item under a heading — numbered ("1.
Opening", "3.2 Begroting", "Agendapunt 4", "Punt 5: …", "II.") or only set apart by its type
(bold or larger) — with paragraphs below. Decision lists of committees write each item as
labelled lines ("1. Agendapunt: …", "Zaak: …", "Besluit: …", "Noot: …", "Volgcommissie(s): …")
under unnumbered section headings.

Of the headings a text offers, the scheme that runs in order wins: numbered headings in one
type form the items, and the largest type wins when sub-issues are numbered too (a "1. … 8."
list inside item 3 is no agenda). Without a numbered scheme, headings set apart by their type
are the items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

from pipeline.layout.header import role_of
from pipeline.layout.lines import left_margin, median_line_height
from pipeline.layout.numbers import (
    follows,
    is_number_word,
    leading_number,
    number_key,
    number_text,
)
from pipeline.records import Item, Line
from pipeline.structure.entries import (
    is_list_line,
    join_lines,
    letters_used,
    parse_entries,
    split_marker,
)
from pipeline.structure.fields import field_of
from pipeline.structure.ledger import Ledger
from pipeline.structure.numbering import tidy_title

_LABEL = re.compile(
    r"^(?:(?P<nr>\d{1,3}[a-z]?)\s*[.)]\s*)?(?P<label>Agendapunt|Zaak|Zaken|Besluit|Besluiten|"
    r"Noot|Noten|Volgcommissie(?:\(s\))?|Voortouwcommissie|Document|Onderwerp|Actie|Actiepunt|"
    r"Toezegging|Afspraak|Conclusie|Aandachtspunt|Knelpunt|Risico)\s*:\s*(?P<value>.*)$"
)
_HEADING_TEXT = re.compile(r"^[\"'‘“(]?[A-ZÀ-Ýa-z0-9]")
_MAX_HEADING_WORDS = 18
_ENTRY_LABELS = {
    "besluit": "besluit", "besluiten": "besluit", "afspraak": "besluit",
    "conclusie": "besluit", "actie": "actie", "actiepunt": "actie", "toezegging": "actie",
    "aandachtspunt": "knelpunt", "knelpunt": "knelpunt", "risico": "knelpunt",
}  # fmt: skip


@dataclass
class _Heading:
    index: int  # position of the line in the text
    nr: str
    title: str
    size: float
    bold: bool

    @property
    def style(self) -> tuple[float, bool]:
        return (round(self.size * 2) / 2, self.bold)


def narrative_items(
    lines: list[Line], ledger: Ledger, body_size: float, first: bool = True
) -> tuple[list[Line], list[Item]]:
    """(the lines before the first item, the items) of a stretch of running text."""
    if not lines:
        return [], []
    height = median_line_height(lines)
    labelled = _labelled(lines)
    if len(labelled) >= 2:
        return _label_list(lines, labelled, ledger, height)
    headings, numbered_sections = _numbered_scheme(lines, body_size)
    if not headings:
        headings, numbered_sections = _styled_sections(lines, _styled_scheme(lines, body_size))
    if first:
        # The meeting's own heading (letterhead, title, "Datum:", "Aanwezig:") holds no item.
        end = _heading_end(lines)
        headings = [h for h in headings if h.index > end]
    if not headings:
        return lines, []
    sections = _sections(lines, headings, body_size)
    letters = letters_used(lines)
    for head in numbered_sections:
        later = [h.index for h in headings if h.index > head.index]
        if later:
            sections[later[0]] = head.title
            sections["ids"].add(id(lines[head.index]))
    ledger.take(ln for ln in lines if id(ln) in sections["ids"])
    items = []
    section = sections.get(headings[0].index, "")
    for n, head in enumerate(headings):
        end = headings[n + 1].index if n + 1 < len(headings) else len(lines)
        section = sections.get(head.index, section)
        title_lines = [lines[head.index]]
        section_lines = sections.get("ids", set())
        body = [ln for ln in lines[head.index + 1 : end] if id(ln) not in section_lines]
        title = head.title
        # A bold heading that wraps continues in the bold lines right under it.
        while body and lines[head.index].bold and body[0].bold and _close(title_lines[-1], body[0]):
            if split_marker(body[0].text) or is_list_line(body[0].text) or field_of(
                body[0].text
            ) or _header_row(body[0]):
                break
            title_lines.append(body.pop(0))
            title = join_lines([title, title_lines[-1].text])
        ledger.take(title_lines)
        ledger.take(body)
        item = Item(nr=head.nr, title=tidy_title(title), section=section, page=title_lines[0].page)
        while body and field_of(body[0].text):
            label, value = field_of(body[0].text)
            item.fields[label] = value
            body.pop(0)
        item.entries = parse_entries(body, "note", height, letters=letters) if body else []
        items.append(item)
    return lines[: headings[0].index], items


def _header_row(line: Line) -> bool:
    """Labels of two roles or more and nothing but capitalised words: a table's header row,
    even with a label no role is known for ("Nr. Onderwerp Voorbereiding")."""
    roles = {role_of(w.text) for w in line.words} - {None}
    return len(roles) >= 2 and all(w.text[:1].isupper() for w in line.words)


def _styled_sections(
    lines: list[Line], headings: list[_Heading]
) -> tuple[list[_Heading], list[_Heading]]:
    """(items, sections) of unnumbered headings: a heading set in another style than most,
    right over the next heading with nothing of its own ("Verslag" over "Mededelingen"), is
    the section of the items under it; a table's header row ("Nr. Onderwerp Voorbereiding")
    heads nothing."""
    headings = [h for h in headings if not _header_row(lines[h.index])]
    if len(headings) < 3:
        return headings, []
    styles = Counter(h.style for h in headings)
    usual = styles.most_common(1)[0][0]
    sections = [
        h for h, nxt in zip(headings, headings[1:], strict=False)
        if nxt.index == h.index + 1 and h.style != usual
    ]
    return [h for h in headings if h not in sections], sections


def _sections(lines: list[Line], headings: list[_Heading], body_size: float) -> dict:
    """Section headings of the items: a short line right above an item heading, set apart
    more than the item headings are (larger, or in capitals) — "BEELDVORMING", "Mobiliteit".
    Maps the index of the item heading to the section, and "ids" to the section lines."""
    out: dict = {"ids": set()}
    head_size = max((h.size for h in headings), default=body_size)
    # OCR sizes each line from its own letters, the item headings over a spread: a section
    # is measured against the heading under it, and must be bold to be set apart by size.
    ocr = _is_ocr(lines)
    # ... and now and then reads one heading far larger than the rest: a section set in their
    # style is as large as most of them, if not the one under it.
    usual = median(h.size for h in headings) if headings else body_size
    for head in headings:
        i = head.index - 1
        if i < 0:
            continue
        line = lines[i]
        text = line.text.strip()
        # A stop or comma after one bold word on a scan is a speck, not the end of a sentence.
        speck = ocr and line.bold and len(text.split()) == 1 and text.endswith((".", ","))
        if not text or len(text.split()) > 6 or text.endswith((".", ":", ";", ",")) and not speck:
            continue
        if split_marker(text) or is_list_line(text) or leading_number(line.words):
            continue
        capitals = text.isupper() and sum(c.isalpha() for c in text) >= 3
        ref = head.size if ocr else head_size
        larger = line.size >= ref + 0.75 and (line.bold or not ocr)
        set_apart = line.bold and not lines[i - 1].bold if i > 0 else line.bold
        least = min(ref, usual) * 0.95 if ocr else ref - 0.25
        styled = set_apart and line.size >= least and head.bold and _blank_above(lines, i)
        if capitals or larger or styled:
            out[head.index] = tidy_title(text)
            out["ids"].add(id(line))
    return out


def _blank_above(lines: list[Line], i: int) -> bool:
    if i == 0:
        return True
    prev, line = lines[i - 1], lines[i]
    return prev.page != line.page or line.top - prev.bottom > (line.bottom - line.top) * 0.8


_HEADING_FACT = re.compile(
    r"^(?:datum|vergaderdatum|tijd|locatie|plaats|aanwezig|aanwezigen|afwezig|afwezigen|"
    r"notulist|verzonden|secretaris|voorzitter|kenmerk|betreft|kopie aan|deelnemers|"
    r"afgemeld|verhinderd|gasten|status|versie)\b[^:]{0,25}:",
    re.IGNORECASE,
)


def _heading_end(lines: list[Line]) -> int:
    """The index of the last line of the meeting's heading block: its labelled facts and its
    title, among the first lines of the document (-1 when there is none)."""
    from pipeline.structure.heading import TITLE_WORDS

    end = -1
    for i, line in enumerate(lines[:40]):
        if _heading_number(line):
            break  # the first item ("1. Besluitenlijst vorige vergadering"): the block is over
        # A line that opens a list ("Het overleg besluit:") is no title, whatever it names.
        titled = i < 8 and TITLE_WORDS.search(line.text) and not line.text.rstrip().endswith(":")
        if _HEADING_FACT.match(line.text) or titled:
            end = i
            # A labelled list runs on into the lines under it ("Aanwezig: …, …").
            while end + 1 < len(lines) and lines[end + 1].text[:1].islower():
                end += 1
    return end


def _same_size(a: float, b: float) -> bool:
    """Two type sizes alike: within half a point, or an eighth (OCR measures sizes from the
    letters of a line, so one heading style reads 11.6 here and 13.2 there)."""
    return abs(a - b) <= max(0.6, 0.125 * max(a, b))


def _is_ocr(lines: list[Line]) -> bool:
    """Whether most of these lines were read by OCR (whose words carry a confidence)."""
    read = sum(1 for ln in lines if ln.words and ln.words[0].conf is not None)
    return read * 2 > len(lines)


def _close(a: Line, b: Line) -> bool:
    return a.page == b.page and b.top - a.bottom <= (a.bottom - a.top) * 0.9


def _labelled(lines: list[Line]) -> list[int]:
    """The indexes of the lines that open an item of a label list ("Agendapunt: …")."""
    return [i for i, ln in enumerate(lines) if _agenda_label(ln.text)]


def is_label_list(lines: list[Line]) -> bool:
    """Whether running text is a label list: items opened by "Agendapunt:" lines, two at
    least — as sure a sign of items as any number."""
    return len(_labelled(lines)) >= 2


def _agenda_label(text: str) -> bool:
    m = _LABEL.match(text)
    return bool(m) and m.group("label") == "Agendapunt"


def _heading_number(line: Line) -> tuple[str, str] | None:
    """(number, title) of a line that opens with an item number and a title."""
    words = line.words
    found = leading_number(words)
    if found is None:
        return None
    nr, taken = found
    rest = words[taken:]
    if not rest:
        return None
    text = " ".join(w.text for w in rest)
    # "4. Agendapunt: title", "Punt 5: title": the word after the number is a label.
    text = re.sub(r"^(?:agendapunt|punt)\s*:\s*", "", text, flags=re.IGNORECASE)
    text = text.lstrip(":.–—- ")
    if not text or not _HEADING_TEXT.match(text) or is_list_line(text):
        return None
    if len(text.split()) > _MAX_HEADING_WORDS:
        return None
    if is_number_word(words[0]):
        return nr, text
    if not number_text(words[0].text, ocr=words[0].conf is not None, roman=True):
        return None
    return nr, text


def _numbered_scheme(
    lines: list[Line], body_size: float
) -> tuple[list[_Heading], list[_Heading]]:
    """The numbered headings of the agenda, and the numbered section headings above them:
    per type size, the run of numbers in order that weighs most (bold headings weigh more than
    numbered lines in the text); of those, the one in the largest type — unless a longer run
    in a smaller type numbers the children of its numbers: then those are the items."""
    candidates: list[_Heading] = []
    margin = left_margin(lines)
    ocr = _is_ocr(lines)
    for i, line in enumerate(lines):
        if line.x0 > margin + 60:
            continue
        found = _heading_number(line)
        if found is None:
            continue
        nr, title = found
        # A numbered sentence is a list item, not a heading, however large OCR reads it.
        if title.rstrip().endswith((".", ";", ",")) and not line.bold and (
            line.size <= body_size + 0.5 or ocr
        ):
            continue
        candidates.append(_Heading(i, nr, title, line.size, line.bold))
    # One heading style reads at one size from a text layer, but over a spread of sizes from
    # OCR, which measures each line from its letters (8.5 to 11.5 for 10 pt on a worn copy):
    # there sizes group by linkage, each close to the one before, not all close to the first.
    groups: list[list[_Heading]] = []
    for head in sorted(candidates, key=lambda h: h.size):
        if groups and _same_size(groups[-1][-1 if ocr else 0].size, head.size):
            groups[-1].append(head)
        else:
            groups.append([head])
    if ocr:
        groups = _fold_strays(groups)
    chains = []
    for heads in groups:
        size = heads[0].size
        heads.sort(key=lambda h: h.index)
        chain = _best_chain(heads)
        plain = size <= body_size + 0.5 and not _bold(chain)
        if len(chain) < (3 if plain else 2):
            continue
        chains.append(((size + (0.25 if _bold(chain) else 0.0), len(chain)), chain))
    if not chains:
        return [], []
    chains.sort(key=lambda c: c[0], reverse=True)
    best = chains[0][1]
    if ocr and not _bold(best):
        # OCR measures a line's size from its letters, and a line whose cells wrap reads
        # large: plain agenda rows "3", "4", "5" then outrank the bold headings that number
        # every item. Bold headings that take in all its numbers, and more, are the items —
        # read over all sizes too, since one heading style can read far apart in size (a
        # heading glued to a specks' line reads twice as large), breaking the run in two.
        keys = {number_key(h.nr) for h in best}
        whole = _best_chain(sorted(candidates, key=lambda h: h.index))
        taking = [
            c for c in [*(c for _, c in chains[1:]), whole]
            if _bold(c) and len(c) > len(best) and keys <= {number_key(h.nr) for h in c}
        ]
        best = max(taking, key=len, default=best)
    if ocr:
        best = _fill_gaps(best, lines, margin)
    # Numbered sections over numbered items ("2.2 Landelijk gebied" over "2.2.1 …"): the
    # deeper numbers are the items, the larger type their sections.
    # A section whose heading is missing (the first, right under the title) leaves its items
    # without a parent: every numbered section having items of its own is enough then.
    parents = {number_key(h.nr) for h in best}
    for _, chain in chains[1:]:
        keys = [number_key(h.nr) for h in chain]
        children = [k for k in keys if any(_under(k, p) for p in parents)]
        every = all(any(_under(k, p) for k in keys) for p in parents)
        share = 0.5 if every else 0.7
        if len(children) >= share * len(keys) and len(chain) > len(best):
            return chain, best
    return _sections_apart(best) if ocr else (best, [])


# The number a heading opens with as OCR may have mangled it: dots lost, added, glued on or
# read as a space or colon ("34.23", "3.413:", "3.4 17", "3.2.1.:Crisisnoodopvang").
_MANGLED = re.compile(r"^(?P<nr>\d[\d.,:; ]{0,8}?)[.:; ‘’'\"]*(?=[A-Z])")


def _under(key: tuple[int, ...], parent: tuple[int, ...]) -> bool:
    """Whether a number is a sub-item of another: 3.2.1 of 3.2, 3.2.1.4 of 3."""
    return len(key) > len(parent) and key[: len(parent)] == parent


def _fill_gaps(chain: list[_Heading], lines: list[Line], margin: float) -> list[_Heading]:
    """The run with the headings OCR misnumbered put back where it skips one: a heading
    between 3.4.22 and 3.4.24 whose digits spell 3.4.23 ("34.23", "3.4 23"), or between 3.1.4
    and 3.2.2 one that spells 3.2.1, set like its neighbours."""
    out = chain[:1]
    for head in chain[1:]:
        prev = out[-1]
        a, b = number_key(prev.nr), number_key(head.nr)
        missing = None
        if a and b and len(a) == len(b) and a[:-1] == b[:-1] and b[-1] - a[-1] == 2:
            missing = (*a[:-1], a[-1] + 1)
        elif b and b[-1] == 2 and len(b) > 1 and (len(a) != len(b) or a[:-1] != b[:-1]):
            missing = (*b[:-1], 1)
        want = "".join(map(str, missing or ()))
        for i in range(prev.index + 1, head.index) if missing else ():
            line = lines[i]
            m = _MANGLED.match(line.text)
            title = line.text[m.end() :] if m else ""
            if (m and re.sub(r"\D", "", m["nr"]) == want and line.x0 <= margin + 60
                    and line.bold == head.bold and len(title.split()) <= _MAX_HEADING_WORDS):
                nr = ".".join(map(str, missing))
                out.append(_Heading(i, nr, title, line.size, line.bold))
                break
        out.append(head)
    return out


def _sections_apart(chain: list[_Heading]) -> tuple[list[_Heading], list[_Heading]]:
    """(items, sections) of a run OCR read at one size through sections and their items
    ("3.1 Oordeelsvorming", "3.1.1 …", "3.2 …"): plain headings whose numbers have bold
    headings under them are sections of those, told apart by weight where size could not."""
    keys = [number_key(h.nr) for h in chain]
    parents = [h for h, k in zip(chain, keys, strict=True) if any(_under(c, k) for c in keys)]
    items = [h for h in chain if h not in parents]
    # OCR takes a plain heading for bold now and then, either way.
    if parents and items and 2 * sum(h.bold for h in parents) <= len(parents) and (
        sum(h.bold for h in items) >= 0.8 * len(items)
    ):
        return items, parents
    return chain, []


def _fold_strays(groups: list[list[_Heading]]) -> list[list[_Heading]]:
    """OCR size groups with the strays folded into the agenda: a heading or two that read far
    larger than the rest of their style (a worn copy's letters, a speck glued on) make a
    group of their own in the largest type, which would outrank the agenda. Such a pair (or
    a run an eighth as long) is a misreading when a run four times as long numbers beside it
    and it numbers no section of it ("7", "8" over "7.1" … "8.4" are sections; "7.8", "8"
    among "3.1" … "7.20" are strays)."""
    if not groups:
        return groups
    runs = [_best_chain(sorted(g, key=lambda h: h.index)) for g in groups]
    longest = max(range(len(groups)), key=lambda k: len(runs[k]))
    below = {number_key(h.nr) for h in runs[longest]}
    if len(below) < 8:
        return groups
    strays = set()
    for k in range(len(groups)):
        keys = {number_key(h.nr) for h in runs[k]}
        short = len(runs[k]) <= max(2, len(below) // 8) and 4 * len(runs[k]) <= len(below)
        if k != longest and short and not any(_under(b, p) for p in keys for b in below):
            strays.add(k)
    agenda = [h for k in (longest, *sorted(strays)) for h in groups[k]]
    return [agenda if k == longest else g for k, g in enumerate(groups) if k not in strays]


def _bold(chain: list[_Heading]) -> bool:
    return sum(h.bold for h in chain) * 2 >= len(chain)


def _best_chain(heads: list[_Heading]) -> list[_Heading]:
    """The run of headings whose numbers follow each other, in text order, that weighs most:
    each heading counts one, a bold one one and a half."""
    keys = [number_key(h.nr) for h in heads]
    score = [0.0] * len(heads)
    back = [-1] * len(heads)
    for i, head in enumerate(heads):
        if not keys[i]:
            continue
        weight = 1.5 if head.bold else 1.0
        score[i] = weight
        for j in range(i):
            if score[j] and follows(keys[j], keys[i]) and score[j] + weight > score[i]:
                score[i], back[i] = score[j] + weight, j
    if not any(score):
        return []
    i = max(range(len(heads)), key=lambda k: score[k])
    chain = []
    while i >= 0:
        chain.append(heads[i])
        i = back[i]
    return chain[::-1]


def _heading_like(lines: list[Line], i: int) -> bool:
    """A line that can head what follows: short, no sentence, no marker, label or list line,
    with text below it."""
    line = lines[i]
    text = line.text.strip()
    if not text or len(text.split()) > 12 or text.endswith((":", ".", ",", ";")):
        return False
    if split_marker(text) or is_list_line(text) or _LABEL.match(text) or field_of(text):
        return False
    return i + 1 < len(lines)


def _space_above(lines: list[Line], i: int) -> float:
    """Blank space above a line, in points (a page top counts as ample)."""
    if i == 0 or lines[i - 1].page != lines[i].page:
        return 99.0
    prev, line = lines[i - 1], lines[i]
    return min(line.top - prev.top, line.bottom - prev.bottom) - (line.bottom - line.top)


def _styled_scheme(lines: list[Line], body_size: float) -> list[_Heading]:
    """Unnumbered headings: short lines in bold or a larger type, standing above text in the
    body type; then the plain lines set apart like them (the space above a heading is what
    marks it when its type does not)."""
    heads: list[_Heading] = []
    for i, line in enumerate(lines):
        if not _heading_like(lines, i) or not (line.bold or line.size >= body_size * 1.15):
            continue
        nxt = lines[i + 1]
        if nxt.bold and nxt.size == line.size and not _close(line, nxt):
            continue
        last = heads[-1] if heads else None
        if last and last.index == i - 1 and last.style == (round(line.size * 2) / 2, line.bold):
            continue  # the second line of a wrapped heading
        heads.append(_Heading(i, "", line.text.strip(), line.size, line.bold))
    if len(heads) < 2:
        return []
    # The headings of one level share a type; the most common heading type wins. Sizes
    # match loosely: OCR measures a line's size from its letters.
    def like(a: _Heading, size: float, bold: bool) -> bool:
        return a.bold == bold and _same_size(a.size, size)

    style = max(
        ((h.size, h.bold) for h in heads),
        key=lambda st: (sum(like(h, *st) for h in heads), st[0]),
    )
    chosen = [h for h in heads if like(h, *style)]
    spaces = sorted(_space_above(lines, h.index) for h in chosen)
    typical = spaces[len(spaces) // 2]
    taken = {h.index for h in chosen}
    style = (round(style[0] * 2) / 2, style[1])
    body_gaps = sorted(
        _space_above(lines, i)
        for i in range(1, len(lines))
        if i not in taken and i - 1 not in taken
    )
    paragraph_gap = body_gaps[len(body_gaps) * 3 // 4] if body_gaps else 0.0
    if typical > paragraph_gap + 1.0:
        for i, line in enumerate(lines):
            if i in taken or line.bold or not _same_size(line.size, style[0]):
                continue
            if _heading_like(lines, i) and _space_above(lines, i) >= typical - 1.0:
                chosen.append(_Heading(i, "", line.text.strip(), line.size, line.bold))
    return sorted(chosen, key=lambda h: h.index)


def _label_list(
    lines: list[Line], starts: list[int], ledger: Ledger, height: float
) -> tuple[list[Line], list[Item]]:
    """Items of a label list: "N. Agendapunt:" opens one; "Zaak:", "Volgcommissie(s):" and
    other labels are its fields; "Besluit:" and "Noot:" its entries; lines in between that
    carry no label go on with the label above, unless they stand alone in bold (a section
    heading for the items below)."""
    items: list[Item] = []
    section = ""
    item: Item | None = None
    label, value_lines = "", []

    def flush() -> None:
        nonlocal label, value_lines
        if item is None or not label:
            label, value_lines = "", []
            return
        ledger.take(value_lines)
        text = join_lines([ln.text for ln in value_lines])
        key = label.lower()
        if key == "agendapunt":
            item.title = tidy_title(text)
        elif key in _ENTRY_LABELS or key in ("noot", "noten"):
            kind = _ENTRY_LABELS.get(key, "note")
            # The label says what the text is: a "Noot:" that tells what someone will do
            # ("De commissie zal …") stays a note, as its writer filed it.
            entries = parse_entries(value_lines, kind, height, language=False)
            if entries and kind != "note":
                entries[0].text = _strip_label(entries[0].text)
            item.entries.extend(entries)
        else:
            field = "volgcommissie" if key.startswith("volgcommissie") else key
            item.fields[field] = text
        label, value_lines = "", []

    head = lines[: starts[0]]
    if _opening_section(head):
        # The section over the first items stands between the meeting's heading and them.
        section = tidy_title(head[-1].text)
        ledger.take(head[-1:])
        head = head[:-1]
    for i in range(starts[0], len(lines)):
        line = lines[i]
        m = _LABEL.match(line.text)
        if m:
            flush()
            label = m.group("label")
            first = _value_line(line, m)
            value_lines = [first] if first is not None else []
            ledger.take([line])
            if label == "Agendapunt":
                item = Item(nr=m.group("nr") or "", title="", section=section, page=line.page)
                items.append(item)
            continue
        if value_lines and _goes_on(value_lines[-1], line):
            value_lines.append(line)
            continue
        if _section_line(line, lines, i):
            flush()
            section = tidy_title(line.text)
            ledger.take([line])
            continue
        if label:
            value_lines.append(line)
        elif item is not None:
            ledger.take([line])
            item.entries.extend(parse_entries([line], "note", height))
    flush()
    return head, items


def _value_line(line: Line, m: re.Match[str]) -> Line | None:
    """The line's words after its label."""
    label_end = m.start("value")
    consumed = 0
    words = []
    for w in line.words:
        if consumed >= label_end:
            words.append(w)
        consumed += len(w.text) + 1
    return Line(words) if words else None


def _goes_on(last: Line, line: Line) -> bool:
    """Whether a line continues the value above it: set right under it, at its left edge."""
    return (
        last.page == line.page
        and -2 <= line.top - last.bottom <= (last.bottom - last.top) * 0.9
        and abs(line.x0 - last.x0) <= 4
    )


def _strip_label(text: str) -> str:
    return re.sub(r"^(?:Besluit|Besluiten)\s*:\s*", "", text)


def _opening_section(head: list[Line]) -> bool:
    """Whether the last line before the first label is a section heading: short and bold,
    after a plain line (the heading's facts, "Aanwezig: …", have ended), and smaller than the
    meeting's title above it."""
    if len(head) < 2:
        return False
    line, before = head[-1], head[-2]
    text = line.text.strip()
    return (
        line.bold
        and not before.bold
        and 0 < len(text.split()) <= 10
        and not _LABEL.match(text)
        and not field_of(text)
        and line.size < max(ln.size for ln in head[:-1])
    )


def _section_line(line: Line, lines: list[Line], i: int) -> bool:
    """A section heading between label blocks: a short bold line that no label opens, with a
    label or another heading below it."""
    text = line.text.strip()
    if not line.bold or not text or len(text.split()) > 10:
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is None or bool(_LABEL.match(nxt.text)) or (nxt.bold and not _LABEL.match(text))
