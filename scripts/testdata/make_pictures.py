#!/usr/bin/env python3
"""Reports whose tables are pictures (DOCX and HTML), and small PNGs for the PNG decoder's tests.

Usage (from anywhere; needs chromium, pdftoppm, pdftotext, pdfinfo and the Noto CJK fonts, as render.sh):
    python3 scripts/testdata/make_pictures.py

Writes
  testdata/docx/picture-tables.docx (+ truth): prose in real paragraphs; 表二, 表三 and 表四 are
      pictures (表二 and 表四 grayscale PNG, 表三 grayscale JPEG) of the tables rendered alone;
      a tiny logo picture (48 x 48 PNG) before the title.
  testdata/html/picture-tables.html (+ truth): the same for a web page, pictures as data: URIs
      (表二 and 表三 PNG, 表四 JPEG), plus a tiny logo as a data: URI.
  testdata/picture-unit/: small PNGs and the pixels they must decode to (see its README.md).

Each table is written as a one-table HTML page (the fixtures' print CSS, ruled), printed by Chromium
headless to PDF, rasterised with pdftoppm at 150 dpi in grayscale and cropped to the table with a
small white margin: PNG written here (8-bit gray, each row with the filter libpng's heuristic
would pick), JPEG by pdftoppm -x/-y/-W/-H (quality 75). The pictures are displayed at their 150 dpi
size (DOCX wp:extent, HTML width/height in CSS pixels at 96 per inch). pdftotext of each printed table must hold every figure
of the table, in order. Figures and prose come from generate.py (fixed seed); the truth is what the
pictures print. Rendering is deterministic for a given Chromium, poppler and font set.
"""

import base64
import importlib.util
import io
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

_here = Path(__file__).resolve().parent


def _load(name):
    spec = importlib.util.spec_from_file_location(name, _here / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


G = _load("generate")
M = _load("more_fixtures")

OUT = G.OUT
DPI = 150
UNIT = OUT / "picture-unit"

TABLE_CSS = """
@page { size: 180mm 400mm; margin: 6mm; }
body { margin: 0; }
""" + G.CSS_PRINT % G.NOTO + G.RULED


# ---------------------------------------------------------------------------------------------
# Tables as pictures
# ---------------------------------------------------------------------------------------------

def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, **kw)


def read_pgm(data):
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5", parts[0]
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][: w * h]


def ink_box(w, h, pixels, level=200):
    """The smallest rectangle holding every pixel darker than `level`."""
    rows = [y for y in range(h) if min(pixels[y * w:(y + 1) * w]) < level]
    cols = [x for x in range(w) if min(pixels[x::w]) < level]
    return cols[0], rows[0], cols[-1] + 1, rows[-1] + 1


def print_table(tbl, tmp, stem):
    """One table printed to PDF by Chromium; checks that the PDF holds the table's figures in order."""
    record = []
    page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{TABLE_CSS}</style></head>'
            f"<body>\n{G.html_table(tbl, G.HtmlStyle(), record)}\n</body></html>")
    src = tmp / f"{stem}.html"
    src.write_text(page, encoding="utf-8")
    pdf = tmp / f"{stem}.pdf"
    profile = tempfile.mkdtemp(dir=tmp)
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--no-pdf-header-footer", f"--print-to-pdf={pdf}", src.as_uri()])
    info = run(["pdfinfo", str(pdf)]).stdout.decode()
    assert re.search(r"Pages:\s+1\n", info), f"{stem}: the table does not fit on one page"
    want = [G.parse_printed(c.text) for c in tbl.value_cells()]
    got = G.number_tokens(G.pdf_text(pdf))
    G.compare(f"{stem}.pdf", got, want)
    return pdf


