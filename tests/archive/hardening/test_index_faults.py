"""Every command against an index that is missing, empty, read-only, locked, on a full disk
or corrupted, and against bad arguments: each ends with the exit code of the table and a
message, never a traceback; a flipped bit in a segment is found and repaired."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import Result

from pipeline.errors import ExitCode
from tests.archive.hardening.conftest import invoke
from tests.archive.hardening.files import payload_minutes

OK, USAGE, NOT_FOUND, UNAVAILABLE = 0, ExitCode.USAGE, ExitCode.NOT_FOUND, ExitCode.UNAVAILABLE

# name → the command's arguments, {new} standing for a folder of files not yet ingested and
# {out} for a writable folder.
COMMANDS: dict[str, list[str]] = {
    "ingest": ["ingest", "{new}", "--no-tag", "-w", "1"],
    "search": ["search", "brug"],
    "search --json": ["search", "brug", "--json"],
    "export": ["export", "decisions"],
    "export .xlsx": ["export", "actions", "--out", "{out}/acties.xlsx"],
    "show": ["show", "m0.pdf"],
    "stats": ["stats"],
    "stats --json": ["stats", "--json"],
    "actions": ["actions", "--all", "--history", "--by", "owner"],
    "actions --json": ["actions", "--json"],
    "reindex": ["reindex"],
}
READERS = {
    "search", "search --json", "export", "export .xlsx", "show", "stats", "stats --json",
    "actions", "actions --json",
}  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small archive, built by a real ingest: `<it>/index`, its sources in `<it>/docs`."""
    root = tmp_path_factory.mktemp("faults")
    for n, word in enumerate(("brug", "dijk", "sluis")):
        payload_minutes(
            root / "docs" / f"m{n}.pdf",
            [(f"B: Het overleg besluit over de {word}.\n\nA > Secretaris: meldt de {word}.", "")],
        )
    result = invoke("ingest", str(root / "docs"), "--index", str(root / "index"), "--no-tag")
    assert result.exit_code == 0, result.output
    payload_minutes(root / "new" / "nieuw.pdf", [("B: Een nieuw besluit over de haven.", "")])
    return root


def run(name: str, index: Path, archive: Path, out: Path) -> Result:
    args = [a.format(new=archive / "new", out=out) for a in COMMANDS[name]]
    return invoke(*args, "--index", str(index))


def assert_clean(result: Result, what: str) -> None:
    """Ended by the command itself (an exit code), with no traceback and no "bug"."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        what,
        result.exception,
    )
    assert "Traceback" not in result.output, what
    assert "internal error" not in result.output and "a bug" not in result.output, (
        what,
        result.output,
    )


def copy_archive(archive: Path, to: Path) -> Path:
    shutil.copytree(archive / "index", to)
    return to


@contextlib.contextmanager
def tmpfs(where: Path, size: int) -> Iterator[Path]:
    """A small file system of its own at `where` (root only); skips the test elsewhere."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> None:
    """Fill the file system of `folder` to the last byte."""
    for name, block in (("filler", 65536), ("filler-small", 512)):
        with open(folder / name, "wb", buffering=0) as handle, contextlib.suppress(OSError):
            while True:
                handle.write(b"\0" * block)


