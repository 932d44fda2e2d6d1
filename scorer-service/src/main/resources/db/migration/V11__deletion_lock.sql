-- A row inserted while its run is being deleted must not outlive the deletion. With the tombstone check alone, an
-- insert whose transaction began before the deletion committed does not see the tombstone, and its row survived
-- (seen in RunDeletionIT: a late prompt row). Now every insert into a run table takes a shared transaction-level
-- advisory lock on its run, and the deletion takes the exclusive one before it writes the tombstone: the deletion
-- waits for inserts in flight (and then deletes their rows), and an insert after it waits, then sees the tombstone
-- (each statement of this volatile function reads a fresh snapshot under READ COMMITTED).
create or replace function drop_rows_of_deleted_runs() returns trigger language plpgsql set search_path from current as $$
begin
    perform pg_advisory_xact_lock_shared(hashtextextended('overton-run:' || new.run_id, 0));
    if exists (select 1 from deleted_runs d where d.run_id = new.run_id) then
        return null;
    end if;
    return new;
end
$$;
