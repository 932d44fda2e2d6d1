package dev.overton.icl.orchestration;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.json.EventJson;
import dev.overton.icl.config.IclConfig;
import dev.overton.icl.hints.ExtractiveSummarizer;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.icl.selection.TfIdfEmbedder;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Drives the in-context variants of runs: when a variant's inputs have all arrived (the run's prompts, the reference's
 * sets for every prompt if the variant uses them, and the summaries variant's sets if it names one), builds its prompts
 * ({@link IclRunBuilder}, on a worker thread), claims a request row per (prompt, variant) in the database, sends the
 * requests it claimed on {@code generation-requests} and marks them sent. A prompt that cannot be built (over budget,
 * no summary) is stored as failed and published as a failed sample set, so it is visible downstream.
 *
 * <p>Work is found by a periodic sweep rather than by the consumers, so that it survives restarts and never races a
 * consumer's transaction: each sweep re-sends rows built but not marked sent for {@code overton.orchestration
 * .resend-after} (the broker or the instance went away between the two; the generator is idempotent), then advances
 * every recent run that has requests left to build. A row, once sent or failed, is never sent again.
 */
@ApplicationScoped
public class IclOrchestrator {

    private static final Logger LOG = Logger.getLogger(IclOrchestrator.class);
    private static final Duration RUN_HORIZON = Duration.ofDays(7);

    private final OrchestrationStore store;
    private final MutinyEmitter<String> requests;
    private final MutinyEmitter<String> failedSets;
    private final Vertx vertx;
    private final IclConfig config;

    public IclOrchestrator(
            OrchestrationStore store,
            @Channel("generation-requests-out") MutinyEmitter<String> requests,
            @Channel("sample-sets-out") MutinyEmitter<String> failedSets,
            Vertx vertx,
            IclConfig config) {
        this.store = store;
        this.requests = requests;
        this.failedSets = failedSets;
        this.vertx = vertx;
        this.config = config;
    }

    /** Re-sends stranded requests, then advances every run with work left. */
    @Scheduled(
            every = "${overton.orchestration.sweep-every:15s}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Emitters are wired while the application starts; a sweep before that would break startup.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> sweep() {
        Instant now = Instant.now();
        return resendUnsent(now.minus(config.orchestration().resendAfter()))
                .chain(() -> store.runsWithWork(now.minus(RUN_HORIZON)))
                .onItem()
                .transformToMulti(runs -> Multi.createFrom().iterable(runs))
                .onItem()
                .transformToUniAndConcatenate(this::advance)
                .collect()
                .last()
                .replaceWithVoid()
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("in-context sweep failed, will try again: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Builds and sends whatever the run's ready in-context variants still lack. */
    public Uni<Void> advance(String runId) {
        return store.run(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().voidItem();
            }
            List<IclSettings> settings = IclSettings.parse(run.spec()).settings();
            return store.progress(runId).chain(progress -> {
                List<IclSettings> ready = settings.stream()
                        .filter(s -> progress.requests().getOrDefault(s.name(), 0L)
                                < run.promptIds().size())
                        .filter(s ->
                                ready(s, run.spec().reference(), run.promptIds().size(), progress))
                        .toList();
                if (ready.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                Set<String> variants = new HashSet<>();
                variants.add(run.spec().reference());
                ready.stream().filter(s -> s.summariesFrom() != null).forEach(s -> variants.add(s.summariesFrom()));
                return store.inputs(runId, variants)
                        .chain(inputs -> Multi.createFrom()
                                .iterable(ready)
                                .onItem()
                                .transformToUniAndConcatenate(
                                        s -> buildAndSend(runId, run.spec().reference(), s, inputs))
                                .collect()
                                .last()
                                .replaceWithVoid());
            });
        });
    }

    private static boolean ready(
            IclSettings s, String reference, int promptCount, OrchestrationStore.Progress progress) {
        if (progress.prompts() < promptCount) {
            return false;
        }
        if (s.needsTeacher() && progress.answers().getOrDefault(reference, 0L) < promptCount) {
            return false;
        }
        return s.summariesFrom() == null || progress.answers().getOrDefault(s.summariesFrom(), 0L) >= promptCount;
    }

    private Uni<Void> buildAndSend(
            String runId, String reference, IclSettings settings, OrchestrationStore.Inputs inputs) {
        Instant now = Instant.now();
        Path baseDir = Path.of(config.files().baseDir());
        IclRunBuilder.Inputs in = new IclRunBuilder.Inputs(
                runId,
                inputs.prompts(),
                inputs.answers().getOrDefault(reference, Map.of()),
                settings.summariesFrom() == null
                        ? Map.of()
                        : inputs.answers().getOrDefault(settings.summariesFrom(), Map.of()),
                new TfIdfEmbedder(),
                ExtractiveSummarizer.standard(),
                path -> IclRunBuilder.readFile(baseDir.resolve(path)));
        Set<String> done = inputs.done().getOrDefault(settings.name(), Set.of());
        return vertx.executeBlocking(Uni.createFrom().item(() -> IclRunBuilder.build(settings, in, done, now)))
                .onFailure(IllegalArgumentException.class)
                .recoverWithItem(e -> {
                    // The variant's own files are unusable: every prompt fails with the reason, once.
                    LOG.warnf(
                            "run %s: in-context variant %s cannot be built: %s",
                            runId, settings.name(), e.getMessage());
                    return inputs.prompts().stream()
                            .filter(p -> !done.contains(p.id()))
                            .map(p -> new IclRunBuilder.Planned(
                                    p.id(), settings.name(), null, e.getMessage(), List.of(), List.of(), 0))
                            .toList();
                })
                .chain(planned -> store.claim(runId, planned, now)
                        .invoke(claimed -> log(runId, settings.name(), planned.size(), claimed)))
                .chain(claimed -> {
                    return Multi.createFrom()
                            .iterable(claimed)
                            .onItem()
                            .transformToUniAndConcatenate(
                                    p -> p.request() == null ? publishFailure(runId, p) : send(p.request()))
                            .collect()
                            .last()
                            .replaceWithVoid();
                });
    }

    private static void log(String runId, String variant, int planned, List<IclRunBuilder.Planned> claimed) {
        long failed = claimed.stream().filter(p -> p.request() == null).count();
        LOG.infof(
                "run %s: in-context variant %s: %d prompt(s) built, %d failed%s",
                runId,
                variant,
                claimed.size() - failed,
                failed,
                planned > claimed.size()
                        ? " (" + (planned - claimed.size()) + " already claimed by another instance)"
                        : "");
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

    private Uni<Void> resendUnsent(Instant before) {
        return store.unsent(before, 500)
                .onItem()
                .transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem()
                .transformToUniAndConcatenate(r -> {
                    LOG.infof(
                            "run %s: re-sending in-context request %s/%s",
                            r.runId(), r.prompt().id(), r.variant().name());
                    return send(r);
                })
                .collect()
                .last()
                .replaceWithVoid();
    }
}
