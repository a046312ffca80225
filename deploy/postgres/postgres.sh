#!/usr/bin/env bash
# A throw-away PostgreSQL for the end-to-end stage and for trying the prod profile locally, from the
# distribution's server binaries (installed with apt when missing and we are root).
# Usage: deploy/postgres/postgres.sh start|stop|url|fresh (fresh: drop and create the rigtrail database)
# As in production (docs/operations.md, "Database and roles"): the database belongs to rigtrail_owner (Flyway
# migrates as it), the app connects as rigtrail_app, which owns nothing; both log in without a password here.
# PG_PORT: the port (55432). PG_SERVER_OPTIONS: more server settings at start, e.g. bench/writes.sh's
# "-c shared_preload_libraries=pg_stat_statements".
set -euo pipefail

PORT="${PG_PORT:-55432}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DIR="$ROOT/target/postgres"
DATA="$DIR/data"

bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing PostgreSQL server from Debian packages ..." >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
      d="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    else
      echo "No PostgreSQL server binaries under /usr/lib/postgresql; install the 'postgresql' package" >&2
      exit 1
    fi
  fi
  echo "$d"
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin; bin="$(bin_dir)"
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$DIR"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  if as_pg "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    echo "PostgreSQL already running" >&2
  else
    as_pg "$bin/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DATA -c listen_addresses=localhost -c fsync=off ${PG_SERVER_OPTIONS:-}" start >/dev/null
  fi
  roles "$bin"
  as_pg "$bin/psql" -h localhost -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='rigtrail'" \
    | grep -q 1 || as_pg "$bin/createdb" -h localhost -p "$PORT" -U postgres -O rigtrail_owner rigtrail
  echo "PostgreSQL ready: $(url)"
}

stop() {
  local bin; bin="$(bin_dir)"
  if [ -f "$DATA/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
  echo "PostgreSQL stopped"
}

roles() { # bin
  local role
  for role in rigtrail_owner rigtrail_app; do
    as_pg "$1/psql" -X -q -h localhost -p "$PORT" -U postgres -tAc "select 1 from pg_roles where rolname = '$role'" \
      | grep -q 1 || as_pg "$1/psql" -X -q -h localhost -p "$PORT" -U postgres -c "create role $role login"
  done
}

url() { echo "jdbc:postgresql://localhost:$PORT/rigtrail"; }

fresh() {
  local bin; bin="$(bin_dir)"
  as_pg "$bin/dropdb" -h localhost -p "$PORT" -U postgres --if-exists --force rigtrail
  roles "$bin"
  as_pg "$bin/createdb" -h localhost -p "$PORT" -U postgres -O rigtrail_owner rigtrail
  echo "PostgreSQL: an empty rigtrail database, owned by rigtrail_owner"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  fresh) fresh ;;
  *) echo "usage: $0 start|stop|url|fresh" >&2; exit 2 ;;
esac
