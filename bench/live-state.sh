#!/usr/bin/env bash
# #12 item 8: loading a forecast's live state from PostgreSQL (LiveStateReader.read: every open ticket,
# RMA case, hold and purchase order, the machines down, the dashboard's figures beside them), target
# <= 300 ms at 100,000 miners with about 2% of the machines in the pipeline. Starts a throw-away
# PostgreSQL (deploy/postgres/postgres.sh, port PG_PORT, default 56110, data in target/postgres), fills
# database livebench_<miners> once with the demo loader (fleet over 20 sites, holds, three years of
# repair history, the tickets still open at load time left open), then times the read: medians over
# several runs after 3 warm-ups, each read from the database (backlog snapshot and memo off). Run it
# holding the build lock.
# Usage: bench/live-state.sh [runs=15]
# LIVEBENCH_MINERS (100000), LIVEBENCH_TICKETS (default 0.6 per machine, 60,000 at 100,000: the loader spreads
# them over three years of history and leaves open those still running at load time, about 3.4% of them, so
# that about 2% of the machines are in the pipeline; 5,000 tickets gave 170 open items, 0.2%) and
# LIVEBENCH_HOLDS (the dev demo's 600 holds per 5,000 machines, 12,000 at 100,000); LIVEBENCH_JFR=file.jfr
# records a flight recording of the benchmark's JVM;
# LIVEBENCH_RELOAD=1 loads the database again; LIVEBENCH_KEEP=1 leaves PostgreSQL running.
# Figures and method: docs/scenarios.md, section Speed.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-15}"
MINERS="${LIVEBENCH_MINERS:-100000}"
TICKETS="${LIVEBENCH_TICKETS:-$((MINERS * 3 / 5))}"
HOLDS="${LIVEBENCH_HOLDS:-$((MINERS * 600 / 5000))}"
export PG_PORT="${PG_PORT:-56110}"
DB="livebench_${MINERS}_${TICKETS}_${HOLDS}"
if [ "${LIVEBENCH_KEEP:-0}" != 1 ]; then
  trap 'deploy/postgres/postgres.sh stop' EXIT
fi
deploy/postgres/postgres.sh start
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql -X -h localhost -p $PG_PORT -U postgres -qAt"
if [ "$(id -u)" = 0 ]; then PSQL="runuser -u postgres -- $PSQL"; fi
if [ "${LIVEBENCH_RELOAD:-0}" = 1 ]; then
  $PSQL -d postgres -c "drop database if exists $DB"
fi
if [ -z "$($PSQL -d postgres -c "select 1 from pg_database where datname = '$DB'")" ]; then
  echo "Creating $DB: the first run loads the demo fleet into it (a few minutes) ..."
  $PSQL -d postgres -c "create database $DB owner rigtrail_owner"
fi
JFR=()
if [ -n "${LIVEBENCH_JFR:-}" ]; then
  JFR=("-DargLine=-XX:StartFlightRecording=filename=${LIVEBENCH_JFR},settings=profile")
fi
./mvnw -q -B -ntp test-compile surefire:test@default-test -Dtest=LiveStateBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  ${JFR[@]+"${JFR[@]}"} \
  -Dlivebench.url="jdbc:postgresql://localhost:$PG_PORT/$DB" -Dlivebench.runs="$RUNS" -Dlivebench.miners="$MINERS" \
  -Dlivebench.tickets="$TICKETS" -Dlivebench.holds="$HOLDS" \
  | grep -E 'Live state|^  (warm-up|run) |LiveStateReader.read|DemoData|Tests run|FAIL|ERROR' || true
