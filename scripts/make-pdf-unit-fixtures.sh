#!/usr/bin/env bash
# Makes the small PDFs under testdata/pdf-unit/ that the PDF reader's unit tests read.
# Needs: chromium, soffice (LibreOffice Writer), poppler-utils (pdftocairo, pdftoppm), qpdf, img2pdf,
# python3, fonts-noto-cjk and fonts-arphic-uming. Run from anywhere; the output is deterministic
# enough for tests (they check text and figures, not bytes).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
src="$repo/scripts/pdf-unit"
out="$repo/testdata/pdf-unit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"   # LibreOffice needs a writable profile
mkdir -p "$HOME" "$out"

chrome() { # chrome IN.html OUT.pdf  -> Type 3 fonts
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-pdf-header-footer --print-to-pdf="$2" "$1" 2>/dev/null
}
office() { # office IN.html OUT.pdf  -> Type 1 (OpenType CJK) or simple TrueType fonts
  soffice --headless --convert-to pdf --outdir "$work" "$1" >/dev/null 2>&1
  mv "$work/$(basename "${1%.html}").pdf" "$2"
}
with_font() { sed "s/FIXTURE_FONT/$2/" "$src/$1" > "$work/$3"; }

# 1. One small ruled table in each of the four font kinds real producers emit.
with_font table.html "Noto Sans CJK SC" t3.html;  chrome "$work/t3.html" "$out/lattice-type3.pdf"
with_font table.html "Noto Sans CJK SC" t1.html;  office "$work/t1.html" "$out/lattice-type1.pdf"
with_font table.html "AR PL UMing CN" ttf.html;   office "$work/ttf.html" "$out/lattice-truetype.pdf"
pdftocairo -pdf "$out/lattice-truetype.pdf" "$out/lattice-cid.pdf"

# 2. Kangxi radicals in the text layer; a landscape page; a /Rotate 90 page; a table without rules.
chrome "$src/kangxi.html" "$out/kangxi.pdf"
chrome "$src/landscape.html" "$out/landscape.pdf"
qpdf "$out/lattice-type1.pdf" --rotate=+90 -- "$out/rotated.pdf"
chrome "$src/stream.html" "$out/stream.pdf"
chrome "$src/rows-only.html" "$out/rows-only.pdf"   # rules between rows, none between columns

# 3. A row split by a page break (LibreOffice lets rows break).
office "$src/split-row.html" "$out/split-row.pdf"

# 4. Documents that must fail or be reported: passwords, truncation, not a PDF, a scan, broken fonts.
qpdf --encrypt user-secret owner-secret 256 -- "$out/lattice-type1.pdf" "$out/user-password.pdf"
qpdf --encrypt "" owner-secret 256 --print=none --modify=none --extract=n -- "$out/lattice-type1.pdf" "$out/owner-only.pdf"
size=$(stat -c %s "$out/lattice-type1.pdf")
head -c $((size / 3)) "$out/lattice-type1.pdf" > "$out/truncated.pdf"
{ printf '%%PDF-1.7\n'; head -c 2000 /dev/zero | tr '\0' 'x'; } > "$out/corrupt.pdf"
cp "$src/table.html" "$out/not-a-pdf.pdf"
pdftoppm -r 40 -gray -png -singlefile "$out/lattice-type1.pdf" "$work/scan"
img2pdf "$work/scan.png" -o "$out/scan.pdf"
python3 "$src/make-undecodable.py" "$out/undecodable.pdf"

ls -l "$out"
