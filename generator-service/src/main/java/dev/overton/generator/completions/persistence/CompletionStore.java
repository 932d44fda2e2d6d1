package dev.overton.generator.completions.persistence;

import java.util.Map;
import jakarta.inject.Singleton;
import jakarta.persistence.Tuple;

import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.type.TypeReference;

import dev.overton.contracts.Completion;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.messaging.AnswerTable;
import dev.overton.support.persistence.NamedRow;

/**
 * Completions in PostgreSQL (table {@code completions}), keyed by the request id. Inserts are {@code on conflict do
 * nothing}: the first stored answer is the one that counts, and a redelivered request gets it republished instead of a
 * second model call. {@code published_at} stays null until Kafka acknowledged the answer (the outbox: {@link AnswerTable}).
 */
// A singleton, not application-scoped: a client proxy would need a no-args constructor, which AnswerTable lacks.
@Singleton
public class CompletionStore extends AnswerTable<Completion> {

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {};
    private static final String COLUMNS = "request_id, run_id, purpose, status, text, error, finish_reason,"
            + " prompt_tokens, completion_tokens, latency_ms, model, attributes, completed_at";

    public CompletionStore(Mutiny.SessionFactory sessions) {
        super(sessions, "completions");
    }

    @Override
    public Uni<Completion> find(String requestId) {
        return sessions.withSession(session -> session.createNativeQuery(
                                "select " + COLUMNS + " from completions where request_id = :id", Tuple.class)
                        .setParameter("id", requestId)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : toCompletion(NamedRow.of(rows.get(0))));
    }

    @Override
    public Uni<Boolean> insertIfAbsent(Completion completion, String backend) {
        return sessions.withTransaction((session, tx) -> session.createNativeQuery("insert into completions ("
                                + COLUMNS + ", backend) values (:id, :run, :purpose, :status, :text, :error,"
                                + " :finish, cast(:promptTokens as integer), cast(:completionTokens as integer),"
                                + " cast(:latency as bigint), :model, :attributes, :at, :backend)"
                                + " on conflict do nothing")
                        .setParameter("id", completion.requestId())
                        .setParameter("run", completion.runId())
                        .setParameter("purpose", completion.purpose())
                        .setParameter("status", completion.status())
                        .setParameter("text", completion.text())
                        .setParameter("error", completion.error())
                        .setParameter("finish", completion.finishReason())
                        .setParameter("promptTokens", completion.promptTokens())
                        .setParameter("completionTokens", completion.completionTokens())
                        .setParameter("latency", completion.latencyMs())
                        .setParameter("model", completion.model())
                        .setParameter("attributes", EventJson.write(completion.attributes()))
                        .setParameter("at", completion.completedAt())
                        .setParameter("backend", backend == null ? "" : backend)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    private static Completion toCompletion(NamedRow r) {
        return new Completion(
                SchemaVersions.V1,
                r.getString("request_id"),
                r.getString("run_id"),
                r.getString("purpose"),
                r.getString("status"),
                r.getString("text"),
                r.getString("error"),
                r.getString("finish_reason"),
                r.getInteger("prompt_tokens"),
                r.getInteger("completion_tokens"),
                r.getLong("latency_ms"),
                r.getString("model"),
                readAttributes(r.getString("attributes")),
                r.getInstant("completed_at"));
    }

    private static Map<String, String> readAttributes(String json) {
        try {
            return json == null ? Map.of() : EventJson.mapper().readValue(json, ATTRIBUTES);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored completion attributes are not valid JSON", e);
        }
    }
}
