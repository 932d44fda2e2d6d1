-- scorer-service schema v1: the sample sets received and every value computed from them.
create table sample_sets (
    run_id       text        not null,
    prompt_id    text        not null,
    variant      text        not null,
    reference    boolean     not null,
    status       text        not null check (status in ('generated', 'failed')),
    error        text,
    sample_count integer     not null,
    received_at  timestamptz not null,
    primary key (run_id, prompt_id, variant)
);

create table samples (
    run_id       text    not null,
    prompt_id    text    not null,
    variant      text    not null,
    sample_index integer not null,
    text         text    not null,
    primary key (run_id, prompt_id, variant, sample_index),
    foreign key (run_id, prompt_id, variant) references sample_sets (run_id, prompt_id, variant) on delete cascade
);

-- One row per value. sample is null for a whole-set value, reference is null for a within-set value; the *_key
-- columns stand in for them in the primary key (-1 and '') so that an upsert finds the row.
create table score_values (
    run_id        text             not null,
    prompt_id     text             not null,
    variant       text             not null,
    metric        text             not null,
    sample_key    integer          not null,
    reference_key text             not null,
    sample        integer,
    reference     text,
    value         double precision,
    reason        text,
    settings      text             not null,
    computed_at   timestamptz      not null,
    primary key (run_id, prompt_id, variant, metric, sample_key, reference_key)
);

create index score_values_by_run on score_values (run_id, variant, metric);
