-- The funnel in two statements, each reading a small index only (docs/campaigns.md):
-- the stages and interests are counted by (status, interest) from the first of these, and the
-- median time to reply is taken over the replied first contacts alone, from the second.
create index communications_funnel_status_idx on communications (status, interest_status)
    where direction = 'outbound' and message_type = 'initial';
create index communications_funnel_replied_idx on communications (created_at)
    include (template_id, application_id, campaign_id, sent_at, reply_received_at)
    where direction = 'outbound' and message_type = 'initial' and status = 'replied';
