package dev.overton.icl.orchestration;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.support.messaging.KeyedMessages;
import dev.overton.support.reactive.InOrder;

/**
 * Publishes what building an in-context variant produced for its claimed rows: a generation request on {@code
 * generation-requests} (then marks its row sent), or, for a prompt that could not be built, a failed sample set on
 * {@code sample-sets} so the failure is visible downstream. Rows claimed but never marked sent (the broker or the
 * instance went away in between) are re-sent by {@link #resendUnsent}; the generator is idempotent.
 */
@ApplicationScoped
public class GenerationRequestSender {

    private static final Logger LOG = Logger.getLogger(GenerationRequestSender.class);

    private final OrchestrationStore store;
    private final MutinyEmitter<String> requests;
    private final MutinyEmitter<String> failedSets;

    public GenerationRequestSender(
            OrchestrationStore store,
            @Channel("generation-requests-out") MutinyEmitter<String> requests,
            @Channel("sample-sets-out") MutinyEmitter<String> failedSets) {
        this.store = store;
        this.requests = requests;
        this.failedSets = failedSets;
    }

    /** Publishes every claimed row, in order: its request, or its failure. */
    public Uni<Void> publish(String runId, List<IclRunBuilder.Planned> claimed) {
        return InOrder.each(claimed, p -> p.request() == null ? publishFailure(runId, p) : send(p.request()));
    }

    /** Re-sends the requests built before {@code before} and never marked sent. */
    public Uni<Void> resendUnsent(Instant before) {
        return store.unsent(before, 500)
                .chain(unsent -> InOrder.each(unsent, r -> {
                    LOG.infof(
                            "run %s: re-sending in-context request %s/%s",
                            r.runId(), r.prompt().id(), r.variant().name());
                    return send(r);
                }));
    }

    private Uni<Void> send(GenerationRequest request) {
        return requests.sendMessage(KeyedMessages.of(request.key(), EventJson.write(request)))
                .chain(() -> store.markSent(
                        request.runId(),
                        request.prompt().id(),
                        request.variant().name(),
                        Instant.now()));
    }

    private Uni<Void> publishFailure(String runId, IclRunBuilder.Planned p) {
        SampleSet failed = new SampleSet(
                SchemaVersions.V1,
                runId,
                p.promptId(),
                p.variant(),
                false,
                SampleSet.FAILED,
                "in-context prompt not built: " + p.failure(),
                List.of(),
                Instant.now());
        return failedSets.sendMessage(KeyedMessages.of(failed.key(), EventJson.write(failed)));
    }
}
