package dev.overton.support.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads the rows a reactive-client query answered into values, one mapper per row: every row into a list, or the first
 * row into one value. The stores map rows this way wherever a query answers a list or at most one row; written once
 * here instead of the same loop (a list, a {@code for} over the rows, an {@code add}) in each method.
 */
public final class Rows {

    private Rows() {}

    /** Every row of {@code rows}, in order, as {@code mapper} reads it. */
    public static <T> List<T> list(Iterable<Row> rows, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>();
        for (Row row : rows) {
            out.add(mapper.apply(row));
        }
        return out;
    }

    /** The first row of {@code rows} as {@code mapper} reads it, or {@code none} when there is no row. */
    public static <T> T first(Iterable<Row> rows, Function<Row, T> mapper, T none) {
        for (Row row : rows) {
            return mapper.apply(row);
        }
        return none;
    }
}
