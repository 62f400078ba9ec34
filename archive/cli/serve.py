"""`archive serve`: the archive in a browser, and its JSON API, on a local web server."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from archive.cli.app import IndexOption, app, epilog
from archive.cli.common import err, fail
from archive.cli.sanitize import shown_path

if TYPE_CHECKING:
    import socket

SERVE_HELP = """\
[bold]There is no login.[/bold] Anyone who can reach the server reads the whole archive, so
it listens on this computer only (127.0.0.1) by default. To serve it to others, put it behind a
reverse proxy that authenticates users (and use --host only for the proxy's network).

[bold]Examples[/bold]

  archive serve --index sample-archive/index     (then open http://127.0.0.1:8000/)

  archive serve --port 8080

  curl 'http://127.0.0.1:8000/api/search?q=Ter%20Apel'     (the API: /api/docs)
"""


@app.command(epilog=epilog(SERVE_HELP))
def serve(
    index: IndexOption = None,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on. There is no login: see below."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the archive in a browser: search with facets, meetings with their page images,
    actions with downloads, and a JSON API at /api/ (read-only; safe while an ingest runs).

    NO LOGIN: listens on localhost by default; behind a reverse proxy with authentication
    when it leaves this computer.
    """
    # Imported here: `archive --help` must not load the web stack.
    import uvicorn

    from archive.config import resolve_index_dir
    from archive.web import create_app
    from archive.web.app import LOOPBACK_HOSTS
    from pipeline.errors import ArchiveError

    directory = resolve_index_dir(index)
    loopback = host in LOOPBACK_HOSTS or host.startswith("127.")
    try:
        web = create_app(directory, allowed_hosts=(*LOOPBACK_HOSTS, host) if loopback else None)
    except ArchiveError as exc:
        raise fail(exc.message, exc.hint or None, exc.exit_code) from exc
    shown = f"[{host}]" if ":" in host else host
    err().print(
        f"Serving {shown_path(directory)} at http://{shown}:{port}/  (Ctrl-C stops)", markup=False
    )
    if not loopback:
        err().print(
            "[bold yellow]Warning:[/] there is no login; anyone who reaches "
            f"{host}:{port} reads the archive. Put it behind a proxy with authentication."
        )
    # The socket is bound here, so a taken port is a plain usage error (exit 2).
    try:
        sock = _listen(host, port)
    except OSError as exc:
        raise fail(
            f"Cannot listen on {host}:{port}: {exc.strerror or exc}.", "another --port"
        ) from exc
    config = uvicorn.Config(
        web,
        log_level="warning",
        access_log=False,
        limit_concurrency=64,  # more at once are turned away (503) rather than queued
        h11_max_incomplete_event_size=16 * 1024,  # request line and headers
        server_header=False,
    )
    uvicorn.Server(config).run(sockets=[sock])


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on `host`:`port` (IPv6 when the address is one)."""
    import socket  # here, not for `archive --help`

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it a keep-alive client waits ~40 ms for the second packet of every response.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


__all__ = ["serve"]
