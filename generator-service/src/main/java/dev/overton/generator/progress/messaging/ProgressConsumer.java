package dev.overton.generator.progress.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SetScored;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.sampling.persistence.SampleSetStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Follows what other services report about a run's sample sets, so that {@code GET /runs/{id}} counts them:
 *
 * <ul>
 *   <li>the scorer's {@code scores} events say how many sets were scored; marking a set scored is idempotent;
 *   <li>failed sample sets other services published let the run reach {@code complete}: icl-service publishes a failed
 *       set when an in-context prompt cannot be built (e.g. it would not fit the model's context) and no generation
 *       request is ever sent. The generator's own sets are already stored and are skipped; sets of runs this generator
 *       does not hold are skipped too.
 * </ul>
 */
@ApplicationScoped
public class ProgressConsumer {

    static final String SCORES_CHANNEL = "scores-in";

    static final String SETS_CHANNEL = "sample-sets-in";

    private static final Logger LOG = Logger.getLogger(ProgressConsumer.class);

    private final SampleSetStore store;
    private final RunStore runs;
    private final ConsumerMetrics metrics;

    public ProgressConsumer(SampleSetStore store, RunStore runs, ConsumerMetrics metrics) {
        this.store = store;
        this.runs = runs;
        this.metrics = metrics;
    }

    @Incoming(SCORES_CHANNEL)
    public Uni<Void> consumeScored(String json) {
        return InboundRecords.handle(SCORES_CHANNEL, json, SetScored.class, metrics, LOG, scored -> {
            Instant at = scored.scoredAt() == null ? Instant.now() : scored.scoredAt();
            return store.markScored(scored.runId(), scored.promptId(), scored.variant(), at);
        });
    }

    @Incoming(SETS_CHANNEL)
    public Uni<Void> consumeSet(String json) {
        return InboundRecords.handle(SETS_CHANNEL, json, SampleSet.class, metrics, LOG, set -> {
            if (!set.failed()) {
                return Uni.createFrom().voidItem();
            }
            return runs.find(set.runId()).chain(run -> {
                if (run == null) {
                    LOG.debugf("failed set of unknown run %s skipped", set.runId());
                    return Uni.createFrom().voidItem();
                }
                return store.insert(set);
            });
        });
    }
}
