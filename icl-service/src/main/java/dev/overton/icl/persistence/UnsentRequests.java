package dev.overton.icl.persistence;

import java.time.Instant;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Event;
import dev.overton.contracts.json.EventJson;

/**
 * The one query of "claimed but never sent" over the two tables whose row is the claim to send a request ({@code
 * icl_requests}: in-context generation requests; {@code summaries}: summary requests). Both keep the request's JSON in
 * {@code request}, status {@code built} until the broker has acknowledged it, and {@code built_at}; a row left
 * {@code built} (its sender died, or the broker was away) is sent again by its sender's sweep.
 */
public final class UnsentRequests {

    private UnsentRequests() {}

    /** The requests of {@code table} built before {@code before} and not yet marked sent, oldest first. */
    public static <T extends Event> Uni<List<T>> of(
            Mutiny.SessionFactory sessions, String table, Class<T> type, Instant before, int limit) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select request from " + table + " where status = 'built' and built_at < :before"
                                        + " order by built_at limit :limit",
                                String.class)
                        .setParameter("before", before)
                        .setParameter("limit", limit)
                        .getResultList())
                .map(rows ->
                        rows.stream().map(json -> EventJson.read(json, type)).toList());
    }
}
