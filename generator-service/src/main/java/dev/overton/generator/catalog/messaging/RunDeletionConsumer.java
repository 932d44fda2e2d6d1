package dev.overton.generator.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes both sides of a run's deletion. On {@code run-deletions}: deletes every row the generator holds for the run
 * (keeping its tombstone), then confirms on {@code run-deletion-confirmations}; the offset is committed after both, and
 * a redelivered deletion deletes nothing more and confirms again, which the confirmation store ignores. On {@code
 * run-deletion-confirmations}: stores each service's confirmation, so that {@code GET /runs/{id}} says {@code deleting}
 * until every service has confirmed and 404 afterwards.
 */
@ApplicationScoped
public class RunDeletionConsumer {

    static final String CHANNEL = "run-deletions-in";

    static final String CONFIRMATIONS_CHANNEL = "run-deletion-confirmations-in";

    private static final Logger LOG = Logger.getLogger(RunDeletionConsumer.class);

    private final DeletionStore store;
    private final DeletionPublisher publisher;
    private final ConsumerMetrics metrics;

    public RunDeletionConsumer(DeletionStore store, DeletionPublisher publisher, ConsumerMetrics metrics) {
        this.store = store;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunDeletionRequested.class, metrics, LOG, this::handle);
    }

    @Incoming(CONFIRMATIONS_CHANNEL)
    public Uni<Void> consumeConfirmation(String json) {
        return InboundRecords.handle(
                CONFIRMATIONS_CHANNEL, json, RunDeletionConfirmed.class, metrics, LOG, store::confirm);
    }

    private Uni<Void> handle(RunDeletionRequested deletion) {
        return store.deleteRun(deletion)
                .invoke(() -> LOG.infof("run %s: deleted from the generator's database", deletion.runId()))
                .chain(() -> publisher.confirm(deletion.runId()));
    }
}
