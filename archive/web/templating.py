"""The Jinja2 environment of the pages: autoescaping always on, the view helpers as globals.

Every value from a PDF reaches the page through `{{ … }}`, which escapes it; the only markup
made in Python is :func:`archive.web.views.marked`, which escapes the text around its marks.
JSON for scripts goes through `tojson`, which escapes `<`, `>`, `&` and `'`, inside a
`<script type="application/json">` that the page's script reads and never evaluates.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.templating import Jinja2Templates

from archive.web import views

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


def environment() -> Environment:
    """The pages' Jinja2 environment."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["marked"] = views.marked
    env.globals.update(
        item_url=views.item_url,
        hit_url=views.hit_url,
        mentions=views.mentions,
        facet_label=views.facet_label,
        entry_pages=views.entry_pages,
    )
    return env


def templates() -> Jinja2Templates:
    """Starlette's template responses over :func:`environment`."""
    return Jinja2Templates(env=environment())


__all__ = ["STATIC", "TEMPLATES", "environment", "templates"]
