package dev.overton.scorer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunCreated;
import dev.overton.scorer.catalog.persistence.CatalogStore;
import dev.overton.scorer.judge.messaging.JudgeRequests;
import dev.overton.scorer.monitor.WindowEvaluator;
import dev.overton.scorer.tokenshift.messaging.TokenShiftRequests;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code runs} (own group, so every scorer instance's database learns every run) and hands each run record to
 * the features that read it, in one pass: the catalog stores the run's name, label and shape for the runs page at
 * {@code /} (and a monitor window whose sets were all scored before its run record arrived is evaluated now), the LLM
 * judge is stored and started ({@link JudgeRequests#startRun}), and the token-shift measure is stored and planned
 * ({@link TokenShiftRequests#startRun}). One group for the topic, so a run is parsed once; every step is idempotent, so a
 * retried or redelivered record changes nothing, and a record that fails for good is dead-lettered once, to {@code
 * runs-dlq}.
 */
@ApplicationScoped
public class RunsConsumer {

    static final String CHANNEL = "runs-in";

    private static final Logger LOG = Logger.getLogger(RunsConsumer.class);

    private final CatalogStore catalog;
    private final WindowEvaluator windows;
    private final JudgeRequests judge;
    private final TokenShiftRequests tokenShift;
    private final ConsumerMetrics metrics;

    public RunsConsumer(
            CatalogStore catalog,
            WindowEvaluator windows,
            JudgeRequests judge,
            TokenShiftRequests tokenShift,
            ConsumerMetrics metrics) {
        this.catalog = catalog;
        this.windows = windows;
        this.judge = judge;
        this.tokenShift = tokenShift;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunCreated.class, metrics, LOG, this::handle);
    }

    private Uni<Void> handle(RunCreated run) {
        return catalog.storeRun(run)
                .chain(() -> run.monitor() == null
                        ? Uni.createFrom().voidItem()
                        : windows.evaluateDueQuietly(run.monitor().id()))
                .chain(() -> judge.startRun(run))
                .chain(() -> tokenShift.startRun(run));
    }
}
