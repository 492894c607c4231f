#!/usr/bin/env python3
"""Scanned-PDF fixtures: image-only PDFs made from the rendered PDF fixtures, with truth files.

Usage:  python3 scripts/testdata/make_scans.py        (needs pdftoppm and img2pdf)

Each page of a source PDF is rasterised in grayscale with pdftoppm; some pages are then rotated
slightly or get a stamp-like overlay (done here in pure Python on the PGM pixels, so nothing but the
standard library is needed), and the images are wrapped into an image-only PDF with img2pdf:
JPEG for plain pages (small), 8-bit grayscale PNG for edited ones. The PDFs have no text layer at
all, as a scanner's output. The truth is the source's, with a note prepended.

A source named `html:NAME` is an HTML fixture with ruled tables that has no PDF fixture of its own:
it is first rendered to a temporary PDF by LibreOffice Writer (Noto Serif CJK), as render.sh does.
"""

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PDF = REPO / "testdata" / "pdf"
OUT = REPO / "testdata" / "scan"

# name: (source pdf, dpi, edit, note)
CASES = {
    "scan-ruled-150dpi": ("lo-type1-ruled-pagebreak", 150, None,
                          "Scan at 150 dpi, grayscale JPEG, no text layer; 表三 crosses a page break."),
    "scan-ruled-300dpi": ("lo-type1-broken-balance", 300, None,
                          "Scan at 300 dpi, grayscale JPEG, no text layer; the printed arithmetic is broken "
                          "(balance:natural, balance:total) and must be read as printed."),
    "scan-rotated-150dpi": ("lo-type1-ruled-pagebreak", 150, "rotate",
                            "Scan at 150 dpi, every page rotated by 0.8 degrees (as fed askew), grayscale PNG."),
    "scan-stamp-150dpi": ("chromium-type3-landscape-blank-cells", 150, "stamp",
                          "Scan at 150 dpi of the landscape Chromium print (blank cells), with a grey ring-shaped "
                          "'stamp' (an official seal) over the lower right of every page, grayscale PNG."),
    "scan-ruled-200dpi": ("lo-type1-ruled-pagebreak", 200, None,
                          "Scan at 200 dpi, grayscale JPEG, no text layer; chi_sim reads 表二's label 行政处罚 "
                          "as 行政处加 here, and the row went missing."),
    "scan-thousands-150dpi": ("html:fullwidth-digits-thousands", 150, None,
                              "Scan at 150 dpi, grayscale JPEG, of the ruled LibreOffice rendering of "
                              "html/fullwidth-digits-thousands.html: figures with thousands separators "
                              "(28,750; 3,998; 1,024.50), which a digits recogniser without the comma read as "
                              "28.750."),
}


def read_pgm(data):
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5", parts[0]
    w, h, maxval = int(parts[1]), int(parts[2]), int(parts[3])
    assert maxval == 255
    pixels = bytearray(parts[4][: w * h])
    return w, h, pixels


def write_png(path, w, h, pixels):
    raw = b"".join(b"\x00" + bytes(pixels[y * w:(y + 1) * w]) for y in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    Path(path).write_bytes(png)


def rotate(w, h, pixels, degrees):
    """Nearest-neighbour rotation about the centre; uncovered corners become white paper."""
    a = math.radians(degrees)
    ca, sa = math.cos(a), math.sin(a)
    cx, cy = w / 2, h / 2
    out = bytearray(b"\xff" * (w * h))
    for y in range(h):
        dy = y - cy
        bx = cx - dy * sa
        by = cy + dy * ca
        row = y * w
        for x in range(w):
            dx = x - cx
            sx = int(bx + dx * ca)
            sy = int(by + dx * sa)
            if 0 <= sx < w and 0 <= sy < h:
                out[row + x] = pixels[sy * w + sx]
    return out


def stamp(w, h, pixels, dpi):
    """A seal-like ring (double circle with a star) darkening what lies beneath, as a red stamp scans grey."""
    r_out = int(0.8 * dpi)
    cx, cy = w - int(2.2 * dpi), h - int(2.0 * dpi)
    ring = max(2, dpi // 40)
    for y in range(max(0, cy - r_out), min(h, cy + r_out + 1)):
        for x in range(max(0, cx - r_out), min(w, cx + r_out + 1)):
            d = math.hypot(x - cx, y - cy)
            ang = math.atan2(y - cy, x - cx)
            star = d < r_out * 0.3 * (0.55 + 0.45 * math.cos(5 * ang))
            if r_out - ring <= d <= r_out or r_out * 0.86 - ring / 2 <= d <= r_out * 0.86 or star:
                i = y * w + x
                pixels[i] = min(pixels[i], 120)
            elif d < r_out:
                i = y * w + x
                pixels[i] = int(pixels[i] * 0.93)
    return pixels


def render_html(name, tmp):
    """The ruled HTML fixture NAME rendered to a PDF by LibreOffice Writer (a writable HOME for its profile)."""
    html = REPO / "testdata" / "html" / f"{name}.html"
    out = Path(tmp) / "lo"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    env = dict(os.environ, HOME=str(Path(tmp) / "home"))
    subprocess.run(["soffice", "--headless", "--norestore", "--infilter=HTML (StarWriter)", "--convert-to",
                    "pdf:writer_pdf_Export", "--outdir", str(out), str(html)], check=True, capture_output=True, env=env)
    return out / f"{name}.pdf", html.with_suffix("").with_suffix(".truth.json"), f"html/{name}.html (rendered by LibreOffice)"


def make(name, source, dpi, edit, note, tmp):
    if source.startswith("html:"):
        src, truth_file, origin = render_html(source[5:], tmp)
    else:
        src, truth_file, origin = PDF / f"{source}.pdf", PDF / f"{source}.truth.json", f"pdf/{source}.pdf"
    pages = int(next(l for l in subprocess.run(["pdfinfo", str(src)], capture_output=True, text=True, check=True)
                     .stdout.splitlines() if l.startswith("Pages:")).split()[1])
    images = []
    for p in range(1, pages + 1):
        if edit is None:
            root = Path(tmp) / f"{name}-{p}"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-jpeg", "-jpegopt", "quality=60",
                            "-f", str(p), "-l", str(p), "-singlefile", str(src), str(root)], check=True)
            images.append(str(root) + ".jpg")
            continue
        pgm = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(p), "-l", str(p), str(src)],
                             capture_output=True, check=True).stdout
        w, h, px = read_pgm(pgm)
        px = rotate(w, h, px, 0.8) if edit == "rotate" else stamp(w, h, px, dpi)
        path = Path(tmp) / f"{name}-{p}.png"
        write_png(path, w, h, px)
        images.append(str(path))
    out = OUT / f"{name}.pdf"
    landscape = "landscape" in source
    subprocess.run(["img2pdf", "--pagesize", "A4^T" if landscape else "A4", "-o", str(out)] + images, check=True)
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    truth["notes"] = (f"Image-only PDF made by scripts/testdata/make_scans.py from {origin}. {note} "
                      + truth["notes"]).strip()
    (OUT / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert text.strip() == "", f"{out}: has a text layer"
    print(f"ok  {out.relative_to(REPO)}: {pages} pages, {out.stat().st_size // 1024} KB, no text layer")


def main(argv):
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (source, dpi, edit, note) in CASES.items():
            if argv and name not in argv:
                continue
            make(name, source, dpi, edit, note, tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
