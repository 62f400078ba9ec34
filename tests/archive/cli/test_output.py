"""Output conventions of every command: one exit-code table, a closed pipe is no error, no
wrapping at 80 columns in a pipe, exact hit counts, help wrapped once, one field list."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.cli.search import fields_line
from pipeline.errors import ExitCode
from tests.factories import encrypted_pdf


def archive(home: Path, *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """`archive ARGS` as a new user types it, in the folder of the sample archive."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # as in a pipe or a cron job
    return subprocess.run(
        [sys.executable, "-m", "archive.cli", *args],
        cwd=home,
        env={**env, "ARCHIVE_INDEX": "sample-archive/index"},
        capture_output=True,
        text=True,
        timeout=120,
        **options,  # type: ignore[arg-type]
    )


def invoke(*args: str, index: Path | None = None):
    env = {"ARCHIVE_INDEX": str(index)} if index else {}
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "100", **env})


@pytest.mark.parametrize(
    "args",
    [
        ["search", "*"],
        ["search", "*", "--json"],
        ["export", "entries"],
        ["show", "vrt-bao-oekraine-2022-04-07.pdf"],
        ["stats"],
        ["actions", "--all", "--history"],
        ["--help"],
        ["search", "--help"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_quietly_with_0(sample_archive: Path, args: list[str]) -> None:
    """`archive … | head -1`: the reader goes after one line."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "archive.cli", *args],
        cwd=sample_archive,
        env={**os.environ, "ARCHIVE_INDEX": "sample-archive/index"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert err == "", err


def test_version_and_shell_completion(sample_archive: Path) -> None:
    version = archive(sample_archive, "--version")
    assert version.returncode == 0 and re.fullmatch(
        r"archive \(minutes-archive\) \S+\n", version.stdout
    )
    # The script `--install-completion` writes (`--show-completion` names the shell it runs
    # under, which a test run need not have).
    script = subprocess.run(
        [sys.executable, "-m", "archive.cli"],
        env={**os.environ, "_ARCHIVE_COMPLETE": "source_bash"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert script.returncode == 0 and "_ARCHIVE_COMPLETE" in script.stdout.upper()
    assert "complete -o default -F _archive_completion archive" in script.stdout
    words = subprocess.run(
        [sys.executable, "-m", "archive.cli"],
        env={**os.environ, "_ARCHIVE_COMPLETE": "complete_bash", "COMP_WORDS": "archive se",
             "COMP_CWORD": "1"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "search" in words.stdout.split()


def test_no_wrapping_at_80_columns_in_a_pipe(sample_archive: Path) -> None:
    result = archive(sample_archive, "search", "Ter Apel", "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) > 100
    # A long entry stays on one line, whole.
    assert any(
        "Het aanmeldcentrum in Ter Apel zit opnieuw boven de maximale capaciteit van 2000 "
        "bewoners. Het COA vraagt" in line
        for line in lines
    )
    assert not any(line != line.rstrip() for line in lines), "no padding to a width"
    shown = archive(sample_archive, "show", "vrt-bao-oekraine-2022-04-07.pdf", "--item", "2.5")
    assert any(
        "Het aanmeldcentrum in Ter Apel zit opnieuw boven de maximale capaciteit" in line
        and "tijdelijke opvang" in line
        for line in shown.stdout.splitlines()
    )


def test_tables_are_as_wide_as_their_content_in_a_pipe(sample_archive: Path) -> None:
    """A table that fills the terminal must not fill a pipe's console, which is as wide as a
    line needs: that padded each line of `archive actions` to 10 000 columns."""
    listed = archive(sample_archive, "actions", "--all", "--json")
    assert listed.returncode == 0, listed.stderr
    thread = json.loads(listed.stdout)[0]
    for args in (
        ["actions", "--all"],
        ["actions", "--all", "--history", "--by", "owner"],
        ["actions", "--thread", thread["thread_id"]],
        ["stats"],
    ):
        result = archive(sample_archive, *args)
        assert result.returncode == 0, (args, result.stderr)
        lines = result.stdout.splitlines()
        assert lines and max(map(len, lines)) < 1000, (args, max(map(len, lines)))
        assert not [line for line in lines if line.startswith(("┏", "┃", "│")) and line[-1] == " "]
    whole = archive(sample_archive, "actions", "--all").stdout
    longest = max(json.loads(listed.stdout), key=lambda t: len(t["latest_text"]))
    assert any(" ".join(longest["latest_text"].split()) in line for line in whole.splitlines())


def test_hit_counts_are_exact_or_say_about(sample_archive: Path) -> None:
    index = sample_archive / "sample-archive" / "index"
    for query in ("opvang", "gemeente", "*"):
        every = json.loads(invoke("search", query, "--json", "--limit", "1000", index=index).stdout)
        for order in ("relevance", "date"):
            head = invoke("search", query, "--sort", order, "--limit", "3", index=index)
            first = head.stdout.splitlines()[0]
            count = re.match(r"(about )?(\d+) hits?", first)
            assert count, first
            assert count.group(1) or int(count.group(2)) == len(every), (query, order, first)
            assert not count.group(1), f"a count this small is made exact: {first}"


def test_an_empty_date_range_says_so(sample_archive: Path) -> None:
    index = sample_archive / "sample-archive" / "index"
    for command in (["search", "opvang"], ["export", "actions"]):
        result = invoke(*command, "--since", "2023", "--until", "2022", index=index)
        assert result.exit_code == ExitCode.USAGE
        assert "the date range is empty" in result.stderr


def test_a_phrase_that_matched_only_the_section_shows_it(sample_archive: Path) -> None:
    index = sample_archive / "sample-archive" / "index"
    result = invoke("search", '"Opvang vluchtelingen Oekraïne"', "--limit", "50", index=index)
    blocks = result.stdout.split("\n\n")[1:]
    assert blocks and all(
        "section: Opvang vluchtelingen Oekraïne" in b for b in blocks if b.strip()
    )


def test_one_field_list_in_help_and_in_the_bad_query_message(sample_archive: Path) -> None:
    index = sample_archive / "sample-archive" / "index"
    help_text = " ".join(invoke("search", "--help").stdout.split())
    message = " ".join(invoke("search", "soortt:besluit", index=index).stderr.split())
    assert fields_line() in help_text and fields_line() in message


def test_help_is_wrapped_once() -> None:
    """Each paragraph is filled greedily to the width: no line ends early because the source
    text broke it there (the ragged help of before)."""
    for command in (["ingest"], ["search"], ["export"], ["show"], ["actions"], []):
        text = invoke(*command, "--help").stdout
        paragraphs = [p for p in text.split("\n\n") if p.startswith("  ") and "  -" not in p]
        checked = 0
        for paragraph in paragraphs:
            lines = paragraph.splitlines()
            if len(lines) < 2 or any(line.startswith("    ") for line in lines):
                continue  # one line, or an indented block (examples, the exit codes)
            for line, following in zip(lines, lines[1:], strict=False):
                next_word = following.split()[0]
                assert len(line) + 1 + len(next_word) > 78, (command, line, following)
            checked += 1
        assert checked or not command, command


def test_the_wrong_password_message(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    encrypted_pdf(docs / "geheim.pdf", "juist")
    index = str(tmp_path / "index")
    one = CliRunner().invoke(
        app, ["ingest", str(docs), "--index", index, "--no-tag", "--password", "fout"]
    )
    assert one.exit_code == ExitCode.SOME_FAILED
    assert "encrypted: the password given does not open it" in one.stderr
    two = CliRunner().invoke(
        app,
        ["ingest", str(docs), "--index", index, "--no-tag", "--password", "a", "--password", "b"],
    )
    assert "none of the 2 passwords given opens it" in two.stderr
    right = CliRunner().invoke(
        app, ["ingest", str(docs), "--index", index, "--no-tag", "--password", "juist"]
    )
    assert right.exit_code == 0, right.output


# What no help needs: rich (the help is plain), the PDF and image libraries, the search
# engines, the language model, the spreadsheet writer, the web stack.
HEAVY = (
    "rich", "whoosh", "tantivy", "pdfplumber", "pdfminer", "pypdfium2", "pikepdf", "PIL",
    "spacy", "numpy", "openpyxl", "fastapi", "uvicorn", "jinja2",
    "pipeline.extract", "archive.threads", "archive.ingest", "archive.web",
)  # fmt: skip
LOADED_AFTER = """\
import sys
from archive.cli import app
try:
    app(sys.argv[1:], prog_name="archive")
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["search", "--help"],
        ["actions", "--help"],
        ["export", "--help"],
        ["ingest", "--help"],
        ["show", "--help"],
        ["stats", "--help"],
    ],
    ids=" ".join,
)
def test_help_loads_no_heavy_module(args: list[str]) -> None:
    """`archive --help` starts in a fraction of a second (benchmarks/bench_cli.py times it)
    because it loads typer and the command modules only; what each command needs loads when
    it runs. Asserted by what is loaded, not by a time, which a busy machine would make
    flaky."""
    run = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER, *args], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    modules = run.stderr.split()
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert not loaded, f"archive {' '.join(args)} loads {loaded}"
    if args[0] != "search":  # the search help lists the query fields, from the index package
        assert "archive.index" not in modules, args
