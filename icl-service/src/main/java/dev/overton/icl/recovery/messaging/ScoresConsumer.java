package dev.overton.icl.recovery.messaging;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SetScored;
import dev.overton.icl.recovery.PairValue;
import dev.overton.icl.recovery.persistence.RecoveryStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code scores} (consumer group {@code icl-service-scores}) and stores the between-variant values: those with
 * a {@code reference} and a {@code sample}, whatever their metric, so that new pair measures of the scorer enter the
 * verdict without a change here. Within-set values are acknowledged and skipped. Unparsable records go to {@code
 * scores-dlq}; database outages are retried.
 */
@ApplicationScoped
public class ScoresConsumer {

    static final String CHANNEL = "scores-in";
    private static final Logger LOG = Logger.getLogger(ScoresConsumer.class);

    private final RecoveryStore store;
    private final ConsumerMetrics metrics;

    public ScoresConsumer(RecoveryStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, SetScored.class, metrics, LOG, scored -> {
            List<PairValue> pairs = pairValues(scored);
            if (pairs.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return store.store(scored.runId(), pairs, Instant.now());
        });
    }

    /** The between-variant values of an event. */
    static List<PairValue> pairValues(SetScored scored) {
        return scored.values().stream()
                .filter(v -> v.reference() != null && v.sample() != null && v.metric() != null)
                .map(v -> new PairValue(
                        scored.promptId(), scored.variant(), v.reference(), v.metric(), v.sample(), v.value()))
                .toList();
    }
}
