"""The archive in a browser: server-rendered pages and a JSON API over one :class:`Archive`.

    from archive.web import create_app
    app = create_app(Path("sample-archive/index"))

Everything shown comes from :class:`archive.index.Archive` (search, facets, meeting records,
statistics) and :mod:`archive.export` (the action lists and their downloads); this package only
presents them. It never writes to the index: rendered page images are cached in a temporary
folder of its own. There is no login: bound to localhost by default, and behind a reverse proxy
with authentication when it is served to anyone else.
"""

from archive.web.app import create_app

__all__ = ["create_app"]
