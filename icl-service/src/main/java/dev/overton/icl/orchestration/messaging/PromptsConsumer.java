package dev.overton.icl.orchestration.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.GenerationRequest;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code generation-requests} (its own consumer group) to learn each run's prompts: the run event carries only
 * prompt ids, and services meet only on topics, so the messages an in-context prompt asks come from the requests the
 * generator publishes for the run's ordinary variants. Records are keyed by run and prompt, and recording is
 * insert-if-absent, so redeliveries and this service's own requests change nothing.
 */
@ApplicationScoped
public class PromptsConsumer {

    static final String CHANNEL = "generation-requests-in";
    private static final Logger LOG = Logger.getLogger(PromptsConsumer.class);

    private final OrchestrationStore store;
    private final ConsumerMetrics metrics;

    public PromptsConsumer(OrchestrationStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, GenerationRequest.class, metrics, LOG, request -> {
            if (request.renderedPrompt() != null) {
                return Uni.createFrom().voidItem(); // an in-context request: its prompt is known already
            }
            return store.recordPrompt(request);
        });
    }
}
