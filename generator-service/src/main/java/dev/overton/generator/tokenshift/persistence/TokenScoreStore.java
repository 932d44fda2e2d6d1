package dev.overton.generator.tokenshift.persistence;

import jakarta.inject.Singleton;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.TokenScores;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.messaging.AnswerTable;
import dev.overton.support.persistence.NamedRow;

/**
 * Token-scoring results in PostgreSQL (table {@code token_scores}), keyed by the request id. The result is kept as the
 * event it is published as, so a redelivered request gets exactly the first answer again. Inserts are {@code on
 * conflict do nothing}: the first stored result is the one that counts, and the model is never asked twice. {@code
 * published_at} stays null until Kafka acknowledged the result (the outbox: {@link AnswerTable}).
 */
// A singleton, not application-scoped: a client proxy would need a no-args constructor, which AnswerTable lacks.
@Singleton
public class TokenScoreStore extends AnswerTable<TokenScores> {

    public TokenScoreStore(Mutiny.SessionFactory sessions) {
        super(sessions, "token_scores");
    }

    @Override
    public Uni<TokenScores> find(String requestId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select result from token_scores where request_id = :id", Tuple.class)
                        .setParameter("id", requestId)
                        .getResultList())
                .map(rows -> rows.isEmpty()
                        ? null
                        : EventJson.read(NamedRow.of(rows.get(0)).getString("result"), TokenScores.class));
    }

    @Override
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
}
