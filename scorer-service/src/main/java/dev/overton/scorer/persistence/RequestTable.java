package dev.overton.scorer.persistence;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.overton.support.persistence.Rows;

/**
 * A table of requests the scorer sends to another service through the broker ({@code judge_requests}, {@code
 * token_shift_requests}): each request is recorded (keyed by {@code request_id}, stamped {@code requested_at}) before it
 * is sent and stamped {@code sent_at} once the broker took it. When a recorded request is due again and how it is
 * marked sent are one rule for every such table, so they are written once here; each store says only its columns.
 *
 * @param name the table's name (a constant of the store, never user input)
 */
public record RequestTable(String name) {

    /**
     * Records the {@code requests} not recorded yet in one statement and answers the ids of those still to be sent:
     * the new ones and the ones due again. {@code insert} is the statement up to its conflict clause ({@code insert into
     * <table> (request_id, ..., requested_at) select ... from unnest($1::text[], ...) as t(...)}), {@code columns} the
     * parameters of its {@code unnest}, one array per column (see {@link #strings} and {@link #integers}).
     */
    public <R> Uni<List<String>> record(Pool pool, List<R> requests, String insert, Function<List<R>, Tuple> columns) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // A request recorded but never handed to the broker (the scorer stopped in between) is due again, but only once
        // it is a minute old: two plannings of one prompt running at the same time (its run, text and sets arrive on
        // different channels) must not both send it.
        return pool.preparedQuery(insert
                        + " on conflict (request_id) do update set requested_at = now()"
                        + " where " + name + ".sent_at is null"
                        + " and " + name + ".requested_at < now() - interval '60 seconds'"
                        + " returning request_id")
                .execute(columns.apply(requests))
                .map(rows -> Rows.list(rows, r -> r.getString("request_id")));
    }

    /** Marks requests as handed to the broker. */
    public Uni<Void> markSent(Pool pool, List<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update " + name + " set sent_at = now() where request_id = any($1::text[])")
                .execute(Tuple.tuple().addArrayOfString(requestIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /** A text column of {@code requests} for an {@code unnest} parameter: {@code value} of each, in order. */
    public static <R> String[] strings(List<R> requests, Function<R, String> value) {
        return requests.stream().map(value).toArray(String[]::new);
    }

    /** An integer column of {@code requests} for an {@code unnest} parameter: {@code value} of each, in order. */
    public static <R> Integer[] integers(List<R> requests, Function<R, Integer> value) {
        return requests.stream().map(value).toArray(Integer[]::new);
    }
}
