-- The privileges of Rigtrail's two database roles (docs/operations.md, "Database and roles"):
--   owner  owns the schema and runs the migrations (the Kubernetes migration Job, compose's migrate)
--   app    what the running replicas connect as: reads and writes rows, never changes the schema
-- Run it once per database, after the roles exist, as a superuser or as the owner, connected to the
-- Rigtrail database (again after a restore into a new database: grants live in each database):
--   psql -d rigtrail -v owner=rigtrail_owner -v app=rigtrail_app -f deploy/postgres/roles.sql
-- Safe to run again. The app may only read and append the history tables (those guarded by the trigger
-- function refuse_history_rewrite(): no UPDATE, DELETE or TRUNCATE; their triggers refuse those to everyone
-- anyway) and may only read Flyway's history. The app runs the same grants after every migration it runs
-- as the owner (platform/db/AppRoleGrants, RIGTRAIL_DB_APP_ROLE or DB_OWNER_USERNAME).
\set ON_ERROR_STOP on
\if :{?owner}
\else
  \set owner rigtrail_owner
\endif
\if :{?app}
\else
  \set app rigtrail_app
\endif

select format('grant connect, temporary on database %I to %I', current_database(), :'app') \gexec
grant usage on schema public to :"app";
grant create on schema public to :"owner";
grant select, insert, update, delete on all tables in schema public to :"app";
revoke truncate, trigger, references on all tables in schema public from :"app";
-- usage for nextval, update for setval (the demo loader)
grant usage, select, update on all sequences in schema public to :"app";
-- tables and sequences later migrations create get the same grants (and lose them again on history tables
-- when the migration's grants run, or this file again)
alter default privileges for role :"owner" in schema public grant select, insert, update, delete on tables to :"app";
alter default privileges for role :"owner" in schema public grant usage, select, update on sequences to :"app";
-- history: select and insert only
select format('revoke update, delete, truncate on %s from %I, public', t.tgrelid::regclass, :'app')
  from (select distinct tgrelid from pg_trigger
         where tgfoid = to_regproc('refuse_history_rewrite') and not tgisinternal) t \gexec
select 'revoke insert, update, delete, truncate on flyway_schema_history from ' || quote_ident(:'app') || ', public'
 where to_regclass('public.flyway_schema_history') is not null \gexec
