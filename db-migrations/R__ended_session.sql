-- An ended session (V17) is heard of by every instance at the commit that records it (#13 item 5): the
-- instances keep the ended sessions in memory and LISTEN on this channel (platform/security/EndedSessions),
-- so no request reads ended_session. The payload: the sid, a space, when it ended (epoch seconds).
-- Repeatable: Flyway runs this again whenever it changes.
create or replace function notify_ended_session() returns trigger language plpgsql as $$
begin
    perform pg_notify('rigtrail_ended_session', new.sid || ' ' || extract(epoch from new.ended_at));
    return null;
end $$;
create or replace trigger ended_session_notify after insert on ended_session
    for each row execute function notify_ended_session();
