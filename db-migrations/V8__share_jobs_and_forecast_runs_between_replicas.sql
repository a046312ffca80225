-- Several replicas share one database. Scheduled jobs claim their period here, and background
-- forecast runs keep their state and progress here, so that any replica shows and cancels a run
-- that another one executes, and a run whose replica died ends as failed.

-- One row per job and period that ran. The primary key is what makes a period run once across
-- replicas; the claim commits in the same transaction as the job's work (platform/cluster/ClusterJobs).
create table job_run (
    job          varchar(60)  not null,
    period_start timestamptz  not null,
    instance     varchar(120) not null,
    started_at   timestamptz  not null,
    finished_at  timestamptz  not null,
    primary key (job, period_start)
);
create index job_run_finished on job_run (job, finished_at desc);

-- A background forecast run: its current state (the row) and how it got there (forecast_run_event).
-- heartbeat_at is refreshed every second by the replica executing it; a run whose heartbeat stopped
-- is moved to FAILED by any replica.
create table forecast_run (
    id                  uuid          primary key,
    owner               varchar(120)  not null,
    state               varchar(12)   not null check (state in ('QUEUED','RUNNING','DONE','CANCELLED','FAILED')),
    replications_total  int           not null check (replications_total > 0),
    replications_done   int           not null default 0 check (replications_done >= 0),
    forecast_id         bigint        references forecast(id),
    error               varchar(1000),
    instance            varchar(120)  not null,
    created_at          timestamptz   not null,
    heartbeat_at        timestamptz   not null,
    cancel_requested_at timestamptz,
    cancel_requested_by varchar(120),
    finished_at         timestamptz
);
create index forecast_run_unfinished on forecast_run (heartbeat_at) where state in ('QUEUED','RUNNING');

create table forecast_run_event (
    id          bigserial     primary key,
    run_id      uuid          not null references forecast_run(id),
    at          timestamptz   not null,
    actor       varchar(120)  not null,
    from_state  varchar(12),
    to_state    varchar(12)   not null,
    reason      varchar(1000),
    instance    varchar(120)  not null
);
create index forecast_run_event_run on forecast_run_event (run_id, id);

create trigger forecast_run_event_append_only before update or delete on forecast_run_event
    for each row execute function refuse_history_rewrite();
