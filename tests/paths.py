"""Where the tests find the repository and the shared material beside it (read only when
present: tests that need it skip without it)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARCHIVE_SHARED", ROOT.parent / "shared"))
REAL_CORPUS = Path(os.environ.get("ARCHIVE_CORPUS", SHARED / "corpus" / "real"))
REAL_MINUTES = SHARED / "corpus" / "minutes"
SEED_PAGE = SHARED / "seed" / "minutes-page.txt"
REFERENCE = Path(os.environ.get("MINUTES_REFERENCE_DIR", SHARED / "reference"))
