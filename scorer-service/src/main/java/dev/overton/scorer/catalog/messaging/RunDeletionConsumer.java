package dev.overton.scorer.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.RunDeletionConfirmed;
import dev.overton.scorer.catalog.persistence.CatalogStore;
import dev.overton.scorer.scoring.ScoreGauges;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.RunDeletions;

/**
 * Consumes {@code run-deletions}: deletes every row the scorer holds for the run (sets, samples, values, recovery
 * reports, judge runs, prompts, requests and verdicts, the catalog entry) keeping a tombstone, recomputes the score
 * gauges so that the run's Prometheus series disappear, then confirms on {@code run-deletion-confirmations}. The offset
 * is committed after all of it; a replayed deletion deletes nothing more and confirms again (harmless).
 */
@ApplicationScoped
public class RunDeletionConsumer {

    /** This service's name in {@link RunDeletionConfirmed#service()}. */
    public static final String SERVICE = "scorer-service";

    static final String CHANNEL = "run-deletions-in";

    private static final Logger LOG = Logger.getLogger(RunDeletionConsumer.class);

    private final CatalogStore store;
    private final ScoreGauges gauges;
    private final MutinyEmitter<String> confirmations;
    private final ConsumerMetrics metrics;

    public RunDeletionConsumer(
            CatalogStore store,
            ScoreGauges gauges,
            @Channel("run-deletion-confirmations-out") MutinyEmitter<String> confirmations,
            ConsumerMetrics metrics) {
        this.store = store;
        this.gauges = gauges;
        this.confirmations = confirmations;
        this.metrics = metrics;
    }

    private Uni<Void> delete(String runId) {
        return store.deleteRun(runId)
                .invoke(() -> LOG.infof("run %s: deleted from the scorer's database", runId))
                .call(gauges::refresh);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return RunDeletions.consume(CHANNEL, json, SERVICE, this::delete, confirmations, metrics, LOG);
    }
}
