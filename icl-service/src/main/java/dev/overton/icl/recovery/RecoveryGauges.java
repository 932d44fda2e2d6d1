package dev.overton.icl.recovery;

import java.time.Instant;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RecoveryReport.Recovery;
import dev.overton.icl.config.IclConfig;
import dev.overton.icl.recovery.persistence.RecoveryStore;
import dev.overton.support.metrics.GaugeRefresh;
import dev.overton.support.metrics.SnapshotGauge;

/**
 * Exports recent runs' recovery verdicts as Prometheus gauges, recomputed from the database every 15 s so that every
 * instance exports the same, complete numbers (an instance only consumes its own partitions):
 *
 * <ul>
 *   <li>{@code overton_recovery{run, variant, measure}} — mean sim(V, A) / mean sim(A, A);
 *   <li>{@code overton_recovery_ci_low} / {@code overton_recovery_ci_high} — its 95% bootstrap interval.
 * </ul>
 *
 * Undefined values are not exported (no series rather than a sentinel). Labels are low-cardinality: runs are limited
 * to recent ones, prompt ids never appear.
 */
@ApplicationScoped
public class RecoveryGauges {

    private static final Logger LOG = Logger.getLogger(RecoveryGauges.class);

    private final RecoveryStore store;
    private final RecoveryService recovery;
    private final IclConfig config;
    private final SnapshotGauge ratio;
    private final SnapshotGauge ciLow;
    private final SnapshotGauge ciHigh;

    public RecoveryGauges(RecoveryStore store, RecoveryService recovery, IclConfig config, MeterRegistry registry) {
        this.store = store;
        this.recovery = recovery;
        this.config = config;
        this.ratio = new SnapshotGauge(MultiGauge.builder("overton.recovery")
                .description("Recovery of a variant: mean sim(V, A) / mean sim(A, A) over prompts, per measure")
                .register(registry));
        this.ciLow = new SnapshotGauge(MultiGauge.builder("overton.recovery.ci.low")
                .description("Lower bound of the 95% bootstrap interval of overton_recovery")
                .register(registry));
        this.ciHigh = new SnapshotGauge(MultiGauge.builder("overton.recovery.ci.high")
                .description("Upper bound of the 95% bootstrap interval of overton_recovery")
                .register(registry));
    }

    /** Recomputes the gauges. */
    @Scheduled(
            every = "15s",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> refresh() {
        Instant since = Instant.now().minus(config.gauges().window());
        return GaugeRefresh.publish(
                GaugeRefresh.perRun(store.recentRuns(since, config.gauges().maxRuns()), recovery::recoveries),
                this::publish,
                "recovery",
                LOG);
    }

    private void publish(List<GaugeRefresh.PerRun<List<Recovery>>> runs) {
        SnapshotGauge.Rows ratios = new SnapshotGauge.Rows();
        SnapshotGauge.Rows lows = new SnapshotGauge.Rows();
        SnapshotGauge.Rows highs = new SnapshotGauge.Rows();
        for (GaugeRefresh.PerRun<List<Recovery>> run : runs) {
            for (Recovery r : run.value()) {
                Tags tags = Tags.of("run", run.runId(), "variant", r.variant(), "measure", r.measure());
                if (r.recovery() != null) {
                    ratios.add(tags, r.recovery());
                }
                if (r.ciLow() != null) {
                    lows.add(tags, r.ciLow());
                    highs.add(tags, r.ciHigh());
                }
            }
        }
        ratio.replace(ratios);
        ciLow.replace(lows);
        ciHigh.replace(highs);
    }
}
