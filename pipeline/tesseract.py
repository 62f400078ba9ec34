"""Tesseract behind one module: availability checks, OCR and OSD calls, error mapping.

Every Tesseract process runs with ``OMP_THREAD_LIMIT=1``: its OpenMP threads cost more in
synchronisation than they gain on a small machine, so the pipeline parallelises across pages
instead (see :func:`pipeline.ocr.ocr_pages`).
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

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
    """One word of Tesseract's TSV output, in pixels of the image it was given."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]  # (block, paragraph, line) numbers: words of one text line


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


def _raise_mapped(exc: Exception, timeout: float) -> None:
    """Turn a pytesseract failure into the project's error."""
    if isinstance(exc, pytesseract.TesseractNotFoundError):
        raise _missing("Tesseract OCR is not installed") from exc
    message = str(exc)
    if isinstance(exc, RuntimeError) and "timeout" in message.lower():
        raise ExtractionTimeoutError(f"Tesseract took longer than {timeout:g} s on a page") from exc
    if "Failed loading language" in message or "Error opening data file" in message:
        raise _missing(f"Tesseract could not load its language data ({message.strip()})") from exc
    raise OcrError(f"Tesseract failed: {message.strip() or exc.__class__.__name__}") from exc


def ocr_words(
    image: Image.Image,
    *,
    lang: str = DEFAULT_LANG,
    psm: int = 3,
    dpi: int = 300,
    timeout: float = 0,
) -> list[TessWord]:
    """Recognise ``image`` and return its words with boxes (pixels) and confidences (0–100).

    ``dpi`` is the image's resolution, which Tesseract cannot read from the file it is given and
    uses to judge text sizes. ``timeout`` in seconds, 0 for none.
    """
    config = f"--psm {psm} --dpi {max(1, round(dpi))}"
    with tempfile.TemporaryDirectory(prefix="archive-ocr-") as tmp:
        try:
            data = pytesseract.image_to_data(
                _image_file(image, tmp),
                lang=lang,
                config=config,
                timeout=timeout,
                output_type=pytesseract.Output.DICT,
            )
        except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError) as exc:
            _raise_mapped(exc, timeout)
        except RuntimeError as exc:  # pytesseract's way of saying "timeout"
            _raise_mapped(exc, timeout)
    words = []
    for i, level in enumerate(data["level"]):
        text = str(data["text"][i]).strip()
        if int(level) != 5 or not text:
            continue
        words.append(
            TessWord(
                text=text,
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                conf=max(0.0, float(data["conf"][i])),
                line=(int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])),
            )
        )
    return words


def orientation(image: Image.Image, *, dpi: int = 300, timeout: float = 0) -> Orientation | None:
    """Tesseract's orientation detection (OSD); None when the page has too little text."""
    if not has_osd():
        return None
    with tempfile.TemporaryDirectory(prefix="archive-osd-") as tmp:
        try:
            data = pytesseract.image_to_osd(
                _image_file(image, tmp),
                config=f"--dpi {max(1, round(dpi))}",
                timeout=timeout,
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError as exc:
            # "Too few characters": a blank or pictorial page has no orientation to find.
            if "few characters" in str(exc) or "Invalid resolution" in str(exc):
                return None
            _raise_mapped(exc, timeout)
        except RuntimeError as exc:
            _raise_mapped(exc, timeout)
    return Orientation(rotate=int(data["rotate"]) % 360, confidence=float(data["orientation_conf"]))