def picture(tbl, tmp, stem, kind):
    """The table as a 150 dpi grayscale picture cropped to its ink: (bytes, width, height)."""
    pdf = print_table(tbl, tmp, stem)
    w, h, px = read_pgm(run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1", str(pdf)]).stdout)
    x0, y0, x1, y1 = ink_box(w, h, px)
    margin = 12
    x0, y0 = max(0, x0 - margin), max(0, y0 - margin)
    x1, y1 = min(w, x1 + margin), min(h, y1 + margin)
    if kind == "png":
        rows = [bytes(px[y * w + x0:y * w + x1]) for y in range(y0, y1)]
        return encode_png(x1 - x0, y1 - y0, 0, 8, rows=rows, adaptive=True), x1 - x0, y1 - y0
    root = tmp / f"{stem}-crop"
    run(["pdftoppm", "-r", str(DPI), "-gray", "-jpeg", "-jpegopt", "quality=75", "-x", str(x0), "-y", str(y0),
         "-W", str(x1 - x0), "-H", str(y1 - y0), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(root)])
    data = Path(str(root) + ".jpg").read_bytes()
    return data, x1 - x0, y1 - y0


def logo_png(size=48):
    """A small seal-like logo (ring and dot): a picture that must be skipped without OCR."""
    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray()
        for x in range(size):
            d = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
            row.append(90 if size * 0.36 <= d <= size * 0.46 or d < size * 0.12 else 255)
        rows.append(bytes(row))
    return encode_png(size, size, 0, 8, rows)


# ---------------------------------------------------------------------------------------------
# A small PNG encoder (for the logo and the decoder's unit pictures)
# ---------------------------------------------------------------------------------------------

def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _filter_line(row, prev, bpp, ft):
    line = bytearray()
    for k, v in enumerate(row):
        a = row[k - bpp] if k >= bpp else 0
        b = prev[k]
        c = prev[k - bpp] if k >= bpp else 0
        pred = (0, a, b, (a + b) // 2, _paeth(a, b, c))[ft]
        line.append((v - pred) & 0xFF)
    return line


def _filter_rows(rows, bpp, first_filter=0, adaptive=False):
    """Scanlines filtered with type (row + first_filter) % 5, so all five types occur; or, adaptive,
    each with the type whose output has the least sum of absolute values (libpng's heuristic)."""
    out = bytearray()
    prev = bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        if adaptive:
            if not any(row) and not any(prev) or row == prev:
                ft, line = 2, bytearray(len(row))
            else:
                ft, line = min(((t, _filter_line(row, prev, bpp, t)) for t in range(5)),
                               key=lambda c: sum(v if v < 128 else 256 - v for v in c[1]))
        else:
            ft = (i + first_filter) % 5
            line = _filter_line(row, prev, bpp, ft)
        out += bytes([ft]) + line
        prev = row
    return bytes(out)


def _pack(samples, depth):
    """Samples (ints) of one row into bytes at `depth` bits per sample (big-endian, MSB first)."""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out = bytearray()
    per = 8 // depth
    for i in range(0, len(samples), per):
        byte = 0
        group = samples[i:i + per]
        for j, s in enumerate(group):
            byte |= s << (8 - depth * (j + 1))
        out.append(byte)
    return bytes(out)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def encode_png(w, h, color_type, depth, rows=None, samples=None, palette=None, trns=None, interlace=False, phys=None,
               adaptive=False):
    """rows: packed scanlines (non-interlaced); or samples[y][x] = tuple of channel values."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bpp = max(1, channels * depth // 8)
    if samples is not None:
        def pack_row(ys, xs):
            return _pack([v for x in xs for v in samples[ys][x]], depth)
        if interlace:
            data = b""
            for p, (x0, y0, dx, dy) in enumerate(ADAM7):
                xs = list(range(x0, w, dx))
                ys = list(range(y0, h, dy))
                if xs and ys:
                    data += _filter_rows([pack_row(y, xs) for y in ys], bpp, p)
        else:
            data = _filter_rows([pack_row(y, range(w)) for y in range(h)], bpp)
    else:
        data = _filter_rows(rows, bpp, adaptive=adaptive)
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 1 if interlace else 0)
    body = _chunk(b"IHDR", ihdr)
    if phys:
        body += _chunk(b"pHYs", struct.pack(">IIB", phys, phys, 1))
    if palette:
        body += _chunk(b"PLTE", b"".join(bytes(c) for c in palette))
    if trns is not None:
        body += _chunk(b"tRNS", trns)
    # Two IDAT chunks: a decoder must join them.
    z = zlib.compress(data, 9)
    half = len(z) // 2
    body += _chunk(b"IDAT", z[:half]) + _chunk(b"IDAT", z[half:]) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def pgm(w, h, gray):
    return f"P5\n{w} {h}\n255\n".encode() + bytes(gray)


def luma(r, g, b):
    """The gray the decoder must give for an RGB pixel (as GrayImage.FromPnm converts PPM)."""
    return (r * 299 + g * 587 + b * 114) // 1000


def over_white(v, a):
    """A pixel of alpha `a` composited over white paper."""
    return (v * a + 255 * (255 - a) + 127) // 255


def unit_pictures(tmp, table_pdf):
    """Synthetic PNGs covering colour types, bit depths, filters, tRNS and Adam7, each with the
    gray pixels it must decode to; and a crop of a rendered table as pdftoppm writes PNG, with
    pdftoppm's own PGM/PPM of the same crop."""
    UNIT.mkdir(parents=True, exist_ok=True)
    w, h = 37, 23
    files = {}

    def rgb(x, y):
        return ((x * 7 + y * 3) % 256, (x * 2 + y * 11 + 40) % 256, (255 - x * 5 - y * 4) % 256)

    gray8 = [[((x * 13 + y * 17) % 256,) for x in range(w)] for y in range(h)]
    files["gray8"] = (encode_png(w, h, 0, 8, samples=gray8, phys=5906), [s[0] for row in gray8 for s in row])
    files["gray8-adam7"] = (encode_png(w, h, 0, 8, samples=gray8, interlace=True), files["gray8"][1])
    gray16 = [[((x * 1901 + y * 977) % 65536,) for x in range(w)] for y in range(h)]
    files["gray16"] = (encode_png(w, h, 0, 16, samples=gray16), [s[0] >> 8 for row in gray16 for s in row])
    for depth in (1, 2, 4):
        top = (1 << depth) - 1
        g = [[((x + 2 * y) % (top + 1),) for x in range(w)] for y in range(h)]
        files[f"gray{depth}"] = (encode_png(w, h, 0, depth, samples=g), [s[0] * 255 // top for row in g for s in row])
    rgb8 = [[rgb(x, y) for x in range(w)] for y in range(h)]
    files["rgb8"] = (encode_png(w, h, 2, 8, samples=rgb8), [luma(*s) for row in rgb8 for s in row])
    rgba8 = [[rgb(x, y) + ((x * 9 + y * 5) % 256,) for x in range(w)] for y in range(h)]
    files["rgba8-adam7"] = (encode_png(w, h, 6, 8, samples=rgba8, interlace=True),
                            [over_white(luma(*s[:3]), s[3]) for row in rgba8 for s in row])
    ga8 = [[((x * 3 + y * 8) % 256, (x * 11 + y) % 256) for x in range(w)] for y in range(h)]
    files["graya8"] = (encode_png(w, h, 4, 8, samples=ga8), [over_white(v, a) for row in ga8 for v, a in row])
    palette = [rgb(i * 9, i * 5) for i in range(16)]
    alpha = bytes([255 - i * 16 for i in range(12)])  # tRNS for the first 12 entries; the rest opaque
    idx = [[((x + y * 3) % 16,) for x in range(w)] for y in range(h)]

    def pal_gray(i):
        a = alpha[i] if i < len(alpha) else 255
        return over_white(luma(*palette[i]), a)

    files["palette4"] = (encode_png(w, h, 3, 4, samples=idx, palette=palette, trns=alpha),
                         [pal_gray(s[0]) for row in idx for s in row])
    for name, (png, gray) in files.items():
        (UNIT / f"{name}.png").write_bytes(png)
        (UNIT / f"{name}.pgm").write_bytes(pgm(w, h, gray))
    # A crop of a rendered table (its top left corner: rules, a label, a figure) as pdftoppm writes PNG
    # through libpng (RGB, adaptive filters), and pdftoppm's PPM of the same pixels.
    w, h, px = read_pgm(run(["pdftoppm", "-r", str(DPI), "-gray", "-f", "1", "-l", "1", str(table_pdf)]).stdout)
    x0, y0, _, _ = ink_box(w, h, px)
    crop = ["-x", str(x0 - 4), "-y", str(y0 - 4), "-W", "220", "-H", "120", "-f", "1", "-l", "1", "-singlefile"]
    run(["pdftoppm", "-r", str(DPI), "-png", *crop, str(table_pdf), str(UNIT / "table-crop-rgb")])
    run(["pdftoppm", "-r", str(DPI), *crop, str(table_pdf), str(UNIT / "table-crop-rgb")])
    print(f"ok  {UNIT.relative_to(G.REPO)}: {len(files)} synthetic PNGs and a table crop")


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------

def emu(pixels):
    return round(pixels / DPI * 914400)


def docx_picture_para(rid, pid, name, w, h):
    cx, cy = emu(w), emu(h)
    pic = ('<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
           f'<pic:nvPicPr><pic:cNvPr id="{pid}" name="{escape(name)}"/><pic:cNvPicPr/></pic:nvPicPr>'
           f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
           f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>')
    return ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{pid}" name="{escape(name)}"/><a:graphic>'
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">{pic}</a:graphicData>'
            "</a:graphic></wp:inline></w:drawing></w:r></w:p>")


def docx_with_media(body, media):
    """A DOCX package: document body plus pictures [(file name, bytes)] as word/media parts."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {M.W_NS}><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" '
                'w:left="1080" w:header="720" w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>')
    types = M.CONTENT_TYPES.replace(
        '<Default Extension="xml" ContentType="application/xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>\n'
        '<Default Extension="png" ContentType="image/png"/>\n<Default Extension="jpeg" ContentType="image/jpeg"/>')
    rels = M.DOC_RELS.replace("</Relationships>", "".join(
        f'<Relationship Id="rIdImg{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
        f'Target="media/{name}"/>' for i, (name, _) in enumerate(media)) + "</Relationships>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        parts = [("[Content_Types].xml", types), ("_rels/.rels", M.ROOT_RELS), ("word/document.xml", document),
                 ("word/_rels/document.xml.rels", rels), ("word/styles.xml", M.STYLES)]
        parts += [(f"word/media/{name}", data) for name, data in media]
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            # Pictures are stored (already compressed), XML deflated.
            info.compress_type = zipfile.ZIP_STORED if name.startswith("word/media/") else zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def case_docx(tmp):
    name = "picture-tables"
    rng = G.rng_for(f"docx/{name}")
    f = G.gen_figures(rng, scale=1.3)
    doc = G.Doc(name, "桐柏县商务局", 2023, f, self_ref="我局")
    doc.printer = G.Printer()
    blks = G.blocks(doc, rng)
    kinds = {"t2": "png", "t3": "jpeg", "t4": "png"}
    media = [("image1.png", logo_png())]
    body = [docx_picture_para("rIdImg1", 1, "logo", 48, 48)]
    sizes = []
    for kind, payload in blks:
        if kind == "title":
            body.append(M.para(payload, "Title"))
        elif kind == "h":
            body.append(M.para(payload, "Heading1"))
        elif kind == "p":
            body.append(M.para(payload))
        elif kind == "sign":
            body += [M.para(s) for s in payload]
        elif kind == "table":
            fmt = kinds[payload.name]
            data, w, h = picture(payload, tmp, f"docx-{payload.name}", fmt)
            file = f"image{len(media) + 1}.{fmt}"
            media.append((file, data))
            body.append(docx_picture_para(f"rIdImg{len(media)}", len(media), TABLE_NAMES[payload.name], w, h))
            sizes.append(f"{TABLE_NAMES[payload.name]} {fmt.upper()} {w}x{h} px")
    doc.notes.append("DOCX written as WordprocessingML (scripts/testdata/make_pictures.py) whose tables are PICTURES: "
                     "表二, 表三 and 表四 rendered alone by Chromium and rasterised by pdftoppm at 150 dpi in grayscale ("
                     + ", ".join(sizes) + "), displayed at that size; prose, headings and signature are real paragraphs; "
                     "a 48x48 logo picture before the title (skipped: too small to hold a table). The figures are read "
                     "by OCR only (flag ocr). Consistent arithmetic.")
    return f"docx/{name}.docx", docx_with_media("".join(body), media), G.truth_json(doc)


def case_html(tmp):
    name = "picture-tables"
    rng = G.rng_for(f"html/{name}")
    f = G.gen_figures(rng, scale=0.9)
    doc = G.Doc(name, "临湘市退役军人事务局", 2024, f, self_ref="我局")
    doc.printer = G.Printer()
    blks = G.blocks(doc, rng)
    kinds = {"t2": "png", "t3": "png", "t4": "jpeg"}
    out = [("raw", '<p><img src="data:image/png;base64,' + base64.b64encode(logo_png()).decode() +
            '" width="48" height="48" alt="logo"></p>')]
    sizes = []
    for kind, payload in blks:
        if kind != "table":
            out.append((kind, payload))
            continue
        fmt = kinds[payload.name]
        data, w, h = picture(payload, tmp, f"html-{payload.name}", fmt)
        uri = f"data:image/{fmt};base64," + base64.b64encode(data).decode()
        css_w, css_h = round(w * 96 / DPI), round(h * 96 / DPI)
        out.append(("raw", f'<p class="table-picture"><img src="{uri}" width="{css_w}" height="{css_h}" '
                           f'alt="{TABLE_NAMES[payload.name]}"></p>'))
        sizes.append(f"{TABLE_NAMES[payload.name]} {fmt.upper()} {w}x{h} px")
    css = G.CSS_PRINT % G.NOTO
    text, _ = G.html_doc(out, G.HtmlStyle(), css=css, title_tag=doc.title)
    doc.notes.append("HTML page whose tables are PICTURES in data: URIs (scripts/testdata/make_pictures.py): 表二, 表三 "
                     "and 表四 rendered alone by Chromium and rasterised by pdftoppm at 150 dpi in grayscale ("
                     + ", ".join(sizes) + "), shown at that size (width/height in CSS pixels); no <table> at all; a "
                     "48x48 logo data: URI before the title (skipped: too small). The figures are read by OCR only "
                     "(flag ocr). Consistent arithmetic.")
    return f"html/{name}.html", text.encode("utf-8"), G.truth_json(doc)


def main(argv):
    for tool in ("chromium", "pdftoppm", "pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed (see scripts/testdata/render.sh for the packages)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for rel, data, truth in (case_docx(tmp), case_html(tmp)):
            path = OUT / rel
            path.write_bytes(data)
            path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json").write_text(truth, encoding="utf-8")
            print(f"ok  {rel} ({len(data) // 1024} KB)")
        unit_pictures(tmp, tmp / "docx-t4.pdf")


if __name__ == "__main__":
    main(sys.argv[1:])
