"""OCR scores of the sample minutes against their gold: by position (OCR words against the
text layer of the same page) and by structure (the extracted meeting against the gold JSON).

Shared by ``benchmarks/ocr_accuracy.py``, ``benchmarks/bench_ocr.py`` and the OCR tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samples.textmatch import levenshtein
from samples.textmatch import ws as norm

TITLE_TOLERANCE = 0.05  # an item title counts as right within this CER (one typo in twenty)


# --- text metrics ---------------------------------------------------------------------------


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate of ``hypothesis`` against ``reference`` (whitespace-normalised)."""
    ref = norm(reference)
    return levenshtein(norm(hypothesis), ref) / max(1, len(ref))


# --- by position: OCR words against the text layer of the same page ----------------------------


@dataclass
class GoldLine:
    """A line of one cell of the original's text layer, with its box in points."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


Box = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom (points, top-left)


def gold_lines(words: Iterable[Box]) -> list[GoldLine]:
    """Group text-layer words into lines, splitting at gaps wider than two letter heights so
    table cells stay apart."""
    lines: list[GoldLine] = []
    for text, x0, top, x1, bottom in sorted(words, key=lambda w: (round(w[2]), w[1])):
        height = bottom - top
        last = lines[-1] if lines else None
        if (
            last is not None
            and abs(last.top - top) < 0.5 * height
            and 0 <= x0 - last.x1 < 2 * height
        ):
            last.text += " " + text
            last.x1, last.bottom = x1, max(last.bottom, bottom)
            continue
        lines.append(GoldLine(text, x0, top, x1, bottom))
    return lines


def positional_errors(hypothesis: Iterable[Box], lines: Sequence[GoldLine]) -> tuple[int, int]:
    """(character errors, reference characters) of OCR words placed on the gold lines.

    Each OCR word goes to the gold line whose box holds its centre; words of a line are read
    left to right. So reading order, which differs between tools, does not count, while every
    misread, lost or invented character does.
    """
    assigned: dict[int, list[Box]] = {i: [] for i in range(len(lines))}
    stray = 0
    for word in hypothesis:
        text, x0, top, x1, bottom = word
        cx, cy = (x0 + x1) / 2, (top + bottom) / 2
        best, best_dist = None, None
        for i, line in enumerate(lines):
            pad = 0.3 * (line.bottom - line.top)
            if line.x0 - pad <= cx <= line.x1 + pad and line.top - pad <= cy <= line.bottom + pad:
                dist = abs(cy - (line.top + line.bottom) / 2)
                if best_dist is None or dist < best_dist:
                    best, best_dist = i, dist
        if best is None:
            stray += len(text)
        else:
            assigned[best].append(word)
    errors, chars = stray, 0
    for i, line in enumerate(lines):
        got = " ".join(w[0] for w in sorted(assigned[i], key=lambda w: w[1]))
        errors += levenshtein(norm(got), norm(line.text))
        chars += len(norm(line.text))
    return errors, chars


def text_layer_boxes(pdf: Path) -> list[list[Box]]:
    """The original's words per page, from its text layer."""
    from pipeline.extract.plumber import open_pdf, read_page

    with open_pdf(pdf) as doc:
        pages = [read_page(page, n) for n, page in enumerate(doc.pages, start=1)]
    return [[(w.text, w.x0, w.top, w.x1, w.bottom) for w in page.words] for page in pages]


# --- by structure: the meeting against the gold JSON ----------------------------------------


@dataclass
class Score:
    """Counts behind the figures, summed over documents."""

    items: int = 0
    items_found: int = 0
    titles_exact: int = 0
    entries: int = 0
    kinds_right: int = 0
    owners_right: int = 0
    chars: int = 0
    char_errors: int = 0
    pages: int = 0
    ocr_pages: int = 0
    flagged: int = 0
    confidences: list[float] = field(default_factory=list)
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)  # gold items not found, and what was

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)

    @property
    def item_recall(self) -> float:
        return self.items_found / max(1, self.items)

    @property
    def kind_accuracy(self) -> float:
        return self.kinds_right / max(1, self.entries)

    @property
    def owner_accuracy(self) -> float:
        return self.owners_right / max(1, self.entries)

    @property
    def cer(self) -> float:
        return self.char_errors / max(1, self.chars)

    @property
    def mean_confidence(self) -> float | None:
        return sum(self.confidences) / len(self.confidences) if self.confidences else None

    def figures(self) -> dict[str, float]:
        return {
            "items": self.item_recall,
            "kinds": self.kind_accuracy,
            "owners": self.owner_accuracy,
            "cer": self.cer,
        }


def _align(got: list[Any], gold: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    """Pair gold entries with extracted ones by text, in order, each used once."""
    pairs, used = [], set()
    for expected in gold:
        best, best_cer = None, 0.5  # worse than half wrong is no match
        for i, entry in enumerate(got):
            if i in used:
                continue
            rate = cer(entry.text, expected["text"])
            if rate < best_cer:
                best, best_cer = i, rate
        if best is not None:
            used.add(best)
            pairs.append((expected, got[best]))
        else:
            pairs.append((expected, None))
    return pairs


def score_meeting(meeting: Any, gold: dict[str, Any]) -> Score:
    """Score one extracted :class:`Meeting` against its gold structure.

    An item is found when an item of that number has its title within
    :data:`TITLE_TOLERANCE`. Kinds and owners count over all gold entries (a missed entry is
    wrong). CER compares the entries of each found item, joined, so an entry split in two costs
    only the characters it actually changes.
    """
    score = Score()
    by_nr: dict[str, Any] = {}
    for item in meeting.items:
        by_nr.setdefault(item.nr, item)
    for expected in gold["items"]:
        score.items += 1
        score.entries += len(expected["entries"])
        item = by_nr.get(expected["nr"])
        if item is None or cer(item.title, expected["title"]) > TITLE_TOLERANCE:
            got = "no item of that number" if item is None else repr(item.title)
            score.misses.append(f"{expected['nr']} {expected['title']!r}: {got}")
            continue
        score.items_found += 1
        score.titles_exact += norm(item.title) == norm(expected["title"])
        for gold_entry, entry in _align(item.entries, expected["entries"]):
            if entry is None:
                continue
            score.kinds_right += entry.kind == gold_entry["kind"]
            score.owners_right += norm(entry.owner) == norm(gold_entry["owner"])
        got_text = " ".join(e.text for e in item.entries)
        gold_text = " ".join(e["text"] for e in expected["entries"])
        score.chars += len(norm(gold_text))
        score.char_errors += levenshtein(norm(got_text), norm(gold_text))
    for page in meeting.pages:
        score.pages += 1
        score.ocr_pages += page.ocr
        score.flagged += page.needs_review
        if page.confidence is not None:
            score.confidences.append(page.confidence)
    return score


__all__ = [
    "TITLE_TOLERANCE",
    "Box",
    "GoldLine",
    "Score",
    "cer",
    "gold_lines",
    "positional_errors",
    "score_meeting",
    "text_layer_boxes",
]
