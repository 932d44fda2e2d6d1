package dev.overton.scorer.monitor.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;

import dev.overton.contracts.MonitorDefined;
import dev.overton.scorer.monitor.WindowEvaluator;
import dev.overton.scorer.monitor.persistence.MonitorStore;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * Consumes the compacted {@code monitors} topic from its beginning (own group, so every scorer instance's database
 * learns every monitor): a definition is stored (the newest replaces the older), then the monitor's windows that were
 * waiting for it are evaluated; a tombstone (null value) deletes the monitor's definition, evaluations, scores and
 * alarms. Both are idempotent, so a redelivered record changes nothing.
 */
@ApplicationScoped
public class MonitorsConsumer {

    static final String CHANNEL = "monitors-in";

    private static final Logger LOG = Logger.getLogger(MonitorsConsumer.class);

    private final MonitorStore store;
    private final WindowEvaluator evaluator;
    private final ConsumerMetrics metrics;

    public MonitorsConsumer(MonitorStore store, WindowEvaluator evaluator, ConsumerMetrics metrics) {
        this.store = store;
        this.evaluator = evaluator;
        this.metrics = metrics;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Record<String, String> record) {
        if (record.value() == null) {
            if (record.key() == null) {
                LOG.warn("monitors: a tombstone without a key, skipped");
                return Uni.createFrom().voidItem();
            }
            return store.deleteMonitor(record.key())
                    .invoke(() -> LOG.infof("monitor %s: deleted from the scorer's database", record.key()));
        }
        return InboundRecords.handle(CHANNEL, record.value(), MonitorDefined.class, metrics, LOG, this::store);
    }

    private Uni<Void> store(MonitorDefined monitor) {
        return store.storeDefinition(monitor).chain(() -> evaluator.evaluateDueQuietly(monitor.monitorId()));
    }
}
