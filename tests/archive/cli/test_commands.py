"""The search, export, show, stats and reindex commands, as a user and a script see them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli import app
from archive.export import columns
from archive.index import Archive
from archive.index.query import FIELD_HELP
from pipeline.errors import EXIT_CODE_HELP, ExitCode
from tests.factories import corpus, letter, meeting_april

runner = CliRunner()


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli") / "index"
    with Archive(directory) as archive:
        archive.add_meetings(corpus())
    return directory


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "120", **(env or {})})


def test_search_prints_hits_for_people(index_dir: Path) -> None:
    result = run("search", "Ter Apel", "--index", str(index_dir))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2022-04-07" in out and "Verslag Veiligheidsberaad Groningen" in out
    assert "2. Opvang asielzoekers Ter Apel" in out
    assert "Knelpunt" in out and "vb-2022-04-07.pdf" in out and "p. 2" in out and "OCR" in out
    assert out.index("Opvang asielzoekers Ter Apel") < out.index("Brief aan de minister")


def test_search_json_is_plain_json_records(index_dir: Path) -> None:
    result = run("search", "Ter Apel", "--index", str(index_dir), "--json", "--limit", "2")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data) == 2
    assert data[0]["item_title"] == "Opvang asielzoekers Ter Apel"
    assert {"score", "snippet", "source", "ocr", "places"} <= set(data[0])


def test_index_from_the_environment(index_dir: Path) -> None:
    result = run("search", "Loppersum", "--json", env={"ARCHIVE_INDEX": str(index_dir)})
    assert [r["kind"] for r in json.loads(result.stdout)] == ["besluit"]


def test_fuzzy_notice_and_did_you_mean(index_dir: Path) -> None:
    result = run("search", "Ter ApeI", "--index", str(index_dir))
    assert result.exit_code == 0
    assert "Did you mean: Ter Apel" in result.stdout
    assert "fuzzy" in result.stdout


def test_options_group_sort_kind_owner_municipality_dates(index_dir: Path) -> None:
    grouped = run("search", "opvang OR GGD", "--index", str(index_dir), "--group")
    assert grouped.exit_code == 0
    data = json.loads(
        run(
            "search",
            "*",
            "--index",
            str(index_dir),
            "--json",
            "--kind",
            "A",
            "--owner",
            "DPG",
            "--since",
            "2022-04",
            "--until",
            "2022-06",
        ).stdout
    )
    assert {(r["kind"], r["owner"]) for r in data} == {
        ("actie", "DPG"),
        ("actie", "directeur publieke gezondheid"),
    }
    muni = json.loads(
        run("search", "*", "--index", str(index_dir), "--json", "--gemeente", "Westerwolde").stdout
    )
    assert {r["item_nr"] for r in muni} == {"2"}
    dated = json.loads(
        run(
            "search",
            "*",
            "--index",
            str(index_dir),
            "--json",
            "--sort",
            "date",
            "--limit",
            "3",
            "--page",
            "1",
        ).stdout
    )
    assert dated[0]["meeting_date"] == "2022-06-02"


def test_nothing_found_is_not_an_error(index_dir: Path) -> None:
    result = run("search", "xyzzyqq", "--index", str(index_dir), "--exact")
    assert result.exit_code == 0
    assert "Nothing found" in result.stdout
    assert json.loads(run("search", "xyzzyqq", "--index", str(index_dir), "--json").stdout) == []


def test_bad_query_exits_2_with_a_suggestion(index_dir: Path) -> None:
    result = run("search", "soortt:besluit", "--index", str(index_dir))
    assert result.exit_code == 2
    assert "Unknown field soortt:" in result.stderr
    assert "soort:besluit" in result.stderr
    assert "Traceback" not in result.output
    bad_kind = run("search", "x", "--index", str(index_dir), "--kind", "besluitt")
    assert bad_kind.exit_code == 2 and "Unknown kind" in bad_kind.stderr
    bad_date = run("search", "x", "--index", str(index_dir), "--since", "gisteren")
    assert bad_date.exit_code == 2 and "Not a date" in bad_date.stderr


def test_missing_index_exits_4_naming_ingest(tmp_path: Path) -> None:
    for command in (["search", "x"], ["export", "actions"], ["show", "x"], ["stats"], ["reindex"]):
        result = run(*command, "--index", str(tmp_path / "none"))
        assert result.exit_code == ExitCode.UNAVAILABLE == 4, command
        assert "archive ingest" in result.stderr
        assert not (tmp_path / "none").exists()


def test_export_actions_csv_to_stdout(index_dir: Path) -> None:
    result = run("export", "actions", "--index", str(index_dir))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == columns("actions")  # the columns themselves: tests/archive/test_export.py
    assert len(rows) == 4
    assert result.stdout_bytes.count(b"\r\n") == 4


def test_export_json_excel_out_and_query(index_dir: Path, tmp_path: Path) -> None:
    data = json.loads(
        run("export", "decisions", "--index", str(index_dir), "--format", "json").stdout
    )
    assert [r["kind"] for r in data] == ["besluit"] * 3
    out = tmp_path / "k.csv"
    result = run(
        "export", "knelpunten", "GGD", "--index", str(index_dir), "--excel", "--out", str(out)
    )
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfmeeting_date;")
    assert raw.count(b"\r\n") == 2
    entries = json.loads(
        run(
            "export", "entries", "--index", str(index_dir), "--format", "json", "--kind", "note"
        ).stdout
    )
    assert {r["kind"] for r in entries} == {"note"}
    assert (
        run("export", "actions", "--index", str(index_dir), "--excel", "--format", "json").exit_code
        == 2
    )


def test_show_meeting_item_and_json(index_dir: Path) -> None:
    april = meeting_april()
    result = run("show", april.sha256[:10], "--index", str(index_dir))
    assert result.exit_code == 0
    out = result.stdout
    assert "Verslag Veiligheidsberaad Groningen" in out
    assert "Toelichting: De situatie in het aanmeldcentrum" in out
    assert "Needs review" in out and "page 3" in out
    one = run("show", "vb-2022-04-07.pdf", "--item", "3", "--index", str(index_dir))
    assert "Vluchtelingen uit Oekraïne" in one.stdout and "Ter Apel" not in one.stdout
    data = json.loads(run("show", april.source, "--json", "--index", str(index_dir)).stdout)
    assert data["sha256"] == april.sha256 and len(data["items"]) == 4
    page_doc = run("show", letter().sha256, "--index", str(index_dir))
    assert "Geachte minister" in page_doc.stdout
    missing = run("show", "nergens.pdf", "--index", str(index_dir))
    assert missing.exit_code == 3 and "No meeting" in missing.stderr
    no_item = run("show", "vb-2022-04-07.pdf", "--item", "99", "--index", str(index_dir))
    assert no_item.exit_code == 3 and "No item 99" in no_item.stderr
    item_json = json.loads(
        run("show", april.sha256[:10], "--item", "3", "--json", "--index", str(index_dir)).stdout
    )
    assert item_json["item"]["title"] == "Vluchtelingen uit Oekraïne"


def test_stats_and_reindex(index_dir: Path) -> None:
    result = run("stats", "--index", str(index_dir))
    assert result.exit_code == 0
    assert "Entries" in result.stdout and "needing review" in result.stdout
    data = json.loads(run("stats", "--index", str(index_dir), "--json").stdout)
    assert data["meetings"] == 3 and data["entries"] == 10 and len(data["needs_review"]) == 1
    again = run("reindex", "--index", str(index_dir))
    assert again.exit_code == 0 and "Reindexed 10 entries of 3 meetings" in again.stdout


def test_an_older_index_is_rebuilt_and_says_so(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.add_meetings(corpus())
    (tmp_path / "whoosh" / "archive-schema.json").write_text('{"version": 0}', encoding="utf-8")
    result = run("search", "Loppersum", "--index", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert "Rebuilt the search index" in result.stderr
    assert [r["kind"] for r in json.loads(result.stdout)] == ["besluit"]


def test_help_has_examples_fields_and_exit_codes() -> None:
    result = run("search", "--help")
    assert result.exit_code == 0
    assert "archive search" in result.stdout and "gemeente:" in result.stdout
    assert "archive export actions" in run("export", "--help").stdout
    # One list of fields, the same in the help and in the bad-query message.
    fields = "Fields: " + ", ".join(FIELD_HELP) + "."
    assert fields in " ".join(result.stdout.split())
    # One table of exit codes, on every command.
    for command in ([], ["search"], ["export"], ["show"], ["stats"], ["reindex"], ["ingest"]):
        text = " ".join(run(*command, "--help").stdout.split())
        for code, meaning in EXIT_CODE_HELP.items():
            assert f"{int(code)} {meaning}" in text, (command, code)


def test_status_option(index_dir: Path) -> None:
    result = run("search", "*", "--status", "open", "--index", str(index_dir), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    bad = run("search", "x", "--status", "klaarr", "--index", str(index_dir))
    assert bad.exit_code == 2 and "Unknown status" in bad.stderr
    export = run("export", "actions", "--status", "done", "--index", str(index_dir))
    assert export.exit_code == 0 and export.stdout_bytes.count(b"\r\n") == 1  # header only


def test_export_to_a_folder_that_does_not_exist(index_dir: Path, tmp_path: Path) -> None:
    result = run(
        "export", "actions", "--index", str(index_dir), "--out", str(tmp_path / "no/a.csv")
    )
    assert result.exit_code == 2 and "cannot write" in result.stderr
    assert "Traceback" not in result.output


def test_role_and_org_filters_and_a_query_left_out(index_dir: Path) -> None:
    by_org = json.loads(
        run("search", "--index", str(index_dir), "--json", "--org", "GGD Groningen").stdout
    )
    assert [r["text"] for r in by_org] == ["Personeelstekort bij de GGD door ziekteverzuim."]
    by_role = json.loads(
        run("search", "--index", str(index_dir), "--json", "--role", "burgemeester").stdout
    )
    assert [r["text"] for r in by_role] == [
        "Overzicht opvangplekken Oekraïners delen met het Rijk."
    ]


def test_hits_say_what_they_name(index_dir: Path) -> None:
    out = run("search", "Oekraïners", "--index", str(index_dir)).stdout
    assert "names: " in out and "het Rijk" in out
