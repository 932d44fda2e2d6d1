package dev.overton.metrics.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean of per-prompt values with a percentile bootstrap confidence interval, resampling prompts with replacement. The
 * generator is seeded, so the same values always give the same interval (an aggregate served twice must not move).
 *
 * <p>With no values the mean is undefined ({@link Double#NaN}); with one value the interval is undefined (there is
 * nothing to resample) and both bounds are {@link Double#NaN}.
 */
public final class BootstrapInterval {

    /** Resamples used unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** Seed used unless told otherwise. */
    public static final long DEFAULT_SEED = 20240625L;

    private BootstrapInterval() {}

    /**
     * A mean with its interval.
     *
     * @param mean the mean of the values
     * @param low the lower bound of the interval
     * @param high the upper bound of the interval
     * @param n how many values
     */
    public record Estimate(double mean, double low, double high, int n) {}

    /** The mean and 95% percentile interval with the default seed and resamples. */
    public static Estimate of(double[] values) {
        return of(values, 0.95, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * The mean of {@code values} and its percentile bootstrap interval.
     *
     * @param level the confidence level, e.g. 0.95
     * @param resamples how many bootstrap resamples
     * @param seed the random seed
     */
    public static Estimate of(double[] values, double level, int resamples, long seed) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = mean(values);
        if (n == 1) {
            return new Estimate(mean, Double.NaN, Double.NaN, 1);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double alpha = (1 - level) / 2;
        return new Estimate(mean, quantile(means, alpha), quantile(means, 1 - alpha), n);
    }

    /**
     * The mean of the paired differences {@code a[i] - b[i]} with its percentile bootstrap interval, resampling the
     * pairs (prompts) together so that the interval reflects the per-prompt pairing.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static Estimate ofDifference(double[] a, double[] b, double level, int resamples, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired values differ in length: " + a.length + " vs " + b.length);
        }
        double[] differences = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            differences[i] = a[i] - b[i];
        }
        return of(differences, level, resamples, seed);
    }

    /** The arithmetic mean, or NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Linear-interpolation quantile (type 7, as numpy's default) of sorted values. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}
