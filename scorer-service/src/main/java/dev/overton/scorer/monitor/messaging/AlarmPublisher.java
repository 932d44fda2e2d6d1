package dev.overton.scorer.monitor.messaging;

import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.monitor.persistence.MonitorStore;
import dev.overton.support.messaging.KeyedMessages;
import dev.overton.support.reactive.InOrder;

/**
 * Publishes alarm changes on {@code alarms} (key: monitor id) from the outbox the evaluation wrote them to, marking
 * each published once Kafka acknowledged it. What a crash left unpublished the monitor sweep publishes: at least once.
 */
@ApplicationScoped
public class AlarmPublisher {

    /** The outgoing channel. */
    public static final String CHANNEL = "alarms-out";

    private final MutinyEmitter<String> alarms;
    private final MonitorStore store;

    public AlarmPublisher(@Channel(CHANNEL) MutinyEmitter<String> alarms, MonitorStore store) {
        this.alarms = alarms;
        this.store = store;
    }

    /** Publishes the events in order, each marked published after Kafka's acknowledgement. */
    public Uni<Void> publishAll(List<MonitorStore.OutboxEvent> events) {
        return InOrder.each(
                events,
                e -> alarms.sendMessage(KeyedMessages.of(e.event().key(), EventJson.write(e.event())))
                        .chain(() -> store.markPublished(e.id())));
    }
}
