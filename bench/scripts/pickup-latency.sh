#!/usr/bin/env bash
# Measures what Worker:QueuePollIntervalMs costs and buys on an idle cluster (deploy/README.md, Hangfire tuning):
#   1. CPU time an idle server process burns in 30 s of polling;
#   2. pickup latency: from the upload's answer to the document leaving "queued", for single uploads 3 s apart.
#   bench/scripts/pickup-latency.sh sqlite|postgres POLL_MS [PORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
store="$1"; poll="$2"; port="${3:-5680}"
export CLUSTER_STATE="$(dirname "$(mktemp -u)")/extractor-pickup-$$"
export Extractor__Worker__QueuePollIntervalMs="$poll" Extractor__Worker__Count=2
trap 'deploy/local-cluster.sh down >/dev/null 2>&1 || true' EXIT
deploy/local-cluster.sh up --store "$store" --workers 1 --port "$port" >/dev/null 2>&1
name=$([ "$store" = sqlite ] && echo server || echo worker-1)
pid="$(cat "$CLUSTER_STATE/pids/$name")"
H="http://127.0.0.1:$port"; K="X-Api-Key: ${EXTRACTOR_ADMIN_KEY:-dev-admin-key}"
sleep 5
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t0="$(ticks)"; sleep 30; t1="$(ticks)"
cpu_ms=$(( (t1 - t0) * 1000 / $(getconf CLK_TCK) ))
lat=()
for i in 1 2 3 4 5; do
  f="$(mktemp)"; { cat testdata/text/seed-juandong-town-2023.txt; printf '\n（pickup %s %s）\n' "$$" "$i"; } >"$f"
  doc="$(curl -fsS -m 30 -H "$K" -F "files=@$f;filename=pickup-$i.txt" "$H/api/batches" | python3 -c 'import json,sys; print(json.load(sys.stdin)["entries"][0]["documentId"])')"
  start="$(date +%s%N)"
  for _ in $(seq 1 400); do
    s="$(curl -fsS -m 5 -H "$K" "$H/api/documents/$doc" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
    [ "$s" != queued ] && break
    sleep 0.02
  done
  lat+=( $(( ($(date +%s%N) - start) / 1000000 )) )
  rm -f "$f"; sleep 3
done
echo "store=$store poll=${poll}ms idle CPU in 30 s: ${cpu_ms} ms; pickup latency (ms): ${lat[*]}"
