-- The write path (#13 item 5): the ids of the two events every ticket move appends, repair_ticket_event and
-- miner_event, come from their sequences 50 at a time (Hibernate's pooled optimizer, allocationSize = 50 in
-- RepairTicketEvent and MinerEvent), so Hibernate batches the inserts at flush instead of sending each one as
-- it is persisted to learn its id (IDENTITY). A plain insert (COPY of the demo loaders, psql) still takes
-- nextval as before: the pooled optimizer reads a value as the top of its block, so the two never collide; ids
-- are unique but no longer in commit order across instances: readers order events by (at, id).
-- component_event keeps IDENTITY: StockService compares max(id) of component_event as a change marker.
alter sequence repair_ticket_event_id_seq increment by 50;
alter sequence miner_event_id_seq increment by 50;
