#!/usr/bin/env bash
# Throwaway Redis and PostgreSQL servers on loopback for the test suite.
#
# Source this file, then call `start_test_services`; it exports HYPERPAGE_TEST_REDIS_URL and
# HYPERPAGE_TEST_DATABASE_URL and registers `stop_test_services` to run on exit. Both servers
# keep their data in a temporary folder that is deleted when they stop. PostgreSQL refuses to
# run as root, so when the script runs as root the server runs as the `postgres` user.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  echo "${dir:?PostgreSQL server binaries not found under /usr/lib/postgresql}"
}

start_test_services() {
  TEST_SERVICES_DIR=$(mktemp -d /tmp/hyperpage-test-services.XXXXXX)
  chmod 755 "$TEST_SERVICES_DIR"
  trap stop_test_services EXIT

  local redis_port
  redis_port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --dir "$TEST_SERVICES_DIR" --daemonize yes --pidfile "$TEST_SERVICES_DIR/redis.pid" \
    --logfile "$TEST_SERVICES_DIR/redis.log" >/dev/null
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export HYPERPAGE_TEST_REDIS_URL="redis://127.0.0.1:$redis_port"

  local pg_port bin
  pg_port=$(free_port)
  bin=$(pg_bin)
  mkdir -p "$TEST_SERVICES_DIR/pg"
  [ "$(id -u)" = "0" ] && chown postgres "$TEST_SERVICES_DIR/pg"
  as_postgres "$bin/initdb" -D "$TEST_SERVICES_DIR/pg/data" -U postgres -A trust --no-sync >/dev/null
  as_postgres "$bin/pg_ctl" -D "$TEST_SERVICES_DIR/pg/data" -l "$TEST_SERVICES_DIR/pg/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $TEST_SERVICES_DIR/pg -c fsync=off" start >/dev/null
  export HYPERPAGE_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$pg_port/postgres"
  echo "test services: redis on $redis_port, postgresql on $pg_port" >&2
}

stop_test_services() {
  [ -n "${TEST_SERVICES_DIR:-}" ] || return 0
  if [ -f "$TEST_SERVICES_DIR/redis.pid" ]; then
    kill "$(cat "$TEST_SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  if [ -d "$TEST_SERVICES_DIR/pg/data" ]; then
    as_postgres "$(pg_bin)/pg_ctl" -D "$TEST_SERVICES_DIR/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TEST_SERVICES_DIR"
  TEST_SERVICES_DIR=
}
