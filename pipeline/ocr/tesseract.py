"""Tesseract behind one module: availability checks, OCR and OSD calls, error mapping.

Every Tesseract process runs with ``OMP_THREAD_LIMIT=1``: its OpenMP threads cost more in
synchronisation than they gain on a small machine, so the pipeline parallelises across pages
instead (see :func:`pipeline.ocr.page.ocr_pages`).
"""

from __future__ import annotations

import functools
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytesseract
from PIL import Image

from pipeline.errors import ExtractionTimeoutError, OcrError, TesseractMissingError

PACKAGES = "tesseract-ocr tesseract-ocr-nld"
MIN_VERSION = (4, 1)  # LSTM models and word confidences in the TSV output
DEFAULT_LANG = "nld"


class _SingleThreadEnv(Mapping[str, str]):
    """The process environment as Tesseract should see it: a live view plus one override.

    pytesseract hands its module-level ``environ`` to every subprocess; this view keeps later
    changes to ``os.environ`` (TESSDATA_PREFIX in tests, say) while pinning the thread limit,
    without changing the environment of this process or of any other library.
    """

    _OVERRIDE = {"OMP_THREAD_LIMIT": "1"}

    def __getitem__(self, key: str) -> str:
        if key in self._OVERRIDE:
            return self._OVERRIDE[key]
        return os.environ[key]

    def __iter__(self) -> Iterator[str]:
        yield from self._OVERRIDE
        yield from (k for k in os.environ if k not in self._OVERRIDE)

    def __len__(self) -> int:
        return len(self._OVERRIDE) + sum(1 for k in os.environ if k not in self._OVERRIDE)


pytesseract.pytesseract.environ = _SingleThreadEnv()


@dataclass(slots=True)
class TessWord:
    """One word of Tesseract's output, in pixels of the image it was given.

    ``baseline`` (at the word's centre), ``line_size`` (ascender to descender: about the font
    size) and ``descent`` describe the word's text line; 0 when unknown.
    """

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, ...]  # the same for all words of one text line
    baseline: float = 0.0
    line_size: float = 0.0
    descent: float = 0.0
    stroke: float = 0.0  # mean stroke width of the word's ink, in pixels (0: not measured)


@dataclass(frozen=True, slots=True)
class Orientation:
    """Tesseract OSD's verdict: turn the image ``rotate`` degrees clockwise to make it upright."""

    rotate: int
    confidence: float


def _missing(what: str) -> TesseractMissingError:
    return TesseractMissingError(
        f"{what}; install the packages {PACKAGES} "
        f"(Debian/Ubuntu: sudo apt-get install {PACKAGES})"
    )


@functools.cache
def version() -> tuple[int, ...]:
    """Tesseract's version as a tuple, e.g. ``(5, 3, 0)``; raise if it is not installed."""
    try:
        raw = pytesseract.get_tesseract_version()
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise _missing("Tesseract OCR is not installed") from exc
    return tuple(int(part) for part in raw.release)


@functools.cache
def languages() -> frozenset[str]:
    """The language models Tesseract can load (``nld``, ``osd`` …)."""
    version()
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError) as exc:
        raise _missing(f"Tesseract cannot list its language data ({exc})") from exc


def ensure_available(lang: str = DEFAULT_LANG) -> tuple[int, ...]:
    """Check Tesseract and the models of ``lang`` (``nld`` or ``nld+eng``); return the version.

    One :class:`TesseractMissingError` names the packages to install, instead of a traceback
    from the first page that needs OCR.
    """
    found = version()
    if found < MIN_VERSION:
        wanted = ".".join(map(str, MIN_VERSION))
        raise _missing(f"Tesseract {'.'.join(map(str, found))} is too old (need {wanted}+)")
    missing = [code for code in lang.split("+") if code not in languages()]
    if missing:
        raise _missing(f"Tesseract has no language data for {', '.join(missing)}")
    return found


def has_osd() -> bool:
    """Whether the orientation model (package tesseract-ocr-osd) is installed."""
    try:
        return "osd" in languages()
    except TesseractMissingError:
        return False


def _image_file(image: Image.Image, directory: str) -> str:
    # PGM: Tesseract reads it without decoding work, and writing it costs no compression time
    # (a PNG of a 300 dpi page takes a tenth of a second to encode).
    path = Path(directory) / "page.pgm"
    gray = image if image.mode == "L" else image.convert("L")
    gray.save(path, format="PPM")
    return str(path)


