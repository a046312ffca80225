-- A fast write path (#13 item 5): every status change used to upsert the one availability_delta row of its
-- (day, site, model), so concurrent repairs at a site queued on that row's lock until each other's commit.
-- The rows are now appended, one per status event, never updated: the table is availability_change (no
-- unique key, nothing to wait for), and availability_delta is a view summing its rows per (day, site, model),
-- so readers (AvailabilityService, availability_close_days) see the same columns as before. The day closer
-- folds each open day's rows into one per group once a minute (availability_close_days), which keeps the
-- table about as small as the old one. The view, the trigger and the rebuild are in R__availability_change.sql.
alter table availability_delta rename to availability_change;
alter table availability_change drop constraint availability_delta_pkey;
create index availability_change_key on availability_change (day, site_id, model_id);
-- the trigger (R__availability_change.sql) appends directly
drop function availability_add(bigint, bigint, timestamptz, varchar, varchar);
