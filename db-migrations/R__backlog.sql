-- The items of the repair backlog now (#6): every RMA case still in the pipeline (the part's stage), and
-- every open ticket without one (the machine's stage). Age runs from the failure (the ticket's opening,
-- or the case's). The view gives the states, and for a part at a hub when it arrived there and the hub's
-- capacity and turnaround; the stage itself, and the part's place in its hub's line, are computed from them
-- in Java, once (availability.domain.BacklogStage.of, hubRanks and inRepair, #13 item 1). No window over
-- all items: a query for some tickets or cases reads only theirs (the dashboard's copy fetches the items
-- that backlog_change names). Repeatable: Flyway runs this again whenever it changes.
drop view if exists backlog_item;
create view backlog_item as
select 'RMA'::varchar as kind, r.id as rma_id, r.ticket_id, t.miner_id, r.site_id, r.vendor, mi.model_id,
       t.state as ticket_state, r.state as rma_state,
       case when r.state in ('SHIPPED','REPAIRED','REPLACED','RETURNED') then
           (select s.state from shipment_item si join shipment s on s.id = si.shipment_id
             where si.rma_case_id = r.id order by s.created_at desc, s.id desc limit 1) end as shipment_state,
       r.hub_id, coalesce(t.opened_at, r.opened_at) as since,
       case when r.state = 'AT_HUB' then
           (select max(e.at) from rma_case_event e where e.case_id = r.id and e.to_state = 'AT_HUB') end
           as at_hub_since,
       h.capacity_per_week, h.turnaround_days
from rma_case r
left join repair_ticket t on t.id = r.ticket_id
left join miner mi on mi.id = t.miner_id
left join repair_hub h on h.id = r.hub_id
where rma_case_in_pipeline(r.state)
union all
select 'TICKET', null, t.id, t.miner_id, t.site_id, mm.vendor, mi.model_id, t.state, null, null, null, t.opened_at,
       null, null, null
from repair_ticket t join miner mi on mi.id = t.miner_id join miner_model mm on mm.id = mi.model_id
where repair_ticket_is_open(t.state)
  and not exists (select 1 from rma_case r where r.ticket_id = t.id and rma_case_in_pipeline(r.state));

-- What a write may have changed in the backlog, appended to backlog_change (V24) in the writing transaction:
-- keys only, never a rule (which items are open, their stage: the view and BacklogStage).
create or replace function backlog_change_of_ticket() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        insert into backlog_change (ticket_id) values (old.id);
    else
        insert into backlog_change (ticket_id) values (new.id);
    end if;
    return null;
end $$;
create or replace trigger repair_ticket_backlog_change after insert or update or delete on repair_ticket
    for each row execute function backlog_change_of_ticket();

create or replace function backlog_change_of_rma_case() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        insert into backlog_change (ticket_id, rma_case_id) values (old.ticket_id, old.id);
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.ticket_id is distinct from old.ticket_id) then
        insert into backlog_change (ticket_id, rma_case_id) values (new.ticket_id, new.id);
    end if;
    return null;
end $$;
create or replace trigger rma_case_backlog_change after insert or update or delete on rma_case
    for each row execute function backlog_change_of_rma_case();

-- a part's arrival at its hub (its place in the line), a case put on a shipment or taken off one
create or replace function backlog_change_of_case_row() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' and old.rma_case_id is not null then
        insert into backlog_change (rma_case_id) values (old.rma_case_id);
    end if;
    if tg_op <> 'DELETE' and new.rma_case_id is not null then
        insert into backlog_change (rma_case_id) values (new.rma_case_id);
    end if;
    return null;
end $$;
create or replace function backlog_change_of_rma_event() returns trigger language plpgsql as $$
begin
    insert into backlog_change (rma_case_id) values (new.case_id);
    return null;
end $$;
create or replace trigger rma_case_event_backlog_change after insert on rma_case_event
    for each row when (new.to_state = 'AT_HUB') execute function backlog_change_of_rma_event();
create or replace trigger shipment_item_backlog_change after insert or update or delete on shipment_item
    for each row execute function backlog_change_of_case_row();

-- a shipment's state is its cases' (held in customs, in transit, returning)
create or replace function backlog_change_of_shipment() returns trigger language plpgsql as $$
begin
    insert into backlog_change (rma_case_id)
    select si.rma_case_id from shipment_item si where si.shipment_id = new.id and si.rma_case_id is not null;
    return null;
end $$;
create or replace trigger shipment_backlog_change after update on shipment
    for each row when (old.state is distinct from new.state or old.created_at is distinct from new.created_at)
    execute function backlog_change_of_shipment();

-- a machine's model or asset code shows on its tickets' items
create or replace function backlog_change_of_miner() returns trigger language plpgsql as $$
begin
    insert into backlog_change (ticket_id) select t.id from repair_ticket t where t.miner_id = new.id;
    return null;
end $$;
create or replace trigger miner_backlog_change after update on miner
    for each row when (old.model_id is distinct from new.model_id or old.asset_code is distinct from new.asset_code)
    execute function backlog_change_of_miner();

-- a site's code, a model's vendor or name, a hub's code, capacity or turnaround, or a table emptied: all items
create or replace function backlog_change_of_everything() returns trigger language plpgsql as $$
begin
    insert into backlog_change default values;
    return null;
end $$;
create or replace trigger site_backlog_change after update or delete on site
    for each statement execute function backlog_change_of_everything();
create or replace trigger miner_model_backlog_change after update or delete on miner_model
    for each statement execute function backlog_change_of_everything();
create or replace trigger repair_hub_backlog_change after update or delete on repair_hub
    for each statement execute function backlog_change_of_everything();
create or replace trigger repair_ticket_backlog_truncate after truncate on repair_ticket
    for each statement execute function backlog_change_of_everything();
create or replace trigger rma_case_backlog_truncate after truncate on rma_case
    for each statement execute function backlog_change_of_everything();
create or replace trigger shipment_item_backlog_truncate after truncate on shipment_item
    for each statement execute function backlog_change_of_everything();
