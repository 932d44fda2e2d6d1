package dev.overton.generator.monitors.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.AlarmChanged;
import dev.overton.generator.monitors.persistence.OpenAlarmStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes the scorer's {@code alarms} (own group per deployment: the generator instances share one database) and
 * keeps each monitor's open alarms for {@code GET /monitors/{id}}. Records of one monitor share its key, so they
 * arrive in order; each is idempotent.
 */
@ApplicationScoped
public class AlarmsConsumer {

    static final String CHANNEL = "alarms-in";

    private static final Logger LOG = Logger.getLogger(AlarmsConsumer.class);

    private final OpenAlarmStore store;
    private final ConsumerMetrics metrics;

    public AlarmsConsumer(OpenAlarmStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, AlarmChanged.class, metrics, LOG, store::apply);
    }
}
