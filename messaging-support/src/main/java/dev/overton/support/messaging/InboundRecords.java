package dev.overton.support.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import dev.overton.contracts.Event;
import dev.overton.contracts.json.EventJson;

/**
 * What every Overton consumer does with a record, in one place:
 *
 * <ol>
 *   <li>parse it as an event of the expected type; a record that is not JSON, lacks a required field or has an unknown
 *       schema version fails at once, so the connector dead-letters it and the partition moves on;
 *   <li>check that every string in it can be stored ({@link StorableText}): a record that parses but carries a NUL
 *       character or an unpaired surrogate in any field would fail every attempt to store it (PostgreSQL 22021/22P05),
 *       or store part of the event before failing, so it too is dead-lettered at once, before the handler runs;
 *   <li>run the handler, retrying transient failures (database or broker briefly away) with exponential back-off,
 *       250 ms to 10 s, up to 10 times; permanent failures are not retried;
 *   <li>count the outcome per channel.
 * </ol>
 *
 * The returned {@code Uni} completes only when the handler's effect is stored, so the offset is committed after it.
 */
public final class InboundRecords {

    /** First back-off of a retried transient failure. */
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    /** Longest back-off of a retried transient failure. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** How often a transient failure is retried before the record is dead-lettered. */
    public static final int MAX_RETRIES = 10;

    private InboundRecords() {}

    /**
     * Handles one record of {@code channel}.
     *
     * @param json the record's value
     * @param type the event type it must parse as
     * @param handler the work to do with the parsed event
     * @throws EventJson.MalformedEventException when the record cannot be parsed or carries text PostgreSQL cannot store
     *     (the connector dead-letters it)
     */
    public static <T extends Event> Uni<Void> handle(
            String channel,
            String json,
            Class<T> type,
            ConsumerMetrics counters,
            Logger log,
            Function<T, Uni<Void>> handler) {
        T event = parse(channel, json, type, counters, log);
        return retryTransient(Uni.createFrom().deferred(() -> handler.apply(event)))
                .onItemOrFailure()
                .invoke((ok, failure) -> {
                    if (failure == null) {
                        counters.processed(channel);
                    } else {
                        counters.failed(channel, ConsumerMetrics.DeadLetterReason.HANDLER_FAILED);
                        log.warnf(
                                "%s: dead-lettering a %s after its handler failed: %s",
                                channel, type.getSimpleName(), failure.toString());
                    }
                });
    }

    /**
     * Steps 1 and 2 of {@link #handle}: parses {@code json} as {@code type} and checks that its text can be stored.
     * For consumers that handle records in batches and dead-letter a bad one themselves.
     *
     * @throws EventJson.MalformedEventException when the record cannot be parsed or carries text PostgreSQL cannot store
     *     (counted as a dead letter of {@code channel})
     */
    public static <T extends Event> T parse(
            String channel, String json, Class<T> type, ConsumerMetrics counters, Logger log) {
        T event;
        try {
            event = EventJson.read(json, type);
        } catch (RuntimeException e) {
            counters.failed(channel, ConsumerMetrics.DeadLetterReason.MALFORMED);
            log.warnf("%s: dead-lettering a record: %s", channel, e.getMessage());
            throw e;
        }
        Optional<String> unstorable = StorableText.problem(json);
        if (unstorable.isPresent()) {
            counters.failed(channel, ConsumerMetrics.DeadLetterReason.UNSTORABLE_TEXT);
            String reason = type.getSimpleName() + ": " + unstorable.get();
            log.warnf("%s: dead-lettering a record: %s", channel, reason);
            throw new EventJson.MalformedEventException(reason);
        }
        return event;
    }

    /** Step 3 of {@link #handle}: {@code work}, retried on transient failures with the same back-off. */
    public static <R> Uni<R> retryTransient(Uni<R> work) {
        return work.onFailure(TransientFailures::isTransient)
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .atMost(MAX_RETRIES);
    }
}
