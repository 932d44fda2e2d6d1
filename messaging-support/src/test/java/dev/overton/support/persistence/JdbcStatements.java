package dev.overton.support.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plain JDBC for the services' {@code @QuarkusTest}s, to look at what a service stored and to clean up after a test:
 * statements and queries with string parameters, and row counts of a run. Each service's table helper extends it with
 * what only its schema knows. Shared through this module's test jar.
 */
public class JdbcStatements {

    private final DataSource dataSource;

    public JdbcStatements(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs an update with string parameters; answers the number of rows it changed. */
    public int execute(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, parameters);
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of a query with string parameters, each as a list of column values. */
    public List<List<Object>> query(String sql, String... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, parameters);
            try (ResultSet rs = st.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of {@code table} (schema-qualified) whose {@code run_id} is {@code runId}. */
    public long countRows(String table, String runId) {
        return number("select count(*) from " + table + " where run_id = ?", runId);
    }

    /** The number in the first column of the first row of a query with string parameters (a count, say). */
    public long number(String sql, String... parameters) {
        return ((Number) query(sql, parameters).get(0).get(0)).longValue();
    }

    /** The data source the statements run on, for helpers that bind other types than strings. */
    protected DataSource dataSource() {
        return dataSource;
    }

    private static void bind(PreparedStatement st, String... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            st.setString(i + 1, parameters[i]);
        }
    }
}
