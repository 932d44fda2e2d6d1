package dev.overton.icl.messaging;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import dev.overton.support.messaging.ConsumerCounters;

/** The service's {@link ConsumerCounters}, as a CDI bean (a singleton: the counters need no client proxy). */
@Singleton
public class ConsumerMetrics extends ConsumerCounters {

    public ConsumerMetrics(MeterRegistry registry) {
        super(registry);
    }
}
