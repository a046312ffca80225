-- Spare stock per location, explained by an append-only ledger; purchase orders.

create table stock_location (
    id       bigserial primary key,
    code     varchar(40)  not null unique,
    name     varchar(120) not null,
    kind     varchar(12)  not null check (kind in ('SITE_STORE','SITE_LAB','WAREHOUSE','HUB')),
    site_id  bigint       references site(id),
    hub_id   bigint       references repair_hub(id)
);

create table stock_level (
    location_id  bigint not null references stock_location(id),
    part_id      bigint not null references part(id),
    on_hand      int    not null default 0 check (on_hand >= 0),
    reserved     int    not null default 0 check (reserved >= 0),
    in_transit   int    not null default 0 check (in_transit >= 0),
    on_order     int    not null default 0 check (on_order >= 0),
    version      int    not null default 0,
    primary key (location_id, part_id)
);

create table purchase_order (
    id                bigserial primary key,
    part_id           bigint       not null references part(id),
    location_id       bigint       not null references stock_location(id),
    quantity          int          not null check (quantity > 0),
    quoted_lead_days  int          not null check (quoted_lead_days >= 0),
    expected_on       date         not null,
    state             varchar(10)  not null check (state in ('OPEN','RECEIVED','CANCELLED')),
    shipment_id       bigint       references shipment(id),
    created_by        varchar(120) not null,
    created_at        timestamptz  not null,
    version           int          not null default 0
);

create table stock_movement (
    id                 bigserial primary key,
    at                 timestamptz  not null,
    actor              varchar(120) not null,
    part_id            bigint       not null references part(id),
    kind               varchar(16)  not null check (kind in ('RECEIPT','ISSUE','TRANSFER','ADJUSTMENT','SCRAP','ORDERED')),
    from_location_id   bigint       references stock_location(id),
    to_location_id     bigint       references stock_location(id),
    quantity           int          not null check (quantity > 0),
    component_id       bigint       references component(id),
    ticket_id          bigint       references repair_ticket(id),
    purchase_order_id  bigint       references purchase_order(id),
    reason             varchar(500),
    check (from_location_id is not null or to_location_id is not null)
);
create index stock_movement_part_location on stock_movement (part_id, from_location_id, to_location_id);
create index stock_movement_issue on stock_movement (kind, at);

create trigger stock_movement_append_only before update or delete on stock_movement
    for each row execute function refuse_history_rewrite();

-- Every site gets its store and its lab; the spares already on the shelves are received into the store.
insert into stock_location (code, name, kind, site_id)
    select code || '-STORE', name || ' store', 'SITE_STORE', id from site;
insert into stock_location (code, name, kind, site_id)
    select code || '-LAB', name || ' lab', 'SITE_LAB', id from site;
insert into stock_location (code, name, kind, hub_id)
    select code || '-HUB', name, 'HUB', id from repair_hub;
