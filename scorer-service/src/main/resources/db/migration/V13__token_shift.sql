-- scorer-service schema v13: the token-shift measure (RunSpec.tokenShift). The runs that asked for it (from `runs`),
-- the in-context prompts icl-service rendered (from `generation-requests`: the icl contexts' text), every scoring
-- request sent to the generator (`token-score-requests`) and every scored answer received (`token-scores`), with its
-- tokens. The per-answer values go to score_values like any other value. Every write is an upsert or an
-- insert-if-absent on a natural key, so redelivered records change nothing. (V12 is left to the monitors' migration.)

create table token_shift_runs (
    run_id      text        not null primary key,
    spec        jsonb       not null,   -- TokenShiftSpec, defaults applied
    base        jsonb       not null,   -- the base variant's VariantSpec: the model that scores
    received_at timestamptz not null
);

-- The rendered prompt of each in-context (icl) variant and prompt, exactly as icl-service asked the base model.
create table rendered_prompts (
    run_id      text        not null,
    prompt_id   text        not null,
    variant     text        not null,
    rendered    text        not null,
    received_at timestamptz not null,
    primary key (run_id, prompt_id, variant)
);

-- One row per scoring (prompt × reference sample × context). sent_at is set once the request was handed to the
-- broker; a request without it is sent again the next time its prompt is planned.
create table token_shift_requests (
    request_id   text        not null primary key,
    run_id       text        not null,
    prompt_id    text        not null,
    sample_index integer     not null,
    context      text        not null,
    requested_at timestamptz not null,
    sent_at      timestamptz
);

create index token_shift_requests_by_run on token_shift_requests (run_id, prompt_id);

-- One row per scored answer and context. status 'scored': tokens holds [{text, logprob, rank}, ...] in answer order;
-- 'failed': error says why (the server ignored echo, no rendered in-context prompt, the call failed, ...).
create table token_shift_answers (
    run_id       text        not null,
    prompt_id    text        not null,
    reference    text        not null,
    sample_index integer     not null,
    context      text        not null,
    status       text        not null check (status in ('scored', 'failed')),
    error        text,
    method       text,
    top_k        integer     not null,
    tokens       jsonb       not null,
    received_at  timestamptz not null,
    primary key (run_id, prompt_id, reference, sample_index, context)
);

create trigger token_shift_runs_of_deleted_runs before insert on token_shift_runs
    for each row execute function drop_rows_of_deleted_runs();
create trigger rendered_prompts_of_deleted_runs before insert on rendered_prompts
    for each row execute function drop_rows_of_deleted_runs();
create trigger token_shift_requests_of_deleted_runs before insert on token_shift_requests
    for each row execute function drop_rows_of_deleted_runs();
create trigger token_shift_answers_of_deleted_runs before insert on token_shift_answers
    for each row execute function drop_rows_of_deleted_runs();
