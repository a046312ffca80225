-- The write path (#13 item 5): opening a ticket asks for the open ticket that already holds one of its failed
-- parts (RepairService.open: ticket_failed_component by component_id, the ticket open). The only index of
-- ticket_failed_component leads with ticket_id, so PostgreSQL walked every open ticket (repair_ticket_open) and
-- probed each: a cost that grows with the fleet's open tickets and, between vacuums, with every ticket opened and
-- closed since (their dead entries in the partial index: 2,400 buffers for 80 open tickets after a benchmark run,
-- 0.3 to 0.9 ms a call, the largest statement of the write benchmark). By component it reads that part's tickets
-- only. It also serves the foreign key to component.
create index ticket_failed_component_component on ticket_failed_component (component_id);
