package dev.overton.support.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;

/**
 * Reads a reactive query's rows into a list, each by the store's own row reader: what every store's {@code .map(rows ->
 * ...)} otherwise wrote as the same loop.
 */
public final class Rows {

    private Rows() {}

    /** Each of {@code rows} read by {@code read}, in the query's order. */
    public static <T> List<T> list(Iterable<Row> rows, Function<Row, T> read) {
        List<T> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(read.apply(row));
        }
        return list;
    }
}
