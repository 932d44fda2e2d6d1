package dev.overton.icl.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.Prompt;
import dev.overton.contracts.files.FileSandbox;
import dev.overton.icl.config.IclConfig;
import dev.overton.icl.hints.ExtractiveSummarizer;
import dev.overton.icl.hints.persistence.SummaryStore;
import dev.overton.icl.orchestration.persistence.OrchestrationStore;
import dev.overton.support.log.LogSafe;
import dev.overton.support.reactive.InOrder;
import dev.overton.support.sweep.Sweeps;

/**
 * Drives the in-context variants of runs: when a variant's inputs have all arrived (the run's prompts, the reference's
 * sets for every prompt if the variant uses them, and the summaries variant's sets if it names one), builds its prompts
 * ({@link IclRunBuilder}, on a worker thread), claims a request row per (prompt, variant) in the database, sends the
 * requests it claimed on {@code generation-requests} and marks them sent. A prompt that cannot be built (over budget,
 * no summary) is stored as failed and published as a failed sample set, so it is visible downstream.
 *
 * <p>A variant with a {@code summarizer} model first has its summary hints written: for every prompt whose reference
 * answer has arrived, a completion request sent by {@link SummaryRequestSender}. The answers are stored by the
 * completions consumer; a prompt is built once its summary is settled (completed, or failed: then the prompt fails
 * with the reason), or — when the examples carry the run's own summaries — once every prompt's summary is. What a
 * build produced (requests, failed sets) is published by {@link GenerationRequestSender}.
 *
 * <p>Work is found by a periodic sweep rather than by the consumers, so that it survives restarts and never races a
 * consumer's transaction: each sweep re-sends rows built but not marked sent for {@code overton.orchestration
 * .resend-after} (the broker or the instance went away between the two; the generator is idempotent), then advances
 * every recent run that has requests left to build. A row, once sent or failed, is never sent again. One run that cannot
 * be advanced (its stored spec unreadable, a row that fails) is skipped with a logged reason; it never stops the sweep
 * for the other runs.
 */
@ApplicationScoped
public class IclOrchestrator {

    private static final Logger LOG = Logger.getLogger(IclOrchestrator.class);
    private static final Duration RUN_HORIZON = Duration.ofDays(7);

    private final OrchestrationStore store;
    private final SummaryStore summaries;
    private final GenerationRequestSender sender;
    private final SummaryRequestSender summaryRequests;
    private final TextEmbedders embedders;
    private final Vertx vertx;
    private final IclConfig config;

    public IclOrchestrator(
            OrchestrationStore store,
            SummaryStore summaries,
            GenerationRequestSender sender,
            SummaryRequestSender summaryRequests,
            TextEmbedders embedders,
            Vertx vertx,
            IclConfig config) {
        this.store = store;
        this.summaries = summaries;
        this.sender = sender;
        this.summaryRequests = summaryRequests;
        this.embedders = embedders;
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
        Instant before = now.minus(config.orchestration().resendAfter());
        return sender.resendUnsent(before)
                .chain(() -> summaryRequests.resendUnsent(before))
                .chain(() -> store.runsWithWork(now.minus(RUN_HORIZON)))
                .chain(runs -> InOrder.each(runs, this::advanceOrSkip))
                .plug(Sweeps.logFailure(LOG, "in-context sweep failed, will try again"));
    }

    /**
     * {@link #advance} for one run of a sweep: a run whose stored rows fail it (it fails again on the next sweep) must
     * not keep the runs after it from being advanced, so its failure is logged and the sweep goes on.
     */
    private Uni<Void> advanceOrSkip(String runId) {
        return advance(runId)
                .plug(Sweeps.logFailure(
                        LOG, "run %s: in-context work failed, will try again on the next sweep", runId));
    }

