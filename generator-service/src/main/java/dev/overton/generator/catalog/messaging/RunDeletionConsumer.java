package dev.overton.generator.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunDeletionRequested;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code run-deletions}: deletes every row the generator holds for the run (keeping its tombstone), then
 * confirms on {@code run-deletion-confirmations}. The offset is committed after both; a redelivered deletion deletes
 * nothing more and confirms again, which the confirmation store ignores.
 */
@ApplicationScoped
public class RunDeletionConsumer {

    static final String CHANNEL = "run-deletions-in";

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

    private Uni<Void> handle(RunDeletionRequested deletion) {
        return store.deleteRun(deletion)
                .invoke(() -> LOG.infof("run %s: deleted from the generator's database", deletion.runId()))
                .chain(() -> publisher.confirm(deletion.runId()));
    }
}
