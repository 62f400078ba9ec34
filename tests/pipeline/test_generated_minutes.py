"""The reader on minutes drawn at random and made in a word processor (``samples.docgen``):
every template, figure by figure, against the gold written next to each PDF.

The floors sit a few points under what the reader reaches on these draws, so a change that
costs accuracy fails here; ``benchmarks/accuracy.py`` reports the figures on fresh seeds.
"""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.process import ProcessOptions, process_file
from samples.docgen import Rendered
from samples.metrics import Figure, aggregate, score_document

# figure -> the least it may be (an error rate: the most), over all drawn documents.
FLOORS = {
    "items": 0.97,
    "titles": 0.97,
    "entries": 0.94,
    "entry_kinds": 0.94,
    "owners": 0.93,
    "due": 0.90,
    "entry_precision": 0.95,
    "decision_action_precision": 0.95,
    "meeting_date": 0.95,
    "body": 0.95,
    "action_rows": 0.95,
    "action_owners": 0.95,
}
CEILINGS = {"cer": 0.02}


@pytest.fixture(scope="module")
def read(drawn_docs: list[Rendered]) -> list[tuple[Rendered, dict[str, Any]]]:
    """Each drawn document with what the reader made of it."""
    options = ProcessOptions(ocr="never")
    return [(doc, process_file(doc.pdf, options).to_dict()) for doc in drawn_docs]


@pytest.fixture(scope="module")
def figures(read: list[tuple[Rendered, dict[str, Any]]]) -> dict[str, Figure]:
    return aggregate(score_document(doc.gold, pred) for doc, pred in read)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_figure_reaches_its_floor(figures: dict[str, Figure], name: str) -> None:
    figure = figures[name]
    assert figure.n > 0, f"no {name} in the drawn set"
    assert figure.value >= FLOORS[name], f"{name}: {figure}"


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_error_rate_stays_under_its_ceiling(figures: dict[str, Figure], name: str) -> None:
    figure = figures[name]
    assert figure.n > 0 and figure.value <= CEILINGS[name], f"{name}: {figure}"


def test_every_template_reads_its_items(read: list[tuple[Rendered, dict[str, Any]]]) -> None:
    """No layout is left behind by an average carried by the others."""
    by_template: dict[str, list] = {}
    for doc, pred in read:
        by_template.setdefault(doc.template, []).append(score_document(doc.gold, pred))
    for template, scores in by_template.items():
        total = aggregate(scores)
        for name in ("items", "action_rows"):
            if name in total and total[name].n:
                assert total[name].value >= 0.9, (template, name, str(total[name]))


def test_no_word_is_left_out(read: list[tuple[Rendered, dict[str, Any]]]) -> None:
    """Every word of the text layer lands in the meeting's fields, an item, or the furniture:
    nothing is silently dropped between the page and the index."""
    lost = {doc.name: pred["unplaced"] for doc, pred in read if pred["unplaced"]}
    assert not lost
