package dev.overton.support.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jakarta.persistence.Tuple;

/**
 * One row of a Hibernate Reactive native query ({@code createNativeQuery(sql, Tuple.class)}), read by column name.
 *
 * <p>The getters mirror the reactive client's {@code io.vertx.sqlclient.Row}, so the stores on Hibernate sessions and
 * the ones on the client itself read rows the same way: by the column's label (give every computed column an alias),
 * never by position. What Java type a column arrives as depends on the driver and the Hibernate version (an
 * {@code int} may come as {@code Integer} or {@code Long}, a {@code timestamptz} as {@code OffsetDateTime}, {@code
 * Instant} or {@code Timestamp}), so numbers are accepted as any {@link Number} and timestamps in every form seen, here
 * in one place. A column the query does not return is an {@link IllegalArgumentException}.
 */
public final class NamedRow {

    private final Tuple tuple;

    private NamedRow(Tuple tuple) {
        this.tuple = tuple;
    }

    /** {@code tuple} read by name. */
    public static NamedRow of(Tuple tuple) {
        return new NamedRow(tuple);
    }

    /** Every row of a result, read by name. */
    public static List<NamedRow> all(List<Tuple> tuples) {
        return tuples.stream().map(NamedRow::of).toList();
    }

    /**
     * Every row of a result, in order, as {@code mapper} reads it by name: what {@link Rows#list} is to the reactive
     * client's rows, so that a store does not write the loop (a list, a {@code for} over the rows, an {@code add}).
     */
    public static <T> List<T> list(List<Tuple> tuples, Function<NamedRow, T> mapper) {
        List<T> out = new ArrayList<>(tuples.size());
        for (Tuple tuple : tuples) {
            out.add(mapper.apply(of(tuple)));
        }
        return out;
    }

    /** The text of {@code column}, or {@code null}. */
    public String getString(String column) {
        return tuple.get(column, String.class);
    }

    /** The whole number of {@code column}, or {@code null}. */
    public Integer getInteger(String column) {
        Number value = number(column);
        return value == null ? null : value.intValue();
    }

    /** The whole number of {@code column}, or {@code null}. */
    public Long getLong(String column) {
        Number value = number(column);
        return value == null ? null : value.longValue();
    }

    /** The number of {@code column}, or {@code null}. */
    public Double getDouble(String column) {
        Number value = number(column);
        return value == null ? null : value.doubleValue();
    }

    /** The boolean of {@code column}, or {@code null}. */
    public Boolean getBoolean(String column) {
        return tuple.get(column, Boolean.class);
    }

    /** The {@code timestamptz} of {@code column} as an instant, or {@code null}. */
    public Instant getInstant(String column) {
        Object value = tuple.get(column);
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

    private Number number(String column) {
        return tuple.get(column, Number.class);
    }
}
