"""Discovery: recursive walk, type by content, hidden and temporary files skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive.ingest.discover import discover, is_ignored_name

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def names(paths) -> list[str]:
    return [p.name for p in paths]


@pytest.mark.parametrize(
    "name, ignored",
    [
        (".hidden.pdf", True),
        ("~$verslag.pdf", True),
        ("download.pdf.part", True),
        ("scan.tmp", True),
        ("verslag.pdf", False),
        ("verslag~1.pdf", False),
        ("partition.pdf", False),
    ],
)
def test_hidden_and_temporary_names(name: str, ignored: bool) -> None:
    assert is_ignored_name(name) is ignored


def test_walks_folders_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "2.pdf", PDF)
    write(tmp_path / "a" / "deep" / "er" / "1.pdf", PDF)
    write(tmp_path / "c.pdf", PDF)

    found = discover([tmp_path])

    # A folder's own files first, then its subfolders, each level sorted: a stable order.
    assert [p.path.relative_to(tmp_path).as_posix() for p in found.files] == [
        "c.pdf",
        "a/deep/er/1.pdf",
        "b/2.pdf",
    ]
    assert all(p.path.is_absolute() for p in found.files)
    assert not found.rejected


def test_type_is_read_from_content_not_from_the_name(tmp_path: Path) -> None:
    write(tmp_path / "scan.dat", PDF)  # a PDF under another name is still a PDF
    write(tmp_path / "image.bin", PNG)
    write(tmp_path / "webpage.pdf", b"<html><body>Not found</body></html>")
    write(tmp_path / "notes.txt", b"just some notes")

    found = discover([tmp_path])

    assert {(p.path.name, p.kind) for p in found.files} == {
        ("scan.dat", "pdf"),
        ("image.bin", "png"),
    }
    rejected = {r.path.name: r for r in found.rejected}
    # A file named like a document that is not one is a failure …
    assert rejected["webpage.pdf"].failed
    assert rejected["webpage.pdf"].error.reason == "unsupported"
    # … a stray text file in a folder is merely not part of the archive.
    assert not rejected["notes.txt"].failed


def test_zero_byte_document_is_a_failure_and_other_empty_files_are_skipped(
    tmp_path: Path,
) -> None:
    write(tmp_path / "empty.pdf", b"")
    write(tmp_path / "MAIN_WRITELOCK", b"")

    found = discover([tmp_path])
    named = discover([tmp_path / "MAIN_WRITELOCK"])

    assert not found.files
    assert {r.path.name: (r.failed, r.error.reason) for r in found.rejected} == {
        "empty.pdf": (True, "empty"),
        "MAIN_WRITELOCK": (False, "empty"),
    }
    assert [(r.failed, r.error.reason) for r in named.rejected] == [(True, "empty")]


def test_excluded_folders_are_not_walked(tmp_path: Path) -> None:
    write(tmp_path / "minutes" / "a.pdf", b"%PDF-1.4\n")
    write(tmp_path / "minutes" / "index" / "records" / "x.pdf", b"%PDF-1.4\n")

    found = discover([tmp_path / "minutes"], exclude=[tmp_path / "minutes" / "index"])

    assert names(f.path for f in found.files) == ["a.pdf"]


def test_hidden_and_temporary_files_and_folders_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "keep.pdf", PDF)
    write(tmp_path / ".hidden.pdf", PDF)
    write(tmp_path / "~$lock.pdf", PDF)
    write(tmp_path / "upload.pdf.part", PDF)
    write(tmp_path / "convert.tmp", PDF)
    write(tmp_path / ".git" / "objects" / "x.pdf", PDF)
    write(tmp_path / ".Trash" / "old.pdf", PDF)

    found = discover([tmp_path])

    assert names(p.path for p in found.files) == ["keep.pdf"]
    assert not found.rejected
    assert found.ignored == 4  # the files; hidden folders are not entered at all


def test_named_files_are_taken_even_with_odd_names(tmp_path: Path) -> None:
    odd = write(tmp_path / ".scan.pdf", PDF)
    text = write(tmp_path / "notes.txt", b"plain text")

    found = discover([odd, text])

    assert names(p.path for p in found.files) == [".scan.pdf"]
    # The user asked for this file by name: not being a document is a failure, not a skip.
    assert [(r.path.name, r.failed) for r in found.rejected] == [("notes.txt", True)]


def test_each_file_is_taken_once(tmp_path: Path) -> None:
    one = write(tmp_path / "sub" / "one.pdf", PDF)
    os.symlink(one, tmp_path / "link.pdf")

    found = discover([tmp_path, tmp_path / "sub", one])

    assert len(found.files) == 1


def test_symlinked_folder_loop_ends(tmp_path: Path) -> None:
    write(tmp_path / "a" / "one.pdf", PDF)
    os.symlink(tmp_path, tmp_path / "a" / "loop")

    found = discover([tmp_path])

    assert names(p.path for p in found.files) == ["one.pdf"]


def test_missing_path_is_an_error_before_anything_is_read(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        discover([tmp_path / "nope"])


def test_relative_paths_become_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "docs" / "one.pdf", PDF)
    monkeypatch.chdir(tmp_path)

    found = discover([Path("docs")])

    assert found.files[0].path == tmp_path / "docs" / "one.pdf"


def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = write(tmp_path / "secret.pdf", PDF)
    path.chmod(0)

    found = discover([tmp_path])

    assert [(r.path.name, r.error.reason) for r in found.rejected] == [("secret.pdf", "unreadable")]
