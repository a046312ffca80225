-- An open repair ticket, once in SQL (#13 item 1): one not yet resolved or cancelled, as
-- repair.domain.TicketState.isOpen says it in Java (OpenTicketStatesTest holds the two together). The
-- backlog view, the native queries and the partial indexes below use it; JPQL writes the same predicate
-- from TicketState (RepairService.OPEN_TICKET), which the planner matches to these indexes because
-- PostgreSQL inlines this function into both. An index predicate uses it, so it is defined here and not in a
-- repeatable migration: changing it means a new migration that recreates the indexes too.
create function repair_ticket_is_open(state varchar) returns boolean language sql immutable as $$
    select state not in ('RESOLVED', 'CANCELLED')
$$;

drop index repair_ticket_open;
create index repair_ticket_open on repair_ticket (opened_at) where repair_ticket_is_open(state);
drop index repair_ticket_open_state;
create index repair_ticket_open_state on repair_ticket (state, id) where repair_ticket_is_open(state);
drop index repair_ticket_open_site;
create index repair_ticket_open_site on repair_ticket (site_id, opened_at) where repair_ticket_is_open(state);
