-- The dashboard's aggregates (#6), kept current incrementally by the database itself.
--
-- Availability is exact and time-weighted. A machine contributes, while installed, a rate per second:
-- installed units (1), hashing units (1 when HASHING or DEGRADED), nameplate TH/s and delivered TH/s
-- (nameplate when HASHING, the degraded share when DEGRADED, none when DOWN or IN_REPAIR; RETIRED
-- ends the installation). The rates of a group (site, model) change only at status events, by a
-- delta. Over one UTC day D the integral of a group's rate is
--     R(D) * 86400 + sum over the day's events e of delta_e * (end of D - t_e)
-- where R(D), the rate at the start of D, is the sum of all earlier deltas. So each event adds its
-- delta (S) and its weighted delta (W) to one row of availability_delta, by trigger; a job closes
-- whole days into availability_day (totals and the rate at the end of the day) from a watermark;
-- queries read closed days from availability_day and the days after the watermark from
-- availability_delta. Nothing is sampled and nothing is older than the last committed event.

-- The share of its nameplate a DEGRADED machine still delivers: one hashboard of n is out.
create function degraded_share(hashboards int) returns float8 language sql immutable as $$
    select case when hashboards <= 1 then 0.0 else (hashboards - 1)::float8 / hashboards end
$$;

-- A status's rates: installed, hashing, nameplate share, delivered share (multiply the last two by TH/s).
create function status_rates(status varchar, hashboards int, out installed int, out hashing int,
                             out nameplate float8, out delivered float8) language sql immutable as $$
    select case when status is null or status = 'RETIRED' then 0 else 1 end,
           case when status in ('HASHING', 'DEGRADED') then 1 else 0 end,
           case when status is null or status = 'RETIRED' then 0.0 else 1.0 end,
           case status when 'HASHING' then 1.0 when 'DEGRADED' then degraded_share(hashboards) else 0.0 end
$$;

create table availability_delta (
    day          date    not null,
    site_id      bigint  not null references site(id),
    model_id     bigint  not null references miner_model(id),
    s_installed  bigint  not null default 0,   -- sum of the day's deltas (units)
    s_hashing    bigint  not null default 0,
    s_nameplate  float8  not null default 0,   -- TH/s
    s_delivered  float8  not null default 0,
    w_installed  float8  not null default 0,   -- sum of delta * seconds from the event to the end of the day
    w_hashing    float8  not null default 0,
    w_nameplate  float8  not null default 0,
    w_delivered  float8  not null default 0,
    primary key (day, site_id, model_id)
);

create table availability_day (
    day              date    not null,
    site_id          bigint  not null references site(id),
    model_id         bigint  not null references miner_model(id),
    installed_s      float8  not null,   -- unit-seconds installed during the day
    hashing_s        float8  not null,   -- unit-seconds hashing
    nameplate_ths_s  float8  not null,   -- TH-seconds of nameplate installed
    delivered_ths_s  float8  not null,   -- TH-seconds delivered
    r_installed      bigint  not null,   -- rates at the end of the day
    r_hashing        bigint  not null,
    r_nameplate      float8  not null,
    r_delivered      float8  not null,
    primary key (day, site_id, model_id)
);

-- Days up to and including closed_through are in availability_day; later ones are read live.
-- generation changes whenever availability_day changes, so that readers may keep what they computed
-- from the closed days until then.
create table availability_watermark (
    id              int    primary key check (id = 1),
    closed_through  date   not null,
    generation      bigint not null default 0
);
insert into availability_watermark values (1, date '1999-12-31', 0);

create function availability_add(p_site bigint, p_model bigint, p_at timestamptz, p_from varchar, p_to varchar)
        returns void language plpgsql as $$
declare
    d      date := (p_at at time zone 'UTC')::date;
    ths    float8;
    boards int;
    a      record;
    b      record;
    left_s float8;
