#!/usr/bin/env bash
# The write-path benchmark of issue #13 item 5. On ONE throw-away PostgreSQL (deploy/postgres/postgres.sh, started
# with pg_stat_statements) it measures, back to back:
#   1. pgbench's simple-update load (pgbench -N, scale 10, <clients> clients, 2 threads, <seconds> s after init)
#      in its own database "pgbench": the TPS the database gives on this machine;
#   2. the production jar (database "writebench", emptied on every run, the demo fleet of 5,000 miners) under
#      <clients> API clients (app.rigtrail.bench.WriteBenchmark, an admin's bearer token from Keycloak's test-only
#      client): each opens tickets on its own hashing miners of one site and moves them through diagnosis and bench
#      repair to resolved, every write with an Idempotency-Key and the ticket's version, one write in 25 replayed.
#   with WRITEBENCH_FLOOR=1, once the app is up and idle on its loaded database, before its writes, two floors:
#   1a. the SQL floor: bench/writes-sql.pgbench (pgbench -M prepared, the same clients, 2 threads, <seconds> s),
#       the statements the app sends for one repair cycle (open, diagnosing, bench repair, resolved: four writes,
#       each BEGIN ... COMMIT with its idempotency claim and stored answer, the same tables, rows, indexes and
#       triggers) with no app at all: the most writes/s any app sending this SQL could reach on this machine;
#   1b. the HTTP + authentication floor: the same load client (WriteBenchmark's http-floor mode), the same clients
#       and token, each sending GET /api/me (bearer token verified, a worker thread, no database for an admin):
#       what HTTP, the token and the client cost on these cores without any write;
# and prints pgbench TPS, app writes/s, their ratio, p50/p95/p99 of the writes, and the app's RSS: the peak of
# VmRSS sampled every 0.2 s from /proc/<pid>/status during the load, and VmHWM (the peak since start) at the end;
# the floors' writes/s or requests/s and their ratios to pgbench; and for every phase the CPU per operation
# (from /proc: the machine's busy time, PostgreSQL's processes, the app's JVM, the rest: load client, Keycloak,
# anything else running) over the phase's operations (warm-up included). Every statement of a run with its calls
# goes to target/bench/writes-statements-<label>.txt (the floor's to writes-statements-floor-<label>.txt).
# Targets (issue #13): writes/s >= 0.5 x pgbench TPS, p99 <= 50 ms, RSS <= 512 MB. Figures: docs/operations.md,
# "Write path".
# Usage: bench/writes.sh [clients=32] [measured seconds=30] [warm-up seconds=10]
# Environment:
#   WRITEBENCH_JAVA_OPTS  the app's JVM flags (default: those of the image, docs/operations.md "Memory")
#   WRITEBENCH_FLOOR=1    measure the SQL and HTTP floors above (for each jar, before its writes)
#   WRITEBENCH_JFR=1      record a JFR profile of the measured run (target/bench/writes.jfr) and print its hottest
#                         frames and where the threads waited
#   WRITEBENCH_JAR        the app's jar (target/quarkus-app/quarkus-run.jar)
#   WRITEBENCH_COMPARE_JAR a second jar (e.g. an earlier commit's quarkus-app/quarkus-run.jar) measured after the first
#                         on the same PostgreSQL, in a database of its own, against the same pgbench figure
#   RIGTRAIL_HTTP_MAX_IN_FLIGHT and the app's other settings pass through the environment
#   WRITEBENCH_NO_BUILD=1 use the jar and classes already built; WRITEBENCH_SITE=<id> the site whose miners are used
#                         (default the one with most hashing miners: every write goes to one site, the worst case)
#   APP_PORT (8080), KEYCLOAK_PORT (8180), KEYCLOAK_MANAGEMENT_PORT, PG_PORT (55432): ports.
# After the run, pg_stat_statements' top statements by total time, and the wait events sampled during the load,
# are printed. Run it under the build lock on shared machines (HELPER=me /work/bin/locked bench/writes.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS="${1:-32}" MEASURED="${2:-30}" WARMUP="${3:-10}"
APP_PORT="${APP_PORT:-8080}"
export KEYCLOAK_PORT="${KEYCLOAK_PORT:-8180}" PG_PORT="${PG_PORT:-55432}"
APP="http://localhost:$APP_PORT" KEYCLOAK="http://localhost:$KEYCLOAK_PORT"
SECRET=rigtrail-dev-secret-NOT-FOR-PRODUCTION
TEST_SECRET=rigtrail-e2e-secret-TEST-ONLY
# the image's entrypoint flags (pom.xml, jib) as they come out in a pod with its 640 MiB memory limit
# (deploy/kubernetes/deployment.yaml): 40% of it as heap
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
JAVA_OPTS="${WRITEBENCH_JAVA_OPTS-"-Xmx256m -Xms128m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+UseSerialGC"}"

