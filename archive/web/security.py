"""Limits and headers around every request: sizes bounded, known host names only, a strict
Content-Security-Policy.

A plain ASGI middleware, so it runs before routing and for every response, errors included
(an error no handler took becomes a 500 here, logged, with the same headers).
Text from the minutes is escaped by the templates; the policy is the second wall: no inline
script or style, nothing from another origin, no frames, no form posting elsewhere.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_TARGET = 4096  # bytes of path and query string
MAX_BODY = 16 * 1024  # bytes of a request body (the server takes none)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
# Swagger UI sets style attributes and draws with data: images; it shows only the API schema.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
    "img-src 'self'", "img-src 'self' data:"
)
DOCS_PREFIX = "/api/docs"

HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]


class Guard:
    """Refuses over-long addresses (414), bodies (413) and unknown host names (400); adds the
    security headers to every response.

    `allowed_hosts`: the names the `Host` header may carry (any port); None allows any.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_target: int = MAX_TARGET,
        max_body: int = MAX_BODY,
        allowed_hosts: Iterable[str] | None = None,
        log: logging.Logger | None = None,
    ) -> None:
        self.app = app
        self.max_target = max_target
        self.max_body = max_body
        self.allowed_hosts = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.log = log or logging.getLogger(__name__)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        policy = DOCS_CSP if path.startswith(DOCS_PREFIX) else CSP

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"content-security-policy"
                ]
                # A response that set its own (stricter) policy keeps it.
                own = [
                    v
                    for k, v in message.get("headers", [])
                    if k.lower() == b"content-security-policy"
                ]
                headers.append((b"content-security-policy", own[0] if own else policy.encode()))
                headers += HEADERS
                message["headers"] = headers
            await send(message)

        if self.allowed_hosts is not None and _host(scope) not in self.allowed_hosts:
            await _refuse(send_with_headers, path, 400, "unknown host name")
            return
        target = len(scope.get("raw_path") or path.encode()) + len(scope.get("query_string", b""))
        if target > self.max_target:
            await _refuse(send_with_headers, path, 414, "address too long")
            return
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _refuse(send_with_headers, path, 413, "request body too large")
            return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await _refuse(send_with_headers, path, 413, "request body too large")
        except Exception:
            self.log.exception("error in %s", path)
            if not started:
                await _refuse(send_with_headers, path, 500, "internal error")


class _BodyTooLarge(Exception):
    pass


def _host(scope: Scope) -> str:
    """The host name a request addressed, without its port, lowercased."""
    for key, value in scope.get("headers", []):
        if key == b"host":
            host = value.decode("latin-1").strip().lower()
            if host.startswith("["):  # [::1]:8000
                return host[1:].partition("]")[0]
            return host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return ""


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, path: str, status: int, message: str) -> None:
    """A short error, JSON for the API and plain text for pages."""
    if path.startswith("/api"):
        body = json.dumps(
            {
                "error": "usage" if status < 500 else "error",
                "message": message,
                "status": status,
                "exit_code": 2 if status < 500 else 5,
            }
        ).encode()
        kind = b"application/json"
    else:
        body = f"{status}: {message}\n".encode()
        kind = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


__all__ = ["CSP", "DOCS_CSP", "MAX_BODY", "MAX_TARGET", "Guard"]
