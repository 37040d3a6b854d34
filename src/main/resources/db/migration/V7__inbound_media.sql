-- Files candidates send (a CV as PDF, a photo of a document). The record shows what is known of
-- the file in communications.media: {media_id, mime_type, file_name, sha256, size, media_status}
-- (written by communication.CommunicationStore). The download itself is a job of the media package:
-- media_downloads (attempts, when it is due) and, with PostgreSQL as the storage,
-- media_chunks (the bytes in pieces of 256 KiB, so that no file is ever whole in memory).
alter table communications add column media jsonb;
alter table communications add constraint communications_media_object
    check (media is null or (jsonb_typeof(media) = 'object'
                             and media->>'media_status' in ('pending', 'stored', 'too_large', 'failed')));

create table media_downloads (
    communication_id uuid primary key references communications (communication_id) on delete cascade,
    media_id         varchar(128) not null,
    attempts         integer      not null default 0,
    -- When it is tried (again); null once it is settled (stored, too large, or failed for good).
    -- A claim moves it a lease ahead: the holder settles it before then, or another instance
    -- takes it over (its holder died).
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now(),
    constraint media_downloads_attempts_check check (attempts >= 0)
);
create index media_downloads_due_idx on media_downloads (next_attempt_at) where next_attempt_at is not null;

create table media_chunks (
    communication_id uuid    not null references communications (communication_id) on delete cascade,
    seq              integer not null,
    data             bytea   not null,
    primary key (communication_id, seq)
);
-- The bytes are written once and read whole: no compression attempt on already-compressed files.
alter table media_chunks alter column data set storage external;

-- Events: a new record says its media_status, and a change of it is a communication.updated.
create or replace function communications_created() returns trigger language plpgsql as $$
declare
    first_id bigint;
    last_id bigint;
begin
    with added as (
        insert into events (kind, candidate_id, application_id, campaign_id, data)
        select 'communication.created', n.candidate_id, n.application_id, n.campaign_id,
               jsonb_strip_nulls(jsonb_build_object('communication_id', n.communication_id, 'candidate_id', n.candidate_id,
                   'application_id', n.application_id, 'campaign_id', n.campaign_id, 'direction', n.direction,
                   'message_type', n.message_type, 'status', n.status, 'interest_status', n.interest_status,
                   'media_status', n.media->>'media_status'))
          from created n
         order by n.created_at, n.communication_id
        returning id)
    select min(id), max(id) into first_id, last_id from added;
    perform announce_events(first_id, last_id);
    return null;
end $$;

create or replace function communications_updated() returns trigger language plpgsql as $$
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
                   'interest_status', case when n.interest_status is distinct from o.interest_status then n.interest_status end,
                   'media_status', case when n.media->>'media_status' is distinct from o.media->>'media_status'
                                        then n.media->>'media_status' end))
          from after_update n join before_update o using (communication_id)
         where n.status is distinct from o.status or n.interest_status is distinct from o.interest_status
            or n.media->>'media_status' is distinct from o.media->>'media_status'
         order by n.communication_id
        returning id)
    select min(id), max(id) into first_id, last_id from added;
    perform announce_events(first_id, last_id);
    return null;
end $$;
