package dev.overton.metrics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The difference {@code b − a} of one metric between two groups of prompts (two runs, or a monitor's window and its
 * baseline): its mean, a percentile bootstrap interval that resamples prompts, and a two-sided permutation p-value. One
 * implementation for {@code GET /compare} and for the monitors' alarms, so both read a change the same way.
 *
 * <p><b>Paired</b> (the groups share prompts): the per-prompt differences {@code d_i = b_i − a_i} over the shared prompts;
 * the interval resamples those prompts (as {@link BootstrapInterval#of(double[], double, int, long)} does), and the
 * p-value is the <em>paired sign-flip permutation test</em> of the mean: under the null hypothesis that a and b are
 * exchangeable within each prompt, each {@code d_i} is as likely to be {@code +d_i} as {@code −d_i}, so the p-value is
 * the share of the 2<sup>n</sup> sign assignments whose {@code |Σ ±d_i|} is at least the observed {@code |Σ d_i|}. We
 * chose it over a bootstrap-t because it is exact (enumerated) for small n, needs no normal or t approximation (metric
 * values are bounded and often skewed), and never calls a difference significant that could arise by swapping labels
 * within prompts; comparing a run with itself gives p = 1.
 *
 * <p><b>Unpaired</b> (the groups share no prompt): the difference of the two means; the interval resamples each
 * group's prompts independently; the p-value is the two-sample permutation test of the difference of means (pooled
 * values re-split into groups of the original sizes), for the same reasons.
 *
 * <p>Both tests enumerate every rearrangement when there are at most {@link #EXACT_LIMIT} of them (p = share of
 * rearrangements at least as extreme, the observed one included), otherwise draw {@link Settings#permutations()}
 * seeded random ones and report {@code (1 + k) / (1 + R)} (Phipson and Smyth 2010: never 0, valid at any R). Ties
 * within a relative 1e-12 of the observed statistic count as "at least as extreme", so rounding cannot turn a tie
 * into a smaller p.
 *
 * <p>Undefined values are explicit NaN: no pairs (paired) or an empty group (unpaired) leave everything NaN; one pair,
 * or fewer than two prompts in a group (unpaired), leave the interval NaN (nothing to resample). Values must be finite.
 */
public final class DifferenceTest {

    /** Rearrangements enumerated exactly up to this many (2^16); above, a seeded random subset is drawn. */
    public static final int EXACT_LIMIT = 1 << 16;

    private static final double NaN = Double.NaN;

    /**
     * How a difference is estimated.
     *
     * @param level confidence level of the interval, e.g. 0.95
     * @param resamples bootstrap resamples for the interval
     * @param permutations random rearrangements for the p-value when they cannot all be enumerated
     * @param seed the random seed (the same values always give the same answer)
     */
    public record Settings(double level, int resamples, int permutations, long seed) {

        /** 95% interval from 2,000 resamples, 9,999 permutations, {@link BootstrapInterval}'s seed. */
        public static final Settings DEFAULT =
                new Settings(0.95, BootstrapInterval.DEFAULT_RESAMPLES, 9_999, BootstrapInterval.DEFAULT_SEED);

        public Settings {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("level must be in (0, 1): " + level);
            }
            if (resamples < 1 || permutations < 1) {
                throw new IllegalArgumentException("resamples and permutations must be at least 1");
            }
        }
    }

    /**
     * One difference {@code b − a}.
     *
     * @param paired whether it is paired over shared prompts
     * @param n the number of prompts it rests on: pairs when paired, {@code nA + nB} when unpaired
     * @param nA prompts of a used (the pairs, when paired)
     * @param nB prompts of b used (the pairs, when paired)
     * @param meanA mean of a over the prompts used
     * @param meanB mean of b over the prompts used
     * @param mean the difference {@code meanB − meanA} (when paired, also the mean of the per-prompt differences)
     * @param low lower bound of the percentile bootstrap interval
     * @param high upper bound of the interval
     * @param p two-sided permutation p-value
     * @param exact whether {@code p} enumerated every rearrangement (otherwise a seeded random subset)
     */
    public record Difference(
            boolean paired,
            int n,
            int nA,
            int nB,
            double meanA,
            double meanB,
            double mean,
            double low,
            double high,
            double p,
            boolean exact) {}

    private DifferenceTest() {}

    /**
     * Compares values keyed by prompt id: paired over the prompts both have when they share at least one (prompts only
     * one side has are left out), unpaired over all of each side's prompts when they share none.
     */
    public static Difference compare(Map<String, Double> a, Map<String, Double> b, Settings settings) {
        List<String> shared = new ArrayList<>();
        for (String prompt : a.keySet()) {
            if (b.containsKey(prompt)) {
                shared.add(prompt);
            }
        }
        if (shared.isEmpty()) {
            return unpaired(inPromptOrder(a), inPromptOrder(b), settings);
        }
        shared.sort(null); // map order must not change the seeded resamples
        double[] pairedA = new double[shared.size()];
        double[] pairedB = new double[shared.size()];
        for (int i = 0; i < shared.size(); i++) {
            pairedA[i] = a.get(shared.get(i));
            pairedB[i] = b.get(shared.get(i));
        }
        return paired(pairedA, pairedB, settings);
    }

    /**
     * The paired difference {@code b[i] − a[i]}: mean, bootstrap interval over pairs, sign-flip p-value.
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold a non-finite value
     */
    public static Difference paired(double[] a, double[] b, Settings settings) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired values differ in length: " + a.length + " vs " + b.length);
        }
        requireFinite(a);
        requireFinite(b);
        int n = a.length;
        if (n == 0) {
            return new Difference(true, 0, 0, 0, NaN, NaN, NaN, NaN, NaN, NaN, false);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
        }
        BootstrapInterval.Estimate interval =
                BootstrapInterval.of(d, settings.level(), settings.resamples(), settings.seed());
        boolean exact = n <= 16;
        double p = exact ? signFlipExact(d) : signFlipSampled(d, settings.permutations(), settings.seed());
        return new Difference(
                true,
                n,
                n,
                n,
                BootstrapInterval.mean(a),
                BootstrapInterval.mean(b),
                interval.mean(),
                interval.low(),
                interval.high(),
                p,
                exact);
    }

    /**
     * The unpaired difference {@code mean(b) − mean(a)}: bootstrap interval resampling each group independently,
     * two-sample permutation p-value.
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public static Difference unpaired(double[] a, double[] b, Settings settings) {
        requireFinite(a);
        requireFinite(b);
        int nA = a.length;
        int nB = b.length;
        if (nA == 0 || nB == 0) {
            return new Difference(
                    false,
                    nA + nB,
                    nA,
                    nB,
                    BootstrapInterval.mean(a),
                    BootstrapInterval.mean(b),
                    NaN,
                    NaN,
                    NaN,
                    NaN,
                    false);
        }
        double meanA = BootstrapInterval.mean(a);
        double meanB = BootstrapInterval.mean(b);
        double low = NaN;
        double high = NaN;
        if (nA >= 2 && nB >= 2) {
            SplittableRandom random = new SplittableRandom(settings.seed());
            double[] differences = new double[settings.resamples()];
            for (int r = 0; r < differences.length; r++) {
                differences[r] = resampledMean(b, random) - resampledMean(a, random);
            }
            Arrays.sort(differences);
            double alpha = (1 - settings.level()) / 2;
            low = BootstrapInterval.quantile(differences, alpha);
            high = BootstrapInterval.quantile(differences, 1 - alpha);
        }
        double[] pooled = new double[nA + nB];
        System.arraycopy(a, 0, pooled, 0, nA);
        System.arraycopy(b, 0, pooled, nA, nB);
        boolean exact = pooled.length < 63 && binomial(pooled.length, nA) <= EXACT_LIMIT;
        double p = exact ? splitExact(pooled, nA) : splitSampled(pooled, nA, settings.permutations(), settings.seed());
        return new Difference(false, nA + nB, nA, nB, meanA, meanB, meanB - meanA, low, high, p, exact);
    }

    // ---- paired: sign flips ----------------------------------------------------------------------------------

    private static double signFlipExact(double[] d) {
        int n = d.length;
        double observed = Math.abs(sum(d));
        double tolerance = tolerance(d);
        long atLeast = 0;
        long total = 1L << n;
        for (long mask = 0; mask < total; mask++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (mask & (1L << i)) == 0 ? d[i] : -d[i];
            }
            if (Math.abs(s) >= observed - tolerance) {
                atLeast++;
            }
        }
        return (double) atLeast / total;
    }

    private static double signFlipSampled(double[] d, int permutations, long seed) {
        double observed = Math.abs(sum(d));
        double tolerance = tolerance(d);
        SplittableRandom random = new SplittableRandom(seed);
        long atLeast = 0;
        for (int r = 0; r < permutations; r++) {
            double s = 0;
            for (double v : d) {
                s += random.nextBoolean() ? v : -v;
            }
            if (Math.abs(s) >= observed - tolerance) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + permutations);
    }

    // ---- unpaired: re-splitting the pooled values ------------------------------------------------------------

    // The observed split (the first nA pooled values are A). The statistic |mean(B) − mean(A)| is a function of sum(A)
    // alone (the total is fixed), so each split only sums A.
    private record Split(int nA, int nB, double total, double threshold) {

        static Split observed(double[] pooled, int nA) {
            int nB = pooled.length - nA;
            double total = sum(pooled);
            double observedSumA = 0;
            for (int i = 0; i < nA; i++) {
                observedSumA += pooled[i];
            }
            double tolerance = tolerance(pooled) / Math.min(nA, nB);
            return new Split(nA, nB, total, statistic(observedSumA, total, nA, nB) - tolerance);
        }

        boolean atLeastAsExtreme(double sumA) {
            return statistic(sumA, total, nA, nB) >= threshold;
        }

        private static double statistic(double sumA, double total, int nA, int nB) {
            return Math.abs((total - sumA) / nB - sumA / nA);
        }
    }

    private static double splitExact(double[] pooled, int nA) {
        int n = pooled.length;
        Split observed = Split.observed(pooled, nA);
        long atLeast = 0;
        long splits = 0;
        // Gosper's hack: every n-bit mask with exactly nA bits set, in increasing order.
        long mask = (1L << nA) - 1;
        long end = 1L << n;
        while (mask < end) {
            double sumA = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1L << i)) != 0) {
                    sumA += pooled[i];
                }
            }
            if (observed.atLeastAsExtreme(sumA)) {
                atLeast++;
            }
            splits++;
            long lowest = mask & -mask;
            long ripple = mask + lowest;
            mask = (((ripple ^ mask) >>> 2) / lowest) | ripple;
        }
        return (double) atLeast / splits;
    }

    private static double splitSampled(double[] pooled, int nA, int permutations, long seed) {
        int n = pooled.length;
        Split observed = Split.observed(pooled, nA);
        SplittableRandom random = new SplittableRandom(seed);
        double[] shuffled = pooled.clone();
        long atLeast = 0;
        for (int r = 0; r < permutations; r++) {
            // Partial Fisher–Yates: the first nA places become a uniformly drawn group A.
            double sumA = 0;
            for (int i = 0; i < nA; i++) {
                int j = i + random.nextInt(n - i);
                double swap = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = swap;
                sumA += shuffled[i];
            }
            if (observed.atLeastAsExtreme(sumA)) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + permutations);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static double resampledMean(double[] values, SplittableRandom random) {
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[random.nextInt(values.length)];
        }
        return s / values.length;
    }

    /** Rounding slack: sums of the same terms in another order differ by far less than 1e-12 of their magnitude. */
    private static double tolerance(double[] values) {
        double magnitude = 0;
        for (double v : values) {
            magnitude += Math.abs(v);
        }
        return 1e-12 * magnitude;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return Math.round(c);
    }

    // Sorted by prompt id: map order must not change the seeded resamples.
    private static double[] inPromptOrder(Map<String, Double> byPrompt) {
        return new java.util.TreeMap<>(byPrompt)
                .values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void requireFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite; leave undefined prompts out");
            }
        }
    }
}
