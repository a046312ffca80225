#!/usr/bin/env bash
# Issue #17 item 4: the production jar as a service. Starts Keycloak, a throw-away PostgreSQL (database
# "servicebench", emptied on every run) and the prod jar with the dev-mode demo fleet (5,000 miners),
# then measures and prints:
#   1. start to readiness on an empty database (migrations and the demo load included);
#   2. overload: <clients> clients back to back on GET <path> for <seconds>: how many got 503 with
#      Retry-After, the latency of those served (p50/p99/max), anything cut without an answer, the
#      slowest request of all; then the same with clients that wait Retry-After after a 503
#      (SERVICEBENCH_POLITE=0 skips that run);
#   3. SIGTERM with requests in flight (half synchronous forecasts of a few seconds, half list reads):
#      how many in-flight requests finished, how many were refused cleanly (503 or a closed port),
#      how many were cut without an answer; how long the stop took and the exit status;
#   4. start to readiness again on the loaded database, and the first requests after it.
# Usage: bench/service.sh [clients=200] [seconds=30] [shutdown clients=6] [path=/api/tickets?size=100]
# (6 shutdown clients stay below rigtrail.http.max-in-flight, 8, so that what is in flight at SIGTERM was
# admitted, not refused for being full.) SERVICEBENCH_CLIENT_NICE=N runs the clients under `nice -n N` (0:
# not niced, as the figures in docs/operations.md were taken; client and server share the 2 cores).
# Ports: APP_PORT (8080), KEYCLOAK_PORT (8180, KEYCLOAK_MANAGEMENT_PORT), PG_PORT (55432). Run it under
# the build lock on shared machines. SERVICEBENCH_BUILD=0 uses the jar already in target/;
# SERVICEBENCH_ONLY=overload stops after step 2. Settings to try go in the environment
# (QUARKUS_THREAD_POOL_MAX_THREADS=4 RIGTRAIL_HTTP_MAX_IN_FLIGHT=8 bench/service.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS="${1:-200}" MEASURED="${2:-30}" SHUTDOWN_CLIENTS="${3:-6}" LOAD_PATH="${4:-/api/tickets?size=100}"
APP_PORT="${APP_PORT:-8080}"
export KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}" PG_PORT="${PG_PORT:-55432}"
APP="http://localhost:$APP_PORT" KEYCLOAK="http://localhost:$KEYCLOAK_PORT"
SECRET=rigtrail-dev-secret-NOT-FOR-PRODUCTION
# tokens for the load come from the test-only client with password grants (deploy/keycloak/realm-rigtrail.test-clients.json)
TEST_SECRET=rigtrail-e2e-secret-TEST-ONLY

if [ "${SERVICEBENCH_BUILD:-1}" != 0 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -q -B -ntp package -DskipTests
fi
./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench-classpath.txt)"
CLIENT="nice -n ${SERVICEBENCH_CLIENT_NICE:-0} java -Xmx512m"

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
PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql -h localhost -p $PG_PORT -U postgres -qAt"
$PSQL -d postgres -c "drop database if exists servicebench with (force)" -c "create database servicebench"
mkdir -p target/bench

now_ms() { date +%s%3N; }
start_app() { # log
  DB_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/servicebench" DB_USERNAME=postgres DB_PASSWORD=unused-trust-auth \
  OIDC_AUTH_SERVER_URL="$KEYCLOAK/realms/rigtrail" OIDC_CLIENT_SECRET="$SECRET" QUARKUS_HTTP_PORT="$APP_PORT" \
  RIGTRAIL_DEMO_MINERS=5000 RIGTRAIL_DEMO_HOLDS=600 RIGTRAIL_DEMO_TICKETS=6000 \
    java -jar target/quarkus-app/quarkus-run.jar >"$1" 2>&1 &
  APP_PID=$!
}
# prints the milliseconds from now until /q/health/ready answers 200 (polled every 100 ms)
wait_ready() { # started_ms log
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "$APP/q/health/ready" 2>/dev/null; then echo $(( $(now_ms) - $1 )); return; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the app exited:" >&2; tail -30 "$2" >&2; exit 1; fi
    sleep 0.1
  done
  echo "not ready after 300 s" >&2; tail -30 "$2" >&2; exit 1
}
first_up() { # log: milliseconds from start until the port answers at all (liveness)
  grep -m1 -oE "started in [0-9.]+s" "$1" || true
}

