package dev.overton.support.messaging;

import java.sql.SQLException;

import org.hibernate.JDBCException;
import org.hibernate.exception.ConstraintViolationException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells failures worth retrying (the database or broker is briefly away) from those that will fail again however
 * often they are retried (a bad record, a violated constraint, text PostgreSQL cannot store); the latter go straight to
 * the dead-letter topic instead of holding up the partition.
 *
 * <p>A database error is judged by its SQLSTATE, whichever client raised it (the reactive client's {@link
 * DatabaseException}, e.g. {@code io.vertx.pgclient.PgException}; a JDBC {@link SQLException}; Hibernate's {@link
 * JDBCException}): transient are connection exceptions (class {@code 08}), serialization failures ({@code 40001}),
 * deadlocks ({@code 40P01}), insufficient resources (class {@code 53}) and an operator intervention that ends with the
 * server back ({@code 57P01} admin shutdown, {@code 57P02} crash shutdown, {@code 57P03} cannot connect now); every
 * other SQLSTATE (data exceptions such as {@code 22P05}/{@code 22021}, integrity violations, syntax) is permanent. A
 * connection the server closed ({@link ClosedConnectionException}) is transient. Failures that carry no SQLSTATE and
 * are not known to be permanent (timeouts, a broker away) stay transient, as before.
 */
public final class TransientFailures {

    private TransientFailures() {}

    /** Whether {@code failure} may go away on retry. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof ConstraintViolationException) {
                return false;
            }
            if (t instanceof ClosedConnectionException) {
                return true;
            }
            String sqlState = sqlState(t);
            if (sqlState != null) {
                return isTransientSqlState(sqlState);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return true;
    }

    /** Whether a database error with {@code sqlState} may go away on retry (see the class comment). */
    public static boolean isTransientSqlState(String sqlState) {
        return sqlState.startsWith("08")
                || sqlState.equals("40001")
                || sqlState.equals("40P01")
                || sqlState.startsWith("53")
                || sqlState.equals("57P01")
                || sqlState.equals("57P02")
                || sqlState.equals("57P03");
    }

    private static String sqlState(Throwable t) {
        if (t instanceof DatabaseException e) {
            return e.getSqlState();
        }
        if (t instanceof SQLException e) {
            return e.getSQLState();
        }
        if (t instanceof JDBCException e) {
            return e.getSQLState();
        }
        return null;
    }
}