if [ "${WRITEBENCH_NO_BUILD:-0}" != 1 ] || [ ! -f target/bench-classpath.txt ]; then
  ./mvnw -q -B -ntp package -DskipTests
  ./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
CP="target/test-classes:$(cat target/bench-classpath.txt)"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

APP_PID="" SAMPLER_PID="" WAITS_PID=""
cleanup() {
  set +e
  for p in "$SAMPLER_PID" "$WAITS_PID"; do if [ -n "$p" ]; then kill "$p" 2>/dev/null; fi; done
  if [ -n "$APP_PID" ]; then kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null; fi
  deploy/keycloak/keycloak.sh stop
  deploy/postgres/postgres.sh stop
}
trap cleanup EXIT
deploy/keycloak/keycloak.sh start
deploy/postgres/postgres.sh stop >/dev/null # (re)started with the library loaded
PG_SERVER_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c max_connections=200" \
  deploy/postgres/postgres.sh start
PSQL="$PGBIN/psql -X -h localhost -p $PG_PORT -U postgres -qAt"
$PSQL -d postgres -c "drop database if exists pgbench with (force)" -c "create database pgbench"
mkdir -p target/bench
# CPU ticks (1/100 s) now: "<machine busy> <machine total> <PostgreSQL> <app>": PostgreSQL is its postmaster with the
# children it reaped and those alive; the app is $APP_PID (0 when none). A phase's CPU is the difference of two.
cpu_now() {
  local pm; pm="$(head -1 target/postgres/data/postmaster.pid)"
  awk '/^cpu / {b = $2 + $3 + $4 + $7 + $8 + $9; printf "%d %d ", b, b + $5 + $6}' /proc/stat
  { awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk '{s += $1} END {printf "%d ", s}'
  if [ -n "${APP_PID:-}" ]; then awk '{print $14 + $15}' "/proc/$APP_PID/stat"; else echo 0; fi
}
# the CPU of one phase per operation: cpu_per <label> <before> <after> <operations>; prints a line and appends it to CPU
CPU=""
cpu_per() {
  local line
  line="$(echo "$2 $3 ${4:-0}" | awk -v label="$1" '{ n = $9; busy = $5 - $1; total = $6 - $2; pg = $7 - $3; app = $8 - $4
    if (n == 0 || total == 0) { printf "  %s: no operations counted", label; exit }
    printf "  %s: machine CPU %.0f%% busy (of 2 cores); per operation (%d): PostgreSQL %.3f ms, app %.3f ms, the rest (load client, Keycloak, other) %.3f ms, all %.3f ms",
      label, 100 * busy / total, n, 10 * pg / n, 10 * app / n, 10 * (busy - pg - app) / n, 10 * busy / n }')"
  echo "$line"
  CPU="$CPU$line
"
}

echo
echo "=== 1. pgbench simple-update (-N), $CLIENTS clients, 2 threads, $MEASURED s, scale 10"
"$PGBIN/pgbench" -h localhost -p "$PG_PORT" -U postgres -i -s 10 -q pgbench >target/bench/pgbench-init.log 2>&1
C0="$(cpu_now)"
"$PGBIN/pgbench" -h localhost -p "$PG_PORT" -U postgres -N -c "$CLIENTS" -j 2 -T "$MEASURED" pgbench \
  2>&1 | tee target/bench/pgbench.log | grep -E "latency average|tps =" | sed 's/^/  /'
sleep 0.5 # the backends reaped
PGBENCH_TPS="$(grep -oE 'tps = [0-9.]+' target/bench/pgbench.log | head -1 | awk '{print $3}')"
cpu_per "pgbench -N" "$C0" "$(cpu_now)" "$(grep -oE 'number of transactions actually processed: [0-9]+' target/bench/pgbench.log | awk '{print $NF}')"
$PSQL -d postgres -c "drop database pgbench with (force)"

