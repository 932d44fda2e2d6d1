-- icl-service schema v1: what the service has learned about each run, and the teacher (reference) sets received.
create table run_plans (
    run_id        text        primary key,
    name          text        not null,
    reference     text        not null,
    variants      text        not null,   -- JSON list of the run's variant names
    prompt_count  integer     not null,
    plan          text        not null,   -- what the service would do for this run
    received_at   timestamptz not null
);

create table teacher_sets (
    run_id      text        not null,
    prompt_id   text        not null,
    variant     text        not null,
    sample_count integer    not null,
    received_at timestamptz not null,
    primary key (run_id, prompt_id, variant)
);
