package dev.overton.generator.monitors.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import dev.overton.contracts.json.EventJson;
import dev.overton.generator.monitors.persistence.MonitorStore;
import dev.overton.generator.monitors.persistence.StoredMonitor;
import dev.overton.support.messaging.KeyedMessages;

/**
 * Publishes monitor definitions on the compacted {@code monitors} topic after the database write: the current
 * definition and state, or a tombstone (null value) once the monitor is deleted. A record is marked published only
 * when Kafka acknowledged it; the scheduler publishes again what stayed unpublished.
 */
@ApplicationScoped
public class MonitorPublisher {

    /** The outgoing channel. */
    public static final String CHANNEL = "monitors-out";

    private static final Logger LOG = Logger.getLogger(MonitorPublisher.class);

    private final MutinyEmitter<String> monitors;
    private final MonitorStore store;

    public MonitorPublisher(@Channel(CHANNEL) MutinyEmitter<String> monitors, MonitorStore store) {
        this.monitors = monitors;
        this.store = store;
    }

    /** Publishes the monitor's record (a tombstone if it was deleted), then marks it published. */
    public Uni<Void> publish(StoredMonitor monitor) {
        Message<String> message = monitor.deleted()
                ? Message.<String>of(null)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(monitor.id())
                                .build())
                : KeyedMessages.of(monitor.id(), EventJson.write(monitor.event()));
        return monitors.sendMessage(message)
                .chain(() -> store.markPublished(monitor.id(), monitor.updatedAt()))
                .invoke(() -> LOG.infof(
                        "monitor %s: %s published", monitor.id(), monitor.deleted() ? "tombstone" : monitor.state()));
    }

    /** Publishes the monitor's record; a failure is logged and left to the scheduler's sweep. */
    public Uni<Void> publishOrLeaveToSweep(StoredMonitor monitor) {
        return publish(monitor).onFailure().recoverWithUni(e -> {
            LOG.warnf("monitor %s: stored but not yet published (%s); the sweep will retry", monitor.id(), e);
            return Uni.createFrom().voidItem();
        });
    }
}
