package dev.overton.support.metrics;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.overton.support.sweep.Sweeps;

/**
 * The scheduled recomputation every service's database-backed gauges share: read a snapshot (for recent runs, one run
 * at a time), hand it to the gauges, and on a failure (the database away) log and keep the last series, so that the
 * next schedule tries again instead of the scheduler logging a stack trace every 15 s. The gauges' names and what a
 * snapshot holds stay in each service's own class, where readers and the dashboards' name scan find them.
 */
public final class GaugeRefresh {

    private GaugeRefresh() {}

    /**
     * Reads {@code snapshot} and gives it to {@code publish}; a failure is logged on {@code log} as "{@code gauges}
     * gauges not refreshed" and completes the refresh normally.
     */
    public static <T> Uni<Void> publish(Uni<T> snapshot, Consumer<T> publish, String gauges, Logger log) {
        return snapshot.invoke(publish).plug(Sweeps.logFailure(log, "%s gauges not refreshed, will try again", gauges));
    }

    /** Every run of {@code runs} with what {@code compute} gives for it, computed one run after the other, in order. */
    public static <R> Uni<List<PerRun<R>>> perRun(Uni<List<String>> runs, Function<String, Uni<R>> compute) {
        return runs.onItem()
                .transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem()
                .transformToUniAndConcatenate(run -> compute.apply(run).map(value -> new PerRun<>(run, value)))
                .collect()
                .asList();
    }

    /**
     * One run's part of a snapshot.
     *
     * @param runId the run
     * @param value what was computed for it
     */
    public record PerRun<R>(String runId, R value) {}
}
