#!/usr/bin/env bash
# A throwaway PostgreSQL for tests, on 127.0.0.1 with its own data folder under a temp directory.
#   deploy/postgres-test.sh start   → starts it and prints its connection string (for EXTRACTOR_TEST_POSTGRES)
#   deploy/postgres-test.sh stop    → stops it (by the pid in postmaster.pid) and removes its folder
# State lives in $PG_TEST_STATE (default: a file in the temp directory) so stop finds what start made.
set -euo pipefail

STATE="${PG_TEST_STATE:-$(dirname "$(mktemp -u)")/extractor-postgres-test.state}"

bindir() {
  # Debian keeps initdb/pg_ctl in its versioned folder, not on PATH.
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d="$(pg_config --bindir)"
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  echo "postgres-test: no PostgreSQL server binaries found (apt-get install -y postgresql)" >&2
  exit 1
}

as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

start() {
  if [ -f "$STATE" ]; then
    echo "postgres-test: already started (state in $STATE); stop it first" >&2
    exit 1
  fi
  local bin root port
  bin="$(bindir)"
  root="$(mktemp -d -t extractor-pg-XXXXXX)"
  [ "$(id -u)" -eq 0 ] && chown postgres "$root"
  as_owner "$bin/initdb" -D "$root/data" -A trust -U postgres -E UTF8 --no-sync >"$root/initdb.log" 2>&1 \
    || { cat "$root/initdb.log" >&2; exit 1; }
  port="${PG_TEST_PORT:-$(free_port)}"
  as_owner "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" \
    -o "-k $root -h 127.0.0.1 -p $port -c fsync=off -c max_connections=200" -w start >/dev/null
  printf '%s\n%s\n' "$root" "$port" >"$STATE"
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
}

stop() {
  if [ ! -f "$STATE" ]; then
    echo "postgres-test: not started (no $STATE)" >&2
    exit 0
  fi
  local root pid
  root="$(sed -n 1p "$STATE")"
  if [ -f "$root/data/postmaster.pid" ]; then
    pid="$(head -n 1 "$root/data/postmaster.pid")"
    # SIGINT: PostgreSQL's fast shutdown; then wait for that one process to go.
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$root" "$STATE"
  echo "postgres-test: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
