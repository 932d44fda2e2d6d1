package dev.overton.scorer.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.MonitorDefined;
import dev.overton.contracts.MonitorSpec;
import dev.overton.contracts.SampleSet;
import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.scorer.compare.CompareProblem;
import dev.overton.scorer.compare.CompareQuery;
import dev.overton.scorer.compare.Comparison;
import dev.overton.scorer.compare.PromptValue;
import dev.overton.scorer.compare.RunComparison;
import dev.overton.scorer.compare.persistence.CompareStore;
import dev.overton.scorer.compare.rest.CompareResource;
import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.monitor.messaging.AlarmPublisher;
import dev.overton.scorer.monitor.persistence.MonitorStore;
import dev.overton.scorer.scoring.RunAggregator;
import dev.overton.support.reactive.InOrder;

/**
 * Evaluates monitor windows once every set of them is scored: stores each window's means and intervals, compares it
 * with the monitor's baseline by {@link RunComparison} (paired over shared prompts, Benjamini–Hochberg over the alarm
 * metrics × variants), decides its alarms ({@link AlarmDecision}), writes all of it once ({@link MonitorStore#record})
 * and publishes the alarm changes on {@code alarms}. Called when a window's set is scored, when a window's run record
 * or its monitor's definition arrives (either may come last), and by a sweep that also publishes what a crash left in
 * the outbox. A window whose baseline is still being scored waits for the next call.
 */
@ApplicationScoped
public class WindowEvaluator {

    private static final Logger LOG = Logger.getLogger(WindowEvaluator.class);

    /** How old an unpublished alarm event must be before the sweep publishes it. */
    static final Duration UNPUBLISHED_AGE = Duration.ofSeconds(30);

    private final MonitorStore store;
    private final CompareStore values;
    private final AlarmPublisher publisher;
    private final ScorerConfig config;
    private final Vertx vertx;
    private final MeterRegistry registry;

    public WindowEvaluator(
            MonitorStore store,
            CompareStore values,
            AlarmPublisher publisher,
            ScorerConfig config,
            Vertx vertx,
            MeterRegistry registry) {
        this.store = store;
        this.values = values;
        this.publisher = publisher;
        this.config = config;
        this.vertx = vertx;
        this.registry = registry;
    }