SUMMARY=""
FLOORS=""
# The two floors (WRITEBENCH_FLOOR=1), on the app's database once the app is up and idle:
#  the SQL floor: bench/writes-sql.pgbench, the app's statements of one repair cycle (four writes) as plain SQL, with
#  the same clients on the same data, no app; its writes/s (4 x its TPS) is the most any app sending this SQL could
#  reach here;
#  the HTTP floor: the same load client sending an authenticated GET /api/me (token verified, a worker, no database)
#  in the same closed loop: what HTTP, the token and the client cost on these cores with no write at all.
floors() {
  local label="$1" site slots=4 body have c0 tps n
  site="${WRITEBENCH_SITE:-0}"
  if [ "$site" = 0 ]; then
    site="$($PSQL -d writebench -c "select site_id from miner where status = 'HASHING' group by site_id order by count(*) desc, site_id limit 1")"
  fi
  # the site's hashing miners with an installed fan, from the other end of the asset codes than the API clients
  # take theirs (they take the first ones), none with an open ticket
  $PSQL -d writebench -c "drop table if exists writes_floor_slot" -c "create table writes_floor_slot as
    select (row_number() over (order by m.asset_code desc) - 1)::int as n, m.id as miner_id,
      (select min(c.id) from component c where c.miner_id = m.id and c.kind = 'FAN' and c.location_kind = 'INSTALLED') as component_id
    from miner m where m.site_id = $site and m.status = 'HASHING'
      and exists (select 1 from component c where c.miner_id = m.id and c.kind = 'FAN' and c.location_kind = 'INSTALLED')
      and not exists (select 1 from repair_ticket t where t.miner_id = m.id and repair_ticket_is_open(t.state))
    order by m.asset_code desc limit $((CLIENTS * slots))" -c "create unique index on writes_floor_slot (n)"
  have="$($PSQL -d writebench -c "select count(*) from writes_floor_slot")"
  if [ "$have" -lt $((CLIENTS * slots)) ]; then echo "site $site has $have miners for the SQL floor, not $((CLIENTS * slots))" >&2; exit 1; fi
  # an answer as long as the app's stored ones (about 690 characters)
  body="$(printf '{"id":0,"state":"x"%0680d}' 0)"
  echo
  echo "=== Floor 1 ($label), SQL: bench/writes-sql.pgbench (one repair cycle = 4 writes), $CLIENTS clients, 2 threads, $MEASURED s, site $site, no app work"
  $PSQL -d writebench -c "select pg_stat_statements_reset()" >/dev/null
  c0="$(cpu_now)"
  "$PGBIN/pgbench" -h localhost -p "$PG_PORT" -U postgres -n -M prepared -f bench/writes-sql.pgbench -D slots=$slots \
    -D body="$body" -c "$CLIENTS" -j 2 -T "$MEASURED" writebench 2>&1 | tee "target/bench/pgbench-floor-$label.log" \
    | grep -E "latency average|tps =|failed|aborted|error" | sed 's/^/  /'
  sleep 0.5
  tps="$(grep -oE 'tps = [0-9.]+' "target/bench/pgbench-floor-$label.log" | head -1 | awk '{print $3}')"
  n="$(grep -oE 'number of transactions actually processed: [0-9]+' "target/bench/pgbench-floor-$label.log" | awk '{print $NF}')"
  cpu_per "SQL floor ($label)" "$c0" "$(cpu_now)" "$((4 * n))"
  $PSQL -d writebench -F ' | ' -c "select calls, rows, round(mean_exec_time::numeric, 3), round(total_exec_time)::bigint,
    regexp_replace(query, '\s+', ' ', 'g') from pg_stat_statements
    where dbid = (select oid from pg_database where datname = 'writebench') order by calls desc" \
    >"target/bench/writes-statements-floor-$label.txt"
  if $PSQL -d writebench -c "select count(*) from repair_ticket t join writes_floor_slot s on s.miner_id = t.miner_id
      where repair_ticket_is_open(t.state)" | grep -qv '^0$'; then
    echo "  (the SQL floor left open tickets on its miners)"
  fi
  echo
  echo "=== Floor 2 ($label), HTTP + authentication: $CLIENTS clients, GET /api/me with the admin's bearer token, $MEASURED s after $WARMUP s"
  c0="$(cpu_now)"
  java -Xmx256m -cp "$CP" app.rigtrail.bench.WriteBenchmark "$APP" "$KEYCLOAK" "$TEST_SECRET" "$CLIENTS" "$WARMUP" \
    "$MEASURED" 0 http-floor 2>"target/bench/writes-client-http-floor-$label.err" | tee "target/bench/writes-http-floor-$label.log" \
    | grep -v '^RESULT' | sed 's/^/  /'
  local http_per_s http_p50 http_p95 http_p99 http_sent
  eval "$(grep '^RESULT' "target/bench/writes-http-floor-$label.log" | sed 's/^RESULT //')"
  cpu_per "HTTP floor ($label)" "$c0" "$(cpu_now)" "$http_sent"
  if [ -s "target/bench/writes-client-http-floor-$label.err" ]; then
    echo "  client errors: $(head -3 "target/bench/writes-client-http-floor-$label.err" | cut -c1-300)"
  fi
  FLOORS="$FLOORS$(awk -v label="$label" -v tps="$PGBENCH_TPS" -v f="$tps" -v h="$http_per_s" -v p50="$http_p50" -v p95="$http_p95" -v p99="$http_p99" 'BEGIN {
    printf "  %s: SQL floor: %.0f cycles/s = %.0f writes/s, ratio to pgbench -N %.3f\n", label, f, 4 * f, 4 * f / tps
    printf "  %s: HTTP floor: %.0f authenticated requests/s (ratio to pgbench -N %.3f), p50 %.1f ms, p95 %.1f ms, p99 %.1f ms\n", label, h, h / tps, p50, p95, p99
    printf "  %s: both on the same cores (1 / (1/SQL + 1/HTTP), CPU-bound): at most %.0f writes/s, ratio %.3f\n", label, 1 / (1 / (4 * f) + 1 / h), 1 / (1 / (4 * f) + 1 / h) / tps }')
