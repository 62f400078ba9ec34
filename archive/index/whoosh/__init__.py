"""The Whoosh search backend (:class:`WhooshBackend`); nothing of Whoosh leaves this folder."""

from archive.index.whoosh.backend import WhooshBackend

BACKEND = WhooshBackend

__all__ = ["BACKEND", "WhooshBackend"]
