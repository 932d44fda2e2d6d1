package dev.overton.generator.catalog.messaging;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.contracts.RunDeletionRequested;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Publishes run deletions (after their tombstone is stored, marking them published once Kafka acknowledged them; the
 * retention sweep publishes again what stayed unpublished) and this generator's confirmations.
 */
@ApplicationScoped
public class DeletionPublisher {

    /** This service's name in {@link RunDeletionConfirmed#service()}. */
    public static final String SERVICE = "generator-service";

    private static final Logger LOG = Logger.getLogger(DeletionPublisher.class);

    private final MutinyEmitter<String> deletions;
    private final MutinyEmitter<String> confirmations;
    private final DeletionStore store;

    public DeletionPublisher(
            @Channel("run-deletions-out") MutinyEmitter<String> deletions,
            @Channel("run-deletion-confirmations-out") MutinyEmitter<String> confirmations,
            DeletionStore store) {
        this.deletions = deletions;
        this.confirmations = confirmations;
        this.store = store;
    }

    /** Publishes the deletion, then marks it published. */
    public Uni<Void> publish(RunDeletionRequested deletion) {
        return deletions
                .sendMessage(KeyedMessages.of(deletion.runId(), EventJson.write(deletion)))
                .chain(() -> store.markPublished(deletion.runId()))
                .invoke(() -> LOG.infof("run %s: deletion published (%s)", deletion.runId(), deletion.reason()));
    }

    /** Publishes the deletion; a failure is logged and left to the sweep, which publishes it again. */
    public Uni<Void> publishOrLeaveToSweep(RunDeletionRequested deletion) {
        return publish(deletion).onFailure().recoverWithUni(e -> {
            LOG.warnf("run %s: deletion stored but not yet published (%s); the sweep will retry", deletion.runId(), e);
            return Uni.createFrom().voidItem();
        });
    }

    /** Confirms that this generator deleted everything it held for the run. */
    public Uni<Void> confirm(String runId) {
        RunDeletionConfirmed confirmed = new RunDeletionConfirmed(
                SchemaVersions.V1, runId, SERVICE, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return confirmations.sendMessage(KeyedMessages.of(runId, EventJson.write(confirmed)));
    }
}
