-- The privileges of Rigtrail's two database roles (docs/operations.md, "Database and roles"):
--   owner  owns the schema and runs the migrations (the Kubernetes migration Job, compose's migrate)
--   app    what the running replicas connect as: reads and writes rows, never changes the schema
-- Run it once per database, after the roles exist, as a superuser or as the owner, connected to the
-- Rigtrail database (again after a restore into a new database: grants live in each database):
--   psql -d rigtrail -v owner=rigtrail_owner -v app=rigtrail_app -f deploy/postgres/roles.sql
-- Safe to run again. The append-only history tables refuse updates and deletes to everyone anyway
-- (their triggers); the app may not touch Flyway's history.
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
grant usage, select on all sequences in schema public to :"app";
-- tables and sequences later migrations create get the same grants
alter default privileges for role :"owner" in schema public grant select, insert, update, delete on tables to :"app";
alter default privileges for role :"owner" in schema public grant usage, select on sequences to :"app";
select 'revoke insert, update, delete on flyway_schema_history from ' || quote_ident(:'app')
 where to_regclass('public.flyway_schema_history') is not null \gexec
