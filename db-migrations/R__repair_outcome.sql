-- Completed repairs (repair_outcome, V7), each rule once (#13 item 1): what a completed repair is (the
-- views repair_outcome_of_tickets and repair_outcome_of_rma_cases), and the 30-day window in which a new
-- failure counts against it (refails_within_warranty). The triggers that keep repair_outcome current and
-- repair_outcome_rebuild, which writes it whole after a bulk load, both read these, so the two paths give
-- the same table (RepairOutcomePathsTest). Java asks refails_within_warranty too (the repair warranty of
-- an RMA case, RmaService). Repeatable: Flyway runs this again whenever it changes.

-- When the 30-day repair warranty of a repair completed (or a part returned) at from_at ends.
create or replace function repair_warranty_ends(from_at timestamptz) returns timestamptz language sql stable as $$
    select from_at + interval '30 days'
$$;

-- A failure at failed_at counts against a repair completed at from_at: on or after it, before its warranty ends.
create or replace function refails_within_warranty(from_at timestamptz, failed_at timestamptz) returns boolean
        language sql stable as $$
    select failed_at >= from_at and failed_at < repair_warranty_ends(from_at)
$$;

-- A resolved ticket with a route: the machine's downtime, the parts issued to it at their unit cost.
create or replace view repair_outcome_of_tickets as
select 'TICKET'::varchar as source, t.id as source_id, t.route::varchar as route, t.site_id, m.model_id, mm.vendor,
       t.miner_id, null::bigint as component_id, t.opened_at, t.closed_at,
       extract(epoch from t.closed_at - t.opened_at) / 3600.0 as hours,
       (select sum(sm.quantity * p.unit_cost_cents) from stock_movement sm join part p on p.id = sm.part_id
         where sm.ticket_id = t.id and sm.kind = 'ISSUE' and p.unit_cost_cents > 0)::bigint as cost_cents,
       mm.hashrate_ths::float8 as ths_restored
from repair_ticket t join miner m on m.id = t.miner_id join miner_model mm on mm.id = m.model_id
where t.state = 'RESOLVED' and t.route is not null and t.closed_at is not null;

-- An RMA case received back at its site from a vendor hub or an onshore partner (not an in-house bench):
-- the part's turnaround, up to its last RECEIVED event.
create or replace view repair_outcome_of_rma_cases as
select 'RMA'::varchar as source, r.id as source_id,
       (case h.kind when 'ONSHORE_PARTNER' then 'ONSHORE_PARTNER' else 'VENDOR_HUB' end)::varchar as route,
       r.site_id, mi.model_id, r.vendor::varchar as vendor, rt.miner_id, r.component_id, r.opened_at, e.at as closed_at,
       extract(epoch from e.at - r.opened_at) / 3600.0 as hours
from rma_case r
join lateral (select max(at) as at from rma_case_event where case_id = r.id and to_state = 'RECEIVED') e
     on e.at is not null
left join repair_hub h on h.id = r.hub_id
left join repair_ticket rt on rt.id = r.ticket_id
left join miner mi on mi.id = rt.miner_id
where coalesce(h.kind, 'VENDOR_AUTHORIZED') <> 'IN_HOUSE_BENCH';

create or replace function repair_outcome_of_ticket() returns trigger language plpgsql as $$
begin
    if new.state = 'RESOLVED' and old.state <> 'RESOLVED' then
        insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, opened_at, closed_at,
                                    hours, cost_cents, ths_restored)
        select source, source_id, route, site_id, model_id, vendor, miner_id, opened_at, closed_at, hours, cost_cents,
               ths_restored
        from repair_outcome_of_tickets where source_id = new.id
        on conflict (source, source_id) do nothing;
    end if;
    return null;
end $$;

-- A case received again (after a reopening) is one repair, dated by its last return: a failure counts
-- against that return only (as the rebuild counts it).
create or replace function repair_outcome_of_rma_event() returns trigger language plpgsql as $$
begin
    insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, component_id,
                                opened_at, closed_at, hours)
    select source, source_id, route, site_id, model_id, vendor, miner_id, component_id, opened_at, closed_at, hours
    from repair_outcome_of_rma_cases where source_id = new.case_id
    on conflict (source, source_id) do update set closed_at = excluded.closed_at, hours = excluded.hours,
                                                  refailed_at = null, tx = pg_current_xact_id();
    return null;
end $$;

-- A new failure of the same machine within the warranty marks that repair as failed again.
create or replace function repair_outcome_refailure_of_machine() returns trigger language plpgsql as $$
begin
    update repair_outcome set refailed_at = new.opened_at, tx = pg_current_xact_id()
     where source = 'TICKET' and miner_id = new.miner_id and refailed_at is null
       and refails_within_warranty(closed_at, new.opened_at);
    return null;
end $$;

-- The same for a part back from a hub that is named failed on a new ticket within the warranty.
create or replace function repair_outcome_refailure_of_part() returns trigger language plpgsql as $$
declare
    at timestamptz;
begin
    select opened_at into at from repair_ticket where id = new.ticket_id;
    update repair_outcome set refailed_at = at, tx = pg_current_xact_id()
     where source = 'RMA' and component_id = new.component_id and refailed_at is null
       and refails_within_warranty(closed_at, at);
    return null;
end $$;

-- Rebuilds the outcomes from tickets and cases (after a bulk load that bypassed the triggers): the same
-- rows, each marked failed again by the first failure within its warranty.
create or replace function repair_outcome_rebuild() returns void language plpgsql as $$
begin
    delete from repair_outcome;
    insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, opened_at, closed_at,
                                hours, cost_cents, ths_restored)
    select source, source_id, route, site_id, model_id, vendor, miner_id, opened_at, closed_at, hours, cost_cents,
           ths_restored
    from repair_outcome_of_tickets;
    insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, component_id,
                                opened_at, closed_at, hours)
    select source, source_id, route, site_id, model_id, vendor, miner_id, component_id, opened_at, closed_at, hours
    from repair_outcome_of_rma_cases;
    update repair_outcome o set refailed_at = f.at
    from (select o2.id, min(t.opened_at) as at
          from repair_outcome o2
          join repair_ticket t on t.miner_id = o2.miner_id and t.id <> o2.source_id
          where o2.source = 'TICKET' and refails_within_warranty(o2.closed_at, t.opened_at)
          group by o2.id) f
    where o.id = f.id;
    update repair_outcome o set refailed_at = f.at
    from (select o2.id, min(t.opened_at) as at
          from repair_outcome o2
          join ticket_failed_component tfc on tfc.component_id = o2.component_id
          join repair_ticket t on t.id = tfc.ticket_id
          where o2.source = 'RMA' and refails_within_warranty(o2.closed_at, t.opened_at)
          group by o2.id) f
    where o.id = f.id;
end $$;

-- Rows leave repair_outcome only by a delete or truncate (the rebuild): each bumps its dashboard_version,
-- so the dashboard's columns in memory (OutcomeColumns), which otherwise fetch only rows written since
-- their last read, read the table whole again and lose the rows that left.
insert into dashboard_version (name) values ('repair_outcome') on conflict (name) do nothing;
create or replace trigger repair_outcome_dashboard_version after delete or truncate on repair_outcome
    for each statement execute function bump_dashboard_version();
