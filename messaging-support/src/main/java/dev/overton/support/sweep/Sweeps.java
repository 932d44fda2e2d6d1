package dev.overton.support.sweep;

import java.util.Arrays;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Ends a failed sweep with one logged line instead of a failure, so that the scheduler does not log a stack trace every
 * tick and the next tick tries again. Plain Mutiny, so every service's sweeps read the same; a sweep goes over its
 * items with {@link dev.overton.support.reactive.InOrder#each}.
 */
public final class Sweeps {

    private Sweeps() {}

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
