#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS cluster for tests and benchmarks, on a spare port.
#   source tooling/scripts/pg-test-cluster.sh start   # exports TEST_DATABASE_URL and BENCH_DATABASE_URL
#   tooling/scripts/pg-test-cluster.sh stop
# PostgreSQL refuses to run as root, so the cluster belongs to the `postgres` system user.
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=${PG_TEST_DIR:-/tmp/lastmile-pg-test}
PG_PORT=${PG_TEST_PORT:-55432}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_start() {
  # A cluster left over from an interrupted run is stopped first.
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then pg_stop || true; fi
  # Anything else on the port: take the next free one.
  while port_busy "$PG_PORT"; do PG_PORT=$((PG_PORT + 1)); done
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 >"$PG_DIR/initdb.log"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
  for db in lastmile_test lastmile_bench; do
    as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$db"
  done
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/lastmile_test"
  export BENCH_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/lastmile_bench"
  echo "postgres: PostgreSQL 15 test cluster on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

pg_stop() {
  if [ -d "$PG_DIR/data" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}

case "${1:-}" in
  start) pg_start ;;
  stop) pg_stop ;;
  *) echo "usage: pg-test-cluster.sh start|stop" >&2; return 2 2>/dev/null || exit 2 ;;
esac
