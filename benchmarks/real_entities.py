"""Precision, recall and F1 per label of the language pipeline on pages of real minutes.

    python benchmarks/real_entities.py [--minutes DIR] [--gold tests/gold/real_entities.jsonl]
                                       [--errors]

The pages come from the real minutes in ``../shared/corpus/minutes`` (when present); each page's
text is read by the project's own extractor and line builder, the same text the hand annotation
in ``tests/gold/real_entities.jsonl`` was made on. A page is scored as a bag of mentions: a
predicted mention counts when a gold mention of the same page has its label and its text
(whitespace normalized); matched DATE mentions also compare values. Gold mentions marked
``uncertain`` are neither missed nor spurious. A file that is absent or differs from the one
annotated (``sha16``, the first 16 hex digits of its SHA-256) is skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
from collections import defaultdict
from datetime import date
from pathlib import Path

from models.nlp import tag_texts
from pipeline.extract.document import extract_document
from pipeline.layout.lines import group_lines, median_line_height, split_on_gaps

try:  # run as a script: benchmarks/ is on the path
    from eval_entities import Mention, Scores, compare, predicted_mentions, print_scores
except ModuleNotFoundError:  # imported from the repository root
    from benchmarks.eval_entities import (
        Mention,
        Scores,
        compare,
        predicted_mentions,
        print_scores,
    )

ROOT = Path(__file__).resolve().parents[1]
MINUTES = Path(os.environ.get("ARCHIVE_MINUTES", ROOT.parent / "shared" / "corpus" / "minutes"))
GOLD = ROOT / "tests" / "gold" / "real_entities.jsonl"


def page_texts(pdf: Path) -> dict[int, str]:
    """Each page's text (1-based page number → text), read from the text layer only.

    Words are grouped into visual lines by the layout step's line builder; a line is split
    where the space between two words is wider than twice the page's line height (the gap
    between two table columns), and each piece becomes a line of its own.
    """
    document = extract_document(pdf, ocr="never")
    texts = {}
    for page in document.pages:
        lines = group_lines(page.words)
        gap = max(2 * median_line_height(lines), 12.0)
        pieces = [piece.text for line in lines for piece in split_on_gaps(line, gap)]
        texts[page.number] = "\n".join(pieces)
    return texts


def page_text(pdf: Path, page: int) -> str:
    """The text of one page (1-based) of a PDF, lines joined by newlines."""
    return page_texts(pdf)[page]


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def sha16(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _normalized(mentions: list[Mention]) -> list[Mention]:
    return [(label, " ".join(text.split()), value) for label, text, value in mentions]


def evaluate(gold: list[dict], minutes: Path = MINUTES) -> tuple[Scores, list[str]]:
    """Tag every annotated page against its meeting date and compare; also the pages skipped."""
    scores = Scores()
    skipped: list[str] = []
    by_file: dict[str, list[dict]] = defaultdict(list)
    for record in gold:
        by_file[record["file"]].append(record)
    for name, records in by_file.items():
        pdf = minutes / name
        if not pdf.is_file():
            skipped += [f"{name} p{r['page']}: file absent" for r in records]
            continue
        if sha16(pdf) != records[0]["sha16"]:
            skipped += [f"{name} p{r['page']}: file differs" for r in records]
            continue
        texts = page_texts(pdf)
        for record in records:
            ref = date.fromisoformat(record["ref"]) if record["ref"] else None
            [found] = tag_texts([texts[record["page"]]], ref)
            entities = record["entities"]
            compare(
                scores,
                f"{name} p{record['page']}",
                _normalized(predicted_mentions(found)),
                _normalized([
                    (e["label"], e["text"], e["value"]) for e in entities if not e.get("uncertain")
                ]),
                _normalized([
                    (e["label"], e["text"], e["value"]) for e in entities if e.get("uncertain")
                ]),
                values_of=("DATE",),
            )
    return scores, skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=Path, default=MINUTES, help="folder of the real minutes")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every mistake")
    args = parser.parse_args(argv)
    if not args.minutes.is_dir():
        print(f"no real minutes at {args.minutes}: nothing to score")
        return 0
    gold = load_gold(args.gold)
    scores, skipped = evaluate(gold, args.minutes)
    scored = len(gold) - len(skipped)
    print(f"{scored} pages of real minutes scored, {len(skipped)} skipped")
    for line in skipped:
        print(f"  skipped {line}")
    if scored:
        print_scores(scores, errors=args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
