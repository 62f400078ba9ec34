"""Private text stays private: the index holds the full text of the minutes (of encrypted PDFs
too), so its folders are 0700 and its files 0600, and the page images and OCR output of a job
that is killed (a timeout) do not stay behind in the temporary folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.archive.hardening.conftest import run_archive
from tests.archive.hardening.files import payload_minutes, scanned_pdf


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_index_is_for_its_owner_only(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    payload_minutes(docs / "vertrouwelijk.pdf", [("B: Het overleg besluit in stilte.", "")])
    index = tmp_path / "archief" / "index"
    old_umask = os.umask(0o022)  # the usual umask: what is not made private is world-readable
    try:
        result = run_archive("ingest", docs, "--index", index, "--no-tag", "-w", "1")
        assert result.returncode == 0, result.stderr.decode()
        assert run_archive("reindex", "--index", index).returncode == 0
    finally:
        os.umask(old_umask)
    folders = [index, *(p for p in index.rglob("*") if p.is_dir())]
    files = [p for p in index.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"last-ingest-report.json", "write.lock", ".ingest.lock"}
    assert any(p.suffix == ".seg" or p.name.endswith(".toc") for p in files)  # the segments
    for folder in folders:
        assert mode(folder) == 0o700, folder
    for path in files:
        assert mode(path) & 0o077 == 0, path  # 0600 (a lock file of Whoosh's is 0700)
    assert {mode(p) for p in (index / "records").iterdir()} == {0o600}


def test_ocr_temporary_files_go_with_a_killed_job(tmp_path: Path, tesseract_ready) -> None:
    docs = tmp_path / "docs"
    lines = [
        f"{n}. Besluit: de brug over het kanaal gaat dicht, zegt het overleg." for n in range(35)
    ]
    scanned_pdf(docs / "scan.pdf", lines, pages=4)  # seconds of OCR: it cannot finish in time
    temp = tmp_path / "tmp"
    temp.mkdir()
    index = tmp_path / "index"
    result = run_archive(
        "ingest", docs, "--index", index, "--no-tag", "-w", "1", "--timeout", "1",
        env={"TMPDIR": str(temp)},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr.decode()
    assert b"timeout" in result.stderr
    left = [p for p in temp.rglob("*")]
    assert not left, f"left in the temporary folder: {left}"
