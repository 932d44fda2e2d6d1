package dev.overton.support.reactive;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs an asynchronous step for each item of a collection, one after the other: the next item's step starts when the
 * previous one's completed, and the first failure ends the whole. The services do this wherever the steps write to the
 * database or publish in an order that matters (requests recorded before they are sent, windows evaluated in order) or
 * must not pile up on the connection pool; written once here instead of the same six Mutiny operators at every place.
 */
public final class InOrder {

    private InOrder() {}

    /**
     * Applies {@code step} to each item in iteration order, each after the previous one completed.
     *
     * @return completes when every step has; fails with the first step's failure (later items are not started); an empty
     *     collection completes at once
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
     * The items for which {@code keep} answered {@code true}, in iteration order, each item's {@code keep} started after
     * the previous one completed: for the stores' "insert each unless present, and return what this call inserted".
     *
     * @return fails with the first {@code keep}'s failure (later items are not started); an empty collection gives an
     *     empty list
     */
    public static <T> Uni<List<T>> filter(Iterable<T> items, Function<? super T, Uni<Boolean>> keep) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> keep.apply(item).map(kept -> kept ? item : null))
                .filter(item -> item != null)
                .collect()
                .asList();
    }
}
