package dev.overton.scorer.catalog.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RunCreated;
import dev.overton.scorer.catalog.persistence.CatalogStore;
import dev.overton.scorer.monitor.WindowEvaluator;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes {@code runs} (own group, so every scorer instance's database learns every run) and stores each run's name,
 * label and shape for the runs page at {@code /}, and which monitor window it is.
 */
@ApplicationScoped
public class CatalogRunsConsumer {

    static final String CHANNEL = "catalog-runs-in";

    private static final Logger LOG = Logger.getLogger(CatalogRunsConsumer.class);

    private final CatalogStore store;
    private final WindowEvaluator windows;
    private final ConsumerMetrics metrics;

    public CatalogRunsConsumer(CatalogStore store, WindowEvaluator windows, ConsumerMetrics metrics) {
        this.store = store;
        this.windows = windows;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RunCreated.class, metrics, LOG, this::store);
    }

    /** A monitor window's sets may all have been scored before its run record arrived: then it is evaluated now. */
    private Uni<Void> store(RunCreated run) {
        return store.storeRun(run)
                .chain(() -> run.monitor() == null
                        ? Uni.createFrom().voidItem()
                        : windows.evaluateDueQuietly(run.monitor().id()));
    }
}
