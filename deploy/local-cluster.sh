#!/usr/bin/env bash
# A local cluster without containers: a throwaway PostgreSQL on 127.0.0.1 (its own data folder), one api-role
# server and N worker-role servers, all from the built server (deploy/build-server.sh). Stops exactly what it
# started: every pid is recorded in the state folder and only those are signalled.
#
#   deploy/local-cluster.sh up [--workers N] [--port P] [--store postgres|sqlite]
#   deploy/local-cluster.sh down
#   deploy/local-cluster.sh status
#   deploy/local-cluster.sh kill-worker I      kill -9 worker I (fault drill)
#   deploy/local-cluster.sh db-stop | db-start  stop / start PostgreSQL, same port and data (fault drill)
#
# The api listens on http://127.0.0.1:P (default 5080, as in docs/SERVICE.md), worker I on P+I (/health only).
# With --store sqlite there is no PostgreSQL and no separate worker: one process in role Both (the embedded store).
# Environment:
#   CLUSTER_STATE        state folder (default: extractor-local-cluster in the temp directory)
#   EXTRACTOR_SERVER_DIR built server (default: out/server, built by deploy/build-server.sh when missing)
#   EXTRACTOR_ADMIN_KEY  the admin key of every process (default: dev-admin-key, so the walk-through works as written)
#   Extractor__*         any server option (e.g. Extractor__Worker__Count=2) is passed on to every process.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TMP_BASE="$(dirname "$(mktemp -u)")"
STATE="${CLUSTER_STATE:-$TMP_BASE/extractor-local-cluster}"
SERVER_DIR="${EXTRACTOR_SERVER_DIR:-$ROOT/out/server}"
HEALTH_TIMEOUT="${CLUSTER_HEALTH_TIMEOUT:-90}"

log() { echo "local-cluster: $*" >&2; }

pg_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir)"
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  fi
  # Debian keeps initdb/pg_ctl in its versioned folder, not on PATH (PITFALLS.md).
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  log "no PostgreSQL server binaries found (apt-get install -y postgresql)"
  exit 1
}

