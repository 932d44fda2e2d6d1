package dev.overton.generator.messaging;

import java.time.Instant;
import java.util.List;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Answer;

/**
 * A table of answers keyed by the request id ({@code completions}, {@code token_scores}) that is also their outbox:
 * the first stored answer is the one that counts, and {@code published_at} stays null until Kafka acknowledged it. What
 * differs between the tables is how an answer is written and read back; finding the unpublished ones and marking one
 * published are the same SQL over another table, so they live here once.
 *
 * @param <A> the answer event
 */
public abstract class AnswerTable<A extends Answer> {

    /** Most request ids {@link #unpublished} returns at a time: one sweep republishes at most this many. */
    private static final int SWEEP_LIMIT = 50;

    protected final Mutiny.SessionFactory sessions;
    private final String table;

    /**
     * @param sessions the generator's database
     * @param table the table's name, with columns {@code request_id}, {@code completed_at} and {@code published_at}
     */
    protected AnswerTable(Mutiny.SessionFactory sessions, String table) {
        this.sessions = sessions;
        this.table = table;
    }

    /** The stored answer of {@code requestId}, or {@code null}. */
    public abstract Uni<A> find(String requestId);

    /**
     * Stores {@code answer} unless one with its request id is stored already.
     *
     * @param backend the backend that answered (or was asked to), kept for diagnosis
     * @return whether this call stored it
     */
    public abstract Uni<Boolean> insertIfAbsent(A answer, String backend);

    /** Request ids of answers stored before {@code before} that Kafka never acknowledged (at most 50), oldest first. */
    public Uni<List<String>> unpublished(Instant before) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "select request_id from " + table + " where published_at is null and completed_at < :before"
                                + " order by completed_at",
                        String.class)
                .setParameter("before", before)
                .setMaxResults(SWEEP_LIMIT)
                .getResultList());
    }

    /** Records that Kafka acknowledged the answer to {@code requestId} (idempotent). */
    public Uni<Void> markPublished(String requestId, Instant at) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery("update " + table
                                + " set published_at = :at where request_id = :id" + " and published_at is null")
                        .setParameter("at", at)
                        .setParameter("id", requestId)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
