-- New machines (#15): purchase orders for miners, their deliveries as NEW_MACHINES shipments, the
-- machines received into the registry and commissioned at a rack position, and the capacity plan.

-- A machine received from an order is in the registry as RECEIVED, with no rack position, until it is
-- commissioned. It is not installed: it adds nothing to availability until then (MinerStatus.INSTALLED).
alter table miner drop constraint miner_status_check;
alter table miner add constraint miner_status_check
    check (status in ('HASHING','DEGRADED','DOWN','IN_REPAIR','RETIRED','RECEIVED'));
alter table miner alter column building drop not null, alter column row_no drop not null,
    alter column rack drop not null, alter column slot drop not null;
alter table miner add constraint miner_position_whole
    check ((building is null) = (row_no is null) and (row_no is null) = (rack is null) and (rack is null) = (slot is null));

-- The rates of a status for the availability aggregates of V7: only installed machines count
-- (the same set as MinerStatus.INSTALLED; a test holds the two together).
create or replace function status_rates(status varchar, hashboards int, out installed int, out hashing int,
                                        out nameplate float8, out delivered float8) language sql immutable as $$
    select case when status in ('HASHING', 'DEGRADED', 'DOWN', 'IN_REPAIR') then 1 else 0 end,
           case when status in ('HASHING', 'DEGRADED') then 1 else 0 end,
           case when status in ('HASHING', 'DEGRADED', 'DOWN', 'IN_REPAIR') then 1.0 else 0.0 end,
           case status when 'HASHING' then 1.0 when 'DEGRADED' then degraded_share(hashboards) else 0.0 end
$$;

-- A shipment line may be a lot of new machines of one model (quantity = how many).
alter table shipment_item add column model_id bigint references miner_model(id);
alter table shipment_item drop constraint shipment_item_item_kind_check;
alter table shipment_item add constraint shipment_item_item_kind_check
    check (item_kind in ('COMPONENT','RMA_CASE','PART_LOT','MINER','MACHINE_LOT'));

-- A purchase order for machines. The unit counts are the balances of its ledger (machine_order_movement):
-- every unit ordered is in exactly one of them, and each movement moves units from one to another.
create table machine_order (
    id                      bigserial primary key,
    model_id                bigint        not null references miner_model(id),
    vendor                  varchar(16)   not null check (vendor in ('BITMAIN','MICROBT','CANAAN','OTHER')),
    site_id                 bigint        not null references site(id),
    port_id                 bigint        references port(id),
    quantity                int           not null check (quantity > 0),
    unit_price_cents        bigint        not null check (unit_price_cents >= 0),
    deposit_paid_cents      bigint        not null default 0 check (deposit_paid_cents >= 0),
    quoted_lead_days        int           not null check (quoted_lead_days >= 0),
    ordered_on              date          not null,
    expected_ship_on        date          not null,
    expected_arrival_on     date          not null,
    vendor_reference        varchar(60),
    note                    varchar(2000),
    state                   varchar(16)   not null check (state in ('PLACED','IN_DELIVERY','DELIVERED','COMPLETE','CANCELLED','LOST')),
    on_order                int           not null check (on_order >= 0),
    on_delivery             int           not null check (on_delivery >= 0),
    awaiting_commissioning  int           not null check (awaiting_commissioning >= 0),
    commissioned            int           not null check (commissioned >= 0),
    cancelled               int           not null check (cancelled >= 0),
    lost                    int           not null check (lost >= 0),
    created_by              varchar(120)  not null,
    created_at              timestamptz   not null,
    version                 int           not null default 0,
    check (on_order + on_delivery + awaiting_commissioning + commissioned + cancelled + lost = quantity)
);
create index machine_order_site_state on machine_order (site_id, state);
create index machine_order_vendor_state on machine_order (vendor, state);

-- A delivery: some of the order's units on one NEW_MACHINES shipment (through its port and customs).
create table machine_delivery (
    id                   bigserial primary key,
    order_id             bigint        not null references machine_order(id),
    number               int           not null check (number > 0),
    shipment_id          bigint        not null unique references shipment(id),
    quantity             int           not null check (quantity > 0),
    received             int           not null default 0 check (received >= 0),
    lost                 int           not null default 0 check (lost >= 0),
    shipped_on           date,
    expected_arrival_on  date          not null,
    created_by           varchar(120)  not null,
    created_at           timestamptz   not null,
    version              int           not null default 0,
    unique (order_id, number),
    check (received + lost <= quantity)
);

-- The order's ledger: units moved between its balances, appended, never rewritten.
create table machine_order_movement (
    id           bigserial primary key,
    order_id     bigint        not null references machine_order(id),
    at           timestamptz   not null,
    actor        varchar(120)  not null,
    kind         varchar(16)   not null check (kind in ('ORDERED','SHIPPED','RECEIVED','COMMISSIONED','CANCELLED','LOST')),
    from_bucket  varchar(24),
    to_bucket    varchar(24)   not null,
    quantity     int           not null check (quantity > 0),
    delivery_id  bigint        references machine_delivery(id),
    reason       varchar(2000)
);
create index machine_order_movement_order on machine_order_movement (order_id, id);

-- What happened to the order: placed, state changes, delays (the expected date before and after), edits.
create table machine_order_event (
    id           bigserial primary key,
    order_id     bigint        not null references machine_order(id),
    at           timestamptz   not null,
    actor        varchar(120)  not null,
    action       varchar(16)   not null check (action in ('PLACED','STATE','DELAYED','EDITED','DELIVERY','RECEIPT',
                                                          'COMMISSIONING','CANCELLATION','LOSS')),
    from_state   varchar(16),
    to_state     varchar(16),
    from_date    date,
    to_date      date,
    delivery_id  bigint        references machine_delivery(id),
    change       varchar(500),
    reason       varchar(2000)
);
create index machine_order_event_order on machine_order_event (order_id, id);

-- Each machine received from an order, and when it was commissioned.
create table machine_unit (
    miner_id         bigint        primary key references miner(id),
    order_id         bigint        not null references machine_order(id),
    delivery_id      bigint        not null references machine_delivery(id),
    received_at      timestamptz   not null,
    received_by      varchar(120)  not null,
    commissioned_at  timestamptz,
    commissioned_by  varchar(120),
    check ((commissioned_at is null) = (commissioned_by is null))
);
create index machine_unit_order on machine_unit (order_id, commissioned_at);

-- The capacity plan: installed TH/s targets by month, for the fleet (no site) and per site.
create table capacity_target (
    id          bigserial primary key,
    site_id     bigint         references site(id),
    month       date           not null check (extract(day from month) = 1),
    target_ths  numeric(14,2)  not null check (target_ths >= 0),
    set_by      varchar(120)   not null,
    set_at      timestamptz    not null,
    version     int            not null default 0
);
create unique index capacity_target_site_month on capacity_target (coalesce(site_id, 0), month);

create table capacity_target_event (
    id        bigserial primary key,
    site_id   bigint         references site(id),
    month     date           not null,
    from_ths  numeric(14,2),
    to_ths    numeric(14,2),
    actor     varchar(120)   not null,
    at        timestamptz    not null,
    reason    varchar(500)
);
create index capacity_target_event_month on capacity_target_event (month, site_id);

create trigger machine_order_movement_append_only before update or delete on machine_order_movement
    for each row execute function refuse_history_rewrite();
create trigger machine_order_event_append_only before update or delete on machine_order_event
    for each row execute function refuse_history_rewrite();
create trigger capacity_target_event_append_only before update or delete on capacity_target_event
    for each row execute function refuse_history_rewrite();
