package dev.overton.scorer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.agroal.api.AgroalDataSource;

import dev.overton.support.persistence.JdbcStatements;

/**
 * Plain JDBC on the scorer's tables for the {@code @QuarkusTest}s: rows written straight in for tests that need stored
 * scores without the pipeline, counts of what the service stored, and the clean-up after a test.
 */
public final class ScorerTables extends JdbcStatements {

    /** Every scorer table that holds rows of a run: written out here, so that a table dropped from the deletion fails. */
    public static final List<String> RUN_TABLES = List.of(
            "samples",
            "sample_sets",
            "score_values",
            "recovery_reports",
            "judge_verdicts",
            "judge_requests",
            "run_prompts",
            "judge_runs",
            "token_shift_answers",
            "token_shift_requests",
            "rendered_prompts",
            "token_shift_runs",
            "catalog_runs");

    /** What a test cleans up by run: the run tables, the deletion tombstones and the monitors' window scores of a run. */
    public static final List<String> CLEANED_TABLES = Stream.concat(
                    Stream.of("monitor_window_scores"), Stream.concat(RUN_TABLES.stream(), Stream.of("deleted_runs")))
            .toList();

    public ScorerTables(AgroalDataSource dataSource) {
        super(dataSource);
    }

    /** The rows of {@code scorer.<table>} of run {@code runId}. */
    public long count(String table, String runId) {
        return countRows("scorer." + table, runId);
    }

    /**
     * Deletes the rows of every run whose id starts with {@code prefix} (no LIKE wildcards in it) from the {@link
     * #CLEANED_TABLES}, children first.
     */
    public void deleteRunsStartingWith(String prefix) {
        for (String table : CLEANED_TABLES) {
            update("delete from scorer." + table + " where run_id like ?", st -> st.setString(1, prefix + "%"));
        }
    }

    /** A generated set of two samples; {@code reference} says whether its variant is the run's reference. */
    public void insertSet(String run, String prompt, String variant, boolean reference) {
        update(
                "insert into scorer.sample_sets (run_id, prompt_id, variant, reference, status, error, sample_count,"
                        + " received_at) values (?, ?, ?, ?, 'generated', null, 2, ?)",
                st -> {
                    st.setString(1, run);
                    st.setString(2, prompt);
                    st.setString(3, variant);
                    st.setBoolean(4, reference);
                    st.setTimestamp(5, Timestamp.from(Instant.now()));
                });
    }

    /**
     * A stored value: a set-level one when {@code sample} and {@code reference} are {@code null}, else the value of
     * that sample against that reference.
     */
    public void insertValue(
            String run, String prompt, String variant, String metric, Integer sample, String reference, double value) {
        update(
                "insert into scorer.score_values (run_id, prompt_id, variant, metric, sample_key, reference_key, sample,"
                        + " reference, value, reason, settings, computed_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, 'test', ?)",
                st -> {
                    st.setString(1, run);
                    st.setString(2, prompt);
                    st.setString(3, variant);
                    st.setString(4, metric);
                    st.setInt(5, sample == null ? -1 : sample);
                    st.setString(6, reference == null ? "" : reference);
                    st.setObject(7, sample);
                    st.setString(8, reference);
                    st.setDouble(9, value);
                    st.setTimestamp(10, Timestamp.from(Instant.now()));
                });
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, Parameters parameters) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            parameters.set(st);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
