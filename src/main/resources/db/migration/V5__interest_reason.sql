-- What decided a reply's interest, for the recruiter's UI: the phrase or rule the classifier named
-- ("no me interesa", after "pero": "ya encontre trabajo", "nothing decided" …). Inbound rows only.
alter table communications add column interest_reason varchar(300);
