#!/usr/bin/env bash
# The fault drill, small enough for CI (a few minutes on 2 cores): PostgreSQL + 1 api + 2 workers from a fresh
# build-server.sh output; N generated reports uploaded; worker 1 killed with SIGKILL at 25 % done; PostgreSQL
# stopped for 10 s at 50 %; then every document must be done exactly once. Prints each check; exit 1 on a failure.
#   deploy/fault-drill.sh [--n 80] [--outage 10] [--port 5380]
set -euo pipefail
cd "$(dirname "$0")/.."
export EXTRACTOR_SERVER_DIR="${EXTRACTOR_SERVER_DIR:-$PWD/out/server}"
deploy/build-server.sh "$EXTRACTOR_SERVER_DIR" >/dev/null
dotnet build bench/Extractor.E2E -c Release -nologo -v quiet >/dev/null
# The drill bounds itself (--timeout, default 420 s); this is the outer bound.
timeout 900 dotnet bench/Extractor.E2E/bin/Release/net10.0/Extractor.E2E.dll --drill --port 5380 "$@"
