package dev.overton.icl.orchestration.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.SampleSet;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code sample-sets} and records sample 0 of every set, or its failure: the reference (teacher) variant's
 * answers are the example pool and the material of summaries, and a {@code summaries_from} variant's answers are the
 * summaries. Which variant plays which role is decided when prompts are built, so nothing here depends on the run
 * event having arrived first.
 */
@ApplicationScoped
public class AnswersConsumer {

    static final String CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(AnswersConsumer.class);

    private final OrchestrationStore store;
    private final ConsumerMetrics metrics;

    public AnswersConsumer(OrchestrationStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, SampleSet.class, metrics, LOG, set -> {
            return store.recordAnswer(set)
                    .invoke(() -> LOG.debugf(
                            "run %s: %s set of %s for prompt %s recorded",
                            set.runId(), set.status(), set.variant(), set.promptId()));
        });
    }
}
