package dev.overton.scorer.report.messaging;

import java.time.Instant;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.RecoveryReport;
import dev.overton.scorer.report.persistence.RecoveryStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes icl-service's recovery verdicts ({@code recoveries}, group {@code scorer-service-recoveries}) and keeps the
 * latest per run for the report page. The scorer instances of the group share the partitions and all read the same
 * table, so any instance serves any run's page. Parsing, retries of transient failures and dead-lettering to {@code
 * recoveries-dlq} follow {@link InboundRecords}; the offset is committed only after the report is stored.
 */
@ApplicationScoped
public class RecoveriesConsumer {

    /** The channel, shared with tests. */
    public static final String CHANNEL = "recoveries-in";

    private static final Logger LOG = Logger.getLogger(RecoveriesConsumer.class);

    private final RecoveryStore store;
    private final ConsumerMetrics metrics;

    public RecoveriesConsumer(RecoveryStore store, ConsumerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String json) {
        return InboundRecords.handle(CHANNEL, json, RecoveryReport.class, metrics, LOG, this::store);
    }

    private Uni<Void> store(RecoveryReport report) {
        return store.store(report, Instant.now())
                .invoke(stored -> {
                    if (!stored) {
                        LOG.debugf("run %s: kept the stored recovery report, it is newer", report.runId());
                    }
                })
                .replaceWithVoid();
    }
}
