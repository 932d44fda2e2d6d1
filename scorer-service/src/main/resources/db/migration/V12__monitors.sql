-- scorer-service schema v12: monitor history and alarms (issue 15). A monitor's windows are ordinary runs; the catalog
-- row says which monitor and window a run is. A window is evaluated once, when every one of its sets is scored: the
-- primary key of monitor_windows makes the evaluation happen once whatever the redeliveries and scorer instances.

alter table catalog_runs add column monitor_id text;
alter table catalog_runs add column monitor_window integer;
create index catalog_runs_monitor on catalog_runs (monitor_id, monitor_window) where monitor_id is not null;

-- When every value of the set (its pair values included) was stored: a window is wholly scored once all its sets are.
alter table sample_sets add column scored_at timestamptz;

-- The monitors' current definitions, from the compacted topic `monitors` (a tombstone deletes the row).
create table monitors (
    monitor_id text        primary key,
    name       text        not null,
    definition jsonb       not null,   -- the MonitorDefined record as received
    updated_at timestamptz not null
);

-- One row per evaluated window: written in the transaction that stores its scores and its alarm changes.
create table monitor_windows (
    monitor_id      text        not null,
    window_no       integer     not null,
    run_id          text        not null,
    baseline_run_id text,                  -- null: no comparison (the baseline itself, or no baseline yet)
    evaluated_at    timestamptz not null,
    primary key (monitor_id, window_no)
);

-- Each evaluated window's mean and interval per variant and metric: the history, the trend page and the gauges.
create table monitor_window_scores (
    run_id     text             not null,
    monitor_id text             not null,
    window_no  integer          not null,
    variant    text             not null,
    metric     text             not null,
    mean       double precision not null,
    low        double precision,
    high       double precision,
    n          integer          not null,
    primary key (run_id, variant, metric)
);

create index monitor_window_scores_window on monitor_window_scores (monitor_id, window_no);

create trigger monitor_window_scores_of_deleted_runs before insert on monitor_window_scores
    for each row execute function drop_rows_of_deleted_runs();

-- Alarms, open (cleared_at null) and cleared; at most one open alarm per (monitor, variant, metric).
create table monitor_alarms (
    monitor_id      text             not null,
    variant         text             not null,
    metric          text             not null,
    window_no       integer          not null,
    run_id          text             not null,
    baseline_run_id text             not null,
    difference      double precision not null,
    q               double precision not null,
    raised_at       timestamptz      not null,
    cleared_window  integer,
    cleared_at      timestamptz,
    primary key (monitor_id, variant, metric, window_no)
);

create unique index monitor_alarms_one_open on monitor_alarms (monitor_id, variant, metric) where cleared_at is null;

-- The outbox of topic `alarms`: written with the alarm change, published after the commit, marked when Kafka acked.
create table alarm_events (
    id           bigserial   primary key,
    monitor_id   text        not null,
    payload      text        not null,   -- the AlarmChanged record
    created_at   timestamptz not null,
    published_at timestamptz
);

create index alarm_events_unpublished on alarm_events (id) where published_at is null;
