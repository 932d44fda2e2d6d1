-- scorer-service schema v10: runs as a catalog. The runs this scorer learnt from `runs` (for the runs page at /), and
-- the tombstone of every deleted run. A BEFORE INSERT trigger on every table that holds rows of a run drops a row of a
-- tombstoned run, so that a late sample set, judge request, verdict or recovery report of a deleted run is not
-- resurrected, whichever consumer writes it.
create table catalog_runs (
    run_id       text        primary key,
    name         text        not null,
    label        text,
    reference    text,
    prompt_count integer     not null,
    variants     jsonb       not null,   -- names of the run's variants, in-context ones included, in spec order
    created_at   timestamptz not null,
    received_at  timestamptz not null
);

create index catalog_runs_newest_first on catalog_runs (created_at desc, run_id desc);

create table deleted_runs (
    run_id     text        primary key,
    deleted_at timestamptz not null
);

-- The function keeps the migration's search_path (this schema), so that it finds deleted_runs whatever the session's
-- search_path, with a static query whose plan is cached (it runs once per inserted row).
create function drop_rows_of_deleted_runs() returns trigger language plpgsql set search_path from current as $$
begin
    if exists (select 1 from deleted_runs d where d.run_id = new.run_id) then
        return null;
    end if;
    return new;
end
$$;

create trigger sample_sets_of_deleted_runs before insert on sample_sets
    for each row execute function drop_rows_of_deleted_runs();
create trigger samples_of_deleted_runs before insert on samples
    for each row execute function drop_rows_of_deleted_runs();
create trigger score_values_of_deleted_runs before insert on score_values
    for each row execute function drop_rows_of_deleted_runs();
create trigger recovery_reports_of_deleted_runs before insert on recovery_reports
    for each row execute function drop_rows_of_deleted_runs();
create trigger judge_runs_of_deleted_runs before insert on judge_runs
    for each row execute function drop_rows_of_deleted_runs();
create trigger run_prompts_of_deleted_runs before insert on run_prompts
    for each row execute function drop_rows_of_deleted_runs();
create trigger judge_requests_of_deleted_runs before insert on judge_requests
    for each row execute function drop_rows_of_deleted_runs();
create trigger judge_verdicts_of_deleted_runs before insert on judge_verdicts
    for each row execute function drop_rows_of_deleted_runs();
create trigger catalog_runs_of_deleted_runs before insert on catalog_runs
    for each row execute function drop_rows_of_deleted_runs();
