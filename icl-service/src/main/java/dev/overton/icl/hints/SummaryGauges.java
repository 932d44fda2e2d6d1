package dev.overton.icl.hints;

import java.time.Instant;
import java.util.Map;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import dev.overton.icl.config.IclConfig;
import dev.overton.icl.hints.persistence.SummaryStore;
import dev.overton.support.metrics.GaugeRefresh;
import dev.overton.support.metrics.SnapshotGauge;

/**
 * Exports the progress of recent runs' summary hints as a Prometheus gauge, recomputed from the database every 15 s so
 * that every instance exports the same, complete numbers (an instance consumes only its own partitions of {@code
 * completions}): {@code overton_icl_summaries{run, state}} with {@code state} = {@code requested} (every summary asked
 * of a summarizer model, answered or not), {@code completed} and {@code failed}. Requested minus the other two is the
 * number still awaited. Runs are those whose summaries changed within {@code overton.gauges.window}, at most {@code
 * overton.gauges.max-runs}; prompt ids never appear.
 */
@ApplicationScoped
public class SummaryGauges {

    private static final Logger LOG = Logger.getLogger(SummaryGauges.class);

    private final SummaryStore store;
    private final IclConfig config;
    private final SnapshotGauge summaries;

    public SummaryGauges(SummaryStore store, IclConfig config, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.summaries = new SnapshotGauge(MultiGauge.builder("overton.icl.summaries")
                .description("Summary hints asked of a summarizer model per run: requested, completed, failed")
                .register(registry));
    }

    /** Recomputes the gauge. */
    @Scheduled(
            every = "15s",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> refresh() {
        Instant since = Instant.now().minus(config.gauges().window());
        return GaugeRefresh.publish(
                store.recentCounts(since, config.gauges().maxRuns()), this::publish, "summary", LOG);
    }

    private void publish(Map<String, SummaryStore.Counts> runs) {
        SnapshotGauge.Rows rows = new SnapshotGauge.Rows();
        runs.forEach((run, c) -> {
            rows.add(Tags.of("run", run, "state", "requested"), c.requested());
            rows.add(Tags.of("run", run, "state", "completed"), c.completed());
            rows.add(Tags.of("run", run, "state", "failed"), c.failed());
        });
        summaries.replace(rows);
    }
}
