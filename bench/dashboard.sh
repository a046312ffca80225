#!/usr/bin/env bash
# The dashboard benchmark of issue #6: loads 100,000 miners, 50,000 customs holds and a repair history
# of about 1,000,000 tickets into a throw-away PostgreSQL (once; kept in target/postgres as database
# "dashbench"), starts Keycloak and the production jar against it, and measures p50/p95/p99 of every
# dashboard request under 8 concurrent clients.
# Usage: bench/dashboard.sh [clients=8] [measured seconds=60] [warm-up seconds=20]
# DASHBENCH_MODE=mixed (#13 item 4): the dashboard requests only, while writers resolve tickets and move
# RMA cases (DASHBENCH_WRITES=10 a second) and a probe measures how long a commit takes to show; run
# twice back to back, with the memo on and then off (the app restarted between, on the same data).
# Ports (defaults in brackets): PG_PORT [55432], APP_PORT [8080], KEYCLOAK_PORT [8180],
# KEYCLOAK_MANAGEMENT_PORT [KEYCLOAK_PORT + 820].
# Set DASHBENCH_RELOAD=1 to load the data set again, DASHBENCH_MEMO=false to measure without the
# dashboard's memoization (every request computes everything), DASHBENCH_PATHS=/tickets,/stock to
# measure only some of the requests (the list pages of #14: /tickets,/shipments,/holds,/rma-cases,/stock),
# DASHBENCH_SLOW_MS=100 to have PostgreSQL log every statement slower than that (target/postgres/server.log),
# DASHBENCH_NO_BUILD=1 to measure the jar and classes already built.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS="${1:-8}" SECONDS_MEASURED="${2:-60}" WARMUP="${3:-20}"
APP_PORT="${APP_PORT:-8080}" KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}"
export KEYCLOAK_PORT KEYCLOAK_MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-$((KEYCLOAK_PORT + 820))}"
export RIGTRAIL_APP_URLS="${RIGTRAIL_APP_URLS:-http://localhost:$APP_PORT}"
MODE="${DASHBENCH_MODE:-read}"
# the bounded queue (rigtrail.http.max-in-flight, 8 in production) must admit the clients, the writers and
# the probe of the mixed load, or it measures refusals
MAX_IN_FLIGHT="${DASHBENCH_MAX_IN_FLIGHT:-$([ "$MODE" = mixed ] && echo 16 || echo 8)}"
DASHBOARD_PATHS=/dashboard,/dashboard/availability,/dashboard/backlog,/dashboard/turnaround,/dashboard/holds-summary,/dashboard/backlog/items,/api/availability,/api/backlog,/api/backlog/items,/api/turnaround,/api/holds-by-age
if [ "${DASHBENCH_NO_BUILD:-0}" != 1 ] || [ ! -f target/bench-classpath.txt ]; then
  ./mvnw -q -B -ntp package -DskipTests
  ./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"

APP_PID=""
cleanup() {
  set +e
  if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  deploy/keycloak/keycloak.sh stop
  deploy/postgres/postgres.sh stop
}
trap cleanup EXIT
deploy/keycloak/keycloak.sh start
deploy/postgres/postgres.sh start
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql -h localhost -p ${PG_PORT:-55432} -U postgres -qAt"
URL="jdbc:postgresql://localhost:${PG_PORT:-55432}/dashbench"
export PG_PORT="${PG_PORT:-55432}"
loaded="$($PSQL -d dashbench -c "select count(*) from repair_ticket" 2>/dev/null || echo 0)"
if [ "${DASHBENCH_RELOAD:-0}" = 1 ] || [ "${loaded:-0}" -lt 500000 ]; then
  $PSQL -d postgres -c "drop database if exists dashbench" -c "create database dashbench"
  echo "Loading the data set (about 5 minutes) ..."
  java -Xmx3g -cp "$CP" app.rigtrail.bench.DashboardDataLoader "$URL" 100000 20 50000 1000000
fi
$PSQL -d dashbench -c "select 'tickets', count(*) from repair_ticket union all select 'customs holds', count(*) from customs_hold
  union all select 'miners', count(*) from miner union all select 'completed repairs', count(*) from repair_outcome" | tr '|' ' '

mkdir -p target/bench
$PSQL -d dashbench -c "alter system set log_min_duration_statement = ${DASHBENCH_SLOW_MS:--1}" -c "select pg_reload_conf()" >/dev/null

start_app() { # memo on (true) or off (false)
  # hybrid: the pages accept the benchmark's bearer token as well as the browser's login
  DB_JDBC_URL="$URL" DB_USERNAME=postgres DB_PASSWORD=unused-trust-auth \
  OIDC_AUTH_SERVER_URL="http://localhost:$KEYCLOAK_PORT/realms/rigtrail" OIDC_CLIENT_SECRET=rigtrail-dev-secret-NOT-FOR-PRODUCTION \
  RIGTRAIL_DEMO_MINERS=0 java ${DASHBENCH_JAVA_OPTS:-} -Dquarkus.http.port="$APP_PORT" -Dquarkus.oidc.application-type=hybrid \
    -Drigtrail.dashboard.memo="$1" -Drigtrail.http.max-in-flight="$MAX_IN_FLIGHT" -jar target/quarkus-app/quarkus-run.jar >"target/bench/app-memo-$1.log" 2>&1 &
  APP_PID=$!
  for i in $(seq 1 180); do
    if curl -fsS -o /dev/null "http://localhost:$APP_PORT/q/health/ready" 2>/dev/null; then return; fi
    sleep 1
  done
  echo "the app did not get ready, see target/bench/app-memo-$1.log" >&2
  exit 1
}
stop_app() {
  if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; fi
  APP_PID=""
}
measure() { # phase label, writes a second, paths
  java -Dhttp.maxConnections=16 -Dbench.paths="$3" -Dbench.phase="$1" -Dbench.writes="$2" -Dbench.jdbc="$URL" \
    -cp "$CP" app.rigtrail.bench.DashboardBenchmark "http://localhost:$APP_PORT" "http://localhost:$KEYCLOAK_PORT" \
    rigtrail-e2e-secret-TEST-ONLY "$CLIENTS" "$WARMUP" "$SECONDS_MEASURED"
}

if [ "$MODE" = mixed ]; then
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
  for memo in true false; do
    start_app "$memo"
    measure "mixed load, memo $([ "$memo" = true ] && echo on || echo off)" "${DASHBENCH_WRITES:-10}" \
      "${DASHBENCH_PATHS:-$DASHBOARD_PATHS}"
    echo "app RSS at the end: $(( $(awk '/VmRSS/ {print $2}' /proc/$APP_PID/status) / 1024 )) MB"
    stop_app
  done
else
  start_app "${DASHBENCH_MEMO:-true}"
  measure "read-only, memo ${DASHBENCH_MEMO:-true}" 0 "${DASHBENCH_PATHS:-}"
fi
