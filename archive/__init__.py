"""minutes-archive: index and search Dutch meeting minutes."""

__version__ = "0.1.0"
