package dev.overton.icl.orchestration.messaging;

import java.time.Duration;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.messaging.ConsumerMetrics;
import dev.overton.icl.messaging.TransientFailures;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;

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
        GenerationRequest request;
        try {
            request = EventJson.read(json, GenerationRequest.class);
        } catch (RuntimeException e) {
            metrics.failed(CHANNEL);
            LOG.warnf("dead-lettering a generation request: %s", e.getMessage());
            throw e;
        }
        if (request.renderedPrompt() != null) {
            metrics.processed(CHANNEL);
            return Uni.createFrom().voidItem(); // an in-context request: its prompt is known already
        }
        return store.recordPrompt(request)
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
