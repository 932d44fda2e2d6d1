package dev.overton.generator.tokenshift.persistence;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.TokenScores;
import dev.overton.contracts.json.EventJson;
import dev.overton.support.persistence.NamedRow;

/**
 * Token-scoring results in PostgreSQL (table {@code token_scores}), keyed by the request id. The result is kept as the
 * event it is published as, so a redelivered request gets exactly the first answer again. Inserts are {@code on
 * conflict do nothing}: the first stored result is the one that counts, and the model is never asked twice. {@code
 * published_at} stays null until Kafka acknowledged the result (the outbox).
 */
@ApplicationScoped
public class TokenScoreStore {

    private final Mutiny.SessionFactory sessions;

    public TokenScoreStore(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The stored result of {@code requestId}, or {@code null}. */
    public Uni<TokenScores> find(String requestId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select result from token_scores where request_id = :id", Tuple.class)
                        .setParameter("id", requestId)
                        .getResultList())
                .map(rows -> rows.isEmpty()
                        ? null
                        : EventJson.read(NamedRow.of(rows.get(0)).getString("result"), TokenScores.class));
    }

    /**
     * Stores {@code result} unless one with its request id is stored already.
     *
     * @param backend the backend that scored (or was asked to), kept for diagnosis
     * @return whether this call stored it
     */
    public Uni<Boolean> insertIfAbsent(TokenScores result, String backend) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "insert into token_scores (request_id, run_id, backend, status, result, completed_at)"
                                        + " values (:id, :run, :backend, :status, :result, :at) on conflict do nothing")
                        .setParameter("id", result.requestId())
                        .setParameter("run", result.runId())
                        .setParameter("backend", backend == null ? "" : backend)
                        .setParameter("status", result.status())
                        .setParameter("result", EventJson.write(result))
                        .setParameter("at", result.completedAt())
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** Request ids of results stored before {@code before} that Kafka never acknowledged (at most 50). */
    public Uni<List<String>> unpublished(Instant before) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select request_id from token_scores where published_at is null and completed_at < :before"
                                + " order by completed_at",
                        String.class)
                .setParameter("before", before)
                .setMaxResults(50)
                .getResultList());
    }

    /** Records that Kafka acknowledged the result of {@code requestId} (idempotent). */
    public Uni<Void> markPublished(String requestId, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery(
                                "update token_scores set published_at = :at where request_id = :id"
                                        + " and published_at is null")
                        .setParameter("at", at)
                        .setParameter("id", requestId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
