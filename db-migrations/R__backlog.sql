-- The items of the repair backlog now (#6): every RMA case still in the pipeline (the part's stage), and
-- every open ticket without one (the machine's stage). Age runs from the failure (the ticket's opening,
-- or the case's). The view gives the states and the part's place in its hub's line (hub_rank, 1 = the
-- oldest arrival, with the hub's capacity and turnaround); the stage itself is computed from them in
-- Java, once (availability.domain.BacklogStage.of and inRepair, #13 item 1). Repeatable: Flyway runs
-- this again whenever it changes.
drop view if exists backlog_item;
create view backlog_item as
with items as (
    select 'RMA'::varchar as kind, r.id as rma_id, r.ticket_id, t.miner_id, r.site_id, r.vendor, mi.model_id,
           t.state as ticket_state, r.state as rma_state, r.hub_id,
           coalesce(t.opened_at, r.opened_at) as since,
           case when r.state in ('SHIPPED','REPAIRED','REPLACED','RETURNED') then
               (select s.state from shipment_item si join shipment s on s.id = si.shipment_id
                 where si.rma_case_id = r.id order by s.created_at desc, s.id desc limit 1) end as shipment_state,
           case when r.state = 'AT_HUB' then
               (select max(e.at) from rma_case_event e where e.case_id = r.id and e.to_state = 'AT_HUB') end
               as at_hub_since
    from rma_case r
    left join repair_ticket t on t.id = r.ticket_id
    left join miner mi on mi.id = t.miner_id
    where rma_case_in_pipeline(r.state)
    union all
    select 'TICKET', null, t.id, t.miner_id, t.site_id, mm.vendor, mi.model_id, t.state, null, null, t.opened_at,
           null, null
    from repair_ticket t join miner mi on mi.id = t.miner_id join miner_model mm on mm.id = mi.model_id
    where repair_ticket_is_open(t.state)
      and not exists (select 1 from rma_case r where r.ticket_id = t.id and rma_case_in_pipeline(r.state))
), ranked as (
    select i.*, case when i.rma_state = 'AT_HUB' then
               row_number() over (partition by i.hub_id, i.rma_state = 'AT_HUB'
                                  order by i.at_hub_since, i.rma_id) end as hub_rank
    from items i
)
select r.kind, r.rma_id, r.ticket_id, r.miner_id, r.site_id, r.vendor, r.model_id, r.ticket_state, r.rma_state,
       r.shipment_state, r.hub_id, r.since, r.at_hub_since, r.hub_rank, h.capacity_per_week, h.turnaround_days
from ranked r left join repair_hub h on h.id = r.hub_id;