    /** Requests the summaries, then builds and sends whatever the run's ready in-context variants still lack. */
    public Uni<Void> advance(String runId) {
        return store.run(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().voidItem();
            }
            List<IclSettings> settings = IclSettings.parse(run.spec()).settings();
            String reference = run.spec().reference();
            int promptCount = run.promptIds().size();
            return store.progress(runId).chain(progress -> {
                List<IclSettings> open = settings.stream()
                        .filter(s -> progress.requests().getOrDefault(s.name(), 0L) < promptCount)
                        .toList();
                List<IclSettings> summarizing =
                        open.stream().filter(s -> s.summarizer() != null).toList();
                List<IclSettings> ready = open.stream()
                        .filter(s -> ready(s, reference, promptCount, progress))
                        .toList();
                if (summarizing.isEmpty() && ready.isEmpty()) {
                    return Uni.createFrom().voidItem();
                }
                Set<String> variants = new HashSet<>();
                variants.add(reference);
                ready.stream().filter(s -> s.summariesFrom() != null).forEach(s -> variants.add(s.summariesFrom()));
                return store.inputs(runId, variants)
                        .chain(inputs -> summaries
                                .states(runId)
                                .chain(states -> summaryRequests
                                        .requestSummaries(runId, reference, summarizing, inputs, states)
                                        .chain(() -> buildReady(runId, reference, ready, inputs, states))));
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

    /** Builds the ready variants, each over the prompts that have no row yet and whose summary hint is settled. */
    private Uni<Void> buildReady(
            String runId,
            String reference,
            List<IclSettings> ready,
            OrchestrationStore.Inputs inputs,
            Map<String, Map<String, SummaryStore.State>> states) {
        List<Uni<Void>> builds = new ArrayList<>();
        for (IclSettings s : ready) {
            Set<String> skip = new HashSet<>(inputs.done().getOrDefault(s.name(), Set.of()));
            Map<String, String> summaryTexts =
                    s.summariesFrom() == null ? Map.of() : inputs.answers().getOrDefault(s.summariesFrom(), Map.of());
            Map<String, String> summaryFailures = Map.of();
            if (s.summarizer() != null) {
                Map<String, SummaryStore.State> mine =
                        states.getOrDefault(s.summarizer().id(), Map.of());
                Set<String> unsettled = unsettled(inputs, reference, mine);
                if (s.examplesUseRunSummaries() && !unsettled.isEmpty()) {
                    continue; // its examples show other prompts' summaries: wait for all of them
                }
                skip.addAll(unsettled);
                Map<String, String> texts = new HashMap<>();
                Map<String, String> failures = new HashMap<>();
                mine.forEach((promptId, state) -> {
                    if (SummaryStore.COMPLETED.equals(state.status())) {
                        texts.put(promptId, state.summary());
                    } else if (SummaryStore.FAILED.equals(state.status())) {
                        failures.put(promptId, state.error());
                    }
                });
                summaryTexts = texts;
                summaryFailures = failures;
            }
            if (inputs.prompts().stream().allMatch(p -> skip.contains(p.id()))) {
                continue;
            }
            builds.add(buildAndSend(runId, reference, s, inputs, summaryTexts, summaryFailures, skip));
        }
        return InOrder.each(builds, build -> build);
    }

    /**
     * The prompts whose summary by this summarizer is not settled yet: asked and unanswered, or not asked because the
     * reference's set has not arrived. A prompt whose reference set arrived without an answer is settled (it fails
     * with that reason when built).
     */
    private static Set<String> unsettled(
            OrchestrationStore.Inputs inputs, String reference, Map<String, SummaryStore.State> mine) {
        Set<String> arrived = inputs.arrived().getOrDefault(reference, Set.of());
        Map<String, String> answers = inputs.answers().getOrDefault(reference, Map.of());
        Set<String> unsettled = new HashSet<>();
        for (Prompt p : inputs.prompts()) {
            SummaryStore.State state = mine.get(p.id());
            String answer = answers.get(p.id());
            boolean noAnswer = arrived.contains(p.id()) && (answer == null || answer.isBlank());
            if (!(state != null && state.settled()) && !noAnswer) {
                unsettled.add(p.id());
            }
        }
        return unsettled;
    }

    private Uni<Void> buildAndSend(
            String runId,
            String reference,
            IclSettings settings,
            OrchestrationStore.Inputs inputs,
            Map<String, String> summaryTexts,
            Map<String, String> summaryFailures,
            Set<String> skip) {
        Instant now = Instant.now();
        FileSandbox files = FileSandbox.fromConfig(
                config.files().baseDir(),
                config.files().allowedDirs().orElse(List.of()),
                config.files().maxFileSize().asLongValue(),
                "icl-service");
        // On the worker thread: nearest-neighbour selection embeds the run's texts (and loads the model on first use).
        return vertx.executeBlocking(Uni.createFrom()
                        .item(() -> IclRunBuilder.build(
                                settings,
                                new IclRunBuilder.Inputs(
                                        runId,
                                        inputs.prompts(),
                                        inputs.answers().getOrDefault(reference, Map.of()),
                                        summaryTexts,
                                        summaryFailures,
                                        embedders.forSelection(),
                                        ExtractiveSummarizer.standard(),
                                        path -> IclRunBuilder.readFile(files, path)),
                                skip,
                                now)))
                .onFailure(IllegalArgumentException.class)
                .recoverWithItem(e -> {
                    // The variant's own files are unusable: every prompt fails with the reason, once.
                    LOG.warnf(
                            "run %s: in-context variant %s cannot be built: %s",
                            runId, LogSafe.quote(settings.name()), LogSafe.quote(e.getMessage()));
                    return inputs.prompts().stream()
                            .filter(p -> !skip.contains(p.id()))
                            .map(p -> IclRunBuilder.Planned.failed(p.id(), settings.name(), e.getMessage()))
                            .toList();
                })
                .chain(planned -> store.claim(runId, planned, now)
                        .invoke(claimed -> log(runId, settings.name(), planned.size(), claimed)))
                .chain(claimed -> sender.publish(runId, claimed));
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
}
