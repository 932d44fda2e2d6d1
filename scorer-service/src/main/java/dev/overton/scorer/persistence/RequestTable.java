package dev.overton.scorer.persistence;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A table of requests the scorer sends to another service through the broker ({@code judge_requests}, {@code
 * token_shift_requests}): each request is recorded (keyed by {@code request_id}, stamped {@code requested_at}) before it
 * is sent and stamped {@code sent_at} once the broker took it. When a recorded request is due again and how it is
 * marked sent are one rule for every such table, so they are written once here.
 *
 * @param name the table's name (a constant of the store, never user input)
 */
public record RequestTable(String name) {

    /**
     * The end of an {@code insert into <table> (request_id, ..., requested_at) select ...} that records the requests not
     * recorded yet and answers the ids of those still to be sent: the new ones and the ones due again.
     */
    public String recordReturningDue() {
        // A request recorded but never handed to the broker (the scorer stopped in between) is due again, but only once
        // it is a minute old: two plannings of one prompt running at the same time (its run, text and sets arrive on
        // different channels) must not both send it.
        return " on conflict (request_id) do update set requested_at = now()"
                + " where " + name + ".sent_at is null"
                + " and " + name + ".requested_at < now() - interval '60 seconds'"
                + " returning request_id";
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
}
