-- Repair tickets, RMA cases, their append-only events, photos, swaps, and idempotency keys.

create table repair_ticket (
    id                  bigserial primary key,
    miner_id            bigint       not null references miner(id),
    site_id             bigint       not null references site(id),
    state               varchar(24)  not null check (state in ('OPEN','DIAGNOSING','AWAITING_PART','IN_BENCH_REPAIR',
                                                           'AWAITING_RMA_SHIPMENT','RESOLVED','CANCELLED')),
    route               varchar(8)   check (route in ('SWAP','BENCH','RMA','SCRAP')),
    symptom             varchar(200) not null,
    error_codes         varchar(200),
    notes               varchar(2000),
    diagnosis           varchar(2000),
    prior_miner_status  varchar(16)  not null,
    opened_by           varchar(120) not null,
    opened_at           timestamptz  not null,
    closed_at           timestamptz,
    version             int          not null default 0
);
create index repair_ticket_site_state on repair_ticket (site_id, state);
create index repair_ticket_miner on repair_ticket (miner_id);
create index repair_ticket_open on repair_ticket (opened_at) where state not in ('RESOLVED','CANCELLED');

create table ticket_failed_component (
    ticket_id     bigint not null references repair_ticket(id),
    component_id  bigint not null references component(id),
    primary key (ticket_id, component_id)
);

create table repair_ticket_event (
    id          bigserial primary key,
    ticket_id   bigint       not null references repair_ticket(id),
    at          timestamptz  not null,
    actor       varchar(120) not null,
    from_state  varchar(24),
    to_state    varchar(24)  not null,
    note        varchar(2000)
);
create index repair_ticket_event_ticket on repair_ticket_event (ticket_id, at);

create table ticket_photo (
    id            bigserial primary key,
    ticket_id     bigint       not null references repair_ticket(id),
    content_type  varchar(20)  not null check (content_type in ('image/jpeg','image/png','image/webp')),
    size_bytes    int          not null check (size_bytes between 1 and 10485760),
    file_name     varchar(200),
    data          bytea        not null,
    uploaded_by   varchar(120) not null,
    uploaded_at   timestamptz  not null
);
create index ticket_photo_ticket on ticket_photo (ticket_id);

-- A swap: the faulty and the replacement serial on one record.
create table component_swap (
    id                        bigserial primary key,
    ticket_id                 bigint       not null references repair_ticket(id),
    miner_id                  bigint       not null references miner(id),
    kind                      varchar(16)  not null,
    slot_index                int          not null,
    faulty_component_id       bigint       not null references component(id),
    replacement_component_id  bigint       not null references component(id),
    at                        timestamptz  not null,
    actor                     varchar(120) not null
);
create index component_swap_miner on component_swap (miner_id);

create table rma_case (
    id                  bigserial primary key,
    component_id        bigint       not null references component(id),
    ticket_id           bigint       references repair_ticket(id),
    site_id             bigint       not null references site(id),
    vendor              varchar(16)  not null,
    hub_id              bigint       references repair_hub(id),
    state               varchar(16)  not null check (state in ('OPENED','SHIPPED','AT_HUB','REPAIRED','REPLACED','REJECTED',
                                                           'SCRAPPED','RETURNED','RECEIVED','CLOSED')),
    rma_number          varchar(60),
    claim_reason        varchar(500),
    fault_code          varchar(60),
    vendor_ticket_id    varchar(60),
    fault_description   varchar(500),
    in_warranty         boolean      not null,
    dead_on_arrival     boolean      not null,
    dispatched_on       date,
    return_count        int          not null default 1,
    last_returned_at    timestamptz,
    opened_by           varchar(120) not null,
    opened_at           timestamptz  not null,
    version             int          not null default 0
);
create index rma_case_site_state on rma_case (site_id, state);
create index rma_case_component on rma_case (component_id);

create table rma_case_event (
    id          bigserial primary key,
    case_id     bigint       not null references rma_case(id),
    at          timestamptz  not null,
    actor       varchar(120) not null,
    from_state  varchar(16),
    to_state    varchar(16)  not null,
    note        varchar(2000)
);
create index rma_case_event_case on rma_case_event (case_id, at);

create trigger repair_ticket_event_append_only before update or delete on repair_ticket_event
    for each row execute function refuse_history_rewrite();
create trigger rma_case_event_append_only before update or delete on rma_case_event
    for each row execute function refuse_history_rewrite();
create trigger component_swap_append_only before update or delete on component_swap
    for each row execute function refuse_history_rewrite();

-- A replayed request (same key, same caller) gets the first answer and writes nothing new.
create table idempotency_key (
    scope          varchar(200) not null,
    key            varchar(200) not null,
    request_hash   varchar(64)  not null,
    status         int,
    response_body  text,
    created_at     timestamptz  not null default now(),
    primary key (scope, key)
);
