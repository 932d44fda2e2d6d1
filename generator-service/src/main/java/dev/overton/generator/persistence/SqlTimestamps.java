package dev.overton.generator.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads a {@code timestamptz} column of a native query's {@code Object[]} row as an {@link Instant}. What type the
 * value arrives as depends on the driver and the Hibernate version, so every form seen is accepted here, in one place.
 */
public final class SqlTimestamps {

    private SqlTimestamps() {}

    /** {@code value} as an instant, or {@code null} for SQL null. */
    public static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
