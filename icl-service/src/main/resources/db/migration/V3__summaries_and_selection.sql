-- icl-service schema v3: summary hints written by a summarizer model through the generator, and what each in-context
-- request was built with (its summary hint and its example selection).

-- One row per (run, summarizer, prompt): the CompletionRequest asking for the summary of the reference's sample 0.
-- Inserted once ('built': the insert is the claim, only the instance whose insert went through sends it), marked
-- 'requested' once the broker acknowledged it, then 'completed' (with the summary) or 'failed' (with the reason) by
-- the first Completion for its request id; redelivered Completions change nothing.
create table summaries (
    run_id        text        not null,
    summarizer    text        not null,   -- SummarizerModel id: model name @ hash of backend, endpoint, api, params
    prompt_id     text        not null,
    request_id    text        not null unique,
    status        text        not null check (status in ('built', 'requested', 'completed', 'failed')),
    request       text        not null,   -- CompletionRequest JSON, for re-sending a request stranded as 'built'
    summary       text,
    error         text,
    model         text,                   -- the model that answered, as the generator reports it
    finish_reason text,
    built_at      timestamptz not null,
    sent_at       timestamptz,
    completed_at  timestamptz,
    primary key (run_id, summarizer, prompt_id)
);

create index summaries_unsent on summaries (status, built_at) where status = 'built';

-- The test query's summary hint and where it came from (model:<id>, variant:<name>, or the offline summarizer), and
-- how the examples were chosen (mode, embedder, seed, pool size).
alter table icl_requests add column summary text;
alter table icl_requests add column summary_source text;
alter table icl_requests add column selection text;
