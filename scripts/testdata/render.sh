#!/usr/bin/env bash
# Render PDF and DOCX fixtures from HTML fixtures written by generate.py, copy the truth file beside
# each output, and verify every output:
#   - pdffonts shows the font kind the route is meant to produce (Type 1, TrueType, CID TrueType, Type 3);
#   - pdftotext -layout holds every number of the source's tables, in order (nothing cut off);
#   - the page-break / landscape properties the case is about;
#   - DOCX: the table cells hold every number, merged cells (gridSpan/vMerge) survive.
# Also writes small page images (60 dpi, first three pages) of each PDF into $PNG_DIR (default: a
# new temporary folder, printed at the end) for a visual look.
#
# Usage: scripts/testdata/render.sh        (from anywhere; run generate.py first)
set -euo pipefail

cd "$(dirname "$0")/../.."
T=testdata
GEN="python3 scripts/testdata/generate.py"

# ---- tools -----------------------------------------------------------------------------------
missing=0
for cmd in soffice pdffonts pdftocairo pdftotext pdftoppm pdfinfo chromium; do
  command -v "$cmd" >/dev/null 2>&1 || missing=1
done
families=$(fc-list : family 2>/dev/null || true)
[[ "$families" == *"AR PL UMing"* ]] || missing=1
[[ "$families" == *"Noto Serif CJK"* ]] || missing=1
if [ "$missing" = 1 ]; then
  apt-get update
  apt-get install -y --no-install-recommends fonts-noto-cjk libreoffice-writer-nogui poppler-utils \
    chromium fonts-arphic-uming
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"          # LibreOffice needs a writable profile folder
mkdir -p "$HOME" "$T/pdf" "$T/docx"
PNG_DIR=${PNG_DIR:-$(mktemp -d)}
mkdir -p "$PNG_DIR"

# ---- routes ----------------------------------------------------------------------------------
# lo FILTER SOURCE.html OUT   — LibreOffice Writer imports the HTML and exports it
lo() {
  local filter=$1 src=$2 out=$3
  local base ext
  base=$(basename "${src%.html}")
  ext=${out##*.}
  rm -rf "$WORK/lo" && mkdir "$WORK/lo"
  soffice --headless --norestore --infilter="HTML (StarWriter)" --convert-to "$filter" \
    --outdir "$WORK/lo" "$src" >"$WORK/lo.log" 2>&1 || { cat "$WORK/lo.log"; exit 1; }
  mv "$WORK/lo/$base.$ext" "$out"
}

# chrome SOURCE.html OUT.pdf  — Chromium headless print-to-PDF (Skia: Type 3 fonts)
chrome() {
  local src=$1 out=$2
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$(mktemp -d -p "$WORK")" \
    --no-pdf-header-footer --print-to-pdf="$out" "file://$PWD/$src" >"$WORK/chrome.log" 2>&1 \
    || { cat "$WORK/chrome.log"; exit 1; }
}

# truth SOURCE.html OUT NOTE  — copy the source's truth file beside OUT, notes prefixed
truth() {
  local src=$1 out=$2 note=$3
  $GEN --copy-truth "${src%.html}.truth.json" "${out%.*}.truth.json" "$note"
}

# fonts OUT.pdf KIND  — every font of the PDF must be of KIND (CID TrueType: plus simple TrueType
# subsets for ASCII, as pdftocairo writes them)
fonts() {
  local pdf=$1 kind=$2 kinds
  kinds=$(pdffonts "$pdf" | awk 'NR > 2 { sub(/^[^ ]+ +/, ""); print }' \
    | sed -E 's/^(Type 1C|Type 1|Type 3|CID TrueType|CID Type 0C|TrueType).*/\1/' | sort -u | tr '\n' ',')
  case "$kind" in
    "CID TrueType") [[ "$kinds" == *"CID TrueType"* && "$kinds" != *"Type 1"* && "$kinds" != *"Type 3"* ]] ;;
    *) [ "$kinds" = "$kind," ] ;;
  esac || { echo "FAIL $pdf: font kinds '$kinds', expected $kind"; pdffonts "$pdf"; exit 1; }
  echo "ok  $pdf: fonts ${kinds%,}"
}

look() {
  local pdf=$1
  pdftoppm -png -r 60 -f 1 -l 3 "$pdf" "$PNG_DIR/$(basename "${pdf%.pdf}")"
}

# ---- PDFs ------------------------------------------------------------------------------------
src=$T/html/clean-template.html
out=$T/pdf/lo-type1-ruled-pagebreak.pdf
lo pdf:writer_pdf_Export "$src" "$out"
truth "$src" "$out" "PDF rendered by LibreOffice Writer from html/clean-template.html (Noto Serif CJK: Type 1 fonts), ruled tables, 表三 continues across a page break."
fonts "$out" "Type 1"
$GEN --check-pdf "$out" "$src" split
look "$out"

src=$T/html/label-variants.html
out=$T/pdf/lo-truetype-borderless-variants.pdf
lo pdf:writer_pdf_Export "$src" "$out"
truth "$src" "$out" "PDF rendered by LibreOffice Writer from html/label-variants.html (AR PL UMing: simple TrueType fonts), borderless tables (no ruling lines)."
fonts "$out" "TrueType"
$GEN --check-pdf "$out" "$src"
look "$out"

src2=$out
out=$T/pdf/cairo-cidtruetype-borderless-variants.pdf
pdftocairo -pdf "$src2" "$out"
truth "$src" "$out" "PDF re-exported by pdftocairo -pdf from pdf/lo-truetype-borderless-variants.pdf (CID TrueType, Identity-H), borderless tables."
fonts "$out" "CID TrueType"
$GEN --check-pdf "$out" "$src"
look "$out"

src=$T/html/blank-cells.html
out=$T/pdf/chromium-type3-landscape-blank-cells.pdf
chrome "$src" "$out"
truth "$src" "$out" "PDF printed by Chromium headless from html/blank-cells.html (Type 3 fonts, Kangxi-radical ToUnicode quirks), A4 landscape pages, ruled tables with blank cells."
fonts "$out" "Type 3"
$GEN --check-pdf "$out" "$src" landscape
look "$out"

src=$T/html/broken-column-balance.html
out=$T/pdf/lo-type1-broken-balance.pdf
lo pdf:writer_pdf_Export "$src" "$out"
truth "$src" "$out" "PDF rendered by LibreOffice Writer from html/broken-column-balance.html (Type 1 fonts), ruled tables."
fonts "$out" "Type 1"
$GEN --check-pdf "$out" "$src"
look "$out"

# ---- DOCX ------------------------------------------------------------------------------------
for case in clean-template word-export-mso collapsed-other-processing; do
  src=$T/html/$case.html
  out=$T/docx/$case.docx
  lo 'docx:MS Word 2007 XML' "$src" "$out"
  truth "$src" "$out" "DOCX converted by LibreOffice Writer from html/$case.html (tables with gridSpan/vMerge)."
  $GEN --check-docx "$out" "$src"
done

ls -l "$T/pdf" "$T/docx"
echo "page images (60 dpi) in $PNG_DIR"
