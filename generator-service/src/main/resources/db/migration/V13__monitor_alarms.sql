-- generator-service schema v12: the open alarms of each monitor, as the scorer publishes them on `alarms` (issue 15),
-- for GET /monitors/{id}. An "open" record inserts a row, a "cleared" one deletes it; both are idempotent.
create table monitor_open_alarms (
    monitor_id      text             not null,
    variant         text             not null,
    metric          text             not null,
    window_no       integer          not null,
    run_id          text,
    baseline_run_id text,
    difference      double precision not null,
    q               double precision not null,
    raised_at       timestamptz,
    primary key (monitor_id, variant, metric, window_no)
);
