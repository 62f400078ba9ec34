"""PNG and TIFF scans over the pixel limit are downsampled, as `--help` says, up to twice the
limit; beyond that they fail as too large, saying why."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.archive.hardening.conftest import invoke


def scan(path: Path, size: tuple[int, int]) -> Path:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 60)
    except OSError:
        font = ImageFont.load_default()
    for n in range(6):
        draw.text((200, 300 + 120 * n), f"Besluit {n}: de brug gaat dicht.", fill=0, font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, dpi=(300, 300))
    return path


def test_large_png_and_tiff_scans_are_downsampled(tmp_path: Path, tesseract_ready) -> None:
    docs = tmp_path / "docs"
    scan(docs / "a4.png", (2480, 3508))  # 8.7 Mpx
    scan(docs / "a4.tif", (2480, 3508))
    index = tmp_path / "index"
    result = invoke(
        "ingest", str(docs), "--index", str(index), "--no-tag", "--max-pixels", "5000000"
    )
    assert result.exit_code == 0, result.output
    for name in ("a4.png", "a4.tif"):
        record = json.loads(invoke("show", name, "--json", "--index", str(index)).stdout)
        assert "downsampled" in record["pages"][0]["note"], record["pages"][0]
        assert "brug" in record["pages"][0]["text"]


def test_beyond_twice_the_limit_an_image_fails_as_too_large(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    scan(docs / "a4.png", (2480, 3508))
    index = tmp_path / "index"
    result = invoke(
        "ingest", str(docs), "--index", str(index), "--no-tag", "--max-pixels", "2000000"
    )
    assert result.exit_code == 1, result.output
    line = next(line for line in result.stderr.splitlines() if "FAILED" in line)
    assert ": too-large: image too large" in line
    assert "up to 2 × the limit" in line and "--max-pixels" in line
