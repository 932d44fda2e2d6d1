package dev.overton.generator.catalog;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunDeletionRequested;
import dev.overton.generator.catalog.messaging.DeletionPublisher;
import dev.overton.generator.catalog.persistence.DeletionStore;
import dev.overton.support.reactive.InOrder;
import dev.overton.support.sweep.Sweeps;

/**
 * Every minute: deletes runs older than {@code overton.retention.max-age} (when set) through the same path as {@code
 * DELETE /runs/{id}}, and publishes again deletions that Kafka never acknowledged. Safe with several generator
 * instances: the tombstones are claimed under a PostgreSQL advisory lock by one instance at a time, and a deletion
 * published twice is harmless (every consumer is idempotent).
 */
@ApplicationScoped
public class RetentionSweep {

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private final RetentionConfig config;
    private final DeletionStore store;
    private final DeletionPublisher publisher;

    public RetentionSweep(RetentionConfig config, DeletionStore store, DeletionPublisher publisher) {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
    }

    @Scheduled(
            every = "${overton.retention.every:60s}",
            delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return expire().chain(this::republish).plug(Sweeps.logFailure(LOG, "retention sweep failed, will try again"));
    }

    /** Tombstones and publishes the runs past the maximum age; nothing when no maximum age is set. */
    public Uni<Void> expire() {
        if (config.maxAge().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant before = Instant.now().minus(config.maxAge().get());
        return store.expire(before, config.batchSize())
                .invoke(expired -> {
                    if (!expired.isEmpty()) {
                        LOG.infof(
                                "retention: deleting %d run(s) created before %s (max-age %s)",
                                expired.size(), before, config.maxAge().get());
                    }
                })
                .chain(this::publishAll);
    }

    private Uni<Void> republish() {
        return store.unpublished(Instant.now().minus(config.republishAfter()), config.batchSize())
                .chain(this::publishAll);
    }

    private Uni<Void> publishAll(List<RunDeletionRequested> deletions) {
        return InOrder.each(deletions, publisher::publishOrLeaveToSweep);
    }
}
