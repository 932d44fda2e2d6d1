-- scorer-service schema v3: LLM judges. A run's judge spec (from `runs`), the prompt texts the judge needs (from
-- `generation-requests`), every judge request sent to the generator (`completion-requests`) and every verdict received
-- (`completions`) or replayed from a released file. Scores derived from the verdicts go to score_values like any other
-- value. Every write is an upsert or an insert-if-absent on a natural key, so redelivered records change nothing.

-- One row per run whose spec has a judge. status: 'live' (requests go to the generator), 'replayed' (verdicts read
-- from the spec's sources), 'refused' (the judge spec could not be followed; error says why).
create table judge_runs (
    run_id      text        not null primary key,
    reference   text,
    spec        jsonb       not null,
    prompt_ids  jsonb       not null,
    status      text        not null check (status in ('live', 'replayed', 'refused')),
    error       text,
    received_at timestamptz not null
);

-- The chat messages of each prompt of a run, as the generator was asked them (the judge shows the question).
create table run_prompts (
    run_id      text        not null,
    prompt_id   text        not null,
    messages    jsonb       not null,
    received_at timestamptz not null,
    primary key (run_id, prompt_id)
);

-- One row per judge request (attempt 1, and attempt 2 = the repair of an invalid answer). sent_at is set once the
-- request was handed to the broker; a request without it is sent again the next time its prompt is planned.
create table judge_requests (
    request_id     text        not null primary key,
    run_id         text        not null,
    prompt_id      text        not null,
    variant        text        not null,
    sample_index   integer     not null,
    judgement      text        not null,
    reference      text,
    prompt_version text        not null,
    attempt        integer     not null,
    messages       jsonb       not null,
    requested_at   timestamptz not null,
    sent_at        timestamptz
);

create index judge_requests_by_run on judge_requests (run_id, prompt_id);

-- One row per verdict attempt. status: 'parsed' (a valid verdict: final), 'invalid' (attempt 1's answer failed strict
-- parsing and a repair was requested: not final), 'failed' (final, no verdict: the model call failed, the repaired
-- answer was still invalid, or a released line does not parse). reference is the reference variant of a pairwise
-- judgement ('' otherwise, so that it can be part of the key).
create table judge_verdicts (
    run_id         text        not null,
    prompt_id      text        not null,
    variant        text        not null,
    sample_index   integer     not null,
    judgement      text        not null,
    reference      text        not null,
    prompt_version text        not null,
    attempt        integer     not null,
    status         text        not null check (status in ('parsed', 'invalid', 'failed')),
    source         text        not null check (source in ('model', 'replay')),
    request_id     text,
    model          text,
    raw_text       text,
    verdict        jsonb,
    error          text,
    judged_at      timestamptz not null,
    primary key (run_id, prompt_id, variant, sample_index, judgement, reference, prompt_version, attempt)
);