begin
    select hashrate_ths::float8, hashboards into ths, boards from miner_model where id = p_model;
    select * into a from status_rates(p_from, boards);
    select * into b from status_rates(p_to, boards);
    left_s := extract(epoch from ((d + 1)::timestamp at time zone 'UTC') - p_at);
    insert into availability_delta as x (day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
                                         w_installed, w_hashing, w_nameplate, w_delivered)
    values (d, p_site, p_model, b.installed - a.installed, b.hashing - a.hashing,
            (b.nameplate - a.nameplate) * ths, (b.delivered - a.delivered) * ths,
            (b.installed - a.installed) * left_s, (b.hashing - a.hashing) * left_s,
            (b.nameplate - a.nameplate) * ths * left_s, (b.delivered - a.delivered) * ths * left_s)
    on conflict (day, site_id, model_id) do update set
        s_installed = x.s_installed + excluded.s_installed, s_hashing = x.s_hashing + excluded.s_hashing,
        s_nameplate = x.s_nameplate + excluded.s_nameplate, s_delivered = x.s_delivered + excluded.s_delivered,
        w_installed = x.w_installed + excluded.w_installed, w_hashing = x.w_hashing + excluded.w_hashing,
        w_nameplate = x.w_nameplate + excluded.w_nameplate, w_delivered = x.w_delivered + excluded.w_delivered;
    -- an event dated into a closed day reopens that day and the ones after it
    update availability_watermark set closed_through = d - 1, generation = generation + 1 where closed_through >= d;
end $$;

create function miner_event_to_availability() returns trigger language plpgsql as $$
declare
    m record;
begin
    select site_id, model_id into m from miner where id = new.miner_id;
    perform availability_add(m.site_id, m.model_id, new.at, new.from_status, new.to_status);
    return null;
end $$;

create trigger miner_event_availability after insert on miner_event
    for each row execute function miner_event_to_availability();

-- Closes the days after the watermark up to p_through: each day's totals and end rates follow from
-- the previous day's end rates and the day's deltas.
create function availability_close_days(p_through date) returns int language plpgsql as $$
declare
    w     date;
    d     date;
    n     int := 0;
    first date;
begin
    select closed_through into w from availability_watermark for update;
    if w >= p_through then
        return 0;
    end if;
    delete from availability_day where day > w;
    select min(day) into first from availability_delta;
    if first is null then
        update availability_watermark set closed_through = p_through, generation = generation + 1;
        return 0;
    end if;
    d := greatest(w + 1, first);
    while d <= p_through loop
        insert into availability_day
        select d, g.site_id, g.model_id,
               coalesce(p.r_installed, 0) * 86400.0 + coalesce(x.w_installed, 0),
               coalesce(p.r_hashing, 0) * 86400.0 + coalesce(x.w_hashing, 0),
               coalesce(p.r_nameplate, 0) * 86400.0 + coalesce(x.w_nameplate, 0),
               coalesce(p.r_delivered, 0) * 86400.0 + coalesce(x.w_delivered, 0),
               coalesce(p.r_installed, 0) + coalesce(x.s_installed, 0),
               coalesce(p.r_hashing, 0) + coalesce(x.s_hashing, 0),
               coalesce(p.r_nameplate, 0) + coalesce(x.s_nameplate, 0),
               coalesce(p.r_delivered, 0) + coalesce(x.s_delivered, 0)
        from (select site_id, model_id from availability_day where day = d - 1
              union select site_id, model_id from availability_delta where day = d) g
        left join availability_day p on p.day = d - 1 and p.site_id = g.site_id and p.model_id = g.model_id
        left join availability_delta x on x.day = d and x.site_id = g.site_id and x.model_id = g.model_id;
        n := n + 1;
        d := d + 1;
    end loop;
    update availability_watermark set closed_through = p_through, generation = generation + 1;
    return n;
end $$;

