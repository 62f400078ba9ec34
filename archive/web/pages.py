"""The HTML pages: search, meetings, one meeting, one item with its page images, actions.

Each route asks :class:`~archive.web.service.WebArchive` for records and hands them to a
template; nothing here searches, counts or exports by itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from archive.index import QuerySyntaxError
from archive.index.backend import FACETS
from archive.web import views
from archive.web.api import Web
from archive.web.downloads import DOWNLOADS, download
from archive.web.i18n import LANGUAGES, Messages, pick_language
from archive.web.pageimage import PageCache
from archive.web.params import ActionParams, SearchParams
from archive.web.service import WebArchive, check_sha, item_key, items_of
from pipeline.errors import ArchiveError
from pipeline.records import ENTRY_STATUSES

router = APIRouter(include_in_schema=False)

Sha = Annotated[str, Path(max_length=64)]
LANG_COOKIE = "lang"
_YEAR = 365 * 24 * 3600


def messages(request: Request) -> Messages:
    """The phrases of the page's language (`?lang=`, then the cookie, else Dutch)."""
    return Messages(
        pick_language(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))
    )


T = Annotated[Messages, Depends(messages)]


def switch_url(request: Request, lang: str) -> str:
    """This page in the other language."""
    pairs = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return f"{request.url.path}?{urlencode([*pairs, ('lang', lang)])}"


def render(
    request: Request, t: Messages, name: str, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page from template `name`; a `?lang=` choice is remembered in a cookie."""
    templates = request.app.state.templates
    context.update(
        t=t,
        lang=t.lang,
        switch=switch_url(request, t.other),
        path=request.url.path,
        facet_names=list(FACETS),
    )
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(LANG_COOKIE, t.lang, max_age=_YEAR, httponly=True, samesite="lax")
    return response


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon: an empty answer rather than a 404 in every browser's console."""
    return Response(status_code=204)


# --- search -------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request, web: Web, t: T, params: Annotated[SearchParams, Query()]
) -> HTMLResponse:
    """The search page: query, facets with counts, date range, sort, grouped hits, paging."""
    run = params
    if not params.q.strip() and "sort" not in request.query_params:
        run = params.model_copy(update={"sort": "date"})  # everything: newest first
    try:
        result = web.search(run)
        counts = web.facets(params)
    except QuerySyntaxError as exc:
        return render(
            request,
            t,
            "search.html",
            status=400,
            params=params,
            result=None,
            groups=[],
            counts={},
            labels={},
            error=exc,
        )
    records = [hit.record for hit in result.hits]
    return render(
        request,
        t,
        "search.html",
        params=params,
        result=result,
        groups=views.group_hits(result),
        counts=counts,
        labels=views.facet_labels(records),
        error=None,
    )


# --- meetings -------------------------------------------------------------------------------


@router.get("/meetings", response_class=HTMLResponse)
def meetings_page(request: Request, web: Web, t: T) -> HTMLResponse:
    """Every meeting in the archive, newest first."""
    return render(request, t, "meetings.html", meetings=web.meetings())


@router.get("/meeting/{sha256}", response_class=HTMLResponse)
def meeting_page(request: Request, web: Web, t: T, sha256: Sha) -> HTMLResponse:
    """One meeting: its facts, OCR and review pages, every item with its entries."""
    meeting = web.meeting(sha256)
    return render(
        request,
        t,
        "meeting.html",
        meeting=meeting,
        review=views.review_pages(meeting),
        item_key=item_key,
        has_original=PurePath(meeting.source).name != "",
        series=web.series_of(meeting.sha256),
    )


