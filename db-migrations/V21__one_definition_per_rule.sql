-- Each rule once (#13 item 1). The rules the triggers, the rebuilds and the views share are now pure
-- functions and views in the repeatable migrations (R__*.sql), which replace them whenever they change;
-- this migration only removes what those no longer define and moves what they need.

-- The backlog stage is computed in Java (availability.domain.BacklogStage); the view gives the states.
drop view backlog_item;
drop function backlog_stage(varchar, varchar, varchar, boolean);

-- The RMA states still in the repair pipeline, once. An index predicate uses it, so it is defined here and
-- not in a repeatable migration: changing it means a new migration that recreates rma_case_open too.
create function rma_case_in_pipeline(state varchar) returns boolean language sql immutable as $$
    select state in ('OPENED', 'SHIPPED', 'AT_HUB', 'REPAIRED', 'REPLACED', 'REJECTED', 'RETURNED')
$$;
drop index rma_case_open;
create index rma_case_open on rma_case (hub_id, opened_at) where rma_case_in_pipeline(state);

-- A part's completed repair is written when its case's RECEIVED event is appended, dated by that event
-- (as the rebuild dates it), no longer by the time of the case's update.
drop trigger rma_case_outcome on rma_case;
drop function repair_outcome_of_rma();
create function repair_outcome_of_rma_event() returns trigger language plpgsql as $$
begin
    return null; -- replaced by R__repair_outcome.sql
end $$;
create trigger rma_case_event_outcome after insert on rma_case_event
    for each row when (new.to_state = 'RECEIVED') execute function repair_outcome_of_rma_event();
