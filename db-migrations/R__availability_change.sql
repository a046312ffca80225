-- The availability aggregates (V7, V22), each rule once: what a status event adds to its (day, site, model)
-- group (availability_change_of_events, with the rates of R__availability_rates.sql), written one row per
-- event by the trigger as events are appended, and from the whole history by availability_rebuild (after a
-- bulk load), so the two paths give the same sums (AvailabilityChangePathsTest). Readers see the sums per
-- group in availability_delta. Repeatable: Flyway runs this again whenever it changes.
--
-- Over one UTC day D the integral of a group's rate is R(D) * 86400 + sum over the day's events e of
-- delta_e * (end of D - t_e), so each event adds its delta (s_*) and its weighted delta (w_*: delta times the
-- seconds from the event to the end of its day).

create or replace view availability_change_of_events as
select ev.id as event_id, (ev.at at time zone 'UTC')::date as day, m.site_id, m.model_id,
       (b.installed - a.installed)::bigint as s_installed,
       (b.hashing - a.hashing)::bigint as s_hashing,
       (b.nameplate - a.nameplate) * x.ths as s_nameplate,
       (b.delivered - a.delivered) * x.ths as s_delivered,
       (b.installed - a.installed) * x.left_s as w_installed,
       (b.hashing - a.hashing) * x.left_s as w_hashing,
       (b.nameplate - a.nameplate) * x.ths * x.left_s as w_nameplate,
       (b.delivered - a.delivered) * x.ths * x.left_s as w_delivered
from miner_event ev
join miner m on m.id = ev.miner_id
join miner_model mm on mm.id = m.model_id
cross join lateral (select mm.hashrate_ths::float8 as ths,
                           extract(epoch from (((ev.at at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC')
                                              - ev.at)::float8 as left_s) x
cross join lateral status_rates(ev.from_status, mm.hashboards) a
cross join lateral status_rates(ev.to_status, mm.hashboards) b;

-- What the readers see: the sums of the appended rows per (day, site, model), as the table of that name was.
create or replace view availability_delta as
select day, site_id, model_id,
       sum(s_installed)::bigint as s_installed, sum(s_hashing)::bigint as s_hashing,
       sum(s_nameplate) as s_nameplate, sum(s_delivered) as s_delivered,
       sum(w_installed) as w_installed, sum(w_hashing) as w_hashing,
       sum(w_nameplate) as w_nameplate, sum(w_delivered) as w_delivered
from availability_change
group by day, site_id, model_id;

-- A status event appends its change (an insert: concurrent events of one group never wait for each other);
-- an event dated into a closed day reopens that day and the ones after it.
create or replace function miner_event_to_availability() returns trigger language plpgsql as $$
declare
    d date;
begin
    insert into availability_change (day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
                                     w_installed, w_hashing, w_nameplate, w_delivered)
    select day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
           w_installed, w_hashing, w_nameplate, w_delivered
    from availability_change_of_events where event_id = new.id
    returning day into d;
    update availability_watermark set closed_through = d - 1, generation = generation + 1 where closed_through >= d;
    return null;
end $$;

-- Folds the rows of the days after the watermark into one per group: the sums are unchanged (one statement, so
-- a reader sees the rows before or after, never half), and rows appended meanwhile stay as they are.
create or replace function availability_compact() returns int language plpgsql as $$
declare
    w date;
    n int;
begin
    select closed_through into w from availability_watermark;
    with gone as (
        delete from availability_change c
        where c.day > w and (c.day, c.site_id, c.model_id) in (
            select day, site_id, model_id from availability_change where day > w
            group by day, site_id, model_id having count(*) > 1)
        returning c.*
    )
    insert into availability_change (day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
                                     w_installed, w_hashing, w_nameplate, w_delivered)
    select day, site_id, model_id, sum(s_installed), sum(s_hashing), sum(s_nameplate), sum(s_delivered),
           sum(w_installed), sum(w_hashing), sum(w_nameplate), sum(w_delivered)
    from gone group by day, site_id, model_id;
    get diagnostics n = row_count;
    return n;
end $$;

-- Closes the days after the watermark up to p_through: each day's totals and end rates follow from the
-- previous day's end rates and the day's deltas. It first folds the open days' appended rows (it runs once
-- a minute on one replica, AvailabilityDayCloser).
create or replace function availability_close_days(p_through date) returns int language plpgsql as $$
declare
    w     date;
    d     date;
    n     int := 0;
    first date;
begin
    perform availability_compact();
    select closed_through into w from availability_watermark for update;
    if w >= p_through then
        return 0;
    end if;
    delete from availability_day where day > w;
    select min(day) into first from availability_change;
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
              union select site_id, model_id from availability_change where day = d) g
        left join availability_day p on p.day = d - 1 and p.site_id = g.site_id and p.model_id = g.model_id
        left join (select * from availability_delta where day = d) x on x.site_id = g.site_id and x.model_id = g.model_id;
        n := n + 1;
        d := d + 1;
    end loop;
    update availability_watermark set closed_through = p_through, generation = generation + 1;
    return n;
end $$;

-- Rebuilds the changes from the whole status history (after a bulk load that bypassed the trigger): one row
-- per group, the sums of what the trigger would have appended.
create or replace function availability_rebuild() returns void language plpgsql as $$
begin
    delete from availability_day;
    delete from availability_change;
    update availability_watermark set closed_through = date '1999-12-31', generation = generation + 1;
    insert into availability_change (day, site_id, model_id, s_installed, s_hashing, s_nameplate, s_delivered,
                                     w_installed, w_hashing, w_nameplate, w_delivered)
    select day, site_id, model_id, sum(s_installed), sum(s_hashing), sum(s_nameplate), sum(s_delivered),
           sum(w_installed), sum(w_hashing), sum(w_nameplate), sum(w_delivered)
    from availability_change_of_events
    group by day, site_id, model_id;
end $$;
