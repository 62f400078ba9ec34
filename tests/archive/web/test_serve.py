"""`archive serve` as a user starts it: a real server, its warnings, and its exit codes."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from archive.cli import app
from pipeline.errors import ExitCode
from tests.archive.web.conftest import SampleArchive

runner = CliRunner()


def test_help_warns_that_there_is_no_login() -> None:
    result = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "There is no login" in result.stdout and "reverse proxy" in result.stdout
    assert "127.0.0.1" in result.stdout


def test_the_command_line_does_not_load_the_web_stack() -> None:
    code = (
        "import sys, archive.cli; "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_archive_exits_4(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--index", str(tmp_path / "none")])
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert "No archive" in result.output and "archive ingest" in result.output


def test_a_taken_port_exits_2(sample_archive: SampleArchive) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(
            app, ["serve", "--index", str(sample_archive.index), "--port", str(port)]
        )
    assert result.exit_code == ExitCode.USAGE
    assert "Cannot listen" in result.output and "another --port" in result.output


def test_the_real_server_answers_with_its_policy(server: str) -> None:
    with urllib.request.urlopen(f"{server}/?q=Ter+Apel") as response:
        assert response.status == 200
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "server" not in {k.lower() for k in response.headers}
        assert "<mark>Apel</mark>" in response.read().decode()
    request = urllib.request.Request(f"{server}/", headers={"Host": "archief.example"})
    try:
        urllib.request.urlopen(request)
        raise AssertionError("a foreign host name was served")
    except urllib.error.HTTPError as exc:
        assert exc.code == 400
