-- #14: the tickets page sorted by state shows open tickets (about 1% of a million at the benchmark
-- fleet) in state order; without this index the database read the whole (state, opened_at) index
-- (1 s). The list names the states as literals so that this predicate is seen (RepairService.OPEN_TICKET).
create index repair_ticket_open_state on repair_ticket (state, id) where state not in ('RESOLVED','CANCELLED');
