package dev.overton.icl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

import dev.overton.icl.deletion.persistence.DeletionStore;

/**
 * Plain JDBC on icl-service's tables for the {@code @QuarkusTest}s: statements with string parameters, counts of what
 * the service stored, and the clean-up after a test.
 */
public final class IclTables {

    private final AgroalDataSource dataSource;

    public IclTables(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs an update with string parameters. */
    public void execute(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setString(i + 1, parameters[i]);
            }
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of {@code icl.<table>} of run {@code runId}. */
    public long count(String table, String runId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("select count(*) from icl." + table + " where run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
