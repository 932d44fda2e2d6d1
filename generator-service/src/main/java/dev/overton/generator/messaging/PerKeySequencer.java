package dev.overton.generator.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs work for one natural key one piece at a time within this instance, while work for other keys runs in
 * parallel. With several records in flight, a record and its duplicate (a redelivery, a run republished by the
 * outbox) could otherwise both find nothing stored and both call the model; sequenced, the second finds the first's
 * stored result and only republishes it.
 *
 * <p>Across instances the database's natural keys still decide (the first stored result counts); this only saves the
 * duplicate model call where it is cheap to do so.
 */
public final class PerKeySequencer {

    private final ConcurrentMap<String, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

    /**
     * {@code work}, started once the work queued before it for {@code key} has ended (however it ended). The result
     * is emitted on the caller's Vert.x context, which Hibernate Reactive needs.
     */
    public Uni<Void> run(String key, Supplier<Uni<Void>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> before = last.put(key, done);
            Uni<Void> turn = before == null
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(before).emitOn(onContext(Vertx.currentContext()));
            return turn.chain(work::get).onTermination().invoke(() -> {
                last.remove(key, done);
                done.complete(null);
            });
        });
    }

    /** Keys with work queued or running; for tests. */
    public int size() {
        return last.size();
    }

    private static Executor onContext(Context context) {
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
