package dev.overton.generator.runs.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.completions.messaging.CompletionPublisher;
import dev.overton.generator.completions.persistence.CompletionStore;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.runs.MonitorRuns;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.tokenshift.messaging.TokenScoresPublisher;
import dev.overton.generator.tokenshift.persistence.TokenScoreStore;

/**
 * Publishes again what was stored but never acknowledged by Kafka (the broker was down, or the service died between
 * the database write and the publish): accepted runs, answered completion requests and token-scoring results. Nothing
 * accepted or answered is lost.
 */
@ApplicationScoped
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class);

    private final RunStore store;
    private final RunPublisher publisher;
    private final CompletionStore completions;
    private final CompletionPublisher completionPublisher;
    private final TokenScoreStore tokenScores;
    private final TokenScoresPublisher tokenScoresPublisher;
    private final GeneratorConfig config;

    public OutboxSweep(
            RunStore store,
            RunPublisher publisher,
            CompletionStore completions,
            CompletionPublisher completionPublisher,
            TokenScoreStore tokenScores,
            TokenScoresPublisher tokenScoresPublisher,
            GeneratorConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.completions = completions;
        this.completionPublisher = completionPublisher;
        this.tokenScores = tokenScores;
        this.tokenScoresPublisher = tokenScoresPublisher;
        this.config = config;
    }

    /**
     * Every 10 s: publish runs and completions that stayed unpublished longer than {@code
     * overton.outbox.republish-after}.
     */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return sweepRuns().chain(this::sweepCompletions).chain(this::sweepTokenScores);
    }

    /** Runs accepted but not acknowledged by Kafka. */
    Uni<Void> sweepRuns() {
        return store.unpublished(Instant.now().minus(config.outbox().republishAfter()))
                .onItem()
                .transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem()
                .transformToUniAndConcatenate(runId -> republish(runId)
                        .onFailure()
                        .recoverWithUni(e -> {
                            // One run that cannot be published (say its stored spec cannot be read) must not keep the
                            // runs after it unpublished: it is logged and tried again on the next sweep.
                            LOG.warnf("run %s could not be published again, will try again: %s", runId, e.toString());
                            return Uni.createFrom().voidItem();
                        }))
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("outbox sweep failed, will try again: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Completions stored but not acknowledged by Kafka. */
    Uni<Void> sweepCompletions() {
        return completions
                .unpublished(Instant.now().minus(config.outbox().republishAfter()))
                .onItem()
                .transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem()
                .transformToUniAndConcatenate(requestId -> republishCompletion(requestId)
                        .onFailure()
                        .recoverWithUni(e -> {
                            LOG.warnf(
                                    "completion %s could not be published again, will try again: %s",
                                    requestId, e.toString());
                            return Uni.createFrom().voidItem();
                        }))
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("outbox sweep of completions failed, will try again: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Token-scoring results stored but not acknowledged by Kafka. */
    Uni<Void> sweepTokenScores() {
        return tokenScores
                .unpublished(Instant.now().minus(config.outbox().republishAfter()))
                .onItem()
                .transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem()
                .transformToUniAndConcatenate(requestId -> tokenScores
                        .find(requestId)
                        .chain(r -> r == null ? Uni.createFrom().voidItem() : tokenScoresPublisher.publish(r))
                        .onFailure()
                        .recoverWithUni(e -> {
                            LOG.warnf(
                                    "token scores %s could not be published again, will try again: %s",
                                    requestId, e.toString());
                            return Uni.createFrom().voidItem();
                        }))
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("outbox sweep of token scores failed, will try again: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> republishCompletion(String requestId) {
        LOG.infof("completion %s was not published; publishing it again", requestId);
        return completions
                .find(requestId)
                .chain(c -> c == null ? Uni.createFrom().voidItem() : completionPublisher.publish(c));
    }

    private Uni<Void> republish(String runId) {
        LOG.infof("run %s was not published; publishing it again", runId);
        return store.find(runId)
                .chain(run -> store.prompts(runId)
                        .chain(prompts -> publisher.publish(
                                runId, run.createdAt, readSpec(run.spec), prompts, MonitorRuns.windowOf(run))));
    }

    private static RunSpec readSpec(String json) {
        try {
            return EventJson.mapper().readValue(json, RunSpec.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored run spec is not valid JSON", e);
        }
    }
}
