"""The application factory: the archive, the pages, the API, the limits around them.

    app = create_app(Path("sample-archive/index"))
    uvicorn.run(app, host="127.0.0.1", port=8000)

The archive is opened here, before the first request, so a missing or unusable index stops
`archive serve` at once with the command line's message and exit code.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from archive.web import api, pages
from archive.web.errors import archive_error_body, error_body, validation_message
from archive.web.i18n import Messages, pick_language
from archive.web.pageimage import PageCache
from archive.web.security import Guard
from archive.web.service import WebArchive
from archive.web.templating import STATIC, templates
from pipeline.errors import ArchiveError

log = logging.getLogger("archive.web")

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
DESCRIPTION = """\
The records of `archive --json` over HTTP: search hits, facet counts, meetings, items,
actions and statistics. Errors are JSON bodies with the status of the command line's exit
code: 400 for wrong usage (exit 2), 404 for what is not in the archive (3), 503 for an archive
that cannot be used (4). **No login**: keep the server on localhost, or behind a reverse proxy
with authentication."""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error_page(request: Request, status: int, message: str, hint: str | None = None) -> Response:
    t = Messages(pick_language(request.query_params.get("lang"), request.cookies.get("lang")))
    return pages.render(
        request, t, "error.html", status=status, status_code=status, message=message, hint=hint
    )


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ArchiveError)
    async def archive_error(request: Request, exc: ArchiveError) -> Response:
        status, body = archive_error_body(exc)
        if _wants_json(request):
            return JSONResponse(body, status_code=status)
        return _error_page(request, status, exc.message, body["suggestion"] or body["hint"])

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        message = validation_message(list(exc.errors()))
        if _wants_json(request):
            return JSONResponse(error_body(400, message, reason="usage"), status_code=400)
        return _error_page(request, 400, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = str(exc.detail)
        if _wants_json(request):
            reason = "not-found" if status == 404 else "usage" if status < 500 else "error"
            return JSONResponse(
                error_body(status, message, reason=reason), status_code=status, headers=exc.headers
            )
        return _error_page(request, status, message)


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /api/docs, served from the `swagger-ui-bundle` package (no CDN)."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # the OpenAPI document is still at /api/openapi.json
        return
    app.mount("/api/docs/static", StaticFiles(directory=swagger_ui_path), name="swagger")

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        return request.app.state.templates.TemplateResponse(
            request, "api_docs.html", {"title": app.title, "schema": app.openapi_url}
        )


def create_app(
    directory: Path,
    *,
    backend: str | None = None,
    page_cache: Path | None = None,
    allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS,
) -> FastAPI:
    """The web application over the archive at `directory`.

    `page_cache` is where rendered page images go (a temporary folder when None: the index
    is only read). `allowed_hosts` are the host names requests may address (the `Host`
    header), which keeps a web page elsewhere from reaching a server on localhost through a
    name it controls (DNS rebinding); None allows any, for a server behind a proxy.
    Raises :class:`~pipeline.errors.ArchiveError` when there is no usable archive.
    """
    web = WebArchive(Path(directory), backend=backend)
    cache = PageCache(page_cache)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        web.close()
        cache.close()

    app = FastAPI(
        title="Minutes archive",
        description=DESCRIPTION,
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.web = web
    app.state.pages = cache
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_docs(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    _install_error_handlers(app)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, log=log)
    return app


__all__ = ["LOOPBACK_HOSTS", "create_app"]
