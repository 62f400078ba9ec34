"""``python -m samples.docgen OUTDIR --seeds 1-20 [--scans]``: drawn minutes as PDFs with gold.

Writes ``OUTDIR/<name>.pdf`` and ``OUTDIR/<name>.gold.json`` per seed (the Word files in
``OUTDIR/docx/``); with ``--scans`` also ``<name>.scan.pdf`` (300 dpi), ``<name>.photocopy.pdf``
(harsh, 150 dpi) and ``<name>.g4.tiff`` (bilevel CCITT G4) into ``OUTDIR/scans/``, which share
the gold of their text PDF.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from samples import scans
from samples.docgen.libreoffice import LibreOfficeError
from samples.docgen.render import parse_seeds, render_draws


def main(argv: list[str] | None = None) -> int:
    """Render the seeds given on the command line."""
    parser = argparse.ArgumentParser(prog="python -m samples.docgen", description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seeds", default="1-20", help="'A-B' or a comma list (default 1-20)")
    parser.add_argument("--scans", action="store_true", help="also scans and photocopies")
    parser.add_argument("--workers", type=int, default=2, help="parallel soffice runs")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    start = time.perf_counter()
    try:
        docs = render_draws(parse_seeds(args.seeds), args.outdir, workers=args.workers)
    except LibreOfficeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for doc in docs:
        print(f"wrote {doc.pdf} ({doc.gold['pages']} pages, {len(doc.gold['items'])} items)")
        if args.scans:
            out = args.outdir / "scans"
            seed = doc.seed % 1000
            scans.scanned_pdf(doc.pdf, out / f"{doc.name}.scan.pdf", seed=seed)
            scans.harsh_photocopy_pdf(doc.pdf, out / f"{doc.name}.photocopy.pdf", seed=seed)
            scans.g4_tiff(doc.pdf, out / f"{doc.name}.g4.tiff", seed=seed)
    print(f"{len(docs)} documents in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
