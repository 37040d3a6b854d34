-- Automatic send attempts of an outbound message (the request's own and the outbox's), apart
-- from retry_count, which counts the recruiter's manual retries.
alter table communications add column send_attempts integer not null default 0
    constraint communications_send_attempts_check check (send_attempts >= 0);
