-- Shipments and their contents, customs entries and holds, their append-only events, and alerts.

create table shipment (
    id               bigserial primary key,
    kind             varchar(20)  not null check (kind in ('OUTBOUND_TO_HUB','INBOUND_RETURN','SPARES_PURCHASE','NEW_MACHINES')),
    carrier          varchar(60)  not null,
    tracking_number  varchar(60),
    origin           varchar(120) not null,
    destination      varchar(120) not null,
    site_id          bigint       not null references site(id),
    hub_id           bigint       references repair_hub(id),
    port_id          bigint       references port(id),
    state            varchar(16)  not null check (state in ('CREATED','READY','IN_TRANSIT','AT_PORT','HELD','CLEARED',
                                                        'DELIVERED','RECEIVED','LOST','SEIZED','RE_EXPORTED')),
    created_by       varchar(120) not null,
    created_at       timestamptz  not null,
    version          int          not null default 0
);
create index shipment_site_state on shipment (site_id, state);

create table shipment_item (
    id            bigserial primary key,
    shipment_id   bigint      not null references shipment(id),
    item_kind     varchar(12) not null check (item_kind in ('COMPONENT','RMA_CASE','PART_LOT','MINER')),
    component_id  bigint      references component(id),
    rma_case_id   bigint      references rma_case(id),
    part_id       bigint      references part(id),
    quantity      int         not null default 1 check (quantity > 0),
    miner_id      bigint      references miner(id)
);
create index shipment_item_shipment on shipment_item (shipment_id);
create index shipment_item_component on shipment_item (component_id);

create table shipment_event (
    id           bigserial primary key,
    shipment_id  bigint       not null references shipment(id),
    at           timestamptz  not null,
    actor        varchar(120) not null,
    from_state   varchar(16),
    to_state     varchar(16)  not null,
    note         varchar(2000)
);
create index shipment_event_shipment on shipment_event (shipment_id, at);

create table customs_hold (
    id                       bigserial primary key,
    shipment_id              bigint       not null references shipment(id),
    entry_number             varchar(40)  not null,
    port_id                  bigint       not null references port(id),
    filer                    varchar(120),
    hts_code                 varchar(20),
    declared_value_cents     bigint       not null default 0 check (declared_value_cents >= 0),
    vendor                   varchar(16)  not null,
    kind                     varchar(24)  not null check (kind in ('CBP_NON_INTRUSIVE','CBP_TAILGATE','CBP_INTENSIVE',
                                             'OTHER_AGENCY','UFLPA_DETENTION','TARIFF_REVIEW','ENTITY_LIST_REVIEW','MANIFEST')),
    presented_on             date         not null,
    opened_at                timestamptz  not null,
    detention_notice_on      date,
    decided_on               date,
    outcome                  varchar(16)  check (outcome in ('RELEASED','EXCLUDED','RE_EXPORTED','SEIZED','ABANDONED')),
    storage_fee_cents_per_day bigint      not null default 0 check (storage_fee_cents_per_day >= 0),
    last_free_day            date,
    units                    int          not null default 0,
    hashrate_ths             numeric(12,2) not null default 0,
    version                  int          not null default 0,
    check ((outcome is null) = (decided_on is null))
);
create index customs_hold_open on customs_hold (port_id, presented_on) where outcome is null;
create index customs_hold_strata on customs_hold (port_id, vendor, kind, presented_on);

create table customs_hold_event (
    id        bigserial primary key,
    hold_id   bigint       not null references customs_hold(id),
    at        timestamptz  not null,
    actor     varchar(120) not null,
    action    varchar(40)  not null,
    note      varchar(2000)
);

create table hold_alert (
    id         bigserial primary key,
    hold_id    bigint       not null references customs_hold(id),
    kind       varchar(24)  not null check (kind in ('RELEASE_CLOCK','NOTICE_CLOCK','DEEMED_EXCLUSION','LAST_FREE_DAY')),
    raised_at  timestamptz  not null,
    message    varchar(500) not null,
    unique (hold_id, kind)
);

create trigger shipment_event_append_only before update or delete on shipment_event
    for each row execute function refuse_history_rewrite();
create trigger customs_hold_event_append_only before update or delete on customs_hold_event
    for each row execute function refuse_history_rewrite();
create trigger hold_alert_append_only before update or delete on hold_alert
    for each row execute function refuse_history_rewrite();
