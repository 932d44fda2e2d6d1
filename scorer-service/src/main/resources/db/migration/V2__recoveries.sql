-- scorer-service schema v2: the latest recovery verdict per run, as icl-service published it on `recoveries`
-- (RecoveryReport), shown on the run's report page. One row per run; a report replaces the stored one only when it is
-- at least as recent (computed_at), so a redelivered or late older report never overwrites a newer verdict.
create table recovery_reports (
    run_id      text        not null primary key,
    reference   text,
    computed_at timestamptz not null,
    report      jsonb       not null,
    received_at timestamptz not null
);
