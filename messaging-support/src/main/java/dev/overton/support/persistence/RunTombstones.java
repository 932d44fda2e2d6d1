package dev.overton.support.persistence;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes a run from a service's database and keeps its tombstone ({@code deleted_runs}), as every service that holds
 * run data does on {@code run-deletions}. The schema side is each service's migrations: the {@code deleted_runs}
 * table, the triggers that drop any later row of a deleted run, and the shared side of the per-run advisory lock that
 * every insert into a run table takes ({@code V11__deletion_lock.sql}); the lock key here must match theirs.
 */
public final class RunTombstones {

    private RunTombstones() {}

    /**
     * Takes the exclusive side of the run's lock, writes the tombstone, then deletes the run's rows of every table of
     * {@code runTables}, in one transaction (the tombstone first, so a concurrent write of the run is dropped by the
     * triggers). Deleting a deleted run changes nothing.
     */
    public static Uni<Void> deleteRun(Pool pool, String runId, List<String> runTables) {
        return pool.withTransaction(connection -> {
            Uni<?> chain = connection
                    .preparedQuery("select pg_advisory_xact_lock(hashtextextended('overton-run:' || $1, 0))")
                    .execute(Tuple.of(runId))
                    .chain(() -> connection
                            .preparedQuery("insert into deleted_runs (run_id, deleted_at) values ($1, now())"
                                    + " on conflict do nothing")
                            .execute(Tuple.of(runId)));
            for (String table : runTables) {
                chain = chain.chain(() -> connection
                        .preparedQuery("delete from " + table + " where run_id = $1")
                        .execute(Tuple.of(runId)));
            }
            return chain.replaceWithVoid();
        });
    }
}
