package dev.overton.icl.deletion.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.icl.deletion.persistence.DeletionStore;
import dev.overton.icl.hints.SummaryGauges;
import dev.overton.icl.recovery.RecoveryGauges;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.RunDeletions;

/**
 * Consumes {@code run-deletions}: deletes every row icl-service holds for the run (plan, answers, prompts, in-context
 * requests, summaries, pair values, recovery state) keeping a tombstone, so no sweep sends anything more for it;
 * recomputes the recovery and summary gauges so that the run's Prometheus series disappear; then confirms on {@code
 * run-deletion-confirmations}. The offset is committed after all of it; a replayed deletion changes nothing.
 */
@ApplicationScoped
public class RunDeletionConsumer {

    /** This service's name in {@link RunDeletionConfirmed#service()}. */
    public static final String SERVICE = "icl-service";

    static final String CHANNEL = "run-deletions-in";

    private static final Logger LOG = Logger.getLogger(RunDeletionConsumer.class);

    private final DeletionStore store;
    private final RecoveryGauges recoveryGauges;
    private final SummaryGauges summaryGauges;
    private final MutinyEmitter<String> confirmations;
    private final ConsumerMetrics metrics;

    public RunDeletionConsumer(
            DeletionStore store,
            RecoveryGauges recoveryGauges,
            SummaryGauges summaryGauges,
            @Channel("run-deletion-confirmations-out") MutinyEmitter<String> confirmations,
            ConsumerMetrics metrics) {
        this.store = store;
        this.recoveryGauges = recoveryGauges;
        this.summaryGauges = summaryGauges;
        this.confirmations = confirmations;
        this.metrics = metrics;
    }

    private Uni<Void> delete(String runId) {
        return store.deleteRun(runId)
                .invoke(() -> LOG.infof("run %s: deleted from icl-service's database", runId))
                .call(recoveryGauges::refresh)
                .call(summaryGauges::refresh);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return RunDeletions.consume(CHANNEL, json, SERVICE, this::delete, confirmations, metrics, LOG);
    }
}
