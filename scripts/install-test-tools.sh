#!/usr/bin/env bash
# Installs, on Debian 12, every helper program the tests use beyond the .NET SDK (run as root, or with sudo).
# Without them `dotnet test Extractor.sln` still passes: the tests that need a tool are skipped, each with
# its reason printed. .ci/run calls this script, then sets CI=true, under which a missing tool fails the run.
#
#   libicu72                       ICU: NFKC normalisation of Chinese labels (needed by everything, not optional)
#   postgresql                     server tests on PostgreSQL (a throwaway server is started on 127.0.0.1)
#   tesseract-ocr(-chi-sim)        OCR of scans, table pictures and report pictures
#   poppler-utils                  pdftoppm: rendering PDF pages (OCR, the web app's page images)
#   libreoffice-writer-nogui       legacy .doc/.wps conversion; making PDF/DOCX fixtures
#   fonts-noto-cjk                 Chinese fonts for rendered fixtures and pages
#   chromium                       browser tests of the web app (Playwright drives Debian's chromium)
set -euo pipefail

packages=(libicu72 postgresql tesseract-ocr tesseract-ocr-chi-sim poppler-utils libreoffice-writer-nogui fonts-noto-cjk chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-tools: all installed"
  exit 0
fi
echo "install-test-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
