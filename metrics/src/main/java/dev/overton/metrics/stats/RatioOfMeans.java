package dev.overton.metrics.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A ratio of two means over the same prompts, {@code mean(numerator) / mean(denominator)}, with a percentile bootstrap
 * confidence interval that resamples prompts <em>jointly</em>: each resample draws prompt indices with replacement and
 * takes both means over the same drawn prompts, so that the interval reflects the per-prompt pairing of the two values
 * (a prompt on which both are high moves numerator and denominator together).
 *
 * <p>This is the recovery statistic of the method: mean over prompts of sim(V, A) over mean over prompts of sim(A, A).
 * The generator is seeded, so the same values always give the same interval.
 *
 * <p>Undefined values are explicit {@link Double#NaN}s: with no prompts everything is NaN; when the denominator's mean is
 * 0 the ratio is NaN; with one prompt the ratio is defined but the interval is not (nothing to resample). A resample
 * whose denominator mean is 0 has no ratio and is left out of the percentiles; if fewer than half of the resamples have
 * one, the interval is NaN.
 */
public final class RatioOfMeans {

    private RatioOfMeans() {}

    /**
     * A ratio with its interval.
     *
     * @param ratio {@code mean(numerator) / mean(denominator)}
     * @param low the lower bound of the interval
     * @param high the upper bound of the interval
     * @param n how many prompts (paired values)
     */
    public record Estimate(double ratio, double low, double high, int n) {}

    /** The ratio and its 95% interval with {@link BootstrapInterval}'s default seed and resamples. */
    public static Estimate of(double[] numerator, double[] denominator) {
        return of(numerator, denominator, 0.95, BootstrapInterval.DEFAULT_RESAMPLES, BootstrapInterval.DEFAULT_SEED);
    }

    /**
     * The ratio of means of paired values and its percentile bootstrap interval.
     *
     * @param numerator one value per prompt
     * @param denominator one value per prompt, paired with {@code numerator} by index
     * @param level the confidence level, e.g. 0.95
     * @param resamples how many bootstrap resamples
     * @param seed the random seed
     * @throws IllegalArgumentException when the arrays differ in length or hold a NaN
     */
    public static Estimate of(double[] numerator, double[] denominator, double level, int resamples, long seed) {
        if (numerator.length != denominator.length) {
            throw new IllegalArgumentException(
                    "paired values differ in length: " + numerator.length + " vs " + denominator.length);
        }
        for (int i = 0; i < numerator.length; i++) {
            if (Double.isNaN(numerator[i]) || Double.isNaN(denominator[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN; leave undefined prompts out instead");
            }
        }
        int n = numerator.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double ratio = ratio(sum(numerator), sum(denominator));
        if (n == 1) {
            return new Estimate(ratio, Double.NaN, Double.NaN, 1);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        int defined = 0;
        for (int b = 0; b < resamples; b++) {
            double top = 0;
            double bottom = 0;
            for (int i = 0; i < n; i++) {
                int drawn = random.nextInt(n);
                top += numerator[drawn];
                bottom += denominator[drawn];
            }
            double r = ratio(top, bottom);
            if (!Double.isNaN(r)) {
                ratios[defined++] = r;
            }
        }
        if (defined * 2 < resamples || defined == 0) {
            return new Estimate(ratio, Double.NaN, Double.NaN, n);
        }
        double[] sorted = Arrays.copyOf(ratios, defined);
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        return new Estimate(
                ratio, BootstrapInterval.quantile(sorted, alpha), BootstrapInterval.quantile(sorted, 1 - alpha), n);
    }

    // Sums stand in for means: both are over the same n prompts, so n cancels.
    private static double ratio(double numeratorSum, double denominatorSum) {
        return denominatorSum == 0 ? Double.NaN : numeratorSum / denominatorSum;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum;
    }
}
