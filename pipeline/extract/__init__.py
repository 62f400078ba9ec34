"""Extraction: files → pages of positioned words, from the text layer (PDFium, pdfplumber) or,
where the text-layer judge finds it unusable, from OCR (:mod:`pipeline.ocr`)."""
