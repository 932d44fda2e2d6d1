package dev.overton.generator.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.Event;
import dev.overton.support.messaging.SentEvents;

/**
 * The base of the generator's {@code @QuarkusTest}s that feed its consumers on the in-memory channels: what they
 * inject (the connector, the database, the meters), the runs they create (their rows deleted after each test: the run,
 * which its sets and prompts follow, and the completions and token scores keyed by run) and the reading of what the
 * service sent. One place, so that each test holds only its own story.
 */
public abstract class InMemoryFlow {

    @Inject
    @Any
    protected InMemoryConnector connector;

    @Inject
    protected AgroalDataSource dataSource;

    @Inject
    protected MeterRegistry registry;

    private final List<String> runs = new ArrayList<>();

    /** A fresh run id starting with {@code prefix}; its rows are deleted after the test. */
    protected String newRun(String prefix) {
        return deletedAfterTest(prefix + UUID.randomUUID());
    }

    /** {@code runId} (of a run the service created), whose rows are deleted after the test. */
    protected String deletedAfterTest(String runId) {
        runs.add(runId);
        return runId;
    }

    /**
     * A fresh run starting with {@code prefix}, stored as the generator stores a submitted one ({@code prompts} prompts,
     * reference variant {@code v}) for the sets that reference it; already published, so that the outbox sweep leaves it
     * alone. Deleted after the test.
     */
    protected String storedRun(String prefix, String name, int prompts) {
        String id = newRun(prefix);
        sql().execute(
                        "insert into generator.runs (id, name, reference, spec, prompt_count, created_at, published_at)"
                                + " values (?, ?, 'v', '{}', ?::int, now(), now())",
                        id,
                        name,
                        String.valueOf(prompts));
        return id;
    }

    @AfterEach
    void deleteRuns() {
        for (String id : runs) {
            sql().execute("delete from generator.completions where run_id = ?", id);
            sql().execute("delete from generator.token_scores where run_id = ?", id);
            sql().execute("delete from generator.runs where id = ?", id);
        }
    }

    /** JDBC on the service's tables. */
    protected Sql sql() {
        return new Sql(dataSource);
    }

    /** Sends {@code json} as it is to the incoming {@code channel}. */
    protected void sendJson(String channel, String json) {
        connector.source(channel).send(json);
    }

    /**
     * Waits (up to 30 s) until the outbox row of request {@code requestId} in {@code generator.<table>} is marked
     * published: the event was sent after the row was stored.
     */
    protected void awaitPublished(String table, String requestId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sql().query(
                                "select published_at is not null from generator." + table + " where request_id = ?",
                                requestId)
                        .equals(List.of(List.of(true))));
    }

    /** The events the service sent to {@code sink}, as {@code type}, that {@code ours} keeps. */
    protected static <T extends Event> List<T> sent(InMemorySink<String> sink, Class<T> type, Predicate<T> ours) {
        return SentEvents.of(sink.received(), type, ours);
    }
}
