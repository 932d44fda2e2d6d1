package dev.overton.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what each consumed channel processed and what it failed on (failed records go to the channel's dead-letter
 * topic). Exported as {@code overton_consumer_records_total{channel, outcome}}, and every dead-lettered record once more
 * as {@code overton_consumer_dead_letters_total{channel, reason}} with the reason's {@link DeadLetterReason} tag.
 *
 * <p>A plain class over a {@link MeterRegistry}, shared by the three services (each makes one instance, a CDI
 * singleton, with a producer method), so that the metric's name and tags have one owner.
 */
public class ConsumerMetrics {

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One record of {@code channel} was processed and its effect stored. */
    public void processed(String channel) {
        counter(channel, "processed").increment();
    }

    /** One record of {@code channel} could not be processed and goes to the dead-letter topic, for {@code reason}. */
    public void failed(String channel, DeadLetterReason reason) {
        counter(channel, "failed").increment();
        Counter.builder("overton.consumer.dead.letters")
                .description("Records sent to the dead-letter topic, by channel and reason")
                .tag("channel", channel)
                .tag("reason", reason.tag())
                .register(registry)
                .increment();
    }

    private Counter counter(String channel, String outcome) {
        return Counter.builder("overton.consumer.records")
                .description("Records consumed, by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Why a record was dead-lettered; a closed set, so the metric's {@code reason} tag stays low-cardinality. */
    public enum DeadLetterReason {
        /** Not JSON, a required field missing, or an unknown schema version. */
        MALFORMED("malformed"),
        /** Parses, but a string carries text PostgreSQL cannot store (NUL, an unpaired surrogate). */
        UNSTORABLE_TEXT("unstorable-text"),
        /** The handler failed permanently, or transiently more often than it is retried. */
        HANDLER_FAILED("handler-failed");

        private final String tag;

        DeadLetterReason(String tag) {
            this.tag = tag;
        }

        /** The value of the metric's {@code reason} tag. */
        public String tag() {
            return tag;
        }
    }
}