-- Rebuilds the deltas from the whole status history (after a bulk load that bypassed the trigger).
create function availability_rebuild() returns void language plpgsql as $$
begin
    delete from availability_day;
    delete from availability_delta;
    update availability_watermark set closed_through = date '1999-12-31', generation = generation + 1;
    insert into availability_delta (day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
                                    w_installed, w_hashing, w_nameplate, w_delivered)
    select e.day, e.site_id, e.model_id, sum(e.di), sum(e.dh), sum(e.dn * e.ths), sum(e.dd * e.ths),
           sum(e.di * e.left_s), sum(e.dh * e.left_s), sum(e.dn * e.ths * e.left_s), sum(e.dd * e.ths * e.left_s)
    from (select (ev.at at time zone 'UTC')::date as day, m.site_id, m.model_id, mm.hashrate_ths::float8 as ths,
                 b.installed - a.installed as di, b.hashing - a.hashing as dh,
                 b.nameplate - a.nameplate as dn, b.delivered - a.delivered as dd,
                 extract(epoch from (((ev.at at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC') - ev.at)
                     as left_s
          from miner_event ev join miner m on m.id = ev.miner_id join miner_model mm on mm.id = m.model_id
          cross join lateral status_rates(ev.from_status, mm.hashboards) a
          cross join lateral status_rates(ev.to_status, mm.hashboards) b) e
    group by e.day, e.site_id, e.model_id;
end $$;

-- Completed repairs, one row per resolved ticket (swap, bench, RMA or scrap: the machine's downtime)
-- and per RMA case received back at its site (vendor hub or onshore partner: the part's turnaround).
-- Filled by trigger as tickets resolve and cases come back; refailed_at is set when the machine
-- (ticket routes) or the part (RMA routes) fails again within 30 days. tx lets a reader fetch what
-- changed since its last read: every row written by a transaction not older than the oldest one
-- still running at that read (pg_snapshot_xmin).
create table repair_outcome (
    id            bigserial primary key,
    tx            xid8         not null default pg_current_xact_id(),  -- the last transaction that wrote it
    source        varchar(8)   not null check (source in ('TICKET','RMA')),
    source_id     bigint       not null,
    route         varchar(16)  not null check (route in ('SWAP','BENCH','RMA','SCRAP','VENDOR_HUB','ONSHORE_PARTNER')),
    site_id       bigint       not null references site(id),
    model_id      bigint       references miner_model(id),
    vendor        varchar(16)  not null,
    miner_id      bigint,
    component_id  bigint,
    opened_at     timestamptz  not null,
    closed_at     timestamptz  not null,
    hours         float8       not null,
    cost_cents    bigint,      -- parts issued to the ticket at their unit cost; null when none are known
    ths_restored  float8,      -- nameplate TH/s returned to hashing (ticket routes)
    refailed_at   timestamptz,
    unique (source, source_id)
);
create index repair_outcome_closed on repair_outcome (closed_at)
    include (route, site_id, model_id, vendor, hours, cost_cents, ths_restored, refailed_at);
create index repair_outcome_tx on repair_outcome (tx);
create index repair_outcome_miner on repair_outcome (miner_id, closed_at) where source = 'TICKET';
create index repair_outcome_component on repair_outcome (component_id, closed_at) where source = 'RMA';

create function repair_outcome_of_ticket() returns trigger language plpgsql as $$
begin
    if new.state = 'RESOLVED' and old.state <> 'RESOLVED' and new.route is not null then
        insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, opened_at, closed_at,
                                    hours, cost_cents, ths_restored)
        select 'TICKET', new.id, new.route, new.site_id, m.model_id, mm.vendor, new.miner_id, new.opened_at,
               coalesce(new.closed_at, now()), extract(epoch from coalesce(new.closed_at, now()) - new.opened_at) / 3600.0,
               (select sum(sm.quantity * p.unit_cost_cents) from stock_movement sm join part p on p.id = sm.part_id
                 where sm.ticket_id = new.id and sm.kind = 'ISSUE' and p.unit_cost_cents > 0),
               mm.hashrate_ths::float8
        from miner m join miner_model mm on mm.id = m.model_id where m.id = new.miner_id
        on conflict (source, source_id) do nothing;
    end if;
    return null;
end $$;

create trigger repair_ticket_outcome after update of state on repair_ticket
    for each row execute function repair_outcome_of_ticket();

create function repair_outcome_of_rma() returns trigger language plpgsql as $$
begin
    if new.state = 'RECEIVED' and old.state <> 'RECEIVED' then
        insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, component_id,
                                    opened_at, closed_at, hours)
        select 'RMA', new.id, case h.kind when 'ONSHORE_PARTNER' then 'ONSHORE_PARTNER' else 'VENDOR_HUB' end,
               new.site_id, t.model_id, new.vendor, t.miner_id, new.component_id, new.opened_at, now(),
               extract(epoch from now() - new.opened_at) / 3600.0
        from (select 1) one
        left join repair_hub h on h.id = new.hub_id
        left join (select rt.miner_id, mi.model_id from repair_ticket rt join miner mi on mi.id = rt.miner_id
                   where rt.id = new.ticket_id) t on true
        where coalesce(h.kind, 'VENDOR_AUTHORIZED') <> 'IN_HOUSE_BENCH'
        on conflict (source, source_id) do update set closed_at = excluded.closed_at, hours = excluded.hours,
                                                      tx = pg_current_xact_id();
    end if;
    return null;
end $$;

create trigger rma_case_outcome after update of state on rma_case
    for each row execute function repair_outcome_of_rma();

-- A new failure of the same machine within 30 days of a repair marks that repair as failed again.
create function repair_outcome_refailure_of_machine() returns trigger language plpgsql as $$
begin
    update repair_outcome set refailed_at = new.opened_at, tx = pg_current_xact_id()
     where source = 'TICKET' and miner_id = new.miner_id and refailed_at is null
       and closed_at <= new.opened_at and closed_at > new.opened_at - interval '30 days';
    return null;
end $$;

create trigger repair_ticket_refailure after insert on repair_ticket
    for each row execute function repair_outcome_refailure_of_machine();

-- The same for a part back from a hub that is named failed on a new ticket within 30 days.
create function repair_outcome_refailure_of_part() returns trigger language plpgsql as $$
declare
    at timestamptz;
begin
    select opened_at into at from repair_ticket where id = new.ticket_id;
    update repair_outcome set refailed_at = at, tx = pg_current_xact_id()
     where source = 'RMA' and component_id = new.component_id and refailed_at is null
       and closed_at <= at and closed_at > at - interval '30 days';
    return null;
end $$;

create trigger ticket_failed_component_refailure after insert on ticket_failed_component
    for each row execute function repair_outcome_refailure_of_part();

-- Rebuilds the outcomes from tickets and cases (after a bulk load that bypassed the triggers).
create function repair_outcome_rebuild() returns void language plpgsql as $$
begin
    delete from repair_outcome;
    insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, opened_at, closed_at,
                                hours, cost_cents, ths_restored, refailed_at)
    select 'TICKET', t.id, t.route, t.site_id, m.model_id, mm.vendor, t.miner_id, t.opened_at, t.closed_at,
           extract(epoch from t.closed_at - t.opened_at) / 3600.0,
           (select sum(sm.quantity * p.unit_cost_cents) from stock_movement sm join part p on p.id = sm.part_id
             where sm.ticket_id = t.id and sm.kind = 'ISSUE' and p.unit_cost_cents > 0),
           mm.hashrate_ths::float8,
           case when t.next_opened <= t.closed_at + interval '30 days' then t.next_opened end
    from (select rt.*, lead(rt.opened_at) over (partition by rt.miner_id order by rt.opened_at) as next_opened
          from repair_ticket rt) t
    join miner m on m.id = t.miner_id join miner_model mm on mm.id = m.model_id
    where t.state = 'RESOLVED' and t.route is not null and t.closed_at is not null;
    insert into repair_outcome (source, source_id, route, site_id, model_id, vendor, miner_id, component_id,
                                opened_at, closed_at, hours)
    select 'RMA', r.id, case h.kind when 'ONSHORE_PARTNER' then 'ONSHORE_PARTNER' else 'VENDOR_HUB' end,
           r.site_id, mi.model_id, r.vendor, rt.miner_id, r.component_id, r.opened_at, e.at,
           extract(epoch from e.at - r.opened_at) / 3600.0
    from rma_case r
    join lateral (select max(at) as at from rma_case_event where case_id = r.id and to_state = 'RECEIVED') e
         on e.at is not null
    left join repair_hub h on h.id = r.hub_id
    left join repair_ticket rt on rt.id = r.ticket_id
    left join miner mi on mi.id = rt.miner_id
    where coalesce(h.kind, 'VENDOR_AUTHORIZED') <> 'IN_HOUSE_BENCH';
    update repair_outcome o set refailed_at = f.at
    from (select o2.id, min(t.opened_at) as at
          from repair_outcome o2
          join ticket_failed_component tfc on tfc.component_id = o2.component_id
          join repair_ticket t on t.id = tfc.ticket_id
          where o2.source = 'RMA' and t.opened_at >= o2.closed_at and t.opened_at < o2.closed_at + interval '30 days'
          group by o2.id) f
    where o.id = f.id;
end $$;

-- The stage of an item of the repair backlog (the same mapping as BacklogStage.of in Java, tested
-- against it): from its ticket's state, its RMA case's state and the state of the shipment carrying it.
create function backlog_stage(ticket_state varchar, rma_state varchar, shipment_state varchar, in_repair boolean)
        returns varchar language sql immutable as $$
    select case
        when rma_state = 'OPENED' then 'AWAITING_RMA_SHIPMENT'
        when rma_state = 'SHIPPED' then case when shipment_state = 'HELD' then 'CUSTOMS_HOLD' else 'IN_TRANSIT' end
        when rma_state = 'AT_HUB' then case when in_repair then 'HUB_REPAIR' else 'HUB_QUEUE' end
        when rma_state in ('REPAIRED', 'REPLACED', 'RETURNED')
            then case when shipment_state = 'HELD' then 'CUSTOMS_HOLD' else 'RETURNING' end
        when ticket_state in ('OPEN', 'DIAGNOSING') then 'AWAITING_DIAGNOSIS'
        when ticket_state = 'AWAITING_PART' then 'AWAITING_SPARE'
        when ticket_state = 'IN_BENCH_REPAIR' then 'BENCH_REPAIR'
        when ticket_state = 'AWAITING_RMA_SHIPMENT' then 'AWAITING_RMA_SHIPMENT'
    end
$$;

-- Partial indexes on the open pipeline, which is small beside the history.
create index rma_case_open on rma_case (hub_id, opened_at)
    where state in ('OPENED','SHIPPED','AT_HUB','REPAIRED','REPLACED','REJECTED','RETURNED');
create index rma_case_ticket on rma_case (ticket_id);
create index shipment_item_rma_case on shipment_item (rma_case_id) where rma_case_id is not null;
create index repair_ticket_open_site on repair_ticket (site_id, opened_at) where state not in ('RESOLVED','CANCELLED');
create index customs_hold_open_presented on customs_hold (presented_on) include (vendor, shipment_id, units, hashrate_ths)
    where outcome is null;
create index customs_hold_presented on customs_hold (presented_on) include (decided_on, vendor, shipment_id);

-- The items of the backlog now: every open RMA case (the part's stage), and every open ticket without
-- one (the machine's stage). Age runs from the failure (the ticket's opening, or the case's).
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
    where r.state in ('OPENED','SHIPPED','AT_HUB','REPAIRED','REPLACED','REJECTED','RETURNED')
    union all
    select 'TICKET', null, t.id, t.miner_id, t.site_id, mm.vendor, mi.model_id, t.state, null, null, t.opened_at,
           null, null
    from repair_ticket t join miner mi on mi.id = t.miner_id join miner_model mm on mm.id = mi.model_id
    where t.state not in ('RESOLVED','CANCELLED')
      and not exists (select 1 from rma_case r where r.ticket_id = t.id
                        and r.state in ('OPENED','SHIPPED','AT_HUB','REPAIRED','REPLACED','REJECTED','RETURNED'))
), ranked as (
    select i.*, case when i.rma_state = 'AT_HUB' then
               row_number() over (partition by i.hub_id, i.rma_state = 'AT_HUB'
                                  order by i.at_hub_since, i.rma_id) end as hub_rank
    from items i
)
select r.kind, r.rma_id, r.ticket_id, r.miner_id, r.site_id, r.vendor, r.model_id, r.ticket_state, r.rma_state,
       r.shipment_state, r.hub_id, r.since, r.at_hub_since,
       backlog_stage(r.ticket_state, r.rma_state, r.shipment_state,
                     r.hub_rank <= coalesce(round(h.capacity_per_week * h.turnaround_days / 7.0), 0)) as stage
from ranked r left join repair_hub h on h.id = r.hub_id;

-- A version per source the dashboard remembers results of, bumped by any change to it (the holds).
create table dashboard_version (
    name     varchar(20) primary key,
    version  bigint      not null default 0
);
insert into dashboard_version (name) values ('customs_hold');

create function bump_dashboard_version() returns trigger language plpgsql as $$
begin
    update dashboard_version set version = version + 1 where name = tg_table_name;
    return null;
end $$;

create trigger customs_hold_dashboard_version after insert or update or delete on customs_hold
    for each statement execute function bump_dashboard_version();
