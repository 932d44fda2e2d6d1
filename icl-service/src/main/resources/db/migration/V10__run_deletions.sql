-- icl-service schema v10: run deletions. The tombstone of every deleted run, and a BEFORE INSERT trigger on every table
-- that holds rows of a run, which drops a row of a tombstoned run: a late run record, sample set, prompt, score or
-- completion of a deleted run is not resurrected, whichever consumer or sweep writes it.
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
