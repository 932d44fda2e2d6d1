package dev.overton.icl.recovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.overton.contracts.RecoveryReport.Recovery;
import dev.overton.metrics.stats.RatioOfMeans;

/**
 * The recovery verdict of the method: for each non-reference variant V and the reference A, per pair measure, recovery
 * = mean over prompts of sim(V, A) / mean over prompts of sim(A, A), with a percentile bootstrap interval resampling
 * prompts jointly ({@link RatioOfMeans}); V recovers A when the interval reaches 1 ({@code ciHigh >= 1}).
 *
 * <p>Per prompt, sim(V, A) is the mean over V's samples of their values against A's sample 0, and sim(A, A) the mean
 * over A's samples 1..N-1 against sample 0. Undefined (null) values are left out of these means; a prompt enters the
 * ratio only when both its V and its A-vs-A value are defined, so numerator and denominator are over the same prompts
 * ({@code n}). Measures are whatever pair metrics are present: nothing is hard-coded.
 */
public final class RecoveryCalculator {

    private final double level;
    private final int resamples;
    private final long seed;

    /**
     * @param level the confidence level, e.g. 0.95
     * @param resamples bootstrap resamples
     * @param seed bootstrap seed, so the verdict served twice does not move
     */
    public RecoveryCalculator(double level, int resamples, long seed) {
        this.level = level;
        this.resamples = resamples;
        this.seed = seed;
    }

    /** The recoveries of every (variant, measure) in {@code values}, ordered by measure then variant. */
    public List<Recovery> compute(List<PairValue> values) {
        // reference -> metric -> variant -> prompt -> per-prompt mean
        Map<String, Map<String, Map<String, Map<String, Double>>>> means = values.stream()
                .filter(v -> v.value() != null && !v.value().isNaN())
                .collect(Collectors.groupingBy(
                        PairValue::reference,
                        TreeMap::new,
                        Collectors.groupingBy(
                                PairValue::metric,
                                TreeMap::new,
                                Collectors.groupingBy(
                                        PairValue::variant,
                                        TreeMap::new,
                                        Collectors.groupingBy(
                                                PairValue::promptId,
                                                TreeMap::new,
                                                Collectors.averagingDouble(PairValue::value))))));
        List<Recovery> recoveries = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, Map<String, Double>>>> byReference : means.entrySet()) {
            String reference = byReference.getKey();
            for (Map.Entry<String, Map<String, Map<String, Double>>> byMetric :
                    byReference.getValue().entrySet()) {
                Map<String, Double> ceiling = byMetric.getValue().getOrDefault(reference, Map.of());
                for (Map.Entry<String, Map<String, Double>> byVariant :
                        byMetric.getValue().entrySet()) {
                    if (!byVariant.getKey().equals(reference)) {
                        recoveries.add(recovery(byVariant.getKey(), byMetric.getKey(), byVariant.getValue(), ceiling));
                    }
                }
            }
        }
        recoveries.sort(Comparator.comparing(Recovery::measure).thenComparing(Recovery::variant));
        return recoveries;
    }

    private Recovery recovery(String variant, String measure, Map<String, Double> own, Map<String, Double> ceiling) {
        List<String> prompts =
                own.keySet().stream().filter(ceiling::containsKey).toList();
        double[] numerator = new double[prompts.size()];
        double[] denominator = new double[prompts.size()];
        for (int i = 0; i < prompts.size(); i++) {
            numerator[i] = own.get(prompts.get(i));
            denominator[i] = ceiling.get(prompts.get(i));
        }
        RatioOfMeans.Estimate e = RatioOfMeans.of(numerator, denominator, level, resamples, seed);
        String reason = null;
        if (e.n() == 0) {
            reason = ceiling.isEmpty()
                    ? "no reference-vs-reference values yet (the reference needs at least 2 samples)"
                    : "no prompt has both a value for this variant and a reference-vs-reference value";
        } else if (Double.isNaN(e.ratio())) {
            reason = "reference-vs-reference similarity is 0 on these prompts";
        } else if (Double.isNaN(e.high())) {
            reason = e.n() == 1 ? "one prompt: no interval" : "interval undefined (denominator 0 in most resamples)";
        }
        return new Recovery(
                variant,
                measure,
                finite(e.ratio()),
                finite(e.low()),
                finite(e.high()),
                !Double.isNaN(e.high()) && e.high() >= 1,
                e.n(),
                reason);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
