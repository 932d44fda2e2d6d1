-- icl-service schema v2: what in-context prompts are built from, the requests sent, and the recovery verdict's inputs.

-- The run spec itself, so that prompts can be built after a restart.
alter table run_plans add column spec text;            -- RunSpec as JSON
alter table run_plans add column prompt_ids text;      -- JSON list, in dataset order
alter table run_plans add column icl_problems text;    -- JSON list of invalid icl entries' problems

-- Sample 0 of every generated (or failed) set: the reference's answers are the teacher pool and the material of
-- summaries; a summaries_from variant's answers are the summaries.
alter table teacher_sets rename to answers;
alter table answers add column reference boolean not null default true;
alter table answers add column status text not null default 'generated';
alter table answers add column error text;
alter table answers add column answer text;

-- The prompts of each run, learnt from the generation requests the generator publishes.
create table prompts (
    run_id       text        not null,
    prompt_id    text        not null,
    prompt_index integer     not null,
    messages     text        not null,   -- JSON list of {role, content}
    received_at  timestamptz not null,
    primary key (run_id, prompt_id)
);

-- One row per (prompt, in-context variant): inserted once when built ('built' or 'failed'), marked 'sent' once the
-- broker acknowledged it. The insert is the claim: only the instance whose insert went through sends.
create table icl_requests (
    run_id        text        not null,
    prompt_id     text        not null,
    variant       text        not null,
    status        text        not null check (status in ('built', 'sent', 'failed')),
    request       text,                  -- GenerationRequest JSON (with renderedPrompt); null when failed
    error         text,
    examples      text        not null,  -- JSON list of example sources in the prompt
    dropped       text        not null,  -- JSON list of example sources dropped to fit the budget
    prompt_tokens integer     not null,
    built_at      timestamptz not null,
    sent_at       timestamptz,
    primary key (run_id, prompt_id, variant)
);

create index icl_requests_unsent on icl_requests (status, built_at) where status = 'built';

-- Between-variant values from the scorer's events: sample `sample` of `variant` against `reference`'s sample 0.
create table pair_values (
    run_id      text             not null,
    prompt_id   text             not null,
    variant     text             not null,
    reference   text             not null,
    metric      text             not null,
    sample      integer          not null,
    value       double precision,
    received_at timestamptz      not null,
    primary key (run_id, prompt_id, variant, reference, metric, sample)
);

create index pair_values_by_run on pair_values (run_id);

-- When a run's pair values last changed and when its RecoveryReport was last published (debouncing).
create table recovery_runs (
    run_id       text        primary key,
    changed_at   timestamptz not null,
    published_at timestamptz
);
