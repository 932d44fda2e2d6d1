package dev.overton.generator.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;

import dev.overton.contracts.Answer;
import dev.overton.contracts.Event;
import dev.overton.contracts.VariantSpec;
import dev.overton.support.messaging.ConsumerMetrics;

/**
 * Builds the {@link KeyedInFlightRecords} of the generator's consumers that call a model (and the {@link
 * AnswerRequests} of those that answer requests), from the application's Vert.x, meter registry and consumer counters,
 * and shuts every one of them down when the application stops: from then on a failing record is left for redelivery,
 * its failure being the shutdown's. One place for what each such consumer would otherwise wire and observe alike.
 */
@ApplicationScoped
public class InFlightConsumers {

    private final Vertx vertx;
    private final MeterRegistry registry;
    private final ConsumerMetrics counters;
    private final List<KeyedInFlightRecords<?>> built = new CopyOnWriteArrayList<>();

    public InFlightConsumers(Vertx vertx, MeterRegistry registry, ConsumerMetrics counters) {
        this.vertx = vertx;
        this.registry = registry;
        this.counters = counters;
    }

    /**
     * The records of {@code channel}: parsed as {@code type}, at most {@code limit} at a time, those with equal {@code
     * key} one after the other; dead-lettered records are logged on {@code log}.
     */
    public <T extends Event> KeyedInFlightRecords<T> records(
            String channel, Class<T> type, Function<T, String> key, int limit, Logger log) {
        KeyedInFlightRecords<T> records =
                new KeyedInFlightRecords<>(channel, type, key, limit, vertx.getDelegate(), registry, counters, log);
        built.add(records);
        return records;
    }

    /**
     * The requests of {@code channel}, each answered with at most one model call: parsed as {@code type}, at most
     * {@code limit} at a time, those with equal {@code requestId} one after the other, their answers stored in {@code
     * table} and published on {@code out}; dead-lettered records are logged on {@code log}.
     *
     * @param model the model a request asks, whose backend is stored with the answer
     */
    public <R extends Event, A extends Answer> AnswerRequests<R, A> answers(
            String channel,
            Class<R> type,
            Function<R, String> requestId,
            Function<R, VariantSpec> model,
            AnswerTable<A> table,
            MutinyEmitter<String> out,
            int limit,
            Logger log) {
        return new AnswerRequests<>(
                records(channel, type, requestId, limit, log), new AnswerOutbox<>(table, out, vertx), requestId, model);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        built.forEach(KeyedInFlightRecords::shutDown);
    }
}