"
}

# one run of the app under the clients: run_app <label> <jar>
run_app() {
  local label="$1" jar="$2"
  echo
  echo "=== 2. The app ($label: $jar): $CLIENTS API clients writing for $MEASURED s after $WARMUP s of warm-up"
  $PSQL -d postgres -c "drop database if exists writebench with (force)" -c "create database writebench"
  # shellcheck disable=SC2086
  DB_JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/writebench" DB_USERNAME=postgres DB_PASSWORD=unused-trust-auth \
  OIDC_AUTH_SERVER_URL="$KEYCLOAK/realms/rigtrail" OIDC_CLIENT_SECRET="$SECRET" QUARKUS_HTTP_PORT="$APP_PORT" \
  RIGTRAIL_DEMO_MINERS=5000 RIGTRAIL_DEMO_HOLDS=600 RIGTRAIL_DEMO_TICKETS=6000 \
    java $JAVA_OPTS -jar "$jar" >"target/bench/writes-app-$label.log" 2>&1 &
  APP_PID=$!
  echo "  app JVM flags: ${JAVA_OPTS:-(none)}"
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$APP/q/health/ready" 2>/dev/null; then break; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the app exited:" >&2; tail -30 "target/bench/writes-app-$label.log" >&2; exit 1; fi
    sleep 0.5
  done
  curl -fsS -o /dev/null "$APP/q/health/ready" || { echo "the app is not ready" >&2; exit 1; }
  $PSQL -d writebench -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null
  if [ "${WRITEBENCH_FLOOR:-0}" = 1 ]; then floors "$label"; fi
  $PSQL -d writebench -c "select pg_stat_statements_reset()" >/dev/null
  local c0; c0="$(cpu_now)"
  echo 0 >target/bench/writes-rss.txt
  ( peak=0; while kill -0 "$APP_PID" 2>/dev/null; do
      r="$(awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)"
      if [ "${r:-0}" -gt "$peak" ]; then peak="$r"; echo "$peak" >target/bench/writes-rss.txt; fi
      sleep 0.2
    done ) &
  SAMPLER_PID=$!
  # what the app's sessions wait on, sampled every 0.1 s (pg_stat_activity; CPU = not waiting)
  ( while true; do
      $PSQL -d writebench -c "select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
        where datname = 'writebench' and state = 'active' and pid <> pg_backend_pid()" 2>/dev/null || true
      sleep 0.1
    done >target/bench/writes-waits.txt ) &
  WAITS_PID=$!
  if [ "${WRITEBENCH_JFR:-0}" = 1 ]; then # warm-up and measured run
    rm -f "target/bench/writes-$label.jfr"
    jcmd "$APP_PID" JFR.start name=writes settings=profile filename="$PWD/target/bench/writes-$label.jfr" >/dev/null
  fi
  java -Xmx256m -cp "$CP" app.rigtrail.bench.WriteBenchmark "$APP" "$KEYCLOAK" "$TEST_SECRET" "$CLIENTS" "$WARMUP" \
    "$MEASURED" "${WRITEBENCH_SITE:-0}" 2>"target/bench/writes-client-$label.err" | tee "target/bench/writes-$label.log" \
    | grep -v '^RESULT' | sed 's/^/  /'
  kill "$WAITS_PID" 2>/dev/null || true; WAITS_PID=""
  if [ "${WRITEBENCH_JFR:-0}" = 1 ]; then jcmd "$APP_PID" JFR.stop name=writes >/dev/null; fi
  # every write stores its answer once (replays do not): the writes of warm-up and measured run together
  cpu_per "app writes ($label)" "$c0" "$(cpu_now)" "$($PSQL -d writebench -c "select coalesce(sum(calls), 0) from pg_stat_statements
    where query like 'update idempotency_key set status%' and dbid = (select oid from pg_database where datname = 'writebench')")"
  local hwm peak
  hwm="$(awk '/^VmHWM/ {print $2}' "/proc/$APP_PID/status")"
  peak="$(cat target/bench/writes-rss.txt)"
  if [ -s "target/bench/writes-client-$label.err" ]; then
    echo "  client errors ($(wc -l <"target/bench/writes-client-$label.err") lines, target/bench/writes-client-$label.err):"
    head -5 "target/bench/writes-client-$label.err" | cut -c1-300 | sed 's/^/    /'
  fi
  echo "=== Where the database's time went (pg_stat_statements, top 12 by total time: ms, calls, mean ms, statement)"
  $PSQL -d writebench -F ' | ' -c "select round(total_exec_time)::bigint as total_ms, calls, round(mean_exec_time::numeric, 2) as mean_ms,
    left(regexp_replace(query, '\s+', ' ', 'g'), 150) from pg_stat_statements
    where dbid = (select oid from pg_database where datname = 'writebench') order by total_exec_time desc limit 12" | sed 's/^/  /'
  # every statement in full, for bench/writes-sql.pgbench (the SQL floor): calls, rows, mean ms, total ms, statement
  $PSQL -d writebench -F ' | ' -c "select calls, rows, round(mean_exec_time::numeric, 3), round(total_exec_time)::bigint,
    regexp_replace(query, '\s+', ' ', 'g') from pg_stat_statements
    where dbid = (select oid from pg_database where datname = 'writebench') order by calls desc" \
    >"target/bench/writes-statements-$label.txt"
  echo "=== What active sessions waited on (samples of pg_stat_activity every 0.1 s)"
  sort target/bench/writes-waits.txt | uniq -c | sort -rn | head -8 | sed 's/^/  /' || true
  if [ "${WRITEBENCH_JFR:-0}" = 1 ] && [ -f "target/bench/writes-$label.jfr" ]; then
    echo "=== JFR: app frames (app.rigtrail.*) on sampled stacks, target/bench/writes-$label.jfr"
    jfr print --events jdk.ExecutionSample --stack-depth 64 "target/bench/writes-$label.jfr" \
      | grep -oE 'app\.rigtrail\.[A-Za-z0-9_$.]+\(' | grep -v -e '_Subclass' -e '_ClientProxy' \
      | sort | uniq -c | sort -rn | head -15 | sed 's/^/  /' || true
  fi
  kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  kill -TERM "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  local writes_per_s p50 p95 p99
  eval "$(grep '^RESULT' "target/bench/writes-$label.log" | sed 's/^RESULT //')"
  SUMMARY="$SUMMARY$(awk -v label="$label" -v tps="$PGBENCH_TPS" -v w="$writes_per_s" -v p50="$p50" -v p95="$p95" -v p99="$p99" \
    -v peak="$peak" -v hwm="$hwm" 'BEGIN {
    printf "  %s: pgbench TPS %.0f | app writes/s %.1f | ratio %.3f (target >= 0.5)\n", label, tps, w, w / tps
    printf "  %s: app latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (target p99 <= 50)\n", label, p50, p95, p99
    printf "  %s: app RSS peak during the load %.0f MB, VmHWM since start %.0f MB (target <= 512)\n", label, peak / 1024, hwm / 1024 }')
"
}

run_app app "${WRITEBENCH_JAR:-target/quarkus-app/quarkus-run.jar}"
if [ -n "${WRITEBENCH_COMPARE_JAR:-}" ]; then
  run_app compared "$WRITEBENCH_COMPARE_JAR"
fi
echo
echo "=== Summary"
printf "%s" "$SUMMARY"
printf "%s" "$FLOORS"
echo "=== CPU per operation"
printf "%s" "$CPU"
