-- #16 item 4: a session that ended (the user logged out, or the identity provider's back-channel logout
-- said so) is refused on every replica, even if its cookie is replayed: the provider's session id (the
-- tokens' "sid" claim) is kept here until its tokens cannot be valid any more (platform/security/EndedSessions).
create table ended_session (
    sid      text primary key,
    ended_at timestamptz not null,
    how      text not null check (how in ('LOGOUT', 'BACK_CHANNEL'))
);
create index ended_session_ended_at on ended_session (ended_at);
