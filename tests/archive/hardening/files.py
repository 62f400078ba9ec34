"""Hostile and damaged files for the hardening tests, each made by code in the test run."""

from __future__ import annotations

from pathlib import Path

from samples.render import ItemRow, MinutesSpec, ThemeRow, render_minutes


def payload_minutes(path: Path, cells: list[tuple[str, str]], title: str = "Verslag") -> Path:
    """A born-digital minutes PDF whose items (number 1.1, 1.2 …) hold the given (entry
    column, toelichting) cells as written."""
    rows: list = [ThemeRow("Thema")]
    rows += [ItemRow(f"1.{n}", list(cell)) for n, cell in enumerate(cells, start=1)]
    spec = MinutesSpec(
        body="Regionaal Beleidsteam", title=title, date_line="Datum: 7 april 2022", rows=rows
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    return render_minutes(spec, path)


# --- raw PDFs, object by object ---------------------------------------------------------------


def raw_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF of the given object bodies, numbered from 1 (1 is the catalog), with a correct
    cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def stream(data: bytes, entries: bytes = b"") -> bytes:
    """A stream object's body."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def _text_page(content: bytes, font: bytes, extra: tuple[bytes, ...] = ()) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        font,
        stream(content),
        *extra,
    ]


# Code → the character a ToUnicode map makes of it: 0x80 is ESC, 0x81 BEL.
CONTROL_CODES = {0x80: 0x1B, 0x81: 0x07}


def escape_text_pdf(path: Path, lines: list[bytes]) -> Path:
    """A one-page letter whose text layer, read through its ToUnicode map, holds control
    characters: in `lines`, byte 0x80 reads as ESC and 0x81 as BEL, any other byte as itself.
    So `b"\\x80[2J"` is "clear the screen" to whoever prints the text raw."""
    ranges = b"<20> <7e> <0020>\n"
    singles = b"".join(b"<%02x> <%04x>\n" % pair for pair in CONTROL_CODES.items())
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CMapName /Controls def /CMapType 2 def\n"
        b"1 begincodespacerange <00> <ff> endcodespacerange\n"
        b"1 beginbfrange\n" + ranges + b"endbfrange\n"
        b"%d beginbfchar\n" % len(CONTROL_CODES) + singles + b"endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    body = b"BT /F1 11 Tf 72 780 Td 14 TL\n"
    for line in lines:
        escaped = line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        body += b"(" + escaped + b") Tj T*\n"
    body += b"ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return raw_pdf(path, _text_page(body, font, (stream(cmap),)))


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
)
_CONTENT = stream(b"BT /F1 12 Tf 72 770 Td (Verslag van het overleg) Tj ET")


def page_tree_loop_pdf(path: Path) -> Path:
    """A PDF whose page tree holds itself: /Pages lists its own object among its kids."""
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            _PAGE,
            _FONT,
            _CONTENT,
        ],
    )


def parser_error_pdf(path: Path) -> Path:
    """A PDF that PDFium and qpdf refuse (its page tree is an array) and on which pdfplumber's
    parser raises its own error (a page dictionary with a key and no value)."""
    return raw_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"[1 2 3]",
            _PAGE[:-2] + b" /Odd >>",
            _FONT,
            _CONTENT,
        ],
    )


# --- memory bombs -----------------------------------------------------------------------------


def nested_forms_pdf(path: Path, depth: int = 7, fanout: int = 10) -> Path:
    """A few kilobytes that draw `fanout ** depth` glyphs: each form XObject draws the next
    one `fanout` times (the 3.4 KB file that took a worker to 23 GB)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /X0 6 0 R >> /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        _FONT,
        stream(b"BT /F1 12 Tf 72 770 Td (Verslag) Tj ET q 0.5 0 0 0.5 0 0 cm /X0 Do Q"),
    ]
    for level in range(depth):
        number = 6 + level
        if level < depth - 1:
            draw = b" ".join(b"q 1 0 0 1 %d 0 cm /X Do Q" % n for n in range(fanout))
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1)
        else:
            draw = b"BT /F1 8 Tf 10 10 Td (Besluit: ja) Tj ET"
            resources = b"/Resources << /Font << /F1 4 0 R >> >>"
        entries = b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] " + resources + b" "
        objects.append(stream(draw, entries))
    return raw_pdf(path, objects)


def flate_bomb_pdf(path: Path, mib: int = 1024) -> Path:
    """A page whose content stream is about 1 MB of Flate that inflates to `mib` MiB.

    Made without compressing `mib` MiB: one block of blanks, compressed with a full flush (so
    it refers to nothing before it), is repeated; a deflate stream may hold any number of them.
    """
    import zlib

    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = block.compress(b" " * (1 << 20)) + block.flush(zlib.Z_FULL_FLUSH)
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = head.compress(b"BT /F1 12 Tf 72 770 Td (Verslag) Tj ET\n") + head.flush(
        zlib.Z_FULL_FLUSH
    )
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    data = b"\x78\x9c" + start + chunk * mib + tail + b"\x00\x00\x00\x00"  # adler32 not kept
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        _PAGE,
        _FONT,
        stream(data, b"/Filter /FlateDecode "),
    ]
    return raw_pdf(path, objects)


def scanned_pdf(path: Path, lines: list[str], pages: int = 1) -> Path:
    """A PDF of page images (300 dpi, A4) with no text layer: every page needs OCR."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 42)
    except OSError:
        font = ImageFont.load_default()
    images = []
    for _ in range(pages):
        image = Image.new("L", (2480, 3508), 255)
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(lines):
            draw.text((200, 300 + 80 * n), line, fill=0, font=font)
        images.append(image)
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "PDF", resolution=300, save_all=True, append_images=images[1:])
    return path
