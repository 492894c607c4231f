#!/usr/bin/env python3
"""Picture fixtures: a whole report uploaded as one picture, with truth files.

Usage:  python3 scripts/testdata/make_images.py        (needs pdftoppm and img2pdf)

Town offices often publish their report as pictures, and a long screenshot of a web page or of a
PDF reader holds the whole report in one tall picture. Each case renders the pages of a rendered
PDF fixture in grayscale with pdftoppm, stacks them into one tall picture (pure Python on the PGM
pixels) and writes it as PNG, or as JPEG (the stacked PNG wrapped in a one-page PDF by img2pdf and
rendered back by pdftoppm -jpeg). The truth is the source's, with a note prepended.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_scans import read_pgm, write_png  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PDF = REPO / "testdata" / "pdf"
OUT = REPO / "testdata" / "image"

# name: (source pdf, dpi, format, note)
CASES = {
    "long-screenshot-110dpi": ("lo-type1-ruled-pagebreak", 110, "png",
                               "All pages stacked into one tall grayscale PNG at 110 dpi, as a long screenshot; "
                               "no resolution recorded; 表三 continues after the first page's footer."),
    "long-photo-150dpi": ("lo-type1-broken-balance", 150, "jpeg",
                          "All pages stacked into one tall grayscale JPEG at 150 dpi (quality 70); "
                          "the printed arithmetic is broken and must be read as printed."),
}


def pages_of(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(l for l in info.splitlines() if l.startswith("Pages:")).split()[1])


def make(name, source, dpi, fmt, note, tmp):
    src = PDF / f"{source}.pdf"
    width, rows = None, bytearray()
    for p in range(1, pages_of(src) + 1):
        pgm = subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(p), "-l", str(p), str(src)],
                             capture_output=True, check=True).stdout
        w, h, px = read_pgm(pgm)
        assert width in (None, w), f"{src}: pages of different widths"
        width = w
        rows += px
    height = len(rows) // width
    png = Path(tmp) / f"{name}.png"
    write_png(png, width, height, rows)
    if fmt == "png":
        out = OUT / f"{name}.png"
        out.write_bytes(png.read_bytes())
    else:
        wrapped = Path(tmp) / f"{name}.pdf"
        subprocess.run(["img2pdf", "--imgsize", f"{dpi}dpi", "-o", str(wrapped), str(png)], check=True)
        root = Path(tmp) / f"{name}-jpeg"
        # Rendered back at exactly its pixel size, so the JPEG is not resampled.
        subprocess.run(["pdftoppm", "-scale-to-x", str(width), "-scale-to-y", str(height), "-gray", "-jpeg",
                        "-jpegopt", "quality=70", "-singlefile", str(wrapped), str(root)], check=True)
        out = OUT / f"{name}.jpg"
        out.write_bytes(Path(str(root) + ".jpg").read_bytes())
    truth = json.loads((PDF / f"{source}.truth.json").read_text(encoding="utf-8"))
    truth["notes"] = (f"Picture made by scripts/testdata/make_images.py from pdf/{source}.pdf. {note} "
                      + truth["notes"]).strip()
    (OUT / f"{out.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"ok  {out.relative_to(REPO)}: {width}x{height} px, {out.stat().st_size // 1024} KB")


def main(argv):
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, (source, dpi, fmt, note) in CASES.items():
            if argv and name not in argv:
                continue
            make(name, source, dpi, fmt, note, tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
