"""SIGTERM is Ctrl-C: what is finished is committed, the report is written, the run ends with
143; a file is logged "ok" only once it is committed; no worker prints a traceback."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from archive.index import Archive
from pipeline.errors import ExitCode
from tests.archive.hardening.conftest import archive_command
from tests.factories import minutes_pdf

OK_LINE = re.compile(r"^\[\d+/\d+\] ok +(\S+) \(")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signal-docs")
    # Half a minute of work or more (three pages a file): the signal comes after the first
    # commit, ten files in, long before the end.
    for n in range(60):
        minutes_pdf(folder / f"m{n:03}.pdf", n, items=40)
    return folder


@pytest.mark.parametrize(
    ("how", "code"),
    [
        ("SIGTERM to the process", ExitCode.TERMINATED),
        ("SIGTERM to its process group", ExitCode.TERMINATED),  # as `timeout` and systemd do
        ("SIGINT to its process group", ExitCode.INTERRUPTED),  # Ctrl-C in a terminal
    ],
)
def test_a_stopped_run_keeps_what_it_logged(
    docs: Path, tmp_path: Path, how: str, code: int
) -> None:
    index = tmp_path / "index"
    proc = subprocess.Popen(
        [*archive_command("ingest", str(docs), "--index", str(index)), "--no-tag", "-w", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As in a terminal's foreground: a shell starts background jobs (a CI step, `cmd &`)
        # with SIGINT ignored, and Python keeps an ignored SIGINT ignored.
        preexec_fn=_default_sigint,
    )
    assert proc.stderr is not None
    log = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        log.append(line)
        if line.startswith("committed") or not line:
            break
    number = signal.SIGINT if "SIGINT" in how else signal.SIGTERM
    if "group" in how:
        os.killpg(proc.pid, number)
    else:
        proc.send_signal(number)
    # Not communicate(): it reads the pipes' file descriptors, and the lines readline() has
    # buffered past the first commit would be lost to the test, not to the run.
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        err = "".join(log) + proc.stderr.read()
        out = proc.stdout.read() if proc.stdout else ""
        proc.wait()
    finally:
        watchdog.cancel()
    assert proc.returncode == code, err
    assert "Traceback" not in err and "BrokenPipe" not in err and "Error" not in err
    assert "Interrupted" in err and "Ingest summary" in out
    report = json.loads((index / "last-ingest-report.json").read_text())
    assert report["summary"]["interrupted"] is True
    logged = {m.group(1) for m in map(OK_LINE.match, err.splitlines()) if m}
    assert logged, err
    with Archive(index) as archive:
        stored = set(archive.known().values())
        assert archive.backend.sources() == set(archive.known())  # records and index agree
    assert logged == stored, "every file logged ok is committed, and only those"
    assert report["summary"]["files"]["ok"] == len(stored)
