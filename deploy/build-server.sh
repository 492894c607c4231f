#!/usr/bin/env bash
# Publishes the server exactly as the container image's build stage does (deploy/Dockerfile runs this script),
# so the image's build steps are exercised on machines without a container engine: local-cluster.sh,
# the end-to-end benchmark and the fault drill all run this output.
#   deploy/build-server.sh [OUTPUT_DIR]     (default: out/server under the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/server}"
# Framework-dependent (the runtime image brings ASP.NET Core), no apphost: started as `dotnet Extractor.Server.dll`.
# InvariantGlobalization stays false (Directory.Build.props): NFKC of CJK labels needs ICU (PITFALLS.md).
dotnet publish src/Extractor.Server/Extractor.Server.csproj -c Release -o "$out" \
  -p:UseAppHost=false -p:InvariantGlobalization=false -nologo -v quiet
test -f "$out/Extractor.Server.dll"
if grep -q '"System.Globalization.Invariant": true' "$out/Extractor.Server.runtimeconfig.json"; then
  echo "build-server: invariant globalization is on; NFKC of Chinese labels would silently stop working" >&2
  exit 1
fi
echo "build-server: $out/Extractor.Server.dll"
