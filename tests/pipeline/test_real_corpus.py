"""The real-world corpus (`../shared/corpus/real`, see its MANIFEST.md) through a full ingest.

No crash, no hang: every file either gives content or fails with the reason its MANIFEST
expects, and the batch always finishes. Skipped when the corpus folder is absent.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from archive.ingest import FileOutcome, IngestOptions, IngestResult, run_ingest
from pipeline.extract.document import sha256_of
from pipeline.records import Meeting
from tests.paths import REAL_CORPUS

CORPUS = REAL_CORPUS

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}"),
]

# What the MANIFEST says each file must give: "content", or the failure reasons it allows.
# Files not listed must give content.
EXPECTED: dict[str, set[str]] = {
    "nl_plooi__test_broken.pdf": {"corrupt"},
    "ocrmypdf__invalid.pdf": {"corrupt"},
    "pdfplumber__empty.pdf": {"empty"},
    "pdfplumber__password-example.pdf": {"encrypted"},  # without --password
    "ocrmypdf__typewriter.png": {"content", "unsupported"},
    # "render robustly or ERROR; never crash the batch": any clean failure will do.
    "ocrmypdf__jbig2_baddevicen.pdf": {"content", "corrupt", "too-large", "crashed"},
    "ocrmypdf__hugemono.pdf": {"content", "too-large"},
    "MANIFEST.md": {"not-a-document"},  # found in the folder, skipped: not part of the archive
}
PASSWORD = "test"  # the user password of pdfplumber__password-example.pdf


def files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file())


def text_of(meeting: Meeting) -> str:
    """Everything a search could find in a meeting."""
    parts = [meeting.title]
    parts += [page.text for page in meeting.pages]
    for item in meeting.items:
        parts += [item.title, item.toelichting, *(entry.text for entry in item.entries)]
    return " ".join(p for p in parts if p).strip()


def ingest(index_dir: Path, passwords: tuple[str, ...] = ()) -> IngestResult:
    from archive.index import Archive as ArchiveIndex

    tag = importlib.util.find_spec("pipeline.tagging") is not None
    options = IngestOptions(workers=2, tag=tag, timeout=600, passwords=passwords)
    return run_ingest([CORPUS], ArchiveIndex(index_dir), options)


def verdict(outcome: FileOutcome, index_dir: Path) -> str:
    """`content` when the file was ingested with text, else its status and reason."""
    if outcome.status != "ok":
        return outcome.reason
    from archive.index import Archive as ArchiveIndex

    meeting = ArchiveIndex(index_dir).get(outcome.sha256)
    return "content" if meeting is not None and text_of(meeting) else "ok-but-empty"


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestResult, Path]:
    index_dir = tmp_path_factory.mktemp("corpus-index")
    originals = {p.name: sha256_of(p) for p in files()}
    result = ingest(index_dir)
    assert {p.name: sha256_of(p) for p in files()} == originals, "a corpus file was modified"
    return result, index_dir


def test_every_file_is_accounted_for(first_run: tuple[IngestResult, Path]) -> None:
    result, _ = first_run
    assert sorted(Path(o.path).name for o in result.outcomes) == [p.name for p in files()]
    assert not result.interrupted


def test_each_file_gives_content_or_the_expected_reason(
    first_run: tuple[IngestResult, Path],
) -> None:
    result, index_dir = first_run
    wrong = {}
    for outcome in result.outcomes:
        name = Path(outcome.path).name
        allowed = EXPECTED.get(name, {"content"})
        got = verdict(outcome, index_dir)
        if got not in allowed:
            wrong[name] = f"{got} ({outcome.message})" if outcome.message else got
    assert not wrong, f"files that did not give what the MANIFEST expects: {wrong}"


def test_failures_are_reported_with_reason_and_hint(first_run: tuple[IngestResult, Path]) -> None:
    result, _ = first_run
    assert result.failures, "the corpus holds broken files"
    for outcome in result.failures:
        assert outcome.reason and outcome.message and outcome.hint, outcome
        assert outcome.reason != "internal", f"a bug, not a bad file: {outcome}"


def test_owner_only_encryption_opens_without_a_password(
    first_run: tuple[IngestResult, Path],
) -> None:
    result, index_dir = first_run
    outcome = next(o for o in result.outcomes if o.path.endswith("encrypted_algo4.pdf"))
    assert outcome.reason != "encrypted"


def test_password_opens_the_encrypted_file(first_run: tuple[IngestResult, Path]) -> None:
    first, index_dir = first_run
    result = ingest(index_dir, passwords=(PASSWORD,))
    outcome = next(o for o in result.outcomes if o.path.endswith("password-example.pdf"))
    assert verdict(outcome, index_dir) == "content"
    # The second run over the same index retried only what had failed.
    done_before = {o.path for o in first.outcomes if o.status == "ok"}
    assert not done_before & {o.path for o in result.outcomes if o.status == "ok"}