    /**
     * Evaluates every due window and publishes what the outbox still holds after {@link #UNPUBLISHED_AGE} (what a crash
     * or a failed send left; a younger event is still being published by its evaluation); a failure is logged and left
     * to the next sweep.
     */
    @Scheduled(
            every = "${overton.monitors.sweep:10s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> sweep() {
        return evaluateDue(null)
                .chain(() -> store.unpublished(100, UNPUBLISHED_AGE))
                .chain(publisher::publishAll)
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf("monitor sweep failed, will try again: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Evaluates the due windows of one monitor ({@code null}: of every monitor), by monitor and window. */
    public Uni<Void> evaluateDue(String monitorId) {
        return store.dueWindows(monitorId).chain(due -> InOrder.each(due, this::evaluate));
    }

    /** Evaluates the due windows of {@code monitorId}, logging a failure (the sweep retries). */
    public Uni<Void> evaluateDueQuietly(String monitorId) {
        return evaluateDue(monitorId).onFailure().recoverWithUni(e -> {
            LOG.warnf("monitor %s: window evaluation failed, the sweep retries: %s", monitorId, e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Marks stored sets as wholly scored and, for each monitor whose window one of their runs is, evaluates the
     * monitor's due windows (these sets may have completed one). Only the mark's failure fails the caller.
     */
    public Uni<Void> setsScored(List<SampleSet> sets) {
        List<String[]> keys = new ArrayList<>(sets.size());
        for (SampleSet set : sets) {
            keys.add(new String[] {set.runId(), set.promptId(), set.variant()});
        }
        return store.markScored(keys).chain(monitors -> InOrder.each(monitors, this::evaluateDueQuietly));
    }

    private Uni<Void> evaluate(MonitorStore.DueWindow due) {
        MonitorDefined monitor = due.monitor();
        return store.baseline(
                        monitor.monitorId(), due.window(), monitor.monitor().baseline())
                .chain(baseline -> {
                    if (baseline.state() == MonitorStore.BaselineState.WAIT
                            && !baseline.runId().equals(due.runId())) {
                        LOG.debugf(
                                "monitor %s window %d waits for baseline %s",
                                monitor.name(), due.window(), baseline.runId());
                        return Uni.createFrom().voidItem();
                    }
                    String compareWith = baseline.state() == MonitorStore.BaselineState.READY
                                    && !baseline.runId().equals(due.runId())
                            ? baseline.runId()
                            : null;
                    Uni<List<PromptValue>> base = compareWith == null
                            ? Uni.createFrom().item(List.<PromptValue>of())
                            : values.promptValues(compareWith);
                    return values.promptValues(due.runId())
                            .chain(window -> base.chain(baselineValues -> vertx.executeBlocking(
                                    Uni.createFrom().item(() -> evaluation(due, compareWith, window, baselineValues)))))
                            .chain(store::record)
                            .invoke(events -> count(monitor, events.size()))
                            .chain(publisher::publishAll);
                });
    }

    private void count(MonitorDefined monitor, int events) {
        registry.counter("overton.monitor.windows.evaluated").increment();
        if (events > 0) {
            LOG.infof("monitor %s: %d alarm change(s)", monitor.name(), events);
        }
    }

    /** The window's scores and, with a baseline, its findings (pure; on a worker thread). */
    WindowEvaluation evaluation(
            MonitorStore.DueWindow due, String baselineRunId, List<PromptValue> window, List<PromptValue> baseline) {
        MonitorDefined monitor = due.monitor();
        List<WindowEvaluation.Score> scores = RunAggregator.aggregate(
                        window.stream()
                                .map(v ->
                                        new RunAggregator.PromptValue(v.variant(), v.metric(), v.promptId(), v.value()))
                                .toList(),
                        null,
                        config.aggregates().resamples(),
                        config.aggregates().seed())
                .metrics()
                .stream()
                .map(m -> new WindowEvaluation.Score(m.variant(), m.metric(), m.estimate()))
                .toList();
        List<AlarmDecision.Finding> findings = baselineRunId == null
                ? List.of()
                : findings(monitor.monitor().alarms(), baselineRunId, due.runId(), baseline, window);
        return new WindowEvaluation(
                monitor.monitorId(), monitor.name(), due.window(), due.runId(), baselineRunId, scores, findings);
    }

    /**
     * The window compared with the baseline over the alarm metrics either run has (a metric neither has, e.g. one of
     * the model-based measures on a scorer without the encoder, cannot be compared and raises nothing).
     */
    private List<AlarmDecision.Finding> findings(
            MonitorSpec.Alarms alarms,
            String baselineRunId,
            String runId,
            List<PromptValue> baseline,
            List<PromptValue> window) {
        if (alarms == null || alarms.metrics().isEmpty()) {
            return List.of();
        }
        Set<String> present = new TreeSet<>();
        baseline.forEach(v -> present.add(v.metric()));
        window.forEach(v -> present.add(v.metric()));
        List<String> metrics =
                alarms.metrics().stream().filter(present::contains).toList();
        if (metrics.isEmpty()) {
            return List.of();
        }
        DifferenceTest.Settings settings = new DifferenceTest.Settings(
                0.95,
                config.aggregates().resamples(),
                CompareResource.PERMUTATIONS,
                config.aggregates().seed());
        try {
            Comparison comparison = RunComparison.compare(
                    new CompareQuery(baselineRunId, runId, Map.of(), metrics), baseline, window, settings);
            return AlarmDecision.findings(comparison.rows(), alarms);
        } catch (CompareProblem e) {
            LOG.warnf("window run %s not compared with baseline %s: %s", runId, baselineRunId, e.getMessage());
            return List.of();
        }
    }
}
