package dev.overton.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a monitor adds to a run spec ({@code POST /monitors}): how each window is drawn and when, what it is compared
 * with, which metrics raise alarms, how many windows are kept, and where the prompts come from. Checked by {@code
 * dev.overton.contracts.spec.MonitorRules}; defaults are filled in, so a consumer never guesses them.
 *
 * @param window how each window is drawn and how often
 * @param baseline {@value #FIRST} (the monitor's first window), {@value #PREVIOUS} (the window before), or a run id
 * @param alarms which metrics raise alarms and how, or {@code null} when the monitor raises none
 * @param retention how many windows are kept
 * @param source the stream the prompts come from, or {@code null} when they are drawn from the run spec's dataset
 */
public record MonitorSpec(Window window, String baseline, Alarms alarms, Retention retention, Source source) {

    /** {@link #baseline()}: every window is compared with the monitor's first window. */
    public static final String FIRST = "first";

    /** {@link #baseline()}: every window is compared with the window before it. */
    public static final String PREVIOUS = "previous";

    /** Whether the prompts come from a stream rather than the dataset. */
    public boolean streamed() {
        return source != null;
    }

    /**
     * How each window is drawn.
     *
     * @param prompts prompts per window, at least 1 (and at most the dataset's size)
     * @param every how often a window runs, an ISO-8601 duration of at least {@link #MIN_EVERY} by default (e.g. {@code PT1H}), or
     *     {@code null}: windows run only when triggered
     * @param paired whether every window uses the same prompts (drawn once, seeded), so that windows compare paired;
     *     always {@code false} for a stream source
     */
    public record Window(int prompts, String every, boolean paired) {

        /**
         * The shortest accepted {@link #every()} by default; a generator's {@code overton.monitors.min-every} may set
         * another (the system tests use {@code PT5S}).
         */
        public static final Duration MIN_EVERY = Duration.ofSeconds(10);

        /** {@link #every()} as a duration, or {@code null} when windows run only when triggered. */
        public Duration period() {
            return every == null ? null : Duration.parse(every);
        }
    }

    /**
     * Which metrics raise alarms (the scorer compares each window with the baseline, Benjamini–Hochberg over metrics ×
     * variants).
     *
     * @param metrics metric names with a documented worse direction ({@code dev.overton.metrics.stats.MetricDirection})
     * @param fdr the false discovery rate, in (0, 1)
     * @param minEffect per metric, the smallest difference (in the metric's worse direction) that counts; a metric not
     *     named here counts at any size
     */
    public record Alarms(List<String> metrics, double fdr, Map<String, Double> minEffect) {

        /** {@link #fdr()} when the spec gives none. */
        public static final double DEFAULT_FDR = 0.05;

        /** Copies the lists. */
        public Alarms {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
            minEffect = minEffect == null ? Map.of() : Map.copyOf(minEffect);
        }
    }

    /**
     * How many windows are kept.
     *
     * @param windows the most recent windows kept (older ones are deleted, oldest first, like {@code DELETE
     *     /runs/{id}}), or {@code null}: every window is kept
     */
    public record Retention(Integer windows) {}

    /**
     * A stream of prompts.
     *
     * @param topic the Kafka topic the prompts arrive on: {@value Topics#MONITOR_PROMPTS}
     */
    public record Source(String topic) {}
}
