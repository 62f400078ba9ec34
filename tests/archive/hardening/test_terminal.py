"""Terminal escape injection: no control character from a PDF or a file name reaches the
terminal, and a path prints on one line, escaped, whatever its name holds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.archive.hardening.conftest import invoke
from tests.archive.hardening.files import escape_text_pdf, payload_minutes

# Whatever a terminal obeys: C0 controls (ESC, BEL, CR, backspace …) but newline, DEL, C1.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")

CLEAR = b"\x80[2J"  # ESC [2J: clear the screen
CLIPBOARD = b"\x80]52;c;ZXZpbA==\x81"  # OSC 52: write the clipboard
LINK = b"\x80]8;;http://x.example\x81klik\x80]8;;\x81"  # OSC 8: a hidden link
COLOUR = b"\x80[31m"


def test_control_characters_from_pdf_text_and_file_names(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    escape_text_pdf(
        docs / "brief.pdf",
        [
            b"Geachte heer, mevrouw,",
            b"Het scherm is " + CLEAR + b" gewist en het " + CLIPBOARD + b" klembord gevuld.",
            b"Een " + LINK + b" en " + COLOUR + b"rode tekst.",
        ],
    )
    good = payload_minutes(docs / "good.pdf", [("B: Het overleg besluit.", "Toelichting.")])
    shutil.copy(good, docs / "evil\x1b[2J\x1b]52;c;eA==\x07name.pdf")
    shutil.copy(docs / "brief.pdf", docs / "two\nlines.pdf")
    forged = "ok      vervalst.pdf (1 pages, 1 entries, 0.1 s)"  # no "/": it is one name
    shutil.copy(good, docs / f"x.pdf\n{forged}\n")
    index = str(tmp_path / "index")

    ingest = invoke("ingest", str(docs), "--index", index, "--no-tag", "-w", "1")
    assert ingest.exit_code == 0, ingest.output
    outputs = {"ingest": ingest.output}
    log = ingest.stderr.splitlines()
    assert any("two\\nlines.pdf" in line for line in log)
    assert not any(line.startswith("lines.pdf") for line in log)
    assert not any(line.startswith("ok ") for line in log), "a file name forged a log line"
    assert any("evil\\x1b[2J\\x1b]52;c;eA==\\x07name.pdf" in line for line in log)

    outputs["search"] = invoke("search", "gewist", "--index", index).output
    assert "[2J gewist" in outputs["search"]  # the text is there, only the ESC is gone
    outputs["search paths"] = invoke("search", "besluit", "--index", index).output
    assert "evil\\x1b[2J" in outputs["search paths"]
    outputs["show"] = invoke("show", "brief.pdf", "--index", index).output
    assert "klembord gevuld" in outputs["show"]
    outputs["show path"] = invoke("show", "good.pdf", "--index", index).output
    outputs["stats"] = invoke("stats", "--index", index).output
    missing = invoke("show", "nergens\x1b[2J.pdf", "--index", index)
    assert missing.exit_code == 3
    outputs["error"] = missing.output
    for command, output in outputs.items():
        assert not CONTROL.findall(output), (command, CONTROL.findall(output))
    # JSON escapes control characters itself: scripts get the text exactly.
    data = invoke("search", "gewist", "--index", index, "--json").stdout
    assert "\\u001b[2J gewist" in data and "\x1b" not in data
