"""The one wrapper around LibreOffice: ``soffice --headless --convert-to pdf``.

It owns the command line, a private user profile per call (``-env:UserInstallation``), so that
parallel conversions never share LibreOffice's lock file, batching of many documents into one
start of soffice, a timeout, and the error when soffice is missing.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

DEBIAN_PACKAGES = (
    "libreoffice-writer-nogui", "fonts-crosextra-carlito", "fonts-liberation",
    "fonts-dejavu-core",
)


class LibreOfficeError(RuntimeError):
    """soffice is missing, failed, timed out or did not write every PDF."""


class LibreOfficeMissingError(LibreOfficeError):
    """No soffice on PATH."""


def soffice_path() -> str:
    """The soffice executable; raises :class:`LibreOfficeMissingError` with the install hint."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeMissingError(
        "LibreOffice (soffice) is not installed; install it with "
        f"`apt-get install {' '.join(DEBIAN_PACKAGES)}`"
    )


def version() -> str:
    """``soffice --version``, e.g. "LibreOffice 7.4.7.2 40(Build:2)"."""
    out = subprocess.run([soffice_path(), "--version"], capture_output=True, text=True,
                         timeout=60, check=False)
    return out.stdout.strip()


def convert_to_pdf(documents: Sequence[Path], outdir: Path, *, timeout: float = 600.0,
                   profile: Path | None = None) -> list[Path]:
    """Convert ``documents`` to PDFs in ``outdir`` with one soffice run; returns the PDFs in the
    order given. ``profile`` is the user profile folder (a fresh temporary one by default)."""
    if not documents:
        return []
    exe = soffice_path()
    outdir.mkdir(parents=True, exist_ok=True)
    pdfs = [outdir / (Path(d).stem + ".pdf") for d in documents]
    for pdf in pdfs:  # a PDF left from an earlier run would hide a failed conversion
        pdf.unlink(missing_ok=True)
    done = _run(exe, documents, outdir, timeout, profile)
    if done.returncode < 0 or done.returncode >= 128:
        # soffice now and then aborts on its first start in a fresh profile (exit 134, a
        # SIGABRT in its start-up); what it did not convert converts on a second try.
        todo = [d for d, pdf in zip(documents, pdfs, strict=True) if not pdf.is_file()]
        if todo:
            done = _run(exe, todo, outdir, timeout, profile)
    missing = [p.name for p in pdfs if not p.is_file()]
    if done.returncode != 0 or missing:
        detail = (done.stderr or done.stdout).strip()[-800:]
        raise LibreOfficeError(
            f"soffice exited {done.returncode}; missing {len(missing)} PDF(s) "
            f"({', '.join(missing[:5])}): {detail}"
        )
    return pdfs


def _run(
    exe: str, documents: Sequence[Path], outdir: Path, timeout: float, profile: Path | None
) -> subprocess.CompletedProcess[str]:
    """One soffice run converting `documents`, in `profile` or a fresh temporary one."""
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as tmp:
        home = Path(profile) if profile else Path(tmp)
        cmd = [
            exe, f"-env:UserInstallation={home.resolve().as_uri()}", "--headless",
            "--norestore", "--nologo", "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(outdir), *(str(Path(d).resolve()) for d in documents),
        ]
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            raise LibreOfficeError(
                f"soffice did not finish {len(documents)} conversions in {timeout:.0f} s"
            ) from exc
