package dev.overton.generator.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code run-deletion-confirmations}: stores each service's confirmation, so that {@code GET /runs/{id}} says
 * {@code deleting} until every service has confirmed and 404 afterwards.
 */
@ApplicationScoped
public class DeletionConfirmationConsumer {

    static final String CHANNEL = "run-deletion-confirmations-in";

    private static final Logger LOG = Logger.getLogger(DeletionConfirmationConsumer.class);

    private final DeletionStore store;
    private final ConsumerMetrics metrics;

    public DeletionConfirmationConsumer(DeletionStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunDeletionConfirmed.class, metrics, LOG, store::confirm);
    }
}
