-- generator-service schema v12: results of token-scoring requests (the token-shift measure), one per request id.
-- No foreign key to runs: a request may arrive before its run, or for a run this generator does not hold.
create table token_scores (
    request_id   text        primary key,   -- the requester's deterministic id (natural key)
    run_id       text        not null,
    backend      text        not null,
    status       text        not null check (status in ('completed', 'failed')),
    result       text        not null,      -- the TokenScores event as published (JSON), republished as it is
    completed_at timestamptz not null,
    published_at timestamptz                -- null until Kafka acknowledged the token-scores record
);

create index token_scores_unpublished on token_scores (completed_at) where published_at is null;
create index token_scores_run on token_scores (run_id);
