#!/usr/bin/env bash
# Exact row counts of every table of a Rigtrail database, one "table<TAB>rows" line each, sorted by
# table name: compare a restore with its source (diff the two outputs), or check a backup's size.
# Usage: deploy/backup/counts.sh [DATABASE]    (connection: see lib.sh; default PGDATABASE)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
pg_env
db="${1:-$PGDATABASE}"
# one count(*) per table, generated and run by \gexec, in one repeatable-read snapshot
"${PSQL[@]}" -d "$db" -At -F $'\t' <<'SQL'
begin transaction isolation level repeatable read read only;
select format('select %L, count(*) from %I.%I', table_name, table_schema, table_name)
  from information_schema.tables
 where table_schema = 'public' and table_type = 'BASE TABLE'
 order by table_name collate "C"
\gexec
commit;
SQL
