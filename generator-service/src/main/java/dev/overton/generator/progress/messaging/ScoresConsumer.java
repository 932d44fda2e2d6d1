package dev.overton.generator.progress.messaging;

import java.time.Duration;
import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SetScored;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.messaging.ConsumerMetrics;
import dev.overton.generator.messaging.TransientFailures;
import dev.overton.generator.sampling.persistence.SampleSetStore;

/**
 * Follows the scorer's {@code scores} events so that {@code GET /runs/{id}} can say how many sample sets were scored.
 * Marking a set scored is idempotent.
 */
@ApplicationScoped
public class ScoresConsumer {

    static final String CHANNEL = "scores-in";
    private static final Logger LOG = Logger.getLogger(ScoresConsumer.class);

    private final SampleSetStore store;
    private final ConsumerMetrics metrics;

    public ScoresConsumer(SampleSetStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        SetScored scored;
        try {
            scored = EventJson.read(json, SetScored.class);
        } catch (RuntimeException e) {
            metrics.failed(CHANNEL);
            LOG.warnf("dead-lettering a scores record: %s", e.getMessage());
            throw e;
        }
        Instant at = scored.scoredAt() == null ? Instant.now() : scored.scoredAt();
        return store.markScored(scored.runId(), scored.promptId(), scored.variant(), at)
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
