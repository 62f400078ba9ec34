"""``python -m samples OUTDIR``: write every sample meeting as a PDF into OUTDIR."""

from __future__ import annotations

import sys
from pathlib import Path

from samples import write_samples


def main(argv: list[str] | None = None) -> int:
    """Render the samples into the directory given on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in {"-h", "--help"}:
        print("usage: python -m samples OUTDIR", file=sys.stderr)
        return 2
    for path in write_samples(Path(args[0])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
