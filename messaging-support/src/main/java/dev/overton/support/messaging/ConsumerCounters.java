package dev.overton.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what each consumed channel processed and what it failed on (failed records go to the channel's dead-letter
 * topic). Exported as {@code overton_consumer_records_total{channel, outcome}}.
 */
public class ConsumerCounters {

    private final MeterRegistry registry;

    public ConsumerCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One record of {@code channel} was processed and its effect stored. */
    public void processed(String channel) {
        counter(channel, "processed").increment();
    }

    /** One record of {@code channel} could not be processed. */
    public void failed(String channel) {
        counter(channel, "failed").increment();
    }

    private Counter counter(String channel, String outcome) {
        return Counter.builder("overton.consumer.records")
                .description("Records consumed, by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry);
    }
}
