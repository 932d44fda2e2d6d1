package dev.overton.generator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * The in-flight limit on its own, with a plain Vert.x: records are admitted up to the limit, the next one only when a
 * slot frees, and each record is acknowledged, dead-lettered (nacked) or, when interrupted, left alone, according to
 * how its work ended.
 */
class InFlightRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Map<String, CompletableFuture<Void>> work = new ConcurrentHashMap<>();
    private final Map<String, String> outcome = new ConcurrentHashMap<>();

    @AfterEach
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private Message<String> record(String payload) {
        work.put(payload, new CompletableFuture<>());
        return Message.of(payload)
                .withAck(() -> {
                    outcome.put(payload, "acked");
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    outcome.put(payload, "nacked: " + e.getMessage());
                    return CompletableFuture.completedFuture(null);
                });
    }

    private CompletableFuture<Void> admit(InFlightRecords records, String payload) {
        return records.admit(record(payload), p -> Uni.createFrom().completionStage(work.get(p)))
                .subscribeAsCompletionStage();
    }

    @Test
    void recordsAreAdmittedUpToTheLimitAndTheNextWhenASlotFrees() {
        InFlightRecords records = new InFlightRecords("test-in", 2, vertx, registry);

        CompletableFuture<Void> first = admit(records, "a");
        CompletableFuture<Void> second = admit(records, "b");
        CompletableFuture<Void> third = admit(records, "c");

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(third).as("no slot yet").isNotDone();
        await().atMost(WAIT).until(() -> records.working() == 2);
        assertThat(registry.get(InFlightRecords.GAUGE)
                        .tag("channel", "test-in")
                        .gauge()
                        .value())
                .isEqualTo(2.0);

        work.get("b").complete(null);

        await().atMost(WAIT).until(third::isDone);
        await().atMost(WAIT).until(() -> "acked".equals(outcome.get("b")));
        assertThat(outcome).doesNotContainKeys("a", "c");
        work.get("a").complete(null);
        work.get("c").complete(null);
        await().atMost(WAIT).until(() -> outcome.size() == 3 && records.working() == 0);
        assertThat(outcome).containsOnly(Map.entry("a", "acked"), Map.entry("b", "acked"), Map.entry("c", "acked"));
    }

    @Test
    void failedWorkIsDeadLetteredAndAThrowingHandlerToo() {
        InFlightRecords records = new InFlightRecords("test-in", 1, vertx, registry);

        admit(records, "bad").join();
        work.get("bad").completeExceptionally(new IllegalArgumentException("constraint violated"));
        await().atMost(WAIT).until(() -> outcome.containsKey("bad"));
        records.admit(record("not json"), p -> {
                    throw new IllegalArgumentException("not a valid record");
                })
                .await()
                .atMost(WAIT);

        await().atMost(WAIT).until(() -> outcome.size() == 2 && records.working() == 0);
        assertThat(outcome)
                .containsEntry("bad", "nacked: constraint violated")
                .containsEntry("not json", "nacked: not a valid record");
    }

    @Test
    void interruptedWorkIsNeitherAcknowledgedNorDeadLetteredButFreesItsSlot() {
        InFlightRecords records = new InFlightRecords("test-in", 1, vertx, registry);

        admit(records, "interrupted").join();
        CompletableFuture<Void> next = admit(records, "next");
        work.get("interrupted").completeExceptionally(new CancellationException("shutting down"));

        await().atMost(WAIT).until(next::isDone);
        work.get("next").complete(null);
        await().atMost(WAIT).until(() -> outcome.containsKey("next"));
        assertThat(outcome).doesNotContainKey("interrupted");
    }

    @Test
    void failureDuringShutdownIsLeftForRedeliveryNotDeadLettered() {
        InFlightRecords records = new InFlightRecords("test-in", 1, vertx, registry);

        admit(records, "late").join();
        records.shutDown();
        work.get("late").completeExceptionally(new IllegalStateException("Pool closed"));
        CompletableFuture<Void> next = admit(records, "after");

        await().atMost(WAIT).until(next::isDone);
        assertThat(outcome).doesNotContainKey("late");
    }

    @Test
    void eachRecordWorksOnItsOwnSafeDuplicatedContext() {
        InFlightRecords records = new InFlightRecords("test-in", 2, vertx, registry);
        AtomicReference<io.vertx.core.Context> seen = new AtomicReference<>();

        records.admit(record("x"), p -> {
                    seen.set(Vertx.currentContext());
                    return Uni.createFrom().voidItem();
                })
                .await()
                .atMost(WAIT);

        await().atMost(WAIT).until(() -> seen.get() != null);
        assertThat(VertxContext.isDuplicatedContext(seen.get())).isTrue();
        assertThat(VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(seen.get()))
                .isTrue();
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new InFlightRecords("test-in", 0, vertx, registry))
                .hasMessageContaining("at least 1");
    }
}
