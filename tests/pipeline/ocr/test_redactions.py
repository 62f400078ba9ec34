"""Woo redaction boxes on page images: found, and what OCR read on them made one mark."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import ink, orientation, tesseract
from pipeline.ocr.page import ocr_page
from pipeline.ocr.raster import PageImage
from pipeline.ocr.redactions import MARK, find_boxes, mark_redactions
from pipeline.records import Word
from samples import scans

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _page() -> tuple[Image.Image, tuple[int, int, int, int]]:
    """An A4 page at 300 dpi: a bold heading, then a sentence with a name blacked out, the ground
    in white on the box."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    regular, bold = ImageFont.truetype(FONT, 42), ImageFont.truetype(BOLD, 50)
    draw.text((100, 60), "Waterveiligheid en Wmo", font=bold, fill=0)
    draw.text((100, 260), "Actie:", font=regular, fill=0)
    box = (250, 250, 470, 312)
    draw.rectangle(box, fill=0)
    draw.text((262, 258), "5.1.2e", font=regular, fill=255)
    draw.text((490, 260), "zegt toe de brief te sturen.", font=regular, fill=0)
    return image, box


def test_a_filled_box_is_found_and_bold_type_is_not() -> None:
    image, box = _page()
    gray = np.asarray(image)
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    found = find_boxes(gray, letter)
    assert len(found) == 1
    assert all(abs(a - b) <= 6 for a, b in zip(found[0], box, strict=True))


def test_bold_words_on_a_grey_row_are_no_box() -> None:
    # A shaded header cell: bold type on grey is as dark as a box to a threshold, but far
    # from black.
    image, box = _page()
    draw = ImageDraw.Draw(image)
    draw.rectangle((1880, 700, 2180, 760), fill=185)
    draw.text((1900, 704), "Gereed", font=ImageFont.truetype(BOLD, 42), fill=20)
    gray = np.asarray(image)
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    found = find_boxes(gray, letter)
    assert len(found) == 1 and abs(found[0][1] - box[1]) <= 6


def test_words_on_a_box_become_one_mark_and_an_empty_box_gets_one() -> None:
    on = [Word("EEN", 60, 70, 100, 110), Word("BEREN", 72, 90, 100, 110)]
    beside = Word("zegt", 100, 120, 100, 110)
    out = mark_redactions([*on, beside], [(58, 98, 92, 112), (300, 98, 360, 112)], page=1)
    assert [w.text for w in out] == [MARK, "zegt", MARK]
    assert (out[0].x0, out[0].x1) == (58, 92)


def test_the_mark_of_an_empty_box_is_as_high_as_the_words_around_it() -> None:
    # A box is taller than the words it hides; a mark of its height would reach into the
    # lines above and below. A box down several lines with no text beside it gets its mark
    # near its top.
    words = [Word("zegt", 100, 120, 100, 110), Word("toe", 122, 140, 100, 110)]
    out = mark_redactions(words, [(300, 96, 360, 116), (400, 120, 440, 200)], page=1)
    marks = [w for w in out if w.text == MARK]
    assert [(m.top, m.bottom) for m in marks] == [(101, 111), (122.5, 132.5)]


def test_a_box_down_several_table_rows_marks_each_line_beside_it() -> None:
    # A Wie column redacted in one box down three rows: each row's owner is redacted, so each
    # line of the actions beside it gets a mark in the box's column.
    actions = [Word(t, 100, 130, top, top + 8) for t, top in (("Bel", 100), ("Mail", 112),
                                                                ("Plan", 140))]
    out = mark_redactions(actions, [(200, 98, 240, 152)], page=1)
    marks = [w for w in out if w.text == MARK]
    assert [(m.x0, m.top) for m in marks] == [(200, 100), (200, 112), (200, 140)]


def test_a_ground_read_on_the_box_is_kept_as_its_mark() -> None:
    out = mark_redactions([Word("5.1.2e", 60, 80, 100, 110)], [(58, 98, 92, 112)], page=1)
    assert [w.text for w in out] == ["5.1.2e"]


def test_text_read_with_confidence_on_a_fill_stays() -> None:
    label = Word("Onderwerp", 60, 90, 100, 110, conf=93.0)
    assert mark_redactions([label], [(58, 98, 92, 112)], page=1) == [label]


