"""The actions list as files: CSV, CSV that Dutch Excel opens safely, and .xlsx.

The writers are the export's own (:mod:`archive.export`), so a download holds exactly what
`archive export actions` writes for the same filters.
"""

from __future__ import annotations

import io
from typing import Any

from archive import export

# format → (label key, media type, file suffix)
DOWNLOADS: dict[str, tuple[str, str, str]] = {
    "csv": ("actions.csv", "text/csv; charset=utf-8", ".csv"),
    "excel": ("actions.excel", "text/csv; charset=utf-8", "-excel.csv"),
    "xlsx": (
        "actions.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".xlsx",
    ),
}


def download(records: list[dict[str, Any]], format: str) -> tuple[bytes, str, str]:
    """The bytes, media type and file suffix of `records` as an actions export in `format`."""
    _, media, suffix = DOWNLOADS[format]
    if format == "xlsx":
        out = io.BytesIO()
        export.write_xlsx(records, out, "actions")
        return out.getvalue(), media, suffix
    text = io.StringIO(newline="")
    if format == "excel":
        export.write_excel_csv(records, text, "actions")
    else:
        export.write_csv(records, "actions", text)
    return text.getvalue().encode("utf-8"), media, suffix


__all__ = ["DOWNLOADS", "download"]
