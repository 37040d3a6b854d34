-- Change events for the frontend's Server-Sent Events (GET /api/v1/events): written by the triggers
-- below in the transaction of the change itself, so every replica's change is published once and
-- none is lost; each statement's events are announced with one NOTIFY ('ats_events', 'first:last'
-- ids), which every replica's listener turns into SSE for its clients. Kept 24 hours for
-- Last-Event-ID resumes (purged by event.EventStream).
create table events (
    id             bigserial primary key,
    kind           varchar(32) not null,
    candidate_id   uuid,
    application_id uuid,
    campaign_id    uuid,
    data           jsonb       not null,
    created_at     timestamptz not null default now()
);
create index events_created_idx on events (created_at);

create function announce_events(first_id bigint, last_id bigint) returns void language plpgsql as $$
begin
    if first_id is not null then
        perform pg_notify('ats_events', first_id || ':' || last_id);
    end if;
end $$;

create function communications_created() returns trigger language plpgsql as $$
declare
    first_id bigint;
    last_id bigint;
begin
    with added as (
        insert into events (kind, candidate_id, application_id, campaign_id, data)
        select 'communication.created', n.candidate_id, n.application_id, n.campaign_id,
               jsonb_strip_nulls(jsonb_build_object('communication_id', n.communication_id, 'candidate_id', n.candidate_id,
                   'application_id', n.application_id, 'campaign_id', n.campaign_id, 'direction', n.direction,
                   'message_type', n.message_type, 'status', n.status, 'interest_status', n.interest_status))
          from created n
         order by n.created_at, n.communication_id
        returning id)
    select min(id), max(id) into first_id, last_id from added;
    perform announce_events(first_id, last_id);
    return null;
end $$;

create function communications_updated() returns trigger language plpgsql as $$
declare
    first_id bigint;
    last_id bigint;
begin
    with added as (
        insert into events (kind, candidate_id, application_id, campaign_id, data)
        select 'communication.updated', n.candidate_id, n.application_id, n.campaign_id,
               jsonb_strip_nulls(jsonb_build_object('communication_id', n.communication_id, 'candidate_id', n.candidate_id,
                   'application_id', n.application_id, 'campaign_id', n.campaign_id,
                   'status', case when n.status is distinct from o.status then n.status end,
                   'interest_status', case when n.interest_status is distinct from o.interest_status then n.interest_status end))
          from after_update n join before_update o using (communication_id)
         where n.status is distinct from o.status or n.interest_status is distinct from o.interest_status
         order by n.communication_id
        returning id)
    select min(id), max(id) into first_id, last_id from added;
    perform announce_events(first_id, last_id);
    return null;
end $$;

create function applications_updated() returns trigger language plpgsql as $$
declare
    first_id bigint;
    last_id bigint;
begin
    with added as (
        insert into events (kind, candidate_id, application_id, data)
        select 'application.updated', n.candidate_id, n.id,
               jsonb_strip_nulls(jsonb_build_object('application_id', n.id, 'candidate_id', n.candidate_id,
                   'status', case when n.status is distinct from o.status then n.status end,
                   'needs_attention', case when n.needs_attention is distinct from o.needs_attention then n.needs_attention end))
          from after_update n join before_update o using (id)
         where n.status is distinct from o.status or n.needs_attention is distinct from o.needs_attention
         order by n.id
        returning id)
    select min(id), max(id) into first_id, last_id from added;
    perform announce_events(first_id, last_id);
    return null;
end $$;

create trigger communications_created_events after insert on communications
    referencing new table as created for each statement execute function communications_created();
create trigger communications_updated_events after update on communications
    referencing old table as before_update new table as after_update for each statement execute function communications_updated();
create trigger applications_updated_events after update on applications
    referencing old table as before_update new table as after_update for each statement execute function applications_updated();
