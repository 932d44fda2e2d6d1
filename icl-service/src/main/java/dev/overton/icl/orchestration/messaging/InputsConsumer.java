package dev.overton.icl.orchestration.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.SampleSet;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes what in-context prompts are built from, each into {@link OrchestrationStore}; nothing here depends on the
 * run event or on the other channel having arrived first (which variant plays which role is decided when prompts are
 * built):
 *
 * <ul>
 *   <li>{@code generation-requests} (its own consumer group), to learn each run's prompts: the run event carries only
 *       prompt ids, and services meet only on topics, so the messages an in-context prompt asks come from the requests
 *       the generator publishes for the run's ordinary variants. Records are keyed by run and prompt, and recording is
 *       insert-if-absent, so redeliveries and this service's own requests change nothing;
 *   <li>{@code sample-sets}: sample 0 of every set, or its failure. The reference (teacher) variant's answers are the
 *       example pool and the material of summaries, and a {@code summaries_from} variant's answers are the summaries.
 * </ul>
 */
@ApplicationScoped
public class InputsConsumer {

    static final String PROMPTS_CHANNEL = "generation-requests-in";
    static final String ANSWERS_CHANNEL = "sample-sets-in";
    private static final Logger LOG = Logger.getLogger(InputsConsumer.class);

    private final OrchestrationStore store;
    private final ConsumerMetrics metrics;

    public InputsConsumer(OrchestrationStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(PROMPTS_CHANNEL)
    public Uni<Void> consumePrompt(String json) {
        return InboundRecords.handle(PROMPTS_CHANNEL, json, GenerationRequest.class, metrics, LOG, request -> {
            if (request.renderedPrompt() != null) {
                return Uni.createFrom().voidItem(); // an in-context request: its prompt is known already
            }
            return store.recordPrompt(request);
        });
    }

    @Incoming(ANSWERS_CHANNEL)
    public Uni<Void> consumeAnswer(String json) {
        return InboundRecords.handle(ANSWERS_CHANNEL, json, SampleSet.class, metrics, LOG, set -> {
            return store.recordAnswer(set)
                    .invoke(() -> LOG.debugf(
                            "run %s: %s set of %s for prompt %s recorded",
                            set.runId(), set.status(), set.variant(), set.promptId()));
        });
    }
}
