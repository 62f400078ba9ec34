"""Sample minutes for tests and demos: specs, a PDF renderer, and hand-checked gold structure.

``python -m samples OUTDIR`` writes every sample as ``OUTDIR/<slug>.pdf``; the expected
structure of each is ``samples/gold/<slug>.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from samples.meetings import MEETINGS
from samples.render import (
    ItemRow,
    MinutesSpec,
    PageGeometry,
    Row,
    ThemeRow,
    TitleRow,
    page_geometry,
    render_minutes,
)

GOLD_DIR = Path(__file__).parent / "gold"

__all__ = [
    "GOLD_DIR",
    "MEETINGS",
    "ItemRow",
    "MinutesSpec",
    "PageGeometry",
    "Row",
    "ThemeRow",
    "TitleRow",
    "load_gold",
    "page_geometry",
    "render_minutes",
    "write_samples",
]


def load_gold(slug: str) -> dict[str, Any]:
    """The hand-written expected structure of sample `slug`."""
    return json.loads((GOLD_DIR / f"{slug}.json").read_text(encoding="utf-8"))


def write_samples(outdir: Path) -> list[Path]:
    """Render every sample meeting into `outdir` as ``<slug>.pdf``; returns the paths."""
    outdir = Path(outdir)
    return [render_minutes(spec, outdir / f"{slug}.pdf") for slug, spec in MEETINGS.items()]
