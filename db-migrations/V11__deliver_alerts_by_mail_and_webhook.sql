-- Alerts that reach people (#17): an alert is raised once per kind and subject, by a job or by the
-- feature where the thing happened (a CDI event, alerts/domain/AlertRequest), in that feature's
-- transaction. Users choose per site and kind which alerts they are mailed; admins register signed
-- webhooks. Deliveries are an outbox that every replica works through (for update skip locked),
-- retried with backoff, each with a stable id that receivers use to drop duplicates.

create table alert (
    id           bigserial     primary key,
    kind         varchar(24)   not null check (kind in ('RELEASE_CLOCK','NOTICE_CLOCK','DEEMED_EXCLUSION',
                                  'LAST_FREE_DAY','LOW_STOCK','DOA_WINDOW_CLOSING','PART_ARRIVED')),
    subject_key  varchar(200)  not null,
    site_id      bigint        references site(id),
    title        varchar(300)  not null,
    detail       varchar(2000) not null,
    link         varchar(300),
    raised_at    timestamptz   not null,
    raised_by    varchar(120)  not null,
    unique (kind, subject_key)
);
create index alert_raised on alert (raised_at desc);
create index alert_site on alert (site_id, raised_at desc);

-- What happened to an alert: raised, acknowledged (who, when, note). Nobody edits it.
create table alert_event (
    id        bigserial     primary key,
    alert_id  bigint        not null references alert(id),
    at        timestamptz   not null,
    actor     varchar(120)  not null,
    action    varchar(16)   not null check (action in ('RAISED','ACKNOWLEDGED')),
    note      varchar(500)
);
create index alert_event_alert on alert_event (alert_id, id);

-- A user's choice: mail me alerts of this kind at this site (site_id null: every site I may see).
create table alert_subscription (
    id          bigserial     primary key,
    username    varchar(120)  not null,
    email       varchar(254)  not null,
    kind        varchar(24)   not null,
    site_id     bigint        references site(id),
    created_at  timestamptz   not null,
    unique nulls not distinct (username, kind, site_id)
);
create index alert_subscription_kind on alert_subscription (kind);

-- A receiver of signed webhooks, registered by an admin; kinds and site narrow what it gets.
create table alert_webhook (
    id          bigserial     primary key,
    name        varchar(120)  not null,
    url         varchar(500)  not null,
    secret      varchar(100)  not null,
    kinds       varchar(300)  not null,
    site_id     bigint        references site(id),
    active      boolean       not null default true,
    created_by  varchar(120)  not null,
    created_at  timestamptz   not null,
    version     int           not null default 0
);

-- The outbox: one delivery per alert and recipient, its id sent with it (idempotent delivery).
create table alert_delivery (
    id               uuid          primary key,
    alert_id         bigint        not null references alert(id),
    channel          varchar(8)    not null check (channel in ('EMAIL','WEBHOOK')),
    target           varchar(254)  not null,
    webhook_id       bigint        references alert_webhook(id),
    state            varchar(8)    not null check (state in ('PENDING','SENT','FAILED')),
    attempts         int           not null default 0,
    next_attempt_at  timestamptz   not null,
    sent_at          timestamptz,
    last_error       varchar(500),
    unique (alert_id, channel, target)
);
create index alert_delivery_due on alert_delivery (next_attempt_at) where state = 'PENDING';

-- Every attempt: when, by which replica, what came back.
create table alert_delivery_attempt (
    id           bigserial     primary key,
    delivery_id  uuid          not null references alert_delivery(id),
    at           timestamptz   not null,
    instance     varchar(120)  not null,
    outcome      varchar(8)    not null check (outcome in ('SENT','RETRY','FAILED')),
    status_code  int,
    error        varchar(500)
);
create index alert_delivery_attempt_delivery on alert_delivery_attempt (delivery_id, id);

create trigger alert_append_only before update or delete on alert
    for each row execute function refuse_history_rewrite();
create trigger alert_event_append_only before update or delete on alert_event
    for each row execute function refuse_history_rewrite();
create trigger alert_delivery_attempt_append_only before update or delete on alert_delivery_attempt
    for each row execute function refuse_history_rewrite();