def flip_a_bit(index: Path) -> Path:
    segment = max((index / "whoosh").glob("*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0x04
    segment.write_bytes(bytes(data))
    return segment


HOLDER = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fds = [os.open(p, os.O_RDWR | os.O_CREAT) for p in sys.argv[1:]]
    for fd in fds:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, b"1")  # a stale pid: the holder is to be asked of the kernel
    print("locked", flush=True)
    time.sleep(120)
    """
)


@contextlib.contextmanager
def held(*locks: Path) -> Iterator[subprocess.Popen]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, *map(str, locks)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        proc.kill()
        proc.wait()


# --- the sweep --------------------------------------------------------------------------------


def test_missing_and_empty(archive: Path, tmp_path: Path) -> None:
    for condition, index in (("missing", tmp_path / "none"), ("empty", tmp_path / "empty")):
        if condition == "empty":
            index.mkdir()
        for name in COMMANDS:
            if name == "ingest":
                continue
            result = run(name, index, archive, tmp_path)
            assert_clean(result, f"{condition}: {name}")
            assert result.exit_code == UNAVAILABLE, (condition, name, result.output)
            assert "archive ingest" in result.stderr
        result = run("ingest", index, archive, tmp_path)  # the one command that makes one
        assert_clean(result, f"{condition}: ingest")
        assert result.exit_code == OK, result.output


def test_read_only(archive: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", 64 << 20) as mount:
        index = copy_archive(archive, mount / "index")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        for name in COMMANDS:
            result = run(name, index, archive, tmp_path)
            assert_clean(result, f"read-only: {name}")
            if name in READERS:
                assert result.exit_code == OK, (name, result.output)
            else:
                assert result.exit_code == UNAVAILABLE, (name, result.output)
                assert "not writable" in result.stderr, (name, result.stderr)


def test_locked(archive: Path, tmp_path: Path) -> None:
    index = copy_archive(archive, tmp_path / "index")
    with held(index / ".ingest.lock", index / "write.lock") as holder:
        for name in COMMANDS:
            started = time.monotonic()
            result = run(name, index, archive, tmp_path)
            assert_clean(result, f"locked: {name}")
            if name in READERS:
                assert result.exit_code == OK, (name, result.output)  # readers take no lock
                continue
            assert result.exit_code == UNAVAILABLE, (name, result.output)
            assert time.monotonic() - started < 15, "waited for the lock instead of failing"
            message = " ".join(result.stderr.split())
            assert f"held by pid {holder.pid}: " in message, message


def test_locked_for_writing_only(archive: Path, tmp_path: Path) -> None:
    """Only the commit lock is held (a long rebuild elsewhere): an ingest waits a little, then
    names the holder; it does not wait minutes."""
    index = copy_archive(archive, tmp_path / "index")
    with held(index / "write.lock") as holder:
        started = time.monotonic()
        result = run("ingest", index, archive, tmp_path)
        assert_clean(result, "write-locked: ingest")
        assert result.exit_code == UNAVAILABLE, result.output
        assert time.monotonic() - started < 30
        assert f"held by pid {holder.pid}" in " ".join(result.stderr.split())


def test_full_disk(archive: Path, tmp_path: Path) -> None:
    size = sum(p.stat().st_size for p in (archive / "index").rglob("*") if p.is_file())
    with tmpfs(tmp_path / "full", size + (256 << 10)) as mount:
        index = copy_archive(archive, mount / "index")
        fill(mount)
        for name in COMMANDS:
            result = run(name, index, archive, tmp_path)
            assert_clean(result, f"full: {name}")
            if name in READERS:
                assert result.exit_code == OK, (name, result.output)
            else:
                assert result.exit_code == UNAVAILABLE, (name, result.output)
                assert "no space left" in result.stderr, (name, result.stderr)
        # What the failed runs left: the index still opens and searches.
        assert "de brug" in run("search", index, archive, tmp_path).stdout
        stats = run("stats", index, archive, tmp_path)
        assert stats.exit_code == OK and "Traceback" not in stats.output
        (mount / "filler").unlink()
        (mount / "filler-small").unlink()
        again = run("ingest", index, archive, tmp_path)
        assert again.exit_code == OK, again.output  # with space again, the same run finishes
        found = invoke("search", "haven", "--index", str(index))
        assert "nieuw.pdf" in found.stdout, found.output


def test_a_flipped_bit_is_found_and_the_index_rebuilt(archive: Path, tmp_path: Path) -> None:
    for name in COMMANDS:
        index = copy_archive(archive, tmp_path / name.replace(" ", "-"))
        flip_a_bit(index)
        result = run(name, index, archive, tmp_path)
        assert_clean(result, f"bit flip: {name}")
        assert result.exit_code == OK, (name, result.output)
        if name != "ingest":  # the ingest says nothing of it, but rebuilds as well
            assert "damaged" in result.stderr and "checksum" in result.stderr, (name, result.stderr)
    index = tmp_path / "export"
    assert "de brug" in run("search", index, archive, tmp_path).stdout


def test_a_flipped_bit_in_a_read_only_index_says_reindex(archive: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", 64 << 20) as mount:
        index = copy_archive(archive, mount / "index")
        flip_a_bit(index)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        result = run("search", index, archive, tmp_path)
        assert_clean(result, "bit flip, read-only: search")
        assert result.exit_code == UNAVAILABLE, result.output
        assert "archive reindex" in result.stderr


BAD_ARGUMENTS = [
    ["search", "brug", "--limit", "0"],
    ["search", "brug", "--sort", "alphabet"],
    ["search", "soortt:besluit"],
    ["search", '"open'],
    ["search", "brug", "--since", "2023", "--until", "2022"],
    ["search", "brug", "--since", "gisteren"],
    ["search", "brug", "--kind", "besluitt"],
    ["search", "--no-such-option"],
    ["export", "nonsense"],
    ["export", "actions", "--format", "pdf"],
    ["export", "actions", "--kind", "besluit"],
    ["export", "actions", "--out", "/nonexistent/dir/a.csv"],
    ["export", "actions", "--excel", "--format", "json"],
    ["show"],
    ["actions", "--today", "gisteren"],
    ["actions", "--by", "colour"],
    ["actions", "soortt:besluit"],
    ["actions", "--status", "half"],
    ["actions", "--since", "2023", "--until", "2022"],
    ["ingest", "/nonexistent/folder"],
    ["ingest", "{new}", "--workers", "0"],
    ["ingest", "{new}", "--max-memory", "lots"],
    ["ingest", "{new}", "--ocr", "sometimes"],
    ["no-such-command"],
]


@pytest.mark.parametrize("args", BAD_ARGUMENTS, ids=" ".join)
def test_bad_arguments(args: list[str], archive: Path, tmp_path: Path) -> None:
    index = copy_archive(archive, tmp_path / "index")
    result = invoke(*(a.format(new=archive / "new") for a in args), "--index", str(index))
    assert_clean(result, " ".join(args))
    assert result.exit_code == USAGE, result.output
    assert result.stderr.strip(), "a usage error says what is wrong"


def test_stats_warns_when_the_index_lacks_meetings_on_disk(archive: Path, tmp_path: Path) -> None:
    """What a full disk leaves: records written, their index commit not."""
    from archive.index import Archive

    index = copy_archive(archive, tmp_path / "index")
    with Archive(index) as opened:
        opened.backend.delete(list(opened.store.shas())[:2])
    result = invoke("stats", "--index", str(index))
    assert result.exit_code == OK
    message = " ".join(result.stderr.split())
    assert "the search index holds 1 of the 3 meetings on disk" in message
    assert "archive reindex" in message
