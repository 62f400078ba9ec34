"""The sample minutes the OCR tests read, shared by the test modules of this folder."""

SLUG = "vrt-bao-oekraine-2022-04-07"  # three pages, ruled table, themes and titles
