#!/usr/bin/env python3
"""Borderless PDF fixtures: existing HTML fixtures re-rendered with the table rules taken away.

    python3 scripts/testdata/make_borderless.py          # writes testdata/pdf/borderless-*.pdf (+ truth)

Each variant starts from one generated HTML fixture (its figures and truth unchanged), rewrites its
style sheet and table attributes so the tables print either with no rules at all (`none`) or with
horizontal rules only (`hrules`: a rule under each row, no vertical ones), sets a font, shortens
the filler prose (paragraphs without a figure, so the embedded font subsets stay small), and
renders it with LibreOffice Writer (Type 1 fonts from Noto) or Chromium headless (Type 3). Every
PDF is checked as render.sh checks its PDFs (`generate.py --check-pdf`: every number of the
source's tables present, in order), must have no ruling segment at all (`none`) or no vertical one
(`hrules`), and its truth file is the source's with a note prepended.

Needs soffice, chromium, poppler-utils and fonts-noto-cjk (render.sh installs them).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
T = ROOT / "testdata"
GEN = [sys.executable, str(ROOT / "scripts" / "testdata" / "generate.py")]

# name, source html, route, rules, cell alignment, font family, what it exercises
VARIANTS = [
    ("borderless-lo-sans-clean", "clean-template", "lo", "none", "center", "Noto Sans CJK SC",
     "no rules at all; 表二 as one table of four small tables (one figure per row for （五）（六）（八）)"),
    ("borderless-lo-serif-hrules-collapsed", "collapsed-other-processing", "lo", "hrules", "center", "Noto Serif CJK SC",
     "horizontal rules only; （六）其他处理 as one row"),
    ("borderless-lo-mono-broken-row", "broken-row-total", "lo", "none", "center", "Noto Sans Mono CJK SC",
     "no rules, monospaced CJK font; broken row total (row:granted, results:total fail)"),
    ("borderless-lo-serif-hrules-left-table3-split", "table3-split", "lo", "hrules", "left", "Noto Serif CJK SC",
     "horizontal rules only, left-aligned cells; 表三 as two tables, the second without header; wrapped labels of "
     "（六）其他处理 end 0.27 em before their 自然人 figure (as close as autospace in prose)"),
    ("borderless-lo-sans-left-variants", "label-variants", "lo", "none", "left", "Noto Sans CJK SC",
     "no rules, cells left-aligned with 1px padding: labels that fill their cell come within a few points of "
     "the first figure, parent labels (（三）不予公开) within a few points of the child label; label variants and typos"),
    ("borderless-lo-sans-left-blank-cells", "blank-cells", "lo", "none", "left", "Noto Sans CJK SC",
     "no rules, left-aligned cells, blank cells printed empty, /, —, 无; 表二's （八） table is cut by the page break "
     "(its header at the foot of page 1, its row at the head of page 2)"),
    ("borderless-chromium-sans-left-blank-cells", "blank-cells", "chrome", "none", "left", "Noto Sans CJK SC",
     "no rules, A4 landscape, left-aligned cells, blank cells printed empty, /, —, 无; 表三 continues on page 2 "
     "with a row whose first cell is empty below a '/'"),
    ("borderless-chromium-serif-hrules-thousands", "fullwidth-digits-thousands", "chrome", "hrules", "center", "Noto Serif CJK SC",
     "horizontal rules only; 1,234 thousands separators and full-width digits"),
]

ALIGN_CSS = {
    "center": "",
    "left": "td, th { text-align: left !important; padding: 0 1px !important; }",
}

RULES_CSS = {
    "none": "td, th { border: none; padding: 2px 3px; }",
    "hrules": "td, th { border: none; border-bottom: 0.75pt solid #000; padding: 2px 3px; }",
}


def shorten_prose(text):
    """Keep only the paragraphs that state application counts (the prose check) and the signature: the
    rest is filler that only inflates the embedded font subsets."""
    def keep(m):
        body = m.group(0)
        return body if re.search(r"申请\D{0,12}\d", body) or 'class="sign"' in body else ""
    return re.sub(r"<p(?: [^>]*)?>.*?</p>\n?", keep, text, flags=re.S)


def rewrite(src_html, rules, align, font):
    text = src_html
    # every border declaration in the sheet and in style attributes goes; the variant's rule set comes last
    text = re.sub(r"border(-[a-z]+)*\s*:[^;}\"]*;?", "", text)
    text = re.sub(r'border="\d+"', 'border="0"', text)
    text = re.sub(r'font-family:[^;}"]*', f'font-family: "{font}"', text)
    if rules == "hrules":
        # LibreOffice's HTML import takes cell borders from style attributes, not from the sheet
        text = re.sub(r"<(td|th)\b", r'<\1 style="border-bottom: 0.75pt solid #000"', text)
    text = text.replace("</style>", RULES_CSS[rules] + "\n" + ALIGN_CSS[align] + "\n</style>", 1)
    return shorten_prose(text)


def lo(src, out, work):
    outdir = work / "lo"
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir()
    env = dict(os.environ, HOME=str(work / "home"))
    subprocess.run(["soffice", "--headless", "--norestore", "--infilter=HTML (StarWriter)",
                    "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, env=env)
    shutil.move(outdir / (src.stem + ".pdf"), out)


def chrome(src, out, work):
    profile = tempfile.mkdtemp(dir=work)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                    "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()],
                   check=True, capture_output=True)


# the page breaks a variant is about: (text before the break, text after it)
BREAKS = {
    "borderless-lo-sans-left-blank-cells": ("本年收费金额", "行政事业性收费"),
    "borderless-chromium-sans-left-blank-cells": ("2.其他法律行政法规禁止公开", "3.危及"),
}


def page_of(pdf, needle):
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True).stdout.decode().split("\f")
    return next(i + 1 for i, t in enumerate(pages) if needle in t)


def vertical_and_horizontal_rules(pdf):
    """Counts of straight vertical / horizontal strokes or thin filled bars drawn on the pages (pdftocairo -svg)."""
    svg = subprocess.run(["pdftocairo", "-svg", str(pdf), "-"], check=True, capture_output=True).stdout.decode()
    svg = re.sub(r"<defs>.*?</defs>", "", svg, flags=re.S)  # glyph outlines
    v = h = 0
    for d in re.findall(r'<path[^>]*?d="([^"]+)"', svg):
        pts = [tuple(map(float, p)) for p in re.findall(r"(-?[\d.]+) (-?[\d.]+)", d)]
        if len(pts) < 2 or len(pts) > 5 or "C" in d:
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        w, ht = max(xs) - min(xs), max(ys) - min(ys)
        if ht >= 5 and w <= 2:
            v += 1
        elif w >= 5 and ht <= 2:
            h += 1
    return v, h


def main():
    work = Path(tempfile.mkdtemp())
    (work / "home").mkdir()
    try:
        for name, source, route, rules, align, font, what in VARIANTS:
            src = T / "html" / f"{source}.html"
            tmp = work / f"{name}.html"
            tmp.write_text(rewrite(src.read_text(encoding="utf-8"), rules, align, font), encoding="utf-8")
            out = T / "pdf" / f"{name}.pdf"
            (lo if route == "lo" else chrome)(tmp, out, work)
            subprocess.run(GEN + ["--check-pdf", str(out), str(src)], check=True)
            v, h = vertical_and_horizontal_rules(out)
            assert v == 0, f"{out}: {v} vertical rules drawn"
            assert (h == 0) == (rules == "none"), f"{out}: {h} horizontal rules drawn, expected rules {rules}"
            if name in BREAKS:
                a, b = BREAKS[name]
                assert page_of(out, a) + 1 == page_of(out, b), f"{out}: no page break between {a} and {b}"
            producer = "LibreOffice Writer" if route == "lo" else "Chromium headless"
            note = (f"PDF rendered by {producer} from html/{source}.html by scripts/testdata/make_borderless.py "
                    f"({font}; tables with {'no rules' if rules == 'none' else 'horizontal rules only'}, cells {align}-aligned; filler prose "
                    f"without figures dropped): {what}.")
            subprocess.run(GEN + ["--copy-truth", str(T / "html" / f"{source}.truth.json"),
                                  str(out.with_suffix("").with_suffix(".truth.json")), note], check=True)
            print(f"ok  {out.relative_to(ROOT)}: {out.stat().st_size // 1024} KB, rules {rules} ({h} horizontal)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
