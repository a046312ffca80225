-- Every append-only history table refuses TRUNCATE as well as UPDATE and DELETE (#16 item 7): a
-- statement-level trigger, so even the owner cannot empty history by accident. The app's role has no
-- TRUNCATE, UPDATE or DELETE privilege on them either (platform/db/AppRoleGrants, deploy/postgres/roles.sql),
-- may not alter their triggers (it owns nothing) and may not set session_replication_role (superusers only).
-- The history tables are those guarded by refuse_history_rewrite(); one created later gets the same triggers.
do $$
declare
    t regclass;
begin
    for t in select distinct tr.tgrelid::regclass from pg_trigger tr
              where tr.tgfoid = 'refuse_history_rewrite'::regproc and not tr.tgisinternal
              order by 1 loop
        continue when exists (select 1 from pg_trigger tr where tr.tgrelid = t
                                 and tr.tgname = replace(t::text, '"', '') || '_no_truncate');
        execute format('create trigger %I before truncate on %s for each statement execute function refuse_history_rewrite()',
                       replace(t::text, '"', '') || '_no_truncate', t);
    end loop;
end $$;
