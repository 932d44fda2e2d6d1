package dev.overton.generator.messaging;

import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import dev.overton.contracts.Event;
import dev.overton.support.messaging.ConsumerMetrics;
import dev.overton.support.messaging.InboundRecords;

/**
 * How a generator consumer whose work calls a model takes its records: up to a limit at a time ({@link
 * InFlightRecords}), each parsed, retried and counted as every Overton consumer does ({@link InboundRecords}), and two
 * records with the same natural key one after the other ({@link PerKeySequencer}), so that a duplicate republishes the
 * first one's stored result instead of calling the model again. Both request consumers need exactly this; what differs
 * is the event type, its key and the work.
 *
 * @param <T> the consumed event type
 */
public final class KeyedInFlightRecords<T extends Event> {

    private final String channel;
    private final Class<T> type;
    private final Function<T, String> key;
    private final ConsumerMetrics counters;
    private final Logger log;
    private final InFlightRecords inFlight;
    private final PerKeySequencer sequencer = new PerKeySequencer();

    /**
     * @param channel the consumed channel, for logs and metrics
     * @param type the event type each record must parse as
     * @param key the natural key of an event: events with equal keys are worked on one after the other
     * @param limit most records worked on at a time (at least 1)
     * @param vertx where the records' contexts come from
     * @param registry where the in-flight gauge is registered
     * @param counters counts each record's outcome
     * @param log the consumer's logger, for dead-lettered records
     */
    public KeyedInFlightRecords(
            String channel,
            Class<T> type,
            Function<T, String> key,
            int limit,
            Vertx vertx,
            MeterRegistry registry,
            ConsumerMetrics counters,
            Logger log) {
        this.channel = channel;
        this.type = type;
        this.key = key;
        this.counters = counters;
        this.log = log;
        this.inFlight = new InFlightRecords(channel, limit, vertx, registry);
    }

    /**
     * Starts {@code work} on the record's event as soon as a slot is free and the work for its key before it has ended;
     * see {@link InFlightRecords#admit} for when the record is acknowledged.
     *
     * @return completes when the record has its slot, so that the connector may hand over the next one
     */
    public Uni<Void> admit(Message<String> record, Function<T, Uni<Void>> work) {
        return inFlight.admit(
                record,
                json -> InboundRecords.handle(
                        channel,
                        json,
                        type,
                        counters,
                        log,
                        event -> sequencer.run(key.apply(event), () -> work.apply(event))));
    }

    /** The service is stopping: see {@link InFlightRecords#shutDown()}. */
    public void shutDown() {
        inFlight.shutDown();
    }
}
