package dev.overton.generator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.json.EventJson;
import dev.overton.support.messaging.ConsumerMetrics;

/**
 * The three parts a request consumer takes its records through, together, with a plain Vert.x: records of one key are
 * worked on one after the other while other keys go on beside them, and a record that does not parse is dead-lettered
 * and counted.
 */
class KeyedInFlightRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(KeyedInFlightRecordsTest.class);
    private static final String CHANNEL = "test-in";

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, CompletableFuture<Void>> work = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Map<String, String> outcome = new ConcurrentHashMap<>();

    /** Keyed by prompt id: records of one prompt are sequenced. */
    private final KeyedInFlightRecords<SetScored> records = new KeyedInFlightRecords<>(
            CHANNEL, SetScored.class, SetScored::promptId, 3, vertx, registry, new ConsumerMetrics(registry), LOG);

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A record named by its run id, for prompt {@code promptId}. */
    private Message<String> record(String runId, String promptId) {
        work.put(runId, new CompletableFuture<>());
        return message(
                runId,
                EventJson.write(new SetScored(SchemaVersions.V1, runId, promptId, "base", List.of(), Instant.EPOCH)));
    }

    private Message<String> message(String name, String json) {
        return Message.of(json)
                .withAck(() -> {
                    outcome.put(name, "acked");
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    outcome.put(name, "nacked");
                    return CompletableFuture.completedFuture(null);
                });
    }

    private void admit(Message<String> record) {
        records.admit(record, event -> {
                    started.add(event.runId());
                    return Uni.createFrom().completionStage(work.get(event.runId()));
                })
                .await()
                .atMost(WAIT);
    }

    @Test
    void aRecordWaitsForTheOneBeforeItWithTheSameKeyWhileOtherKeysGoOn() {
        admit(record("first", "p1"));
        admit(record("duplicate", "p1"));
        admit(record("other", "p2"));

        await().atMost(WAIT).until(() -> started.containsAll(Set.of("first", "other")));
        assertThat(started).doesNotContain("duplicate");

        work.get("first").complete(null);

        await().atMost(WAIT).until(() -> started.contains("duplicate"));
        work.get("duplicate").complete(null);
        work.get("other").complete(null);
        await().atMost(WAIT).until(() -> outcome.size() == 3);
        assertThat(outcome)
                .containsOnly(
                        Map.entry("first", "acked"), Map.entry("duplicate", "acked"), Map.entry("other", "acked"));
    }

    @Test
    void aRecordThatDoesNotParseIsDeadLetteredAndCounted() {
        admit(message("malformed", "{oops"));

        await().atMost(WAIT).until(() -> outcome.containsKey("malformed"));
        assertThat(outcome).containsEntry("malformed", "nacked");
        assertThat(started).isEmpty();
        assertThat(registry.get("overton.consumer.records")
                        .tags("channel", CHANNEL, "outcome", "failed")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }
}
