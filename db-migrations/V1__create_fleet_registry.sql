-- Fleet registry: sites, models, miners, serialized components and their genealogy,
-- parts catalog, repair hubs, ports of entry, technicians' site assignments, and the audit trail.

create table site (
    id              bigserial primary key,
    code            varchar(16)  not null unique,
    name            varchar(120) not null,
    region          varchar(8)   not null,          -- state or province code, e.g. TX, AB
    country         varchar(2)   not null,
    time_zone       varchar(64)  not null,
    buildings       int          not null default 1 check (buildings between 1 and 99),
    rows_per_building int        not null default 10 check (rows_per_building between 1 and 999),
    racks_per_row   int          not null default 20 check (racks_per_row between 1 and 999),
    slots_per_rack  int          not null default 12 check (slots_per_rack between 1 and 999),
    sensitive       boolean      not null default false,
    sensitive_note  varchar(240),
    version         int          not null default 0
);

create table miner_model (
    id                  bigserial primary key,
    vendor              varchar(16)  not null check (vendor in ('BITMAIN','MICROBT','CANAAN','OTHER')),
    name                varchar(60)  not null,
    hashrate_ths        numeric(8,2) not null check (hashrate_ths > 0),
    power_watts         int          not null check (power_watts > 0),
    hashboards          int          not null check (hashboards between 0 and 8),
    fans                int          not null check (fans between 0 and 8),
    psus                int          not null check (psus between 0 and 4),
    control_boards      int          not null check (control_boards between 0 and 2),
    hashboard_degrades  boolean      not null default false,
    warranty_days       int          not null default 365 check (warranty_days >= 0),
    version             int          not null default 0,
    unique (vendor, name)
);

create table miner (
    id            bigserial primary key,
    serial        varchar(64)  not null unique,
    asset_code    varchar(40)  not null unique,
    mac           varchar(17),
    model_id      bigint       not null references miner_model(id),
    site_id       bigint       not null references site(id),
    building      int          not null,
    row_no        int          not null,
    rack          int          not null,
    slot          int          not null,
    status        varchar(16)  not null check (status in ('HASHING','DEGRADED','DOWN','IN_REPAIR','RETIRED')),
    warranty_end  date,
    installed_at  timestamptz  not null default now(),
    version       int          not null default 0
);
create unique index miner_position_taken on miner (site_id, building, row_no, rack, slot) where status <> 'RETIRED';
create index miner_site_status on miner (site_id, status);
create index miner_model_idx on miner (model_id);
create index miner_mac on miner (mac);

create table miner_event (
    id          bigserial primary key,
    miner_id    bigint       not null references miner(id),
    at          timestamptz  not null default now(),
    actor       varchar(120) not null,
    from_status varchar(16),
    to_status   varchar(16)  not null,
    reason      varchar(500)
);
create index miner_event_miner on miner_event (miner_id, at);

create table part (
    id               bigserial primary key,
    part_number      varchar(40)  not null unique,
    kind             varchar(16)  not null check (kind in ('HASHBOARD','FAN','PSU','CONTROL_BOARD')),
    description      varchar(200) not null,
    vendor           varchar(16)  not null check (vendor in ('BITMAIN','MICROBT','CANAAN','OTHER')),
    unit_cost_cents  bigint       not null default 0 check (unit_cost_cents >= 0),
    serialized       boolean      not null default true,
    version          int          not null default 0
);

create table part_compatible_model (
    part_id   bigint not null references part(id),
    model_id  bigint not null references miner_model(id),
    primary key (part_id, model_id)
);

create table component (
    id             bigserial primary key,
    serial         varchar(64)  not null unique,
    part_id        bigint       not null references part(id),
    kind           varchar(16)  not null check (kind in ('HASHBOARD','FAN','PSU','CONTROL_BOARD')),
    location_kind  varchar(16)  not null check (location_kind in ('INSTALLED','STOCK','SHIPMENT','CUSTOMS_HOLD','HUB','SCRAPPED')),
    miner_id       bigint       references miner(id),
    slot_index     int,
    location_ref   varchar(120),
    site_id        bigint       references site(id),   -- the site responsible for it, if any
    version        int          not null default 0,
    check ((location_kind = 'INSTALLED') = (miner_id is not null))
);
create unique index component_slot_taken on component (miner_id, kind, slot_index) where miner_id is not null;
create index component_site on component (site_id);
create index component_part on component (part_id);

create table component_event (
    id             bigserial primary key,
    component_id   bigint       not null references component(id),
    at             timestamptz  not null default now(),
    actor          varchar(120) not null,
    from_location  varchar(160),
    to_location    varchar(160) not null,
    miner_id       bigint       references miner(id),
    reason         varchar(500)
);
create index component_event_component on component_event (component_id, at);
create index component_event_miner on component_event (miner_id);

create table repair_hub (
    id                 bigserial primary key,
    code               varchar(16)  not null unique,
    name               varchar(120) not null,
    kind               varchar(20)  not null check (kind in ('VENDOR_AUTHORIZED','ONSHORE_PARTNER','IN_HOUSE_BENCH')),
    country            varchar(2)   not null,
    region             varchar(40),
    vendors            varchar(80)  not null,   -- comma-separated vendor codes
    part_kinds         varchar(80)  not null,   -- comma-separated part kinds
    capacity_per_week  int          not null check (capacity_per_week >= 0),
    turnaround_days    int          not null check (turnaround_days >= 0),
    version            int          not null default 0
);

create table port (
    id        bigserial primary key,
    code      varchar(8)   not null unique,
    name      varchar(120) not null,
    country   varchar(2)   not null,
    version   int          not null default 0
);

create table user_site (
    username  varchar(120) not null,
    site_id   bigint       not null references site(id),
    primary key (username, site_id)
);

-- Every change of master data, appended: who, when, what, from, to, why.
create table audit_event (
    id          bigserial primary key,
    at          timestamptz  not null default now(),
    actor       varchar(120) not null,
    entity      varchar(40)  not null,
    entity_id   bigint,
    action      varchar(40)  not null,
    before_json text,
    after_json  text,
    reason      varchar(500)
);
create index audit_event_entity on audit_event (entity, entity_id);

-- History is append-only: the database itself refuses to rewrite it.
create function refuse_history_rewrite() returns trigger language plpgsql as $$
begin
    raise exception 'history table % is append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger miner_event_append_only before update or delete on miner_event
    for each row execute function refuse_history_rewrite();
create trigger component_event_append_only before update or delete on component_event
    for each row execute function refuse_history_rewrite();
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function refuse_history_rewrite();

-- Search by the start of a serial, asset code or MAC, whatever the case typed.
create index miner_serial_search on miner (upper(serial) text_pattern_ops);
create index miner_asset_search on miner (upper(asset_code) text_pattern_ops);
create index miner_mac_search on miner (upper(mac) text_pattern_ops);
create index component_serial_search on component (upper(serial) text_pattern_ops);

-- The SEQUENCE part of asset codes assigned by the app (imports without a code).
create sequence asset_sequence start with 1;
