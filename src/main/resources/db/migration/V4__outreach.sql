-- Outreach at scale: campaigns, their recipients, reminders, and what the funnel reads.

create table campaigns (
    id                 uuid primary key,
    name               varchar(200) not null,
    template_name      varchar(512) not null,
    language           varchar(16)  not null,
    -- As the recruiter wrote them, placeholders such as {{candidate.first_name}} unfilled.
    template_variables jsonb        not null,
    -- The reminder every recipient gets unless they answer first; null for none.
    reminder           jsonb,
    status             varchar(10)  not null default 'running',
    total              integer      not null,
    created_by         varchar(200),
    created_at         timestamptz  not null default now(),
    completed_at       timestamptz,
    constraint campaigns_status_check check (status in ('running', 'completed', 'cancelled')),
    constraint campaigns_template_variables_array check (jsonb_typeof(template_variables) = 'array'),
    constraint campaigns_reminder_object check (reminder is null or jsonb_typeof(reminder) = 'object')
);
create index campaigns_created_idx on campaigns (created_at desc);
create index campaigns_running_idx on campaigns (created_at) where status = 'running';

-- One row per application the campaign was asked to reach: its message, or why it got none.
create table campaign_recipients (
    campaign_id      uuid        not null references campaigns (id),
    application_id   uuid        not null references applications (id),
    candidate_id     uuid        not null references candidates (id),
    communication_id uuid        references communications (communication_id),
    skip_reason      varchar(32),
    position         integer     not null,
    primary key (campaign_id, application_id),
    constraint campaign_recipients_message_or_reason check ((communication_id is null) <> (skip_reason is null))
);
create index campaign_recipients_page_idx on campaign_recipients (campaign_id, position);

alter table communications add column campaign_id uuid references campaigns (id);
create index communications_campaign_idx on communications (campaign_id) where campaign_id is not null;

-- A reminder follows one outbound message (its "initial") and becomes a communication of its own
-- when it comes due, unless the candidate answered, opted out or the application moved on first.
create table reminders (
    id               uuid primary key,
    initial_id       uuid         not null references communications (communication_id),
    campaign_id      uuid         references campaigns (id),
    application_id   uuid         not null references applications (id),
    candidate_id     uuid         not null references candidates (id),
    template_name    varchar(512) not null,
    language         varchar(16)  not null,
    -- Filled per recipient when it was scheduled, and the text they make.
    parameters       jsonb        not null,
    content          text         not null,
    due_at           timestamptz  not null,
    status           varchar(10)  not null default 'scheduled',
    -- The reminder message, once it came due and was sendable.
    communication_id uuid         references communications (communication_id),
    cancel_reason    varchar(32),
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint reminders_initial_key unique (initial_id),
    constraint reminders_status_check check (status in ('scheduled', 'sent', 'cancelled')),
    constraint reminders_parameters_array check (jsonb_typeof(parameters) = 'array')
);
create index reminders_due_idx on reminders (due_at) where status = 'scheduled';
create index reminders_candidate_idx on reminders (candidate_id) where status = 'scheduled';
create index reminders_campaign_idx on reminders (campaign_id) where campaign_id is not null;
-- A reply to a reminder message finds its initial by the reminder's message (every inbound reply looks).
create index reminders_communication_idx on reminders (communication_id) where communication_id is not null;

-- The funnel reads first contacts (initial outbound messages) by time, and by template, without
-- touching the table: every column it counts is in the index.
create index communications_funnel_idx on communications (created_at)
    include (status, interest_status, template_id, application_id, campaign_id, sent_at, reply_received_at)
    where direction = 'outbound' and message_type = 'initial';
-- The funnel's position filter.
create index applications_position_idx on applications (position);
