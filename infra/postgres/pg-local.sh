#!/usr/bin/env bash
# A throwaway PostgreSQL cluster from the machine's server binaries, for tests and local runs.
#
#   eval "$(infra/postgres/pg-local.sh start)"   # exports CHATOPS_PG_DIR and CHATOPS_TEST_POSTGRES
#   infra/postgres/pg-local.sh stop "$CHATOPS_PG_DIR"
#
# Runs as the postgres user when invoked as root (the server refuses to run as root).
set -euo pipefail

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

start() {
  local bin dir port
  if ! bin=$(find_bin); then
    echo "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin)." >&2
    echo "Install them (Debian: apt-get install postgresql) or set CHATOPS_TEST_POSTGRES to a connection string." >&2
    exit 3
  fi
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    echo "Running as root needs a 'postgres' user to own the server (useradd --system postgres)." >&2
    exit 3
  fi
  dir=$(mktemp -d /tmp/chatops-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = "0" ] && chown postgres "$dir"
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; exit 3; }
  # fsync off: a test cluster trades durability for speed; max_connections covers parallel test hosts.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" >/dev/null || {
    cat "$dir/server.log" >&2; exit 3; }
  echo "export CHATOPS_PG_DIR='$dir'"
  echo "export CHATOPS_PG_BIN='$bin'"
  echo "export CHATOPS_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
}

stop() {
  local dir=${1:?usage: pg-local.sh stop <dir>} bin
  bin=$(find_bin) || exit 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop <dir>" >&2; exit 2 ;;
esac
