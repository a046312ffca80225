-- #14: the bin of each hashboard (mixing bins in one chassis voids Bitmain's warranty), the part a hub
-- sends back instead of the one it received, spares reserved for tickets waiting on a part, and the
-- users the identity provider has shown us (site assignment refuses names nobody has logged in with).

alter table component add column bin varchar(16);

alter table rma_case add column replacement_component_id bigint references component(id);

-- The current reservations; their history is in the tickets' events (reserved, used, released).
create table spare_reservation (
    component_id  bigint       primary key references component(id),
    ticket_id     bigint       not null unique references repair_ticket(id),
    reserved_at   timestamptz  not null
);

create table known_user (
    username    varchar(120) primary key,
    roles       varchar(200) not null,
    first_seen  timestamptz  not null,
    last_seen   timestamptz  not null
);
