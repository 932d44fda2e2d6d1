package dev.overton.scorer.scoring;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.scorer.config.ScorerConfig;
import dev.overton.scorer.scoring.persistence.ScoreStore;
import dev.overton.support.metrics.GaugeRefresh;
import dev.overton.support.metrics.SnapshotGauge;

/**
 * Exports recent runs' aggregates as Prometheus gauges, recomputed from the database every 15 s so that every scorer
 * instance exports the same, complete numbers (an instance only sees its own partitions' events):
 *
 * <ul>
 *   <li>{@code overton_scores_mean{run, variant, metric}} — mean over prompts;
 *   <li>{@code overton_scores_ci_low} / {@code overton_scores_ci_high} — its 95% bootstrap interval;
 *   <li>{@code overton_scores_difference{run, variant, reference, metric}} — variant minus reference.
 * </ul>
 *
 * Labels are low-cardinality by construction: runs are limited to the recent ones, prompt ids never appear.
 */
@ApplicationScoped
public class ScoreGauges {

    private static final Logger LOG = Logger.getLogger(ScoreGauges.class);

    private final ScoreStore store;
    private final RunAggregates aggregates;
    private final ScorerConfig config;
    private final SnapshotGauge mean;
    private final SnapshotGauge ciLow;
    private final SnapshotGauge ciHigh;
    private final SnapshotGauge difference;

    public ScoreGauges(ScoreStore store, RunAggregates aggregates, ScorerConfig config, MeterRegistry registry) {
        this.store = store;
        this.aggregates = aggregates;
        this.config = config;
        this.mean = new SnapshotGauge(MultiGauge.builder("overton.scores.mean")
                .description("Mean over prompts of a metric, per run and variant")
                .register(registry));
        this.ciLow = new SnapshotGauge(MultiGauge.builder("overton.scores.ci.low")
                .description("Lower bound of the 95% bootstrap interval of overton_scores_mean")
                .register(registry));
        this.ciHigh = new SnapshotGauge(MultiGauge.builder("overton.scores.ci.high")
                .description("Upper bound of the 95% bootstrap interval of overton_scores_mean")
                .register(registry));
        this.difference = new SnapshotGauge(MultiGauge.builder("overton.scores.difference")
                .description("Mean over prompts of variant minus reference, per run and metric")
                .register(registry));
    }

    /** Recomputes the gauges. */
    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        Instant since = Instant.now().minus(config.gauges().window());
        return GaugeRefresh.publish(
                GaugeRefresh.perRun(store.recentRuns(since, config.gauges().maxRuns()), aggregates::aggregate),
                this::publish,
                "score",
                LOG);
    }

    private void publish(List<GaugeRefresh.PerRun<RunAggregator.RunAggregate>> results) {
        SnapshotGauge.Rows means = new SnapshotGauge.Rows();
        SnapshotGauge.Rows lows = new SnapshotGauge.Rows();
        SnapshotGauge.Rows highs = new SnapshotGauge.Rows();
        SnapshotGauge.Rows differences = new SnapshotGauge.Rows();
        for (GaugeRefresh.PerRun<RunAggregator.RunAggregate> result : results) {
            for (RunAggregator.MetricAggregate m : result.value().metrics()) {
                Tags tags = Tags.of("run", result.runId(), "variant", m.variant(), "metric", m.metric());
                means.add(tags, m.estimate().mean());
                lows.add(tags, m.estimate().low());
                highs.add(tags, m.estimate().high());
            }
            for (RunAggregator.Difference d : result.value().differences()) {
                differences.add(
                        Tags.of(
                                "run", result.runId(),
                                "variant", d.variant(),
                                "reference", d.reference(),
                                "metric", d.metric()),
                        d.estimate().mean());
            }
        }
        mean.replace(means);
        ciLow.replace(lows);
        ciHigh.replace(highs);
        difference.replace(differences);
    }
}
