package dev.overton.icl;

import io.agroal.api.AgroalDataSource;

import dev.overton.icl.deletion.persistence.DeletionStore;
import dev.overton.support.persistence.JdbcStatements;

/**
 * Plain JDBC on icl-service's tables for the {@code @QuarkusTest}s: statements with string parameters, counts of what
 * the service stored, and the clean-up after a test.
 */
public final class IclTables extends JdbcStatements {

    public IclTables(AgroalDataSource dataSource) {
        super(dataSource);
    }

    /** The rows of {@code icl.<table>} of run {@code runId}. */
    public long count(String table, String runId) {
        return countRows("icl." + table, runId);
    }

    /** Removes every row of the runs, their tombstones included, from every table that holds run rows. */
    public void deleteRuns(String... runIds) {
        for (String runId : runIds) {
            for (String table : DeletionStore.RUN_TABLES) {
                execute("delete from icl." + table + " where run_id = ?", runId);
            }
            execute("delete from icl.deleted_runs where run_id = ?", runId);
        }
    }
}
