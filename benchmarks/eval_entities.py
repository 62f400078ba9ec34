"""Precision, recall and F1 per label of the language pipeline against the hand-written gold set.

    python benchmarks/eval_entities.py [--gold tests/gold/entities.jsonl] [--errors]

A mention counts when its label and text match a gold mention of the same sentence; the share of
exactly normalized dates compares the values of the matched DATE mentions.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models.entities import ENTITY_LABELS, LABEL_KEYS, Entity
from models.nlp import tag_text

ROOT = Path(__file__).resolve().parents[1]

GOLD = ROOT / "tests" / "gold" / "entities.jsonl"
LABELS = ENTITY_LABELS
KEY_LABELS = {key: label for label, key in LABEL_KEYS.items()}
Mention = tuple[str, str, str]  # (label, text, value)


@dataclass
class Scores:
    """Counts per label, value agreement, and the mistakes for a report."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    values_right: Counter[str] = field(default_factory=Counter)
    values_seen: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def prf(self, labels: tuple[str, ...]) -> tuple[float, float, float]:
        tp = sum(self.tp[x] for x in labels)
        fp = sum(self.fp[x] for x in labels)
        fn = sum(self.fn[x] for x in labels)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def value_share(self, label: str) -> float:
        seen = self.values_seen[label]
        return self.values_right[label] / seen if seen else 1.0


def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predicted_mentions(found: dict[str, list[Entity]]) -> list[Mention]:
    """The tagger's six entity lists as (label, text, value) triples."""
    return [(KEY_LABELS[key], e.text, e.value) for key, mentions in found.items() for e in mentions]


def compare(
    scores: Scores,
    where: str,
    predicted: list[Mention],
    expected: list[Mention],
    uncertain: Iterable[Mention] = (),
    values_of: Collection[str] | None = None,
) -> None:
    """Count one text's mentions into `scores`: a prediction matches a gold mention of the same
    label and text (one with the same value first); a prediction that matches a mention marked
    uncertain is neither right nor wrong; `where` names the text in the error list. Values are
    compared for the labels `values_of` (all when None)."""
    pred_left = list(predicted)
    for label, text, value in expected:
        match = next(
            (p for p in pred_left if p[0] == label and p[1] == text and p[2] == value), None
        ) or next((p for p in pred_left if p[0] == label and p[1] == text), None)
        if match is None:
            scores.fn[label] += 1
            scores.errors.append(f"{where} MISSED {label} {text!r} = {value!r}")
            continue
        pred_left.remove(match)
        scores.tp[label] += 1
        if values_of is not None and label not in values_of:
            continue
        scores.values_seen[label] += 1
        if match[2] == value:
            scores.values_right[label] += 1
        else:
            scores.errors.append(f"{where} VALUE {label} {text!r}: {match[2]!r} != {value!r}")
    for label, text, _ in uncertain:
        match = next((p for p in pred_left if p[0] == label and p[1] == text), None)
        if match is not None:
            pred_left.remove(match)
    for label, text, value in pred_left:
        scores.fp[label] += 1
        scores.errors.append(f"{where} SPURIOUS {label} {text!r} = {value!r}")


def evaluate(gold: list[dict]) -> Scores:
    """Tag every gold sentence against its meeting date and compare."""
    scores = Scores()
    for record in gold:
        ref = date.fromisoformat(record["ref"]) if record["ref"] else None
        predicted = predicted_mentions(tag_text(record["text"], ref))
        expected = [(e["label"], e["text"], e["value"]) for e in record["entities"]]
        compare(scores, record["id"], predicted, expected)
    return scores


def report(scores: Scores) -> str:
    lines = [f"{'label':<22}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'values':>9}"]
    groups = [(label,) for label in LABELS] + [("MUNICIPALITY", "PLACE"), LABELS]
    for group in groups:
        name = "MUNICIPALITY/PLACE" if group == ("MUNICIPALITY", "PLACE") else "/".join(group)
        if group == LABELS:
            name = "all"
        p, r, f = scores.prf(group)
        gold_n = sum(scores.tp[x] + scores.fn[x] for x in group)
        right = sum(scores.values_right[x] for x in group)
        seen = sum(scores.values_seen[x] for x in group)
        share = f"{right / seen:.3f}" if seen else "-"
        lines.append(f"{name:<22}{p:>7.3f}{r:>7.3f}{f:>7.3f}{gold_n:>7}{share:>9}")
    lines.append(f"dates exactly normalized: {scores.value_share('DATE'):.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list every mistake")
    args = parser.parse_args(argv)
    print_scores(evaluate(load_gold(args.gold)), errors=args.errors)
    return 0


def print_scores(scores: Scores, errors: bool = False) -> None:
    """The report, and with `errors` every mistake under it."""
    print(report(scores))
    if errors:
        print("\n".join(scores.errors))


if __name__ == "__main__":
    raise SystemExit(main())
