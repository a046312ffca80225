#!/usr/bin/env bash
# Fetches Keycloak from Maven Central, starts it with the Rigtrail realm, waits until it is ready,
# and stops it cleanly.  Usage: deploy/keycloak/keycloak.sh start|stop|status|fetch
# Dev/test only: it runs start-dev on http://localhost:$KEYCLOAK_PORT with the realm's demo users.
#
# Several instances run side by side: each has its own ports and its own home (data, import,
# logs) under target/keycloak/<instance>; only the unpacked distribution is shared (read-only).
#   KEYCLOAK_PORT              HTTP port (8180)
#   KEYCLOAK_MANAGEMENT_PORT   health and metrics port (9000 for 8180; port + 820 otherwise)
#   KEYCLOAK_INSTANCE          name of the instance's folder (the HTTP port)
#   KEYCLOAK_READY_TIMEOUT     seconds to wait for the realm to be served (240)
#   RIGTRAIL_APP_URLS          the app's addresses browsers use, space-separated ("http://localhost:8080
#                              http://localhost:8081"): the web client's redirect and post-logout URIs,
#                              and its back-channel logout URL (the first address; the replicas share the database)
#   KEYCLOAK_TEST_CLIENTS      true (default): also the TEST-ONLY clients of realm-rigtrail.test-clients.json
#                              (password grants for the e2e tests, a realm-admin service account)
set -euo pipefail

VERSION="${KEYCLOAK_VERSION:-26.7.3}"
PORT="${KEYCLOAK_PORT:-8180}"
MANAGEMENT_PORT="${KEYCLOAK_MANAGEMENT_PORT:-$((PORT + 820))}"
INSTANCE="${KEYCLOAK_INSTANCE:-$PORT}"
READY_TIMEOUT="${KEYCLOAK_READY_TIMEOUT:-240}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${RIGTRAIL_CACHE:-$HOME/.cache/rigtrail}"
DIST="$CACHE/keycloak-$VERSION"
RUN_DIR="$ROOT/target/keycloak/$INSTANCE"
INSTANCE_HOME="$RUN_DIR/home"
PID_FILE="$RUN_DIR/keycloak.pid"
LOG="$RUN_DIR/keycloak.log"
REALM_URL="http://localhost:$PORT/realms/rigtrail/.well-known/openid-configuration"
READY_URL="http://localhost:$MANAGEMENT_PORT/health/ready"

fetch() {
  if [ -x "$DIST/bin/kc.sh" ]; then return; fi
  echo "Fetching Keycloak $VERSION from Maven Central into $CACHE ..."
  mkdir -p "$CACHE"
  "$ROOT/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" -DoutputDirectory="$CACHE"
  [ -x "$DIST/bin/kc.sh" ] || { echo "Keycloak did not unpack to $DIST" >&2; exit 1; }
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

# The instance's home: the distribution's code, configuration and themes linked, its own data/.
# Keycloak derives its data, import and transaction-log folders from kc.home.dir.
make_home() {
  rm -rf "$INSTANCE_HOME"
  mkdir -p "$INSTANCE_HOME/data/import"
  for d in bin conf lib providers themes version.txt; do ln -s "$DIST/$d" "$INSTANCE_HOME/$d"; done
  # import only adds missing realms: an empty database on every start, so realm edits apply
  realm_for_import >"$INSTANCE_HOME/data/import/realm-rigtrail.json"
}

# The realm export with the web client's redirect URIs set to RIGTRAIL_APP_URLS, and the test-only
# clients merged in unless KEYCLOAK_TEST_CLIENTS=false. Also usable alone: keycloak.sh realm >file.json
realm_for_import() {
  command -v jq >/dev/null || { echo "keycloak.sh needs jq (apt-get install jq)" >&2; exit 1; }
  local urls="${RIGTRAIL_APP_URLS:-http://localhost:8080 http://localhost:8081}" tests="$HERE/realm-rigtrail.test-clients.json"
  [ "${KEYCLOAK_TEST_CLIENTS:-true}" = true ] || tests=/dev/null
  jq --arg urls "$urls" --slurpfile t <(if [ "$tests" = /dev/null ]; then echo '{}'; else cat "$tests"; fi) '
    ($urls | split(" ") | map(select(. != "") | sub("/+$"; ""))) as $u
    | .clients |= map(if .clientId == "rigtrail"
        then .redirectUris = ($u | map(. + "/*")) | .attributes["post.logout.redirect.uris"] = ($u | map(. + "/*") | join("##"))
          | if .attributes["backchannel.logout.url"] then .attributes["backchannel.logout.url"] = ($u[0] + "/back-channel-logout") else . end
        else . end)
    | .clients += ($t[0].clients // []) | .users += ($t[0].users // [])' "$HERE/realm-rigtrail.json"
}

start() {
  if running; then echo "Keycloak $INSTANCE already running (pid $(cat "$PID_FILE"))"; return; fi
  fetch
  mkdir -p "$RUN_DIR"
  make_home
  echo "Starting Keycloak $VERSION on port $PORT, management $MANAGEMENT_PORT (log: $LOG) ..."
  (cd "$INSTANCE_HOME" && exec setsid "$DIST/bin/kc.sh" "-Dkc.home.dir=$INSTANCE_HOME" start-dev \
      --http-port="$PORT" --http-management-port="$MANAGEMENT_PORT" --hostname="http://localhost:$PORT" \
      --health-enabled=true --import-realm --cache=local >"$LOG" 2>&1) &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 "$READY_TIMEOUT"); do
    if curl -fsS -o /dev/null "$READY_URL" 2>/dev/null && curl -fsS -o /dev/null "$REALM_URL" 2>/dev/null; then
      echo "Keycloak ready: http://localhost:$PORT/realms/rigtrail"
      return
    fi
    if ! running; then echo "Keycloak exited; last log lines:" >&2; tail -40 "$LOG" >&2; exit 1; fi
    sleep 1
  done
  echo "Keycloak not ready after $READY_TIMEOUT s (KEYCLOAK_READY_TIMEOUT); last log lines:" >&2
  tail -40 "$LOG" >&2
  stop
  exit 1
}

stop() {
  if ! running; then rm -f "$PID_FILE"; echo "Keycloak $INSTANCE not running"; return; fi
  local pid; pid="$(cat "$PID_FILE")"
  # kc.sh runs java in the same session: TERM the whole group, then wait for the exit
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    if ! kill -0 "$pid" 2>/dev/null; then rm -f "$PID_FILE"; echo "Keycloak $INSTANCE stopped"; return; fi
    sleep 1
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  echo "Keycloak $INSTANCE killed after 30 s"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$PID_FILE"))"; else echo "stopped"; exit 1; fi ;;
  fetch) fetch ;;
  realm) realm_for_import ;;
  *) echo "usage: $0 start|stop|status|fetch|realm" >&2; exit 2 ;;
esac
