#!/usr/bin/env bash
# Restores a backup made by backup.sh into a NEW database, created here: it never overwrites the
# database the app uses. Checks the archive's .sha256 when there is one, restores in one transaction
# (all or nothing; --jobs N restores in parallel instead, faster for a large database), gathers the
# planner's statistics and prints the schema version. Point the app at the new database (DB_JDBC_URL)
# to use it; docs/operations.md, "Back up and restore".
#
# Usage: deploy/backup/restore.sh [--owner ROLE] [--jobs N] [--no-acl] FILE DATABASE
#   --owner ROLE  the new database and every restored object belong to ROLE (default: the user
#                 connecting); use the schema owner that runs migrations (rigtrail_owner)
#   --jobs N      restore with N parallel jobs (not in one transaction)
#   --no-acl      do not restore the grants (when the roles they name do not exist on this server)
# Connection: as for backup.sh (the user must be allowed to create databases). The restored
# database keeps the grants of the source: create the app's role on a new server first.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"

owner=""
jobs=1
acl=()
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --owner) owner="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --no-acl) acl=(--no-acl); shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ "${#args[@]}" = 2 ] || { echo "usage: $0 [--owner ROLE] [--jobs N] [--no-acl] FILE DATABASE" >&2; exit 2; }
file="${args[0]}"
db="${args[1]}"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "--jobs needs a whole number above 0" >&2; exit 2; }
[ -r "$file" ] || { echo "no backup at $file" >&2; exit 1; }
[[ "$db" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || { echo "database name '$db': letters, digits and _ only" >&2; exit 2; }

pg_env
if [ -f "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --quiet -c "$(basename "$file").sha256") \
    || { echo "$file does not match its .sha256: refusing to restore it" >&2; exit 1; }
fi
pg_restore --list "$file" >/dev/null || { echo "$file is not a pg_dump custom-format archive" >&2; exit 1; }

exists="$("${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$db'")"
if [ -n "$exists" ]; then
  echo "database $db exists already: restore.sh only restores into a new database (drop it first, or pick another name)" >&2
  exit 1
fi

started=$(date +%s)
createdb --no-password --maintenance-db=postgres ${owner:+--owner="$owner"} "$db"
mode=(--single-transaction)
if [ "$jobs" -gt 1 ]; then mode=(--jobs="$jobs"); fi
if ! pg_restore --no-password --dbname="$db" --no-owner ${owner:+--role="$owner"} "${acl[@]}" \
     --exit-on-error "${mode[@]}" "$file"; then
  echo "restore into $db failed; the database $db is left as it is (drop it with: dropdb $db)" >&2
  exit 1
fi
vacuumdb --no-password --quiet --analyze-only --dbname="$db"

tables="$("${PSQL[@]}" -d "$db" -tAc "select count(*) from information_schema.tables
  where table_schema = 'public' and table_type = 'BASE TABLE'")"
echo "restore: $file into database $db ($tables tables, schema version $(schema_version "$db")," \
     "$(( $(date +%s) - started )) s)"