echo
echo "=== 1. Start to readiness, empty database (Flyway from V1, demo fleet of 5,000 miners loaded)"
t0=$(now_ms); start_app target/bench/service-1.log
ready1=$(wait_ready "$t0" target/bench/service-1.log)
echo "ready after $ready1 ms ($(first_up target/bench/service-1.log) by Quarkus' count)"
TOKEN=$(curl -fsS -d grant_type=password -d client_id=rigtrail-e2e -d client_secret="$TEST_SECRET" -d username=mgr -d password=mgr \
  "$KEYCLOAK/realms/rigtrail/protocol/openid-connect/token" | jq -r .access_token)
SCENARIO=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$APP/api/scenarios" | jq -r 'if type == "array" then .[0].id else .items[0].id end')

echo
echo "=== 2. Overload: $CLIENTS clients for $MEASURED s"
$CLIENT -cp "$CP" app.rigtrail.bench.ServiceBenchmark overload "$APP" "$KEYCLOAK" "$TEST_SECRET" "$CLIENTS" "$MEASURED" "$LOAD_PATH"
if [ "${SERVICEBENCH_POLITE:-1}" != 0 ]; then
  # the same load from clients that keep the contract (docs/operations.md): wait Retry-After after a 503
  $CLIENT -Dbench.retryAfter=honour -cp "$CP" app.rigtrail.bench.ServiceBenchmark overload "$APP" "$KEYCLOAK" \
    "$TEST_SECRET" "$CLIENTS" "$MEASURED" "$LOAD_PATH"
fi
echo "  the app's own count: $(curl -fsS "$APP/q/metrics" | grep -E '^rigtrail_http_shed_total' | tr '\n' ' ')"

if [ "${SERVICEBENCH_ONLY:-}" = overload ]; then exit 0; fi

echo
echo "=== 3. SIGTERM with requests in flight: $SHUTDOWN_CLIENTS clients, SIGTERM after 5 s"
set +e
$CLIENT -cp "$CP" app.rigtrail.bench.ServiceBenchmark shutdown "$APP" "$KEYCLOAK" "$TEST_SECRET" "$SHUTDOWN_CLIENTS" \
  "$APP_PID" 5 "/api/forecasts {\"scenarios\":[$SCENARIO],\"horizonDays\":180,\"replications\":300}" "$LOAD_PATH"
wait "$APP_PID"; rc=$?
set -e
APP_PID=""
echo "  exit status $rc; the app's log on the way out:"
grep -E "shutdown|Shutdown|stopped|FAILED|forecast run" target/bench/service-1.log | tail -6 | cut -c1-220 | sed 's/^/    /'

echo
echo "=== 4. Start to readiness again, on the loaded database, and the first requests after it"
t0=$(now_ms); start_app target/bench/service-2.log
ready2=$(wait_ready "$t0" target/bench/service-2.log)
echo "ready after $ready2 ms ($(first_up target/bench/service-2.log) by Quarkus' count)"
TOKEN=$(curl -fsS -d grant_type=password -d client_id=rigtrail-e2e -d client_secret="$TEST_SECRET" -d username=mgr -d password=mgr \
  "$KEYCLOAK/realms/rigtrail/protocol/openid-connect/token" | jq -r .access_token)
for p in /api/backlog /api/availability "$LOAD_PATH" /api/holds; do
  curl -sS -o /dev/null -H "Authorization: Bearer $TOKEN" -w "  first GET $p: %{http_code} in %{time_total} s\n" "$APP$p"
done
curl -sS -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -d "{\"scenarios\":[$SCENARIO],\"horizonDays\":90,\"replications\":50}" \
  -w "  first write (POST /api/forecasts, 50 replications): %{http_code} in %{time_total} s\n" "$APP/api/forecasts"
