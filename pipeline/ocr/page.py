"""Page images → :class:`Page` records of OCR words in PDF points, for the shared layout step.

Per page: turn it upright and level it (:mod:`pipeline.ocr.orientation`), clean up its ink
(:mod:`pipeline.ocr.ink`), find the table's ruling lines and lift them out of the image
(:mod:`pipeline.ocr.rules`), run Tesseract, mark what it read on Woo redaction boxes
(:mod:`pipeline.ocr.redactions`), and convert its word boxes from pixels to points
(:mod:`pipeline.ocr.words`). Words land in the frame of the upright page, which is what the
layout step needs; the page's width and height are that frame's. Ruling lines come back as
:class:`Rule`s. A page that reads badly is asked whether it is upside down or sideways, and read
again turned if so.

Short isolated words, item numbers above all, are then read a second time with context (see
:mod:`pipeline.ocr.reread`), in one Tesseract call for a batch of pages.

Pages run in parallel, each in its own single-threaded Tesseract process.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from models.redaction import read_ground
from pipeline.errors import OcrError
from pipeline.ocr import fills, ink, orientation, redactions, tesseract
from pipeline.ocr.ink import Box
from pipeline.ocr.raster import PageImage
from pipeline.ocr.reread import Reread, plan_reread, reread
from pipeline.ocr.rules import erase, rules_in_half
from pipeline.ocr.settings import OcrSettings
from pipeline.ocr.words import is_noise, mean_confidence, split_borders, split_glued, to_words
from pipeline.records import Page, Rule

_SUSPECT_CONFIDENCE = 60.0  # below this, ask OSD whether the page is upside down or sideways
_BLANK_INK = 0.002  # fraction of ink pixels under which a page counts as blank
_REREAD_BATCH = 16  # pages whose isolated words share one extra Tesseract call


# --- one page -------------------------------------------------------------------------------


@dataclass
class _Attempt:
    """One page read once: Tesseract's words still in pixels, plus what the page needs next."""

    number: int
    dpi: float
    tess: list[tesseract.TessWord]
    rules: list[Rule]
    width: float
    height: float
    ink: float
    notes: list[str]
    plan: Reread | None = None
    page: Page | None = field(default=None)  # set instead when OCR failed
    redacted: list[Box] = field(default_factory=list)  # Woo redaction boxes, in pixels

    @property
    def confidence(self) -> float | None:
        confs = [w.conf for w in self.tess if not is_noise(w)]
        return round(statistics.fmean(confs), 1) if confs else None


