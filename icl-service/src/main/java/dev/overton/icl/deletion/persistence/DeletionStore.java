package dev.overton.icl.deletion.persistence;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import dev.overton.support.persistence.RunTombstones;

/**
 * Deletes everything icl-service holds for a run and keeps its tombstone ({@code deleted_runs}), whose triggers drop
 * any later row of the run.
 */
@ApplicationScoped
public class DeletionStore {

    /** Every icl table that holds rows of a run. */
    public static final List<String> RUN_TABLES =
            List.of("icl_requests", "summaries", "pair_values", "recovery_runs", "answers", "prompts", "run_plans");

    private final Pool pool;

    public DeletionStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes the tombstone, then deletes the run's rows of every table, in one transaction (the tombstone first, so a
     * concurrent write of the run is dropped by the triggers). Deleting a deleted run changes nothing.
     */
    public Uni<Void> deleteRun(String runId) {
        return RunTombstones.deleteRun(pool, runId, RUN_TABLES);
    }
}
