package dev.overton.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.json.EventJson;

class InboundRecordsTest {

    private static final Logger LOG = Logger.getLogger(InboundRecordsTest.class);
    private static final String CHANNEL = "scores-in";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMetrics counters = new ConsumerMetrics(registry);

    private double count(String outcome) {
        var counter = registry.find("overton.consumer.records")
                .tags("channel", CHANNEL, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String validRecord() {
        return EventJson.write(new SetScored(SchemaVersions.V1, "run", "0", "base", List.of(), Instant.EPOCH));
    }

    @Test
    void malformedRecordFailsAtOnceAndIsCounted() {
        assertThatThrownBy(() -> InboundRecords.handle(
                        CHANNEL,
                        "{oops",
                        SetScored.class,
                        counters,
                        LOG,
                        e -> Uni.createFrom().voidItem()))
                .isInstanceOf(EventJson.MalformedEventException.class);
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void transientFailureIsRetriedUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        InboundRecords.handle(
                        CHANNEL,
                        validRecord(),
                        SetScored.class,
                        counters,
                        LOG,
                        e -> attempts.incrementAndGet() < 3
                                ? Uni.createFrom().failure(new IllegalStateException("database briefly away"))
                                : Uni.createFrom().voidItem())
                .await()
                .atMost(Duration.ofSeconds(10));

        assertThat(attempts).hasValue(3);
        assertThat(count("processed")).isEqualTo(1);
        assertThat(count("failed")).isZero();
    }

    @Test
    void permanentFailureIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Void> result = InboundRecords.handle(CHANNEL, validRecord(), SetScored.class, counters, LOG, e -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalArgumentException("unknown run"));
        });

        assertThatThrownBy(() -> result.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
        assertThat(count("failed")).isEqualTo(1);
    }

    @Test
    void recordCarryingNulInAFieldIsDeadLetteredAtOnceWithoutRunningTheHandler() {
        String poisoned =
                EventJson.write(new SetScored(SchemaVersions.V1, "run", "0", "base\u0000x", List.of(), Instant.EPOCH));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> InboundRecords.handle(CHANNEL, poisoned, SetScored.class, counters, LOG, e -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().voidItem();
                }))
                .isInstanceOf(EventJson.MalformedEventException.class)
                .hasMessageContaining("variant carries U+0000 (NUL)");
        assertThat(attempts).hasValue(0);
        assertThat(count("failed")).isEqualTo(1);
        assertThat(registry.find("overton.consumer.dead.letters")
                        .tags("channel", CHANNEL, "reason", "unstorable-text")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void databaseErrorThatWouldRepeatIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<Void> result = InboundRecords.handle(CHANNEL, validRecord(), SetScored.class, counters, LOG, e -> {
            attempts.incrementAndGet();
            return Uni.createFrom()
                    .failure(new io.vertx.pgclient.PgException(
                            "unsupported Unicode escape sequence", "ERROR", "22P05", "\\u0000 cannot be converted"));
        });

        assertThatThrownBy(() -> result.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(io.vertx.pgclient.PgException.class);
        assertThat(attempts).hasValue(1);
        assertThat(registry.find("overton.consumer.dead.letters")
                        .tags("channel", CHANNEL, "reason", "handler-failed")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
