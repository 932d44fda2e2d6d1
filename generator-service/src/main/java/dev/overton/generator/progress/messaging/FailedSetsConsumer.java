package dev.overton.generator.progress.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SampleSet;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.generator.sampling.persistence.SampleSetStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Records failed sample sets that other services published, so that a run's progress counts them and the run can
 * reach {@code complete}: icl-service publishes a failed set when an in-context prompt cannot be built (e.g. it would
 * not fit the model's context) and no generation request is ever sent. The generator's own sets are already stored
 * and are skipped; sets of runs this generator does not hold are skipped too.
 */
@ApplicationScoped
public class FailedSetsConsumer {

    static final String CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(FailedSetsConsumer.class);

    private final SampleSetStore store;
    private final RunStore runs;
    private final ConsumerMetrics metrics;

    public FailedSetsConsumer(SampleSetStore store, RunStore runs, ConsumerMetrics metrics) {
        this.store = store;
        this.runs = runs;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, SampleSet.class, metrics, LOG, set -> {
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
