package dev.overton.icl.planning.messaging;

import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SampleSet;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.messaging.ConsumerMetrics;
import dev.overton.icl.messaging.TransientFailures;
import dev.overton.icl.planning.persistence.PlanStore;

/**
 * Consumes {@code sample-sets} and records the reference variant's generated sets: they are the teacher answers that
 * in-context prompts will be built from. Other sets are acknowledged and skipped.
 */
@ApplicationScoped
public class TeacherSetsConsumer {

    static final String CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(TeacherSetsConsumer.class);

    private final PlanStore store;
    private final ConsumerMetrics metrics;

    public TeacherSetsConsumer(PlanStore store, ConsumerMetrics metrics) {
        this.store = store;
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
        if (!set.reference() || set.failed()) {
            metrics.processed(CHANNEL);
            return Uni.createFrom().voidItem();
        }
        return store.recordTeacherSet(set)
                .invoke(() -> LOG.debugf("run %s: teacher set for prompt %s recorded", set.runId(), set.promptId()))
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
