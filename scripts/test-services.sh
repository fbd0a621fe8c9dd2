#!/usr/bin/env bash
# Starts a throwaway PostgreSQL and Redis on loopback in a temp dir, for CI and
# local integration tests. Usage:
#   eval "$(scripts/test-services.sh start)"   # exports DATABASE_URL, REDIS_URL, TEST_SERVICES_DIR
#   scripts/test-services.sh stop "$TEST_SERVICES_DIR"
# Installs postgresql / redis-server with apt-get when their binaries are missing (CI runs as root).
set -euo pipefail

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/pg_ctl" ]] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

ensure_installed() {
  local missing=()
  find_pg_bin >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >&2
    apt-get install -y -qq "${missing[@]}" >&2
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  ensure_installed
  local dir pg_bin pg_port redis_port
  dir=$(mktemp -d /tmp/budget-ingest-services.XXXXXX)
  pg_bin=$(find_pg_bin)
  pg_port=$(free_port)
  redis_port=$(free_port)
  # initdb refuses to run as root, so the cluster belongs to the postgres user (or nobody).
  local owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
  mkdir -p "$dir/pg" "$dir/sock"
  if [[ $(id -u) -eq 0 ]]; then
    chown -R "$owner" "$dir/pg" "$dir/sock"
    chmod 755 "$dir"
    run_pg() { su -s /bin/bash "$owner" -c "$*"; }
  else
    run_pg() { bash -c "$*"; }
  fi
  run_pg "'$pg_bin/initdb' -D '$dir/pg/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >'$dir/pg/initdb.log' 2>&1"
  run_pg "'$pg_bin/pg_ctl' -D '$dir/pg/data' -l '$dir/pg/server.log' -w -t 60 -o \"-p $pg_port -k '$dir/sock' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start >&2"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "export TEST_SERVICES_DIR='$dir'"
  echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$pg_port/postgres'"
  echo "export REDIS_URL='redis://127.0.0.1:$redis_port'"
  echo "export TEST_PG_BIN='$pg_bin'"
}

stop() {
  local dir=${1:?usage: stop DIR}
  local pg_bin
  pg_bin=$(find_pg_bin)
  if [[ -f "$dir/redis.pid" ]]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
  if [[ -d "$dir/pg/data" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
      su -s /bin/bash "$(stat -c %U "$dir/pg/data")" -c "'$pg_bin/pg_ctl' -D '$dir/pg/data' -m fast stop" >&2 || true
    else
      "$pg_bin/pg_ctl" -D "$dir/pg/data" -m fast stop >&2 || true
    fi
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
