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
