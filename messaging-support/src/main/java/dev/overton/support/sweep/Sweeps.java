package dev.overton.support.sweep;

import java.util.Arrays;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The two steps the services' periodic sweeps and senders repeat: go over a list (runs, requests, rows) one item after
 * the other, and end a failed sweep with one logged line instead of a failure, so that the scheduler does not log a
 * stack trace every tick and the next tick tries again. Plain Mutiny, so every service's sweeps read the same.
 */
public final class Sweeps {

    private Sweeps() {}

    /**
     * Runs {@code step} for every item, one after the other in order (never two at once: steps of one sweep share a
     * database session or must keep their order); completes when the last step has, and fails with the first failure.
     */
    public static <T> Uni<Void> each(Iterable<T> items, Function<? super T, ? extends Uni<?>> step) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> step.apply(item))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /**
     * For {@link Uni#plug}: the work completes normally whatever happens; a failure is logged as a warning, {@code
     * format} (with {@code params}) followed by {@code ": "} and the error.
     */
    public static <T> Function<Uni<T>, Uni<Void>> logFailure(Logger log, String format, Object... params) {
        return work -> work.replaceWithVoid().onFailure().recoverWithUni(e -> {
            Object[] args = Arrays.copyOf(params, params.length + 1);
            args[params.length] = e.toString();
            log.warnf(format + ": %s", args);
            return Uni.createFrom().voidItem();
        });
    }
}
