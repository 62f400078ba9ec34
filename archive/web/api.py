"""The JSON API under `/api/`: the records `--json` prints, for scripts and other tools.

Search hits are the records of `archive search --json`, a meeting is the record of
`archive show --json`, an item the `{"meeting", "item"}` of `show --item`, actions the records
of `archive export actions --format json` (with `overdue` added), and statistics those of
`archive stats --json`. Errors are JSON too, with the status of the command line's exit code
(see :mod:`archive.web.errors`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from archive.web.params import ActionParams, SearchParams
from archive.web.service import WebArchive

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Wrong usage: a bad query, date or parameter (exit code 2)"},
    404: {"description": "Not in the archive (exit code 3)"},
    503: {"description": "The archive cannot be used (exit code 4)"},
}

router = APIRouter(prefix="/api", responses=ERRORS)

Sha = Annotated[str, Path(description="the sha256 of the source file", max_length=64)]


def web_archive(request: Request) -> WebArchive:
    """The archive the application serves."""
    return request.app.state.web


Web = Annotated[WebArchive, Depends(web_archive)]


@router.get("/search", summary="Search, as `archive search --json`")
def search(web: Web, params: Annotated[SearchParams, Query()]) -> dict[str, Any]:
    """One page of hits for a query in the language of `archive search`, with the same filter
    options, facet values picked from `/api/facets` (`f=name:value`), fuzzy retry and "did
    you mean". `hits` are the entry records of `archive search --json`."""
    result = web.search(params)
    return {
        "query": result.query,
        "total": result.total,
        "exact_total": result.exact_total,
        "page": result.page,
        "pages": result.pages,
        "limit": result.limit,
        "sort": result.sort,
        "fuzzy": result.fuzzy,
        "suggestion": result.suggestion,
        "hits": result.records(),
    }


@router.get("/facets", summary="Facet counts")
def facets(
    web: Web,
    params: Annotated[SearchParams, Query()],
    top: Annotated[int, Query(ge=1, le=100, description="values per facet")] = 20,
) -> dict[str, Any]:
    """Counts per kind, body, year, owner role, municipality, organisation, action status,
    OCR and review among everything the query and filters find (not one page of it)."""
    return {"query": params.query, "facets": web.facets(params, top=top)}


@router.get("/meetings", summary="The meetings in the archive")
def meetings(
    web: Web,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """Every meeting, newest first: title, date, body, source, counts, OCR and review pages."""
    found = web.meetings()
    start = (page - 1) * limit
    return {
        "total": len(found),
        "page": page,
        "pages": max(1, -(-len(found) // limit)),
        "meetings": [asdict(m) for m in found[start : start + limit]],
    }


@router.get("/meetings/{sha256}", summary="One meeting, as `archive show --json`")
def meeting(web: Web, sha256: Sha) -> dict[str, Any]:
    """The stored record of one meeting: facts, items with their entries (word boxes
    included), pages with OCR and review flags."""
    return web.meeting(sha256).to_dict()


@router.get("/meetings/{sha256}/items/{nr:path}", summary="One item, as `archive show --item`")
def item(
    web: Web, sha256: Sha, nr: Annotated[str, Path(max_length=40, description="item number")]
) -> dict[str, Any]:
    """The meeting's facts and the item of number `nr` (`_` for an item without one)."""
    found, matching = web.items(sha256, nr)
    data = found.to_dict()
    position = next(n for n, it in enumerate(found.items) if it is matching[0])
    return {
        "meeting": {k: v for k, v in data.items() if k != "items"},
        "item": data["items"][position],
    }


@router.get("/actions", summary="Actions, as `archive export actions --format json`")
def actions(web: Web, params: Annotated[ActionParams, Query()]) -> dict[str, Any]:
    """One page of actions, each the export's record (due date filled in) plus `overdue`:
    due before today and neither done nor dropped."""
    listing = web.actions(params)
    return {
        "total": listing.total,
        "page": listing.page,
        "pages": listing.pages,
        "limit": listing.limit,
        "today": listing.today,
        "actions": listing.records,
    }


@router.get("/stats", summary="The archive in numbers, as `archive stats --json`")
def stats(web: Web) -> dict[str, Any]:
    """Meetings, items, entries by kind, pages, OCR pages, pages needing review, sizes."""
    return web.stats_record()


__all__ = ["router", "web_archive"]
