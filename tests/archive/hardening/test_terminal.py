"""Terminal escape injection: no control character from a PDF or a file name reaches the
terminal, and a path prints on one line, escaped, whatever its name holds."""

from __future__ import annotations

import json
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


ESC = "\x1b"
HOSTILE = {
    "clear": ESC + "[2J",
    "clipboard": ESC + "]52;c;ZXZpbA==\x07",
    "link": ESC + "]8;;http://x.example\x07klik" + ESC + "]8;;\x07",
    "colour": ESC + "[31m",
    "csi": "\x9b2J",  # the C1 form of ESC [
    "markup": "[link=http://x.example]klik[/link]",  # rich would make this an OSC 8 link
}


def test_control_characters_in_actions_and_series(tmp_path: Path) -> None:
    """`archive actions` (its list, its history, one thread) and the series of `stats` and
    `show` print the minutes' own words, owners, codes, titles, body names and file names:
    none of the control characters in them reaches the terminal, and rich markup in them is
    printed as written, not obeyed."""
    from datetime import date

    from archive.index import Archive
    from pipeline.records import Entry, Item, Meeting, PageInfo
    from tests.factories import sha

    bad = "".join(HOSTILE.values())

    def meeting(n: int, day: date, text: str, status: str = "") -> Meeting:
        entry = Entry(
            "actie", text, owner=f"Secretaris {bad}", code="A-1", status=status,
            due="2022-05-01", due_text=f"mei {bad}",
        )  # fmt: skip
        return Meeting(
            title=f"Verslag {bad}",
            body=f"Beleidsteam {bad}",
            date=day,
            source=f"/archief/verslag{bad}{n}.pdf",
            sha256=sha(f"hostile{n}"),
            page_count=1,
            pages=[PageInfo(1, ocr=True, confidence=40.0, needs_review=True, note=bad)],
            items=[Item(nr=f"{n}{ESC}[2J", title=f"Brug {bad}", entries=[entry])],
        )

    index = tmp_path / "index"
    with Archive(index) as archive:
        archive.add_meetings(
            [
                meeting(1, date(2022, 4, 7), f"De brug {bad} melden bij de provincie."),
                meeting(2, date(2022, 4, 21), f"De brug {bad} gemeld bij de provincie.", "done"),
                meeting(3, date(2022, 5, 5), f"Agenda {bad} van het volgende overleg."),
            ]
        )
    listed = invoke("actions", "--all", "--json", "--index", str(index))
    assert listed.exit_code == 0, listed.output
    threads = json.loads(listed.stdout)
    assert threads and any(t["mentions"] > 1 for t in threads)
    outputs = {}
    for args in (
        ["actions", "--all"],
        ["actions", "--all", "--history", "--by", "owner"],
        ["actions", "--all", "--by", "series"],
        ["actions", "--thread", threads[0]["thread_id"]],
        ["stats"],
        ["show", sha("hostile2")[:12]],
    ):
        result = invoke(*args, "--index", str(index), env={"COLUMNS": "400"})
        assert result.exit_code == 0, (args, result.output)
        outputs[" ".join(args)] = result.output
    for command, output in outputs.items():
        assert not CONTROL.findall(output), (command, CONTROL.findall(output))
    # The text stays, only the control characters go; markup is printed, never obeyed (a
    # `str` given to rich is markup, and [link=…] would be a live link on a terminal).
    assert "De brug [2J" in outputs["actions --all --history --by owner"]
    markup = HOSTILE["markup"]
    for command, output in outputs.items():
        assert markup in output, command
    by_owner = outputs["actions --all --history --by owner"].splitlines()
    assert by_owner[0].startswith("Secretaris") and markup in by_owner[0]  # the group's title
    shown = outputs[f"show {sha('hostile2')[:12]}"].splitlines()
    for field in ("Body", "Source"):
        assert any(field in line and markup in line for line in shown), field
    stats = outputs["stats"].splitlines()
    assert any("verslag" in line and markup in line for line in stats)  # pages to review
    several = invoke("actions", "--thread", "t", "--all", "--index", str(index))
    assert not CONTROL.findall(several.output)
    named = tmp_path / "[bold]acties.csv"  # a file name is printed as it is, not as markup
    written = invoke("export", "actions", "--out", str(named), "--index", str(index))
    assert written.exit_code == 0 and f"to {named}" in written.stderr, written.stderr
