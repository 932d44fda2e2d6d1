-- generator-service schema v1: accepted runs, their prompts and variants, and the sample sets drawn for them.
create table runs (
    id            varchar(64) primary key,
    name          text        not null,
    reference     text        not null,
    spec          text        not null,   -- the accepted spec as JSON
    prompt_count  integer     not null,
    created_at    timestamptz not null,
    published_at  timestamptz            -- null until runs + generation-requests were acknowledged by Kafka
);

create table run_prompts (
    run_id       varchar(64) not null references runs (id) on delete cascade,
    prompt_id    text        not null,
    prompt_index integer     not null,
    messages     text        not null,   -- JSON list of {role, content}
    primary key (run_id, prompt_id)
);

create table run_variants (
    run_id     varchar(64) not null references runs (id) on delete cascade,
    variant    text        not null,
    position   integer     not null,
    reference  boolean     not null,
    spec       text        not null,     -- the variant spec as JSON
    primary key (run_id, variant)
);

create table sample_sets (
    run_id        varchar(64) not null references runs (id) on delete cascade,
    prompt_id     text        not null,
    variant       text        not null,
    status        text        not null check (status in ('generated', 'failed')),
    error         text,
    generated_at  timestamptz not null,
    scored_at     timestamptz,
    primary key (run_id, prompt_id, variant)
);

create table samples (
    run_id        varchar(64) not null,
    prompt_id     text        not null,
    variant       text        not null,
    sample_index  integer     not null,
    text          text        not null,
    finish_reason text,
    primary key (run_id, prompt_id, variant, sample_index),
    foreign key (run_id, prompt_id, variant) references sample_sets (run_id, prompt_id, variant) on delete cascade
);

create index runs_unpublished on runs (created_at) where published_at is null;
