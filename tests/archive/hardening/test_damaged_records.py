"""One damaged record (truncated, empty, `{}`) never breaks the archive: every command names
it, skips it, says how to recover it, and does its work with the rest."""

from __future__ import annotations

import json
from pathlib import Path

from tests.archive.hardening.conftest import invoke
from tests.archive.hardening.files import payload_minutes


def test_damaged_records(tmp_path: Path, ingested) -> None:
    docs = tmp_path / "docs"
    for n, word in enumerate(("brug", "dijk", "sluis", "haven")):
        payload_minutes(docs / f"m{n}.pdf", [(f"B: Het overleg besluit over de {word}.", "")])
    index = ingested(docs)
    records = {
        json.loads(path.read_text())["source"]: path for path in (index / "records").glob("*")
    }
    damage = {
        "m0.pdf": lambda p: p.write_bytes(p.read_bytes()[:200]),  # cut off mid-write
        "m1.pdf": lambda p: p.write_bytes(b""),
        "m2.pdf": lambda p: p.write_text("{}"),
    }
    damaged = {}
    for source, path in records.items():
        name = Path(source).name
        if name in damage:
            damage[name](path)
            damaged[name] = path
    assert len(damaged) == 3

    def check(*args: str, code: int = 0) -> str:
        result = invoke(*args, "--index", str(index))
        assert result.exit_code == code, (args, result.output)
        assert "Traceback" not in result.output
        for name, path in damaged.items():
            assert path.name in result.stderr, (args, name)
            assert f"archive ingest {docs / name}" in " ".join(result.stderr.split())
        return result.stdout

    assert json.loads(check("stats", "--json"))["meetings"] == 1
    assert "haven" in check("search", "haven")  # the good record, as ever
    assert "de brug" in check("search", "brug")  # the index still has the damaged one's copy
    assert "haven" in check("export", "decisions")
    assert "haven" in check("show", "m3.pdf")
    missing = invoke("show", "m1.pdf", "--index", str(index))
    assert missing.exit_code == 3
    assert "damaged" in missing.stderr and f"archive ingest {docs / 'm1.pdf'}" in missing.stderr
    check("reindex")
    assert "haven" in check("search", "haven")

    # Ingesting the sources again restores the records.
    again = invoke("ingest", str(docs), "--index", str(index), "--no-tag", "-w", "1")
    assert again.exit_code == 0, again.output
    assert "Restored 3 damaged records" in again.stderr
    result = invoke("stats", "--json", "--index", str(index))
    assert json.loads(result.stdout)["meetings"] == 4 and "Warning" not in result.stderr
    assert "de brug" in invoke("search", "brug", "--index", str(index)).stdout


def test_a_damaged_threads_file(tmp_path: Path, ingested) -> None:
    """`threads.json` beside the records is derived: cut off, emptied, `{}`, garbage, or
    whole JSON of the wrong shape under a current fingerprint, it is computed again from the
    records, and every command that shows actions or series works as with the file intact."""
    from fastapi.testclient import TestClient

    from archive.threads import THREADS_FILE
    from archive.threads.store import forget
    from archive.web import create_app

    docs = tmp_path / "docs"
    payload_minutes(docs / "m0.pdf", [("A > Secretaris: meldt de brug aan de provincie.", "")])
    payload_minutes(docs / "m1.pdf", [("A > Voorzitter: belt de dijkgraaf.", "")], "Verslag 2")
    index = ingested(docs)
    path = index / THREADS_FILE
    good = path.read_bytes()
    data = json.loads(good)
    commands = [
        ("actions", "--all", "--json"),
        ("actions", "--all", "--history"),
        ("stats", "--json"),
        ("stats",),
        ("show", "m0.pdf"),
        ("export", "actions"),
    ]

    def outputs() -> dict[tuple[str, ...], str]:
        got = {}
        for args in commands:
            forget(index)  # as in a new process: nothing kept in memory
            result = invoke(*args, "--index", str(index))
            assert result.exit_code == 0, (args, result.output)
            assert "Traceback" not in result.output and "internal error" not in result.output
            got[args] = result.stdout
        return got

    expected = outputs()
    assert "meldt de brug" in expected[("actions", "--all", "--history")]
    damage = {
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "{}": b"{}",
        "garbage": b"\xff\xfe\x00\x1b[2J not json",
        "a list": b"[1, 2]",
        **{
            f"{key}: {value!r}"[:40]: json.dumps({**data, key: value}).encode()
            for key, value in (
                ("meetings", [1]),
                ("meetings", {sha: "x" for sha in data["meetings"]}),
                ("series", [1]),
                ("series", {"x": None}),
                ("threads", ["x"]),
            )
        },
    }
    assert len(damage) == 10
    for name, broken in damage.items():
        path.write_bytes(broken)
        assert outputs() == expected, name
        assert json.loads(path.read_text())["version"] == data["version"], name  # rewritten
        path.write_bytes(broken)
        forget(index)
        page = TestClient(create_app(index), base_url="http://127.0.0.1").get("/actions")
        assert page.status_code == 200 and "meldt de brug" in page.text, name
    path.write_bytes(damage["meetings: [1]"])
    forget(index)
    again = invoke("ingest", str(docs), "--index", str(index), "--no-tag", "-w", "1")
    assert again.exit_code == 0, again.output
    assert json.loads(path.read_text())["fingerprint"] == data["fingerprint"]
