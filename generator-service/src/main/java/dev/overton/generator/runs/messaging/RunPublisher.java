package dev.overton.generator.runs.messaging;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.MonitorWindow;
import dev.overton.contracts.Prompt;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Publishes a stored run: its {@code runs} event, then one generation request per (prompt, variant). The run is
 * marked published only when Kafka acknowledged every record; until then the outbox sweep publishes it again (the
 * consumers are idempotent, so a repeat is harmless).
 */
@ApplicationScoped
public class RunPublisher {

    private static final Logger LOG = Logger.getLogger(RunPublisher.class);
    private static final int IN_FLIGHT = 64;

    private final MutinyEmitter<String> runs;
    private final MutinyEmitter<String> requests;
    private final RunStore store;

    public RunPublisher(
            @Channel("runs-out") MutinyEmitter<String> runs,
            @Channel("generation-requests-out") MutinyEmitter<String> requests,
            RunStore store) {
        this.runs = runs;
        this.requests = requests;
        this.store = store;
    }

    /** Publishes the run and its requests, then marks it published. */
    public Uni<Void> publish(String runId, Instant createdAt, RunSpec spec, List<Prompt> prompts) {
        return publish(runId, createdAt, spec, prompts, null);
    }

    /**
     * Publishes the run and its requests, then marks it published.
     *
     * @param window the monitor window the run is, or {@code null}
     */
    public Uni<Void> publish(
            String runId, Instant createdAt, RunSpec spec, List<Prompt> prompts, MonitorWindow window) {
        RunCreated created = new RunCreated(
                SchemaVersions.V1,
                runId,
                createdAt,
                spec,
                prompts.stream().map(Prompt::id).toList(),
                window);
        List<GenerationRequest> all = prompts.stream()
                .flatMap(p -> spec.variants().stream().map(v -> request(runId, spec, p, v)))
                .toList();
        return runs.sendMessage(KeyedMessages.of(runId, EventJson.write(created)))
                .chain(() -> Multi.createFrom()
                        .iterable(all)
                        .onItem()
                        .transformToUni(r -> requests.sendMessage(KeyedMessages.of(r.key(), EventJson.write(r))))
                        .merge(IN_FLIGHT)
                        .collect()
                        .last())
                .chain(() -> store.markPublished(runId, Instant.now()))
                .invoke(() -> LOG.infof(
                        "run %s published: %d generation requests (%d prompts x %d variants)",
                        runId, all.size(), prompts.size(), spec.variants().size()));
    }

    private static GenerationRequest request(String runId, RunSpec spec, Prompt prompt, VariantSpec variant) {
        return new GenerationRequest(
                SchemaVersions.V1, runId, prompt, variant, variant.name().equals(spec.reference()), Instant.now());
    }
}
