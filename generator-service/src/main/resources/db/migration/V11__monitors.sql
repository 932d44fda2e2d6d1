-- generator-service schema v11: monitors (issue 15). A monitor is a run spec plus a window, a baseline, alarms,
-- retention and a source; each of its windows is an ordinary run. Scheduling is exactly-once across generator
-- instances: a window is claimed by moving monitors.next_due forward in the transaction that inserts the window row,
-- under a row lock taken with FOR UPDATE SKIP LOCKED, and (monitor_id, window_no) is unique.
create table monitors (
    id            varchar(64) primary key,
    name          text        not null,
    spec          text        not null,   -- the run spec template as JSON (dataset null for a stream source)
    monitor       text        not null,   -- the monitor's own settings (MonitorSpec) as JSON
    prompts       text,                   -- the dataset's prompts as JSON, read once at creation; null for a stream
    state         text        not null check (state in ('active', 'paused', 'deleted')),
    every_ms      bigint,                 -- null: windows run only when triggered
    next_due      timestamptz,            -- the next scheduled window; null without a schedule
    last_window   integer     not null default 0,
    prompt_seq    bigint      not null default 0, -- stream: the last prompt taken by a window
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    published_at  timestamptz             -- null until Kafka acknowledged the current monitors record (or tombstone)
);

-- A name is taken while its monitor lives; a deleted monitor's name may be used again.
create unique index monitors_live_name on monitors (name) where state <> 'deleted';
create index monitors_due on monitors (next_due) where state = 'active';
create index monitors_unpublished on monitors (updated_at) where published_at is null;

create table monitor_windows (
    monitor_id     varchar(64) not null references monitors (id) on delete cascade,
    window_no      integer     not null,
    run_id         varchar(64) unique,     -- null for a stream window that found no new prompt (no run)
    trigger        text        not null check (trigger in ('schedule', 'catch-up', 'manual')),
    due_at         timestamptz,            -- the scheduled time it stands for; null when triggered
    label          text,
    prompt_from    bigint,                 -- stream: prompts with prompt_from < seq <= prompt_to
    prompt_to      bigint,
    opened_at      timestamptz not null,
    run_created_at timestamptz,            -- null until its run is stored (a crash in between is redone)
    primary key (monitor_id, window_no)
);

create index monitor_windows_pending on monitor_windows (opened_at) where run_created_at is null;

create table monitor_prompts (
    monitor_id  varchar(64) not null references monitors (id) on delete cascade,
    seq         bigserial,
    messages    text        not null,      -- JSON list of {role, content}
    received_at timestamptz not null,
    primary key (monitor_id, seq)
);

alter table runs add column monitor_id varchar(64);
alter table runs add column monitor_window integer;

create index runs_by_monitor on runs (monitor_id, created_at desc) where monitor_id is not null;
