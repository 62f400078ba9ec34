"""Where the archive lives on disk."""

from __future__ import annotations

import os
from pathlib import Path

ENV_INDEX = "ARCHIVE_INDEX"


def default_index_dir() -> Path:
    """`$ARCHIVE_INDEX`, else `$XDG_DATA_HOME/minutes-archive/index` (~/.local/share/…)."""
    if os.environ.get(ENV_INDEX):
        return Path(os.environ[ENV_INDEX]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "minutes-archive" / "index"


def resolve_index_dir(option: Path | None) -> Path:
    """The index directory: `--index`, else the environment, else the default."""
    return option.expanduser() if option else default_index_dir()
