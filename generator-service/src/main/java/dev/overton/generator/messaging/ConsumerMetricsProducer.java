package dev.overton.generator.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;

import dev.overton.support.messaging.ConsumerMetrics;

/** Makes the shared {@link ConsumerMetrics} a CDI bean of this service (a singleton: it needs no client proxy). */
public class ConsumerMetricsProducer {

    @Produces
    @Singleton
    ConsumerMetrics consumerMetrics(MeterRegistry registry) {
        return new ConsumerMetrics(registry);
    }
}
