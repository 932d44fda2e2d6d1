-- generator-service schema v3: answers to completion requests (judge verdicts, hint summaries), one per request id.
-- No foreign key to runs: a request may arrive before its run, or for a run this generator does not hold.
create table completions (
    request_id        text        primary key,   -- the requester's deterministic id (natural key)
    run_id            text        not null,
    purpose           text        not null,      -- e.g. judge:missing-info, summary
    backend           text        not null,
    model             text,
    status            text        not null check (status in ('completed', 'failed')),
    text              text,                      -- null when failed
    error             text,                      -- null when completed
    finish_reason     text,
    prompt_tokens     integer,
    completion_tokens integer,
    latency_ms        bigint,
    attributes        text        not null,      -- the request's attributes as a JSON object, echoed back
    completed_at      timestamptz not null,
    published_at      timestamptz                -- null until Kafka acknowledged the completions record
);

create index completions_unpublished on completions (completed_at) where published_at is null;
create index completions_run on completions (run_id);
