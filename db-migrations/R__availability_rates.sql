-- The rates of a machine's status for the availability aggregates (V7's trigger availability_add and
-- availability_rebuild), defined once here (#13 item 1): installed, hashing, and the share of its
-- nameplate a DEGRADED machine still delivers. Repeatable: Flyway runs this again whenever it changes.
-- The installed statuses are those of MinerStatus.INSTALLED (MinerStatusSqlTest holds the two together).

-- The share of its nameplate a DEGRADED machine still delivers: one hashboard of n is out.
create or replace function degraded_share(hashboards int) returns float8 language sql immutable as $$
    select case when hashboards <= 1 then 0.0 else (hashboards - 1)::float8 / hashboards end
$$;

-- A status's rates: installed, hashing, nameplate share, delivered share (multiply the last two by TH/s).
create or replace function status_rates(status varchar, hashboards int, out installed int, out hashing int,
                                        out nameplate float8, out delivered float8) language sql immutable as $$
    select case when status in ('HASHING', 'DEGRADED', 'DOWN', 'IN_REPAIR') then 1 else 0 end,
           case when status in ('HASHING', 'DEGRADED') then 1 else 0 end,
           case when status in ('HASHING', 'DEGRADED', 'DOWN', 'IN_REPAIR') then 1.0 else 0.0 end,
           case status when 'HASHING' then 1.0 when 'DEGRADED' then degraded_share(hashboards) else 0.0 end
$$;
