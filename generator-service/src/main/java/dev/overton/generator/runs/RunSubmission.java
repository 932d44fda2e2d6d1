package dev.overton.generator.runs;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.MonitorWindow;
import dev.overton.generator.runs.messaging.RunPublisher;
import dev.overton.generator.runs.persistence.RunStore;
import dev.overton.support.log.LogSafe;

/**
 * The one path by which an accepted run enters the system, for {@code POST /runs} and for monitor windows alike: store
 * it, then publish it. If publishing fails the run is still accepted and the outbox sweep publishes it later.
 */
@ApplicationScoped
public class RunSubmission {

    private static final Logger LOG = Logger.getLogger(RunSubmission.class);

    private final RunStore runs;
    private final RunPublisher publisher;
    private final MeterRegistry registry;

    public RunSubmission(RunStore runs, RunPublisher publisher, MeterRegistry registry) {
        this.runs = runs;
        this.publisher = publisher;
        this.registry = registry;
    }

    /** Stores a run (its id must be new), then publishes it; only storing may fail. */
    public Uni<Void> submit(String runId, Instant createdAt, AcceptedRun accepted) {
        return store(runId, createdAt, accepted, null).chain(() -> publish(runId, createdAt, accepted, null));
    }

    /**
     * Stores a run, recording which monitor window it is.
     *
     * @param window the monitor window, or {@code null}
     */
    public Uni<Void> store(String runId, Instant createdAt, AcceptedRun accepted, MonitorWindow window) {
        return runs.insert(runId, accepted, createdAt, window).invoke(() -> {
            registry.counter("overton.runs.accepted").increment();
            LOG.infof(
                    "run %s %s accepted: %d prompts, variants %s",
                    runId,
                    LogSafe.quote(accepted.spec().name()),
                    accepted.prompts().size(),
                    accepted.spec().variants().stream()
                            .map(v -> LogSafe.quote(v.name()))
                            .toList());
        });
    }

    /** Publishes a stored run; a failure is logged and left to the outbox sweep. */
    public Uni<Void> publish(String runId, Instant createdAt, AcceptedRun accepted, MonitorWindow window) {
        return publisher
                .publish(runId, createdAt, accepted.spec(), accepted.prompts(), window)
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf(
                            "run %s stored but not yet published (%s); the outbox sweep will retry",
                            runId, LogSafe.quote(e));
                    return Uni.createFrom().voidItem();
                });
    }
}
