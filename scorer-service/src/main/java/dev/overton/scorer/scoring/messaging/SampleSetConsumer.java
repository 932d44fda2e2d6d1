package dev.overton.scorer.scoring.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.SetScored;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.messaging.ConsumerMetrics;
import dev.overton.scorer.messaging.KeyedMessages;
import dev.overton.scorer.messaging.TransientFailures;
import dev.overton.scorer.scoring.SetScorer;
import dev.overton.scorer.scoring.persistence.ScoreStore;

/**
 * Consumes sample sets: computes their values on a worker thread, stores set, samples and values in one transaction,
 * then publishes a {@code scores} event. The offset is committed only after all of that. A record that cannot be parsed
 * goes to {@code sample-sets-dlq}; a failed set is stored (so it is visible) but has nothing to score.
 */
@ApplicationScoped
public class SampleSetConsumer {

    static final String CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(SampleSetConsumer.class);

    private final ScoreStore store;
    private final MutinyEmitter<String> scores;
    private final Vertx vertx;
    private final ConsumerMetrics metrics;

    public SampleSetConsumer(
            ScoreStore store,
            @Channel("scores-out") MutinyEmitter<String> scores,
            Vertx vertx,
            ConsumerMetrics metrics) {
        this.store = store;
        this.scores = scores;
        this.vertx = vertx;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        SampleSet set;
        try {
            set = EventJson.read(json, SampleSet.class);
        } catch (RuntimeException e) {
            metrics.failed(CHANNEL);
            LOG.warnf("dead-lettering a sample set: %s", e.getMessage());
            throw e;
        }
        Uni<List<ScoreValue>> values = set.failed()
                ? Uni.createFrom().item(List.of())
                : vertx.executeBlocking(Uni.createFrom().item(() -> SetScorer.score(set.samples())));
        return values.chain(computed -> {
                    Instant at = Instant.now();
                    return store.store(set, computed, at)
                            .chain(() -> set.failed()
                                    ? Uni.createFrom().voidItem()
                                    : scores.sendMessage(KeyedMessages.of(
                                            set.key(),
                                            EventJson.write(new SetScored(
                                                    SchemaVersions.V1,
                                                    set.runId(),
                                                    set.promptId(),
                                                    set.variant(),
                                                    computed,
                                                    at)))));
                })
                .onFailure(TransientFailures::isTransient)
                .retry()
                .withBackOff(Duration.ofMillis(250), Duration.ofSeconds(10))
                .atMost(10)
                .onItemOrFailure()
                .invoke((ok, failure) -> {
                    if (failure == null) {
                        metrics.processed(CHANNEL);
                    } else {
                        metrics.failed(CHANNEL);
                    }
                });
    }
}
