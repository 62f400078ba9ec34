"""Word-made minutes drawn at random, rendered by LibreOffice, with gold by construction.

``draw(seed)`` picks a template and a value on every axis and writes the content
(:mod:`samples.docgen.draw`); ``write_docx`` lays it out with python-docx; LibreOffice renders it
(:mod:`samples.docgen.libreoffice`); ``gold(spec)`` is what a reader should extract
(:mod:`samples.docgen.gold` documents the conventions). ``render_draws`` does all of it for a
list of seeds, cached in a folder. ``python -m samples.docgen OUTDIR --seeds 1-20 [--scans]``.
"""

from __future__ import annotations

from samples.docgen.docx_writer import write_docx
from samples.docgen.draw import TEMPLATES, draw
from samples.docgen.gold import gold
from samples.docgen.render import Rendered, page_count, render_draws
from samples.docgen.spec import GENERATOR_VERSION, REDACTION_CODE, DocSpec

__all__ = [
    "GENERATOR_VERSION", "REDACTION_CODE", "TEMPLATES", "DocSpec", "Rendered", "draw", "gold",
    "page_count", "render_draws", "write_docx",
]
