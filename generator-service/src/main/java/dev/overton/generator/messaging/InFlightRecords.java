package dev.overton.generator.messaging;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Lets a consumer work on up to {@code limit} records at a time instead of one, without giving up at-least-once
 * delivery or commit-after-effect.
 *
 * <p>SmallRye hands a consumer method the next record only when the {@code Uni} it returned for the previous one has
 * completed. {@link #admit} returns a {@code Uni} that completes as soon as the record has a slot, not when its work is
 * done; the work runs on, and the record is acknowledged when the work has succeeded (its effect stored and its events
 * published) or negatively acknowledged when it failed for good, which sends it to the channel's dead-letter topic.
 * The Kafka connector's {@code throttled} commit strategy commits an offset only when every earlier record of the
 * partition is acknowledged, so records finishing out of order never commit one that is still in flight: after a crash
 * those are consumed again. When all slots are taken, the returned {@code Uni} waits for one, and the connector stops
 * handing over records (it pauses the partitions once its buffer is full): backpressure, not an unbounded queue.
 *
 * <p>Each record's work runs on a fresh duplicated Vert.x context of its own (marked safe for Hibernate Reactive), so
 * that concurrent records never share a reactive session. A record whose work ends in a {@link CancellationException}
 * (an interrupted model call), or fails after {@link #shutDown()} (the database pool or the broker going away under
 * it), is neither acknowledged nor dead-lettered: its offset stays uncommitted and the record is consumed again after
 * the restart. Only failures of a running service reach the dead-letter topic.
 *
 * <p>Exported as gauge {@value #GAUGE} with tag {@code channel}: the records of the channel being worked on now.
 */
public final class InFlightRecords {

    /** Gauge name: records of a channel being worked on by this instance. */
    public static final String GAUGE = "overton.generation.consumer.in.flight";

    private static final Logger LOG = Logger.getLogger(InFlightRecords.class);

    private final String channel;
    private final int limit;
    private final Vertx vertx;
    private final AtomicInteger working = new AtomicInteger();
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int taken;
    private volatile boolean shuttingDown;

    /**
     * @param channel the consumed channel, for logs and the gauge
     * @param limit most records worked on at a time (at least 1)
     * @param vertx where the records' contexts come from
     * @param registry where the gauge is registered
     */
    public InFlightRecords(String channel, int limit, Vertx vertx, MeterRegistry registry) {
        if (limit < 1) {
            throw new IllegalArgumentException(channel + ": the in-flight limit must be at least 1, was " + limit);
        }
        this.channel = channel;
        this.limit = limit;
        this.vertx = vertx;
        Gauge.builder(GAUGE, working, AtomicInteger::get)
                .description("Consumed records being worked on by this instance, per channel")
                .tag("channel", channel)
                .strongReference(true)
                .register(registry);
    }

    /** The limit this instance works with. */
    public int limit() {
        return limit;
    }

    /**
     * The service is stopping: records whose work fails from now on are left for redelivery instead of being
     * dead-lettered, since the failure is the shutdown's, not the record's.
     */
    public void shutDown() {
        shuttingDown = true;
    }

    /** Records being worked on now. */
    public int working() {
        return working.get();
    }

    /**
     * Starts {@code work} on the record's payload as soon as a slot is free.
     *
     * @param work the record's handling; it may also throw at once (a malformed record), which counts as a failure
     * @return completes when the record has its slot (never fails), so that the connector may hand over the next one
     */
    public Uni<Void> admit(Message<String> message, Function<String, Uni<Void>> work) {
        Context current = Vertx.currentContext();
        Context root = current == null ? vertx.getOrCreateContext() : VertxContext.getRootContext(current);
        return acquire().invoke(() -> start(root, message, work));
    }

    private void start(Context root, Message<String> message, Function<String, Uni<Void>> work) {
        Context context = VertxContext.createNewDuplicatedContext(root);
        VertxContextSafetyToggle.setContextSafe(context, true);
        working.incrementAndGet();
        context.runOnContext(ignored -> Uni.createFrom()
                .deferred(() -> work.apply(message.getPayload()))
                .subscribe()
                .with(done -> finish(message, null), failure -> finish(message, failure)));
    }

    private void finish(Message<String> message, Throwable failure) {
        working.decrementAndGet();
        try {
            if (failure == null) {
                message.ack().whenComplete((ok, e) -> logIfFailed("acknowledge", e));
            } else if (cancelled(failure) || shuttingDown) {
                LOG.infof(
                        "%s: a record was interrupted by the shutdown (%s); it is left unacknowledged and consumed"
                                + " again after the restart",
                        channel, failure.toString());
            } else {
                message.nack(failure).whenComplete((ok, e) -> logIfFailed("dead-letter", e));
            }
        } finally {
            release();
        }
    }

    private void logIfFailed(String what, Throwable e) {
        if (e != null) {
            LOG.warnf("%s: could not %s a record: %s", channel, what, e.toString());
        }
    }

    private static boolean cancelled(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> acquire() {
        CompletableFuture<Void> turn;
        synchronized (this) {
            if (taken < limit) {
                taken++;
                return Uni.createFrom().voidItem();
            }
            turn = new CompletableFuture<>();
            waiting.add(turn);
        }
        return Uni.createFrom().completionStage(turn);
    }

    private void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                taken--;
            }
        }
        if (next != null) {
            next.complete(null); // the slot passes straight to the waiting record
        }
    }
}
