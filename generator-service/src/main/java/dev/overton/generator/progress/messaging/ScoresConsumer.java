package dev.overton.generator.progress.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SetScored;
import dev.overton.generator.sampling.persistence.SampleSetStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

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
        return InboundRecords.handle(CHANNEL, json, SetScored.class, metrics, LOG, scored -> {
            Instant at = scored.scoredAt() == null ? Instant.now() : scored.scoredAt();
            return store.markScored(scored.runId(), scored.promptId(), scored.variant(), at);
        });
    }
}
