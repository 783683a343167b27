#!/usr/bin/env bash
# The machine's PostgreSQL server on 127.0.0.1:5432: start it if stopped and
# create one database per Mosaic service (idempotent).
set -euo pipefail

PGHOST_ADDR="${PGHOST_ADDR:-127.0.0.1}"
PGPORT_NUM="${PGPORT_NUM:-5432}"
PGUSER_NAME="${PGUSER_NAME:-postgres}"
DATABASES=(mosaic_travel mosaic_seizure mosaic_fingerprint mosaic_identity mosaic_analysis mosaic_audit)
TIMEOUT="${POSTGRES_START_TIMEOUT:-60}"

say() { printf '[postgres] %s\n' "$*"; }

ready() { pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" 2>/dev/null; }

start_server() {
  if ready; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    say "not answering on $PGHOST_ADDR:$PGPORT_NUM and pg_ctlcluster is not installed; start PostgreSQL yourself"
    return 1
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  say "not answering on $PGHOST_ADDR:$PGPORT_NUM; starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  local waited=0
  until ready; do
    if [ "$waited" -ge "$TIMEOUT" ]; then
      say "FAILED: no answer after ${TIMEOUT}s. Last log lines:"
      tail -n 40 "/var/log/postgresql/postgresql-${version}-main.log" 2>/dev/null || true
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

psql_admin() { psql -v ON_ERROR_STOP=1 -qtA -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres "$@"; }

create_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" = "1" ]; then
      say "database $db exists"
    else
      psql_admin -c "CREATE DATABASE $db"
      say "database $db created"
    fi
  done
}

case "${1:-}" in
  up)
    start_server
    create_databases
    say "ready on $PGHOST_ADDR:$PGPORT_NUM"
    ;;
  down)
    # The server belongs to the machine (other projects may use it): leave it running.
    say "left running (it is the machine's server, not ours to stop)"
    ;;
  status)
    if ready; then say "running on $PGHOST_ADDR:$PGPORT_NUM"; else say "stopped"; exit 3; fi
    ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