@pytest.mark.usefixtures("tesseract_ready")
def test_ocr_gives_no_name_for_a_redaction() -> None:
    image, _ = _page()
    page = ocr_page(PageImage(number=1, image=image, dpi=300))
    by_text = {w.text: w for w in page.words}
    marks = [w for w in page.words if w.text in (MARK, "5.1.2e")]
    assert len(marks) == 1, [w.text for w in page.words]
    mark, before, after = marks[0], by_text["Actie:"], by_text["zegt"]
    # On the line of the sentence, between the words around the box; nothing else read there.
    assert before.x1 <= mark.x0 < mark.x1 <= after.x0
    assert abs(mark.top - after.top) < after.bottom - after.top
    assert [w.text for w in page.words if before.x1 < w.x0 < after.x0] == [mark.text]


def _grey_page() -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """A page of a Woo release as the publication tools make it: redactions filled with one
    grey and the ground in white, a cell redacted down several rows, a shaded table cell with
    black type on it, and a grey band down the page's edge."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    regular, bold = ImageFont.truetype(FONT, 42), ImageFont.truetype(BOLD, 42)
    draw.text((300, 400), "Contact opnemen met", font=regular, fill=0)
    boxes = [(760, 392, 980, 452), (1500, 600, 1700, 1300)]
    for box in boxes:
        draw.rectangle(box, fill=108)
        draw.text((box[0] + 12, box[1] + 8), "5.1.2e", font=regular, fill=255)
    draw.text((1000, 400), "over de studie.", font=regular, fill=0)
    draw.rectangle((300, 1500, 900, 1570), fill=120)
    draw.text((320, 1510), "Actiepunten", font=bold, fill=0)
    draw.rectangle((300, 1800, 550, 1966), fill=108)  # a shaded number cell: "2.3" is no ground
    draw.text((320, 1810), "2.3", font=bold, fill=0)
    draw.rectangle((0, 0, 120, 3508), fill=108)
    return image, boxes


def test_grey_boxes_are_found_and_shaded_cells_and_edge_bands_are_not() -> None:
    image, boxes = _grey_page()
    gray = np.asarray(image)
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    found = sorted(find_boxes(gray, letter))
    assert len(found) == len(boxes), found
    for got, want in zip(found, sorted(boxes), strict=True):
        assert all(abs(a - b) <= 6 for a, b in zip(got, want, strict=True)), (got, want)


def _prose_with_one_grey_box() -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A page of running text at 300 dpi with one small grey box on it, "(5.1.2e)" closing an
    action: the type's blurred edges hold far more grey than the box does."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(FONT, 42)
    for row in range(40):
        draw.text((200, 200 + 70 * row), "De stukken zijn vooraf toegezonden en besproken "
                  "in het overleg van de commissie.", font=regular, fill=0)  # fmt: skip
    draw.text((200, 3100), "A-19: het advies opstellen (", font=regular, fill=0)
    box = (760, 3096, 925, 3150)
    draw.rectangle(box, fill=108)
    draw.text((box[0] + 8, box[1] + 4), "5.1.2e", font=regular, fill=255)
    draw.text((box[2] + 4, 3100), ")", font=regular, fill=0)
    return image, box


@pytest.mark.parametrize("copy", ["scan", "photocopy"])
def test_one_small_grey_box_on_a_page_of_type_is_found_on_a_scan(copy: str) -> None:
    # On a clean render the box's one grey stands out; a scan's noise spreads it over the
    # greys of the type's edges, and a photocopy darkens it and spreads it wider still.
    image, box = _prose_with_one_grey_box()
    if copy == "scan":
        image, scale = scans.scan(image, angle=0.0, seed=3), 1.0
    else:
        image, scale = scans.photocopy(image, from_dpi=300, seed=3), 0.5
    gray = np.asarray(image)
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    found = find_boxes(gray, letter)
    assert len(found) == 1, found
    assert all(abs(a - b * scale) <= 8 for a, b in zip(found[0], box, strict=True)), found


def test_two_grey_boxes_on_touching_lines_stay_two() -> None:
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    draw.text((300, 400), "Voor het overleg", font=ImageFont.truetype(FONT, 42), fill=0)
    draw.rectangle((700, 392, 1400, 450), fill=108)
    draw.rectangle((300, 452, 600, 510), fill=108)  # the next line, touching at a corner
    gray = np.asarray(image)
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    found = sorted(find_boxes(gray, letter))
    assert len(found) == 2, found
    assert abs(found[0][0] - 300) <= 6 and abs(found[1][0] - 700) <= 6


def test_the_paper_of_a_grey_copy_is_no_box() -> None:
    # A photocopy's paper is itself grey, as flat as a fill, and as grey as the darkest fills.
    image = Image.new("L", (2480, 3508), 170)
    draw = ImageDraw.Draw(image)
    draw.rectangle((300, 300, 1200, 600), outline=20, width=4)
    draw.text((320, 320), "Nr", font=ImageFont.truetype(FONT, 42), fill=20)
    draw.rectangle((300, 600, 1200, 900), outline=20, width=4)
    gray = np.asarray(image)
    letter = ink.letter_height(ink.half(orientation.ink_mask(gray)))
    assert find_boxes(gray, letter) == []



def test_a_ground_read_with_its_colon_as_a_letter_is_the_ground_and_its_colon() -> None:
    # "A-16 5.1.2e: de inkoop …": OCR read the colon after the box as "l".
    out = mark_redactions([Word("5.1.2el", 60, 92, 100, 110, conf=70.0)], [(58, 98, 92, 112)],
                          page=1)
    assert [w.text for w in out] == ["5.1.2e:"]


def test_brackets_read_beside_the_box_stay_around_its_mark() -> None:
    # "… in week 47 (5.1.2e)": OCR read the box with its brackets as "(RWB)"; the brackets say
    # the box is the action's owner, also where the ink drew the box up to them.
    for x0, x1 in ((55, 95), (60, 90)):
        out = mark_redactions([Word("(RWB)", x0, x1, 100, 110, conf=31.0)], [(58, 98, 92, 112)],
                              page=1)
        assert [w.text for w in out] == [f"({MARK})"]
    # A lone bracket OCR read on the box itself is noise.
    out = mark_redactions([Word("(RWB", 60, 90, 100, 110, conf=31.0)], [(58, 98, 92, 112)],
                          page=1)
    assert [w.text for w in out] == [MARK]
    # An opening bracket outside the box is the sentence's; the closing one OCR lost with the
    # box's noise when nothing follows on the line, and is still to come when something does.
    box = [(58, 98, 92, 112)]
    out = mark_redactions([Word("(RWB", 55, 90, 100, 110, conf=31.0)], box, page=1)
    assert [w.text for w in out] == [f"({MARK})"]
    out = mark_redactions([Word("(RWB", 55, 90, 100, 110, conf=31.0),
                           Word("en", 96, 106, 100, 110, conf=90.0)], box, page=1)
    assert [w.text for w in out] == [f"({MARK}", "en"]


def test_a_bracket_read_into_the_box_or_apart_from_it_pairs_with_the_other() -> None:
    # "(█)" read as "EEE)", the opening bracket taken into the box's noise; and a box nothing
    # was read on, its closing bracket read as a word of its own.
    box = [(58, 98, 92, 112)]
    out = mark_redactions([Word("week", 20, 50, 100, 110, conf=95.0),
                           Word("EEE)", 60, 95, 100, 110, conf=62.0)], box, page=1)
    assert [w.text for w in out] == ["week", f"({MARK})"]
    out = mark_redactions([Word("week", 20, 50, 100, 110, conf=95.0),
                           Word(")", 94, 97, 100, 110, conf=89.0)], box, page=1)
    assert sorted(w.text for w in out) == [f"({MARK}", ")", "week"]


def test_a_fill_is_a_redaction_when_what_was_read_on_it_is_a_ground() -> None:
    from pipeline.ocr.page import _ground_on

    def tess(text: str, left: int) -> tesseract.TessWord:
        return tesseract.TessWord(text, left, 400, 120, 40, 70.0, (1,), 440.0, 40.0, 5.0)

    box = (420, 392, 560, 452)
    assert _ground_on([tess("A-16", 300), tess("5.1.2el", 430)], box)
    assert not _ground_on([tess("Onderwerp", 430)], box)
    assert not _ground_on([tess("5.1.2e", 700)], box)