def _run(
    image: Image.Image, *, extension: str, lang: str | None, config: str, timeout: float
) -> bytes:
    """Run Tesseract on `image` and return what it wrote as `extension` (hocr, osd).

    The page image and Tesseract's output are the page's text: they live in one private
    temporary folder (0700) that is removed when the call ends, also when it fails or times
    out. (pytesseract's own helpers would put them loose in /tmp, readable by anyone.)
    """
    with tempfile.TemporaryDirectory(prefix="archive-ocr-") as tmp:
        base = str(Path(tmp) / "out")
        try:
            pytesseract.pytesseract.run_tesseract(
                _image_file(image, tmp), base, extension, lang, config, timeout=timeout
            )
        except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError) as exc:
            _raise_mapped(exc, timeout)
        except RuntimeError as exc:  # pytesseract's way of saying "timeout"
            _raise_mapped(exc, timeout)
        try:
            return Path(f"{base}.{extension}").read_bytes()
        except FileNotFoundError as exc:
            raise OcrError(f"Tesseract wrote no {extension} output") from exc


def _raise_mapped(exc: Exception, timeout: float) -> NoReturn:
    """Turn a pytesseract failure into the project's error."""
    if isinstance(exc, pytesseract.TesseractNotFoundError):
        raise _missing("Tesseract OCR is not installed") from exc
    message = str(exc)
    if isinstance(exc, RuntimeError) and "timeout" in message.lower():
        raise ExtractionTimeoutError(f"Tesseract took longer than {timeout:g} s on a page") from exc
    if "Failed loading language" in message or "Error opening data file" in message:
        raise _missing(f"Tesseract could not load its language data ({message.strip()})") from exc
    raise OcrError(f"Tesseract failed: {message.strip() or exc.__class__.__name__}") from exc


_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_textfloat", "ocr_caption"})


def _title(span: ET.Element) -> dict[str, list[float]]:
    """The properties of an hOCR ``title``: ``bbox 1 2 3 4; x_wconf 96`` → lists of numbers."""
    props: dict[str, list[float]] = {}
    for part in (span.get("title") or "").split(";"):
        name, *values = part.split()
        try:
            props[name] = [float(v) for v in values]
        except ValueError:
            continue
    return props


def parse_hocr(data: bytes) -> list[TessWord]:
    """Words with boxes, confidences and line metrics from Tesseract's hOCR output."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OcrError(f"Tesseract wrote unreadable hOCR ({exc})") from exc
    words: list[TessWord] = []
    for number, line in enumerate(
        (span for span in root.iter(f"{_XHTML}span") if span.get("class") in _LINE_CLASSES),
        start=1,
    ):
        props = _title(line)
        lx0, _, _, ly1 = props.get("bbox", [0, 0, 0, 0])
        slope, offset = (props.get("baseline") or [0.0, 0.0])[:2]
        size = (props.get("x_size") or [0.0])[0]
        descent = (props.get("x_descenders") or [0.0])[0]
        for span in line.iter(f"{_XHTML}span"):
            if span.get("class") != "ocrx_word":
                continue
            text = "".join(span.itertext()).strip()
            wprops = _title(span)
            if not text or "bbox" not in wprops:
                continue
            x0, y0, x1, y1 = (int(v) for v in wprops["bbox"])
            centre = (x0 + x1) / 2 - lx0
            words.append(
                TessWord(
                    text=text,
                    left=x0,
                    top=y0,
                    width=x1 - x0,
                    height=y1 - y0,
                    conf=max(0.0, (wprops.get("x_wconf") or [0.0])[0]),
                    line=(number,),
                    baseline=ly1 + offset + slope * centre,
                    line_size=size,
                    descent=descent,
                )
            )
    return words


def ocr_words(
    image: Image.Image,
    *,
    lang: str = DEFAULT_LANG,
    psm: int = 3,
    dpi: int = 300,
    timeout: float = 0,
) -> list[TessWord]:
    """Recognise ``image`` and return its words with boxes (pixels), confidences (0–100) and
    the metrics of their text lines, from Tesseract's hOCR output.

    ``dpi`` is the image's resolution, which Tesseract cannot read from the file it is given and
    uses to judge text sizes. ``timeout`` in seconds, 0 for none.
    """
    config = f"--psm {psm} --dpi {max(1, round(dpi))}"
    return parse_hocr(_run(image, extension="hocr", lang=lang, config=config, timeout=timeout))


def orientation(image: Image.Image, *, dpi: int = 300, timeout: float = 0) -> Orientation | None:
    """Tesseract's orientation detection (OSD); None when the page has too little text."""
    if not has_osd():
        return None
    config = f"--psm 0 --dpi {max(1, round(dpi))}"
    try:
        raw = _run(image, extension="osd", lang="osd", config=config, timeout=timeout)
    except OcrError as exc:
        # "Too few characters": a blank or pictorial page has no orientation to find.
        if "few characters" in str(exc) or "Invalid resolution" in str(exc) or "no osd" in str(exc):
            return None
        raise
    data = pytesseract.pytesseract.osd_to_dict(raw.decode("utf-8", "replace"))
    try:
        return Orientation(
            rotate=int(data["rotate"]) % 360, confidence=float(data["orientation_conf"])
        )
    except (KeyError, ValueError):  # nothing to decide from
        return None
