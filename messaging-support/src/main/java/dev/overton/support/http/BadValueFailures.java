package dev.overton.support.http;

import java.lang.reflect.Method;
import java.sql.SQLException;

/**
 * Recognises a database refusing a value the request carried (SQLSTATE class 22, "data exception": a NUL in text
 * {@code 22021}/{@code 22P05}, a number out of range, an invalid date...). Such a failure is the client's, so the REST
 * edge answers it with a 400 problem rather than a 500, whichever check upstream let the value through.
 *
 * <p>The reactive PostgreSQL client's {@code PgException} is recognised by its {@code getSqlState()} method, read
 * reflectively so that this plain-Java library does not depend on the client.
 */
public final class BadValueFailures {

    private BadValueFailures() {}

    /** Whether {@code failure} or one of its causes is a database data exception (SQLSTATE 22xxx). */
    public static boolean isBadValue(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = sqlState(t);
            if (state != null && state.startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        try {
            Method getter = t.getClass().getMethod("getSqlState");
            Object state = getter.invoke(t);
            return state instanceof String s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
