#!/usr/bin/env bash
# Fetches Keycloak from Maven Central, starts it with the Rigtrail realm, waits until it is ready,
# and stops it cleanly.  Usage: deploy/keycloak/keycloak.sh start|stop|status
# Dev/test only: it runs start-dev on http://localhost:8180 with the realm's demo users.
set -euo pipefail

VERSION="${KEYCLOAK_VERSION:-26.7.3}"
PORT="${KEYCLOAK_PORT:-8180}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${RIGTRAIL_CACHE:-$HOME/.cache/rigtrail}"
HOME_DIR="$CACHE/keycloak-$VERSION"
RUN_DIR="$ROOT/target/keycloak"
PID_FILE="$RUN_DIR/keycloak.pid"
LOG="$RUN_DIR/keycloak.log"
REALM_URL="http://localhost:$PORT/realms/rigtrail/.well-known/openid-configuration"

fetch() {
  if [ -x "$HOME_DIR/bin/kc.sh" ]; then return; fi
  echo "Fetching Keycloak $VERSION from Maven Central into $CACHE ..."
  mkdir -p "$CACHE"
  "$ROOT/mvnw" -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" -DoutputDirectory="$CACHE"
  [ -x "$HOME_DIR/bin/kc.sh" ] || { echo "Keycloak did not unpack to $HOME_DIR" >&2; exit 1; }
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then echo "Keycloak already running (pid $(cat "$PID_FILE"))"; return; fi
  fetch
  mkdir -p "$RUN_DIR"
  # import only adds missing realms: start from an empty dev database so realm edits apply
  rm -rf "$HOME_DIR/data/h2" "$HOME_DIR/data/import"
  mkdir -p "$HOME_DIR/data/import"
  cp "$HERE/realm-rigtrail.json" "$HOME_DIR/data/import/"
  echo "Starting Keycloak $VERSION on port $PORT (log: $LOG) ..."
  (cd "$HOME_DIR" && exec setsid bin/kc.sh start-dev --http-port="$PORT" --hostname="http://localhost:$PORT" \
      --health-enabled=true --import-realm --cache=local >"$LOG" 2>&1) &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$REALM_URL" 2>/dev/null; then
      echo "Keycloak ready: http://localhost:$PORT/realms/rigtrail"
      return
    fi
    if ! running; then echo "Keycloak exited; last log lines:" >&2; tail -40 "$LOG" >&2; exit 1; fi
    sleep 1
  done
  echo "Keycloak not ready after 240 s; last log lines:" >&2
  tail -40 "$LOG" >&2
  stop
  exit 1
}

stop() {
  if ! running; then rm -f "$PID_FILE"; echo "Keycloak not running"; return; fi
  local pid; pid="$(cat "$PID_FILE")"
  # kc.sh execs java in the same session: TERM the whole group, then wait for the exit
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    if ! kill -0 "$pid" 2>/dev/null; then rm -f "$PID_FILE"; echo "Keycloak stopped"; return; fi
    sleep 1
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  echo "Keycloak killed after 30 s"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$PID_FILE"))"; else echo "stopped"; exit 1; fi ;;
  fetch) fetch ;;
  *) echo "usage: $0 start|stop|status|fetch" >&2; exit 2 ;;
esac
