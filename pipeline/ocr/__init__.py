"""OCR of page images: rendering, orientation and skew, ink clean-up, ruling lines, Tesseract,
and its words in PDF points for the shared layout step."""
