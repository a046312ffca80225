-- Scenarios of import restrictions (three built in, the rest managers' own) and the forecasts run on them.

create table scenario (
    id           bigserial primary key,
    code         varchar(40)   unique,            -- built-in scenarios only
    name         varchar(120)  not null,
    description  varchar(2000),
    built_in     boolean       not null default false,
    owner        varchar(120)  not null,
    copied_from  bigint        references scenario(id),
    parameters   jsonb         not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      int           not null default 0
);

-- A forecast is kept as it was run: its request, the scenarios' parameters and the baseline it
-- used, the seed, and its result. Nobody edits it afterwards.
create table forecast (
    id             bigserial primary key,
    created_by     varchar(120) not null,
    created_at     timestamptz  not null,
    start_date     date         not null,
    seed           bigint       not null,
    horizon_days   int          not null check (horizon_days between 30 and 365),
    replications   int          not null check (replications between 2 and 100000),
    scenario_names varchar(1000) not null,
    inputs         jsonb        not null,
    result         jsonb        not null,
    elapsed_ms     bigint       not null
);
create index forecast_created on forecast (created_at desc);

create trigger forecast_is_history before update or delete on forecast
    for each row execute function refuse_history_rewrite();
