# Shared by backup.sh, restore.sh and counts.sh (sourced, not run).
# The connection comes from libpq's own variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE,
# PGSSLMODE, or a ~/.pgpass file); when PGHOST is not set, from the app's settings instead:
# DB_JDBC_URL (jdbc:postgresql://host:port/database), DB_USERNAME and DB_PASSWORD.

pg_env() {
  if [ -z "${PGHOST:-}" ] && [ -n "${DB_JDBC_URL:-}" ]; then
    local rest="${DB_JDBC_URL#jdbc:postgresql://}"
    if [ "$rest" = "$DB_JDBC_URL" ]; then
      echo "DB_JDBC_URL is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): '$DB_JDBC_URL'" >&2
      exit 2
    fi
    local hostport="${rest%%/*}" db="${rest#*/}"
    db="${db%%\?*}"
    export PGHOST="${hostport%%:*}"
    if [ "$hostport" != "$PGHOST" ]; then export PGPORT="${hostport##*:}"; fi
    if [ -n "$db" ] && [ "$db" != "$rest" ]; then export PGDATABASE="${PGDATABASE:-$db}"; fi
    if [ -n "${DB_USERNAME:-}" ]; then export PGUSER="${PGUSER:-$DB_USERNAME}"; fi
    if [ -n "${DB_PASSWORD:-}" ]; then export PGPASSWORD="${PGPASSWORD:-$DB_PASSWORD}"; fi
  fi
  export PGDATABASE="${PGDATABASE:-rigtrail}"
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"
  # never prompt for a password: a cron job would hang
  PSQL=(psql -X -q -v ON_ERROR_STOP=1 --no-password)
}

# The newest applied Flyway migration of a database ("12"), or "none".
schema_version() {
  "${PSQL[@]}" -d "$1" -tAc "select coalesce((select version from flyway_schema_history where success
      and version is not null order by installed_rank desc limit 1), 'none')" 2>/dev/null || echo none
}
