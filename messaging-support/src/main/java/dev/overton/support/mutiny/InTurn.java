package dev.overton.support.mutiny;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Works on the items of a list one after the other: each item's work starts when the one before it has completed, and a
 * failure stops the rest. What every sweep, batch of statements and cascade of deletions does with its list, written
 * once instead of as the same five Mutiny operators in each.
 */
public final class InTurn {

    private InTurn() {}

    /** Runs {@code work} on each of {@code items}, in order, one at a time; completes once the last one has. */
    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> work) {
        return Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(work)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