@router.get("/meeting/{sha256}/item/{nr:path}", response_class=HTMLResponse)
def item_page(
    request: Request,
    web: Web,
    t: T,
    sha256: Sha,
    nr: Annotated[str, Path(max_length=40)],
    entry: Annotated[int | None, Query(ge=0, le=10_000)] = None,
    q: Annotated[str, Query(max_length=500)] = "",
) -> HTMLResponse:
    """One item: its entries (kind, owner, due date, status), toelichting, and the pages it
    stands on with the chosen entry (or, with none chosen, the whole item) marked."""
    meeting, items = web.items(sha256, nr)
    key = item_key(items[0])
    entries = [e for item in items for e in item.entries]
    chosen = entry if entry is not None and entry < len(entries) else None
    pages = views.item_pages(items)
    if chosen is not None:
        first = views.entry_pages(entries[chosen])[0]
        pages = sorted(set(pages), key=lambda p: (p != first, p))
    sizes = _page_sizes(request, web, meeting.sha256, pages)
    # Read by the page's script to re-mark the images and scroll to the marked lines without
    # reloading; parsed as JSON, never evaluated.
    data = {
        "image": f"/meeting/{meeting.sha256}/page/",
        "item": key,
        "pages": pages,
        "sizes": {str(p): size for p, size in sizes.items()},
        "entries": [views.entry_pages(e) for e in entries],
        "boxes": [[[int(b[0]), round(b[2], 1), round(b[4], 1)] for b in e.boxes] for e in entries],
        "chosen": chosen,
    }
    return render(
        request,
        t,
        "item.html",
        meeting=meeting,
        items=items,
        key=key,
        entries=entries,
        chosen=chosen,
        pages=pages,
        review=views.review_pages(meeting),
        query=q,
        data=data,
        sizes=sizes,
    )


def _page_sizes(
    request: Request, web: WebArchive, sha256: str, pages: list[int]
) -> dict[int, tuple[float, float]]:
    """The sizes in points of the pages shown, where the original can tell them."""
    try:
        _, source = web.source_file(sha256)
    except ArchiveError:
        return {}
    cache: PageCache = request.app.state.pages
    sizes = {p: cache.size(sha256, source, p) for p in pages}
    return {p: size for p, size in sizes.items() if size}


@router.get("/meeting/{sha256}/page/{page}.png")
def page_image(
    request: Request,
    web: Web,
    sha256: Sha,
    page: Annotated[int, Path(ge=1, le=100_000)],
    item: Annotated[str | None, Query(max_length=40)] = None,
    entry: Annotated[int | None, Query(ge=0, le=10_000)] = None,
) -> Response:
    """Page `page` of the original, the entries of `item` outlined and entry `entry` (else
    all of them) filled. The boxes come from the meeting's record."""
    meeting, source = web.source_file(check_sha(sha256))
    selected: list[tuple[float, float, float, float]] = []
    others: list[tuple[float, float, float, float]] = []
    if item:
        entries = [e for it in items_of(meeting, item) for e in it.entries]
        for n, found in enumerate(entries):
            boxes = [tuple(b[1:5]) for b in found.boxes if int(b[0]) == page]
            (selected if entry is None or n == entry else others).extend(boxes)
    cache: PageCache = request.app.state.pages
    png = cache.marked(meeting.sha256, source, page, selected, others).read_bytes()
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})


_INLINE = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}


@router.get("/meeting/{sha256}/original")
def original(web: Web, sha256: Sha) -> FileResponse:
    """The original file, found by the record of `sha256` and checked against that hash."""
    meeting, path = web.source_file(sha256)
    kind = _INLINE.get(path.suffix.lower(), "application/octet-stream")
    return FileResponse(
        path,
        media_type=kind,
        filename=path.name,
        content_disposition_type="inline" if kind != "application/octet-stream" else "attachment",
    )


# --- actions --------------------------------------------------------------------------------


@router.get("/actions", response_class=HTMLResponse)
def actions_page(
    request: Request, web: Web, t: T, params: Annotated[ActionParams, Query()]
) -> HTMLResponse:
    """All actions, filtered by owner or role, body, due date and status; overdue marked."""
    bodies = web.facets(SearchParams(kind="actie"), top=50).get("body", {})
    common = dict(params=params, statuses=ENTRY_STATUSES, bodies=bodies, downloads=DOWNLOADS)
    try:
        listing = web.actions(params)
    except QuerySyntaxError as exc:
        return render(
            request, t, "actions.html", status=400, listing=None, labels={}, error=exc, **common
        )
    return render(
        request, t, "actions.html", listing=listing, labels=listing.labels, error=None, **common
    )


@router.get("/actions/download")
def actions_download(
    web: Web,
    params: Annotated[ActionParams, Query()],
    format: Annotated[Literal["csv", "excel", "xlsx"], Query()] = "csv",
) -> Response:
    """The actions the filters select as CSV, Excel-safe CSV or .xlsx (every page of them)."""
    records = web.action_records(params)
    data, media, suffix = download(records, format)
    name = f"acties-{date.today().isoformat()}{suffix}"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


__all__ = ["messages", "render", "router"]
