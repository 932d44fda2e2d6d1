package dev.overton.generator.runs.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.runs.persistence.RunStore;

/**
 * Publishes again the runs that were stored but never acknowledged by Kafka (the broker was down when the run was
 * submitted, or the service died between the database write and the publish). Nothing accepted is lost.
 */
@ApplicationScoped
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class);

    private final RunStore store;
    private final RunPublisher publisher;
    private final GeneratorConfig config;

    public OutboxSweep(RunStore store, RunPublisher publisher, GeneratorConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    /** Every 10 s: publish runs that stayed unpublished longer than {@code overton.outbox.republish-after}. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return store.unpublished(Instant.now().minus(config.outbox().republishAfter()))
                .onItem()
                .transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem()
                .transformToUniAndConcatenate(this::republish)
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("outbox sweep failed, will try again: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> republish(String runId) {
        LOG.infof("run %s was not published; publishing it again", runId);
        return store.find(runId)
                .chain(run -> store.prompts(runId)
                        .chain(prompts -> publisher.publish(runId, run.createdAt, readSpec(run.spec), prompts)));
    }

    private static RunSpec readSpec(String json) {
        try {
            return EventJson.mapper().readValue(json, RunSpec.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored run spec is not valid JSON", e);
        }
    }
}
