-- icl-service schema v10: run deletions. The tombstone of every deleted run, and a BEFORE INSERT trigger on every table
-- that holds rows of a run, which drops a row of a tombstoned run: a late run record, sample set, prompt, score or
-- completion of a deleted run is not resurrected, whichever consumer or sweep writes it.
create table deleted_runs (
    run_id     text        primary key,
    deleted_at timestamptz not null
);

-- The schema is the trigger's table's own (TG_TABLE_SCHEMA), so that it works whatever the session's search_path.
create function drop_rows_of_deleted_runs() returns trigger language plpgsql as $$
declare
    tombstoned boolean;
begin
    execute format('select exists (select 1 from %I.deleted_runs where run_id = $1)', tg_table_schema)
        into tombstoned using new.run_id;
    if tombstoned then
        return null;
    end if;
    return new;
end
$$;

create trigger run_plans_of_deleted_runs before insert on run_plans
    for each row execute function drop_rows_of_deleted_runs();
create trigger answers_of_deleted_runs before insert on answers
    for each row execute function drop_rows_of_deleted_runs();
create trigger prompts_of_deleted_runs before insert on prompts
    for each row execute function drop_rows_of_deleted_runs();
create trigger icl_requests_of_deleted_runs before insert on icl_requests
    for each row execute function drop_rows_of_deleted_runs();
create trigger pair_values_of_deleted_runs before insert on pair_values
    for each row execute function drop_rows_of_deleted_runs();
create trigger recovery_runs_of_deleted_runs before insert on recovery_runs
    for each row execute function drop_rows_of_deleted_runs();
create trigger summaries_of_deleted_runs before insert on summaries
    for each row execute function drop_rows_of_deleted_runs();
