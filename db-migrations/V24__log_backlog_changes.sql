-- Which items of the repair backlog a write may have changed (#13 item 4), so that the dashboard's copy of the
-- backlog (BacklogCopy) fetches only those again instead of the whole view backlog_item per snapshot. The
-- triggers of R__backlog.sql append the keys: a ticket (its own item and its cases' items), a case (its item
-- and its ticket's). A row with neither key means that anything may have changed (a bulk load, a site's or a
-- hub's edit): the copy is read whole. tx is the writing transaction: a reader fetches the rows of every
-- transaction not older than the oldest one still running when it last read (as repair_outcome.tx). Not
-- history: rows older than an hour are deleted (DashboardSnapshots), a copy older than that is read whole.
create table backlog_change (
    tx          xid8        not null default pg_current_xact_id(),
    at          timestamptz not null default now(),
    ticket_id   bigint,
    rma_case_id bigint
);
create index backlog_change_tx on backlog_change (tx);
