package dev.overton.generator.runs.messaging;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.completions.messaging.CompletionRequestConsumer;
import dev.overton.generator.config.GeneratorConfig;
import dev.overton.generator.messaging.AnswerOutbox;
import dev.overton.generator.runs.MonitorRuns;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.tokenshift.messaging.TokenScoreRequestConsumer;
import dev.overton.support.reactive.InOrder;
import dev.overton.support.sweep.Sweeps;

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
    private final CompletionRequestConsumer completions;
    private final TokenScoreRequestConsumer tokenScores;
    private final GeneratorConfig config;

    public OutboxSweep(
            RunStore store,
            RunPublisher publisher,
            CompletionRequestConsumer completions,
            TokenScoreRequestConsumer tokenScores,
            GeneratorConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.completions = completions;
        this.tokenScores = tokenScores;
        this.config = config;
    }

    /**
     * Every 10 s: publish runs, completions and token-scoring results that stayed unpublished longer than {@code
     * overton.outbox.republish-after}.
     */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return sweepRuns()
                .chain(() -> sweepAnswers(completions.outbox(), "completion"))
                .chain(() -> sweepAnswers(tokenScores.outbox(), "token-scoring result"));
    }

    /** Runs accepted but not acknowledged by Kafka. */
    Uni<Void> sweepRuns() {
        return republishEach(
                store.unpublished(republishBefore()),
                this::republish,
                "run %s could not be published again, will try again",
                "outbox sweep failed, will try again");
    }

    /** Answers ({@code what}: a completion, a token-scoring result) stored but not acknowledged by Kafka. */
    private Uni<Void> sweepAnswers(AnswerOutbox<?> answers, String what) {
        return republishEach(
                answers.unpublished(republishBefore()),
                requestId -> {
                    LOG.infof("%s %s was not published; publishing it again", what, requestId);
                    return answers.republish(requestId);
                },
                what + " %s could not be published again, will try again",
                "outbox sweep of " + what + "s failed, will try again");
    }

    private Instant republishBefore() {
        return Instant.now().minus(config.outbox().republishAfter());
    }

    /**
     * Publishes each of {@code ids} again, one after the other. One that cannot be published (say its stored spec
     * cannot be read) must not keep the ones after it unpublished: it is logged ({@code oneFailed}, a format of the id,
     * then the error) and tried again on the next sweep; a failure of the whole sweep is logged ({@code sweepFailed})
     * likewise.
     */
    private static Uni<Void> republishEach(
            Uni<List<String>> ids, Function<String, Uni<Void>> republish, String oneFailed, String sweepFailed) {
        return ids.chain(list ->
                        InOrder.each(list, id -> republish.apply(id).plug(Sweeps.logFailure(LOG, oneFailed, id))))
                .plug(Sweeps.logFailure(LOG, sweepFailed));
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
