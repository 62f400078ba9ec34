"""Render draws to PDF with their gold beside them, cached in a folder.

``render_draws(seeds, outdir)`` is what tests, the benchmark and ``python -m samples.docgen``
call: it draws each seed, reuses ``<name>.pdf`` and ``<name>.gold.json`` when their gold was
made from the same spec, writes the missing ones as Word files and converts them with as few
soffice runs as there are workers.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from samples.docgen.docx_writer import write_docx
from samples.docgen.draw import draw
from samples.docgen.gold import gold, spec_hash
from samples.docgen.libreoffice import convert_to_pdf
from samples.docgen.spec import DocSpec


@dataclass
class Rendered:
    """One rendered draw: its files and gold."""

    seed: int
    name: str
    template: str
    pdf: Path
    gold_path: Path
    gold: dict[str, Any]
    variants: dict[str, Path] = field(default_factory=dict)  # scan, photocopy, g4 …


def parse_seeds(text: str) -> list[int]:
    """Seeds from the command line: "5", "1-20" or "1,4,9-12"."""
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        elif part.strip():
            out.append(int(part))
    return out


def page_count(pdf: Path) -> int:
    """Pages of a PDF."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _cached(spec: DocSpec, outdir: Path) -> dict[str, Any] | None:
    gold_path = outdir / f"{spec.name}.gold.json"
    pdf = outdir / f"{spec.name}.pdf"
    if not (gold_path.is_file() and pdf.is_file()):
        return None
    try:
        data = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if data.get("spec_hash") == spec_hash(spec) else None


def _chunks(items: list[Path], n: int) -> list[list[Path]]:
    n = max(1, min(n, len(items)))
    return [items[i::n] for i in range(n)]


def render_draws(seeds: list[int], outdir: Path, *, workers: int = 2,
                 timeout: float = 900.0) -> list[Rendered]:
    """Draw, write and render every seed into ``outdir`` (cached); returns them in order."""
    return render_specs([draw(s) for s in seeds], outdir, workers=workers, timeout=timeout)


def render_specs(specs: list[DocSpec], outdir: Path, *, workers: int = 2,
                 timeout: float = 900.0) -> list[Rendered]:
    """Write and render drawn documents into ``outdir``, each with its gold beside it; a
    document whose PDF and gold are there for the same spec is not rendered again."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    todo = [s for s in specs if _cached(s, outdir) is None]
    docx_dir = outdir / "docx"
    paths = [write_docx(s, docx_dir / f"{s.name}.docx") for s in todo]
    if paths:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(lambda chunk: convert_to_pdf(chunk, outdir, timeout=timeout),
                          _chunks(paths, workers)))
    out = []
    for spec in specs:
        pdf = outdir / f"{spec.name}.pdf"
        gold_path = outdir / f"{spec.name}.gold.json"
        data = _cached(spec, outdir)
        if data is None:
            data = gold(spec)
            data["pages"] = page_count(pdf)
            gold_path.write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                 encoding="utf-8")
        out.append(Rendered(spec.seed, spec.name, spec.template, pdf, gold_path, data))
    return out


# Axis values a small test set should show besides every template.
_WANTED = (
    ("redaction", "names"), ("redaction", "owners"), ("action_list", "after"),
    ("orientation", "landscape"), ("date_form", "no_year"), ("repeat_header", "yes"),
    ("length", "4-6"), ("footer", "pagina_x_van_y"), ("rules", "unruled"),
    ("entry_list", "marker_list"), ("entry_list", "numbered_decisions"),
)


def covering_seeds(count: int = 14, *, max_pages: int = 4, start: int = 1) -> list[int]:
    """A small, fixed set of seeds: the first draw of every template and draws that add the
    axis values in ``_WANTED`` or several unseen values, all short (at most ``max_pages``
    targeted pages). Chosen by rule, so the set follows the generator when it changes."""
    from samples.docgen.draw import TEMPLATES

    chosen: list[int] = []
    seen: set[tuple[str, str]] = set()
    templates: set[str] = set()
    seed = start
    while (len(templates) < len(TEMPLATES) or len(chosen) < count) and seed < start + 5000:
        spec = draw(seed)
        values = set(spec.axes.items())
        fresh = values - seen
        new = spec.template not in templates or bool(set(_WANTED) & fresh) or len(fresh) >= 3
        if spec.target_pages <= max_pages and new:
            chosen.append(seed)
            templates.add(spec.template)
            seen |= values
        seed += 1
    return chosen[:max(count, len(TEMPLATES))]
