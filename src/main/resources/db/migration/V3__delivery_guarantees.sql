-- Delivery guarantees: fenced claims, retries bounded by time, pacing shared by replicas,
-- idempotent requests, versioned applications, event times Meta did not give.

-- The outbox's fencing token: a claim writes a new one; a sender calls Meta and records an outcome
-- only while the row still carries its token.
alter table communications add column claim_token uuid;
-- Automatic retries end here (accepted + WHATSAPP_OUTBOX_GIVE_UP_AFTER); the message is failed then.
alter table communications add column give_up_at timestamptz;
-- Set by the holder just before it calls Meta, cleared when the outcome is recorded: a row found
-- with it set and its lease expired had a call whose outcome nobody knows (its sender died).
alter table communications add column call_started_at timestamptz;
-- False when Meta gave no timestamp for this row's own event (an inbound message's sent_at is then
-- the time it was received): such a time never wins over one Meta gave.
alter table communications add column meta_time boolean not null default true;
update communications set give_up_at = created_at + interval '24 hours' where status = 'pending' and direction = 'outbound';
-- The outbox looks for calls whose sender died (few rows: only those in flight).
create index communications_call_started_idx on communications (lease_expires_at)
    where status = 'pending' and call_started_at is not null;

-- One row per sender number: the next free send slot, shared by every replica.
create table send_pacing (
    sender    varchar(64) primary key,
    next_slot timestamptz not null
);

-- Idempotency-Key: the first answer to a request, replayed for the same key and body for 24 hours.
create table idempotency_keys (
    scope           varchar(300) not null,
    idempotency_key varchar(255) not null,
    request_hash    bytea        not null,
    -- Null while the first request is still running.
    response_status integer,
    response_type   varchar(100),
    response_body   text,
    location        varchar(300),
    created_at      timestamptz  not null default now(),
    primary key (scope, idempotency_key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

-- Optimistic concurrency for applications: every write bumps it; the ETag is this number.
alter table applications add column version bigint not null default 0;
