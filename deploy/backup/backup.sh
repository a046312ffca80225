#!/usr/bin/env bash
# A logical backup of the Rigtrail database: pg_dump in its custom format (compressed, restorable
# table by table and in parallel with pg_restore), written under a temporary name, checked to be a
# readable archive, then renamed, with a .sha256 beside it. One consistent snapshot: the app keeps
# running meanwhile (pg_dump only blocks schema changes, so do not run it during a migration).
#
# Usage: deploy/backup/backup.sh [--dir DIR] [--keep N] [FILE]
#   FILE       the archive to write (default DIR/rigtrail-<UTC time>.dump)
#   --dir DIR  where archives go (default $RIGTRAIL_BACKUP_DIR, else ./backups)
#   --keep N   then delete all but the newest N rigtrail-*.dump archives in DIR
# Connection: libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (or ~/.pgpass), else the app's
# DB_JDBC_URL, DB_USERNAME, DB_PASSWORD. The user needs to read every table (the schema owner does).
# Restore with deploy/backup/restore.sh. For point-in-time recovery use WAL archiving (pgBackRest):
# docs/operations.md, "Back up and restore".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

dir="${RIGTRAIL_BACKUP_DIR:-./backups}"
keep=""
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) file="$1"; shift ;;
  esac
done
if [ -n "$keep" ] && ! [[ "$keep" =~ ^[1-9][0-9]*$ ]]; then echo "--keep needs a whole number above 0" >&2; exit 2; fi

pg_env
if [ -z "$file" ]; then
  mkdir -p "$dir"
  file="$dir/rigtrail-$(date -u +%Y%m%dT%H%M%SZ).dump"
else
  mkdir -p "$(dirname "$file")"
fi
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

started=$(date +%s)
version="$(schema_version "$PGDATABASE")"
pg_dump --no-password --format=custom --file="$partial" "$PGDATABASE"
# a dump that pg_restore cannot list is no backup
entries="$(pg_restore --list "$partial" | grep -c ' TABLE DATA ' || true)"
[ "$entries" -gt 0 ] || { echo "backup of $PGDATABASE holds no table data: refusing it" >&2; exit 1; }
mv "$partial" "$file"
(cd "$(dirname "$file")" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
trap - EXIT

echo "backup: $file ($(du -h "$file" | cut -f1), $entries tables, schema version $version," \
     "database $PGDATABASE on ${PGHOST:-local socket}:${PGPORT:-5432}, $(( $(date +%s) - started )) s)"

if [ -n "$keep" ]; then
  # shellcheck disable=SC2012
  ls -1t "$dir"/rigtrail-*.dump 2>/dev/null | tail -n +"$((keep + 1))" | while read -r old; do
    rm -f "$old" "$old.sha256"
    echo "backup: removed $old (keeping the newest $keep)"
  done
fi
