-- Candidates, their job applications and every communication with them.
-- Enum-like columns are text with CHECK constraints: readable in psql, extended by a migration.

create table candidates (
    id               uuid primary key,
    full_name        varchar(200) not null,
    phone            varchar(16)  not null,
    email            varchar(320),
    whatsapp_opt_out boolean      not null default false,
    opted_out_at     timestamptz,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint candidates_phone_e164 check (phone ~ '^\+[1-9][0-9]{6,14}$')
);
-- Inbound webhooks find the sender by phone.
create index candidates_phone_idx on candidates (phone);

create table applications (
    id               uuid primary key,
    candidate_id     uuid         not null references candidates (id),
    position         varchar(200) not null,
    status           varchar(16)  not null default 'new',
    needs_attention  boolean      not null default false,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint applications_status_check check (status in (
        'new', 'contacted', 'interested', 'not_interested', 'screening',
        'interview', 'offer', 'hired', 'rejected', 'withdrawn'))
);
create index applications_candidate_idx on applications (candidate_id, created_at desc);
create index applications_status_idx on applications (status, created_at desc);

create table communications (
    communication_id    uuid primary key,
    -- Both are null for an inbound message from a number no candidate has.
    application_id      uuid references applications (id),
    candidate_id        uuid references candidates (id),
    channel             varchar(8)   not null default 'whatsapp',
    direction           varchar(8)   not null,
    message_type        varchar(12)  not null,
    template_id         varchar(512),
    content             text,
    -- Template parameters by component: {"body": ["Ana", "Backend developer"]}.
    variables           jsonb,
    recipient_phone     varchar(16),
    whatsapp_message_id varchar(128),
    status              varchar(10)  not null default 'pending',
    sent_at             timestamptz,
    delivered_at        timestamptz,
    read_at             timestamptz,
    error_message       text,
    error_code          integer,
    retry_count         integer      not null default 0,
    reply_to_id         uuid references communications (communication_id),
    reply_content       text,
    reply_received_at   timestamptz,
    interest_status     varchar(16),
    response_metadata   jsonb,
    -- Outbox: when a pending outbound is due next, and until when a worker holds it.
    next_attempt_at     timestamptz,
    lease_expires_at    timestamptz,
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    constraint communications_whatsapp_message_id_key unique (whatsapp_message_id),
    constraint communications_channel_check check (channel in ('whatsapp', 'email', 'sms')),
    constraint communications_direction_check check (direction in ('outbound', 'inbound')),
    constraint communications_message_type_check check (message_type in ('initial', 'follow_up', 'reminder', 'reply')),
    constraint communications_status_check check (status in ('pending', 'sent', 'delivered', 'read', 'failed', 'replied')),
    constraint communications_interest_status_check check (interest_status in ('interested', 'not_interested', 'question', 'unknown')),
    constraint communications_retry_count_check check (retry_count >= 0),
    constraint communications_variables_object check (variables is null or jsonb_typeof(variables) = 'object'),
    constraint communications_response_metadata_object check (response_metadata is null or jsonb_typeof(response_metadata) = 'object')
);
-- List filters (newest first) and the candidate summary.
create index communications_created_idx on communications (created_at desc);
create index communications_application_idx on communications (application_id, created_at desc);
create index communications_candidate_idx on communications (candidate_id, direction, created_at desc);
create index communications_status_idx on communications (status, created_at desc);
create index communications_reply_to_idx on communications (reply_to_id);
-- Outbox scan: only pending outbound rows are ever due.
create index communications_outbox_idx on communications (next_attempt_at)
    where status = 'pending' and direction = 'outbound';