def _recognise(
    gray: np.ndarray,
    skew: float,
    page: PageImage,
    settings: OcrSettings,
    notes: list[str],
    masks: tuple[np.ndarray, np.ndarray] | None = None,
) -> _Attempt:
    """Level, lift out ruling lines and OCR an upright page image (``masks``: its ink at full
    and half size, if already at hand)."""
    notes = list(notes)
    if settings.deskew and abs(skew) >= orientation.MIN_SKEW:
        gray = orientation.deskew(gray, skew)
        notes.append(f"deskewed {skew:+.1f}°")
        masks = None
    if masks is None:
        mask = orientation.ink_mask(gray)
        half = ink.half(mask)
    else:
        mask, half = masks[0], masks[1].copy()  # the copy gets specks and lines removed
    if settings.whiten:
        gray = ink.whiten(gray, mask)
    found = ink.blobs(half)
    letter = ink.letter_height(half, found)
    redacted = redactions.find_boxes(gray, letter) if settings.redactions else []
    clean = gray
    if settings.despeckle:
        clean, specks = ink.despeckle(gray, half, letter, found)
        if specks:
            notes.append(f"{specks} specks removed")
    # A redaction box is left as it is, its ground read and marked as on any box.
    filled = [
        f for f in (fills.find_fills(clean, letter) if settings.fills else [])
        if not any(redactions.overlap(f.box, box) for box in redacted)
    ]
    clean = fills.flatten(clean, filled)
    rules: list[Rule] = []
    if settings.rules:
        # Without the fills, edges and all: a rule that meets a filled header row would be as
        # thick as the row, and the row's edges are no rules.
        lined = erase(
            ink.faint_half(gray), [tuple(v // 2 for v in f.box) for f in filled], margin=1,
            paper=0,
        )
        rules, boxes = rules_in_half(lined, page.dpi, letter)
        if settings.erase_rules:
            # Generous: a blurred line has grey fringes that still touch the letters.
            clean = erase(clean, boxes, margin=max(2, round(0.15 * letter)))
        half = erase(half, [tuple(v // 2 for v in b) for b in boxes], margin=1, paper=0)
    x0, y0, x1, y1 = _content_box(half, letter) if settings.crop else (0, 0, *clean.shape[::-1])
    tess = split_glued(split_borders(
        tesseract.ocr_words(
            Image.fromarray(clean[y0:y1, x0:x1]), lang=settings.lang, psm=settings.psm,
            dpi=round(page.dpi), timeout=settings.timeout,
        )
    ))
    if x0 or y0:
        for word in tess:
            word.left, word.top = word.left + x0, word.top + y0
            word.baseline += y0 if word.baseline else 0
    # A fill with light type that reads as a Woo ground ("5.1.2e") is a redaction box in a
    # grey the search by tone missed (a page with one or two small boxes): marked as one.
    redacted += [f.box for f in filled if f.light_type and _ground_on(tess, f.box)]
    ink_only = mask if not rules else erase(mask, boxes, margin=1, paper=0)
    page_ink = ink.ink_level(gray, ink_only)
    for word in tess:
        word.stroke = ink.stroke_width(
            ink_only, gray, (word.left, word.top, word.left + word.width, word.top + word.height),
            page_ink,
        )
    h, w = gray.shape
    attempt = _Attempt(
        number=page.number,
        dpi=page.dpi,
        tess=tess,
        rules=rules,
        width=w * 72.0 / page.dpi,
        height=h * 72.0 / page.dpi,
        ink=float(np.count_nonzero(half)) / max(1, half.size),
        notes=notes,
        redacted=redacted,
    )
    if settings.reread:
        attempt.plan = plan_reread(clean, half, tess, letter)
    return attempt


def _content_box(half: np.ndarray, letter: float) -> Box:
    """The full-resolution box around the ink of a half-size mask, with a letter of margin;
    the whole page when it is blank."""
    rows = np.flatnonzero(half.any(axis=1))
    cols = np.flatnonzero(half.any(axis=0))
    h, w = half.shape[0] * 2, half.shape[1] * 2
    if rows.size == 0:
        return 0, 0, w, h
    m = max(8, round(letter))
    return (
        max(0, int(cols[0]) * 2 - m), max(0, int(rows[0]) * 2 - m),
        min(w, int(cols[-1]) * 2 + 2 + m), min(h, int(rows[-1]) * 2 + 2 + m),
    )


def _turned(gray: np.ndarray, clockwise: int) -> np.ndarray:
    # np.rot90 turns counter-clockwise for positive k.
    return np.ascontiguousarray(np.rot90(gray, k=-(clockwise // 90) % 4))


def _positive(gray: np.ndarray) -> np.ndarray:
    """White on black (a negative scan, a broken colour space) turned into black on white."""
    return 255 - gray if float(np.median(gray[::7, ::7])) < 100 else gray


def _first_reading(page: PageImage, settings: OcrSettings) -> _Attempt:
    """Everything of :func:`ocr_page` but the second reading of isolated words."""
    gray = np.asarray(page.image.convert("L"))
    notes = [page.note] if page.note else []
    positive = _positive(gray)
    if positive is not gray:
        notes.append("negative image inverted")
    gray = positive
    geometry = orientation.Geometry(0.0, False)
    mask = orientation.ink_mask(gray)
    half = ink.half(mask)
    if settings.orient or settings.deskew:
        geometry = orientation.measure(orientation.downscale(half))
    turned = 0
    if settings.orient and geometry.sideways:
        rotate = orientation.osd_rotation(Image.fromarray(gray), page.dpi)
        if rotate in (90, 270):
            turned = rotate
    if turned:
        gray, mask, half = (_turned(a, turned) for a in (gray, mask, half))
        notes.append(f"turned {turned}° clockwise")
    # Rotations commute, so the skew measured before a quarter turn still holds after it.
    attempt = _recognise(gray, geometry.skew, page, settings, notes, (mask, half))

    suspect = (attempt.confidence or 0.0) < _SUSPECT_CONFIDENCE and attempt.ink > _BLANK_INK
    if settings.orient and suspect:
        rotate = orientation.osd_rotation(Image.fromarray(gray), page.dpi)
        if rotate:
            retry = _recognise(
                _turned(gray, rotate), geometry.skew, page, settings,
                [*notes, f"turned {(turned + rotate) % 360}° clockwise"],
                (_turned(mask, rotate), _turned(half, rotate)),
            )
            if (retry.confidence or 0.0) > (attempt.confidence or 0.0):
                attempt = retry
    return attempt


def _ground_on(tess: list[tesseract.TessWord], box: Box) -> bool:
    """Whether a word whose middle lies in `box` (pixels) reads as a Woo ground."""
    x0, y0, x1, y1 = box
    return any(
        read_ground(w.text)
        and x0 <= w.left + w.width / 2 <= x1 and y0 <= w.top + w.height / 2 <= y1
        for w in tess
    )


def _finish(attempt: _Attempt, settings: OcrSettings) -> Page:
    """The page record of a page read (and re-read) in full."""
    if attempt.page is not None:
        return attempt.page
    frame = (round(attempt.width * attempt.dpi / 72), round(attempt.height * attempt.dpi / 72))
    words = to_words(attempt.tess, attempt.dpi, attempt.number, frame)
    confidence = mean_confidence(words)
    boxes = redactions.in_points(attempt.redacted, attempt.dpi)
    words = redactions.mark_redactions(words, boxes, attempt.number)
    notes = list(attempt.notes)
    if confidence is None:
        needs_review = attempt.ink > _BLANK_INK  # ink but no words: a picture, or unreadable
        notes.append("no text recognised" if needs_review else "blank page")
    else:
        needs_review = confidence < settings.review_threshold
    return Page(
        number=attempt.number,
        width=round(attempt.width, 2),
        height=round(attempt.height, 2),
        words=words,
        rules=attempt.rules,
        ocr=True,
        confidence=confidence,
        needs_review=needs_review,
        note="; ".join(["OCR", *notes]),
    )


def _reread_all(attempts: list[_Attempt], settings: OcrSettings) -> None:
    """The second reading for a batch of pages, one Tesseract call per resolution."""
    by_dpi: dict[float, list[tuple[Reread, list[tesseract.TessWord]]]] = defaultdict(list)
    for a in attempts:
        if a.plan is not None:
            by_dpi[a.dpi].append((a.plan, a.tess))
            a.plan = None
    for dpi, plans in by_dpi.items():
        reread(plans, dpi, settings)


def ocr_page(page: PageImage, settings: OcrSettings | None = None) -> Page:
    """OCR one page image into a :class:`Page` of words (points, upright frame) and rules."""
    settings = settings or OcrSettings()
    attempt = _first_reading(page, settings)
    _reread_all([attempt], settings)
    return _finish(attempt, settings)


# --- many pages -----------------------------------------------------------------------------


def _first_or_flag(page: PageImage, settings: OcrSettings) -> _Attempt:
    """:func:`_first_reading`, except that a page Tesseract chokes on is kept, empty and
    flagged. One unreadable page should not cost the rest of a long document; a missing
    Tesseract or a timeout still fails the whole file, as it would fail every page."""
    try:
        return _first_reading(page, settings)
    except OcrError as exc:
        failed = Page(
            number=page.number,
            width=round(page.width_pt, 2),
            height=round(page.height_pt, 2),
            ocr=True,
            needs_review=True,
            note=f"OCR failed: {exc}",
        )
        return _Attempt(page.number, page.dpi, [], [], 0.0, 0.0, 0.0, [], page=failed)


def ocr_pages(
    images: Iterable[PageImage], jobs: int = 1, settings: OcrSettings | None = None
) -> list[Page]:
    """OCR pages with ``jobs`` single-threaded Tesseract processes at a time, in input order.

    A page Tesseract fails on comes back empty, flagged ``needs_review``, with the error as its
    note. ``images`` is consumed lazily and only a few pages ahead of the workers, so a long
    document rendered on the fly never sits in memory whole. Threads suffice: the work happens
    in Tesseract processes and in OpenCV and NumPy, which release the GIL.
    """
    return list(iter_ocr_pages(images, jobs, settings))


def _first_readings(
    images: Iterable[PageImage], jobs: int, settings: OcrSettings
) -> Iterator[_Attempt]:
    if jobs == 1:
        for image in images:
            yield _first_or_flag(image, settings)
        return
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="ocr") as pool:
        pending: list[Future[_Attempt]] = []
        try:
            for image in images:
                pending.append(pool.submit(_first_or_flag, image, settings))
                # Results come back in order; a lookahead of twice the workers keeps them busy
                # while an early page takes its time.
                while len(pending) > 2 * jobs:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()


def iter_ocr_pages(
    images: Iterable[PageImage], jobs: int = 1, settings: OcrSettings | None = None
) -> Iterator[Page]:
    """Like :func:`ocr_pages`, yielding pages in order as batches of them are done."""
    settings = settings or OcrSettings()
    batch: list[_Attempt] = []
    for attempt in _first_readings(images, max(1, jobs), settings):
        batch.append(attempt)
        if len(batch) >= _REREAD_BATCH:
            _reread_all(batch, settings)
            yield from (_finish(a, settings) for a in batch)
            batch = []
    _reread_all(batch, settings)
    yield from (_finish(a, settings) for a in batch)