as_pg_owner() {
  # initdb and postgres refuse root: then the cluster belongs to the postgres user.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

# Is this recorded pid still the process we started (and not a recycled pid)?
ours() {
  local pid="$1" what="$2"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$what"
}

pg_opts() {
  echo "-k $STATE/pg -h 127.0.0.1 -p $(cat "$STATE/pg.port") -c fsync=off -c max_connections=300"
}

db_start() {
  as_pg_owner "$(pg_bindir)/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -o "$(pg_opts)" -w -t 60 start >/dev/null
  head -n 1 "$STATE/pg/data/postmaster.pid" >"$STATE/pids/postgres"
}

db_stop() {
  local pid
  pid="$(cat "$STATE/pids/postgres" 2>/dev/null || true)"
  if ours "$pid" postgres; then
    kill -INT "$pid" 2>/dev/null || true   # PostgreSQL's fast shutdown
    for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$STATE/pids/postgres"
}

start_server() {
  # name role port: one server process, its pid recorded before anything else can fail.
  local name="$1" role="$2" port="$3"
  (
    cd "$STATE/run"
    export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export EXTRACTOR_ADMIN_KEY="${EXTRACTOR_ADMIN_KEY:-dev-admin-key}"
    export Extractor__Role="$role"
    export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"   # Tesseract: one thread per OCR call (PITFALLS.md)
    # The content root is the build output (its appsettings.json); the working directory is the state folder.
    exec nohup dotnet "$SERVER_DIR/Extractor.Server.dll" --contentRoot "$SERVER_DIR" >"$STATE/logs/$name.log" 2>&1 </dev/null
  ) &
  echo $! >"$STATE/pids/$name"
  echo "$port" >"$STATE/ports/$name"
}

wait_healthy() {
  local name="$1" port deadline
  port="$(cat "$STATE/ports/$name")"
  deadline=$((SECONDS + HEALTH_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if ! ours "$(cat "$STATE/pids/$name")" Extractor.Server.dll; then
      log "$name exited during start-up; last lines of its log:"
      tail -n 20 "$STATE/logs/$name.log" >&2
      return 1
    fi
    if curl -fsS -m 5 "http://127.0.0.1:$port/health" 2>/dev/null | grep -q '"status":"Healthy"'; then
      return 0
    fi
    sleep 0.5
  done
  log "$name not healthy after ${HEALTH_TIMEOUT}s (log: $STATE/logs/$name.log)"
  return 1
}

up() {
  local workers=2 port=5080 store=postgres
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) workers="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --store) store="$2"; shift 2 ;;
      *) log "unknown option $1"; exit 2 ;;
    esac
  done
  if [ -d "$STATE" ]; then
    log "already up (state in $STATE); run down first"
    exit 1
  fi
  for p in $(seq "$port" $((port + workers))); do
    port_free "$p" || { log "port $p on 127.0.0.1 is in use; choose another with --port"; exit 1; }
  done
  [ -f "$SERVER_DIR/Extractor.Server.dll" ] || "$ROOT/deploy/build-server.sh" "$SERVER_DIR" >&2
  mkdir -p "$STATE"/{pids,ports,logs,run}
  echo "$store" >"$STATE/store"
  trap 'log "start-up failed; stopping what was started"; down' ERR

  if [ "$store" = sqlite ]; then
    export Extractor__Store=Sqlite Extractor__DataDirectory="$STATE/sqlite"
    start_server server Both "$port"
    wait_healthy server
  else
    local bin pgport
    bin="$(pg_bindir)"
    mkdir -p "$STATE/pg"
    [ "$(id -u)" -eq 0 ] && chown postgres "$STATE/pg"
    as_pg_owner "$bin/initdb" -D "$STATE/pg/data" -A trust -U postgres -E UTF8 --no-sync >"$STATE/pg/initdb.log" 2>&1
    pgport="${CLUSTER_PG_PORT:-$(free_port)}"
    echo "$pgport" >"$STATE/pg.port"
    db_start
    as_pg_owner "$bin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -qc 'CREATE DATABASE extractor' >/dev/null
    export Extractor__Store=Postgres
    export Extractor__Postgres="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=extractor;Maximum Pool Size=50"
    echo "$Extractor__Postgres" >"$STATE/connection-string"
    # The api first: it applies the migrations and creates Hangfire's schema before the workers race for them.
    start_server api Api "$port"
    wait_healthy api
    for i in $(seq 1 "$workers"); do
      start_server "worker-$i" Worker $((port + i))
    done
    for i in $(seq 1 "$workers"); do
      wait_healthy "worker-$i"
    done
  fi
  trap - ERR
  status
  echo "http://127.0.0.1:$port"
}

status() {
  [ -d "$STATE" ] || { log "not up"; return 0; }
  local f name pid
  for f in "$STATE"/pids/*; do
    [ -e "$f" ] || continue
    name="$(basename "$f")"; pid="$(cat "$f")"
    if [ "$name" = postgres ]; then
      ours "$pid" postgres && state=running || state=stopped
      log "$name pid $pid port $(cat "$STATE/pg.port") $state"
    else
      ours "$pid" Extractor.Server.dll && state=running || state=stopped
      log "$name pid $pid http://127.0.0.1:$(cat "$STATE/ports/$name") $state"
    fi
  done
}

down() {
  [ -d "$STATE" ] || { log "not up"; return 0; }
  local f pid name
  # Servers first (SIGTERM: Hangfire requeues running jobs), then PostgreSQL.
  for f in "$STATE"/pids/*; do
    [ -e "$f" ] || continue
    name="$(basename "$f")"; [ "$name" = postgres ] && continue
    pid="$(cat "$f")"
    ours "$pid" Extractor.Server.dll && kill -TERM "$pid" 2>/dev/null || true
  done
  for f in "$STATE"/pids/*; do
    [ -e "$f" ] || continue
    name="$(basename "$f")"; [ "$name" = postgres ] && continue
    pid="$(cat "$f")"
    for _ in $(seq 1 300); do ours "$pid" Extractor.Server.dll || break; sleep 0.1; done
    if ours "$pid" Extractor.Server.dll; then
      log "$name (pid $pid) did not stop in 30 s; kill -9"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  [ -f "$STATE/pids/postgres" ] && db_stop
  rm -rf "$STATE"
  log "down"
}

kill_worker() {
  local i="$1" pid
  pid="$(cat "$STATE/pids/worker-$i")"
  ours "$pid" Extractor.Server.dll || { log "worker-$i is not running"; exit 1; }
  kill -KILL "$pid"
  log "worker-$i (pid $pid) killed with SIGKILL"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  kill-worker) kill_worker "${2:?worker number}" ;;
  db-stop) db_stop; log "postgres stopped" ;;
  db-start) db_start; log "postgres started" ;;
  *) echo "usage: $0 up [--workers N] [--port P] [--store postgres|sqlite] | down | status | kill-worker I | db-stop | db-start" >&2; exit 2 ;;
esac
