"""qpdf (through pikepdf) behind one module: a repaired copy of a PDF the readers refuse.

A PDF cut short by a failed download, or with a broken cross-reference table, often still holds
every page: qpdf rebuilds the table from the objects it finds. The copy is written into a
private temporary folder and deleted afterwards; the original is never touched. The copy is
saved decrypted, so it opens without the password that opened the original.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import EncryptedPDFError

REPAIRED_NOTE = "repaired by qpdf"  # on each page of a document read from a repaired copy


@contextmanager
def repaired_copy(path: Path, passwords: Sequence[str] = ()) -> Iterator[Path | None]:
    """A copy of `path` that qpdf has repaired, alive while inside; None when qpdf cannot
    recover a single page from it either.

    Raises :class:`EncryptedPDFError` when the damaged file is encrypted and none of
    `passwords` opens it.
    """
    with tempfile.TemporaryDirectory(prefix="archive-repair-") as folder:
        copy = Path(folder) / "repaired.pdf"
        if not _repair(path, copy, passwords):
            yield None
            return
        yield copy


def _repair(path: Path, copy: Path, passwords: Sequence[str]) -> bool:
    """Write qpdf's reading of `path` to `copy`; False when it finds no page."""
    import pikepdf  # here: REPAIRED_NOTE is read where no PDF is (the ingest's outcomes)

    attempts: list[str] = ["", *passwords]
    for n, password in enumerate(attempts):
        try:
            with pikepdf.open(path, password=password, attempt_recovery=True) as pdf:
                if len(pdf.pages) == 0:
                    return False
                # Decrypted, and the objects rewritten in order: the readers need no recovery.
                pdf.save(copy, encryption=False, fix_metadata_version=False)
                return True
        except pikepdf.PasswordError as exc:
            if n == len(attempts) - 1:
                raise EncryptedPDFError(
                    "damaged and encrypted: "
                    + ("the password given does not open it" if passwords else "needs a password"),
                    hint="Pass the right password with --password.",
                ) from exc
        except (pikepdf.PdfError, RuntimeError, ValueError, OSError):
            return False
    return False


__all__ = ["REPAIRED_NOTE", "repaired_copy"]
