package dev.overton.scorer.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.overton.metrics.stats.BenjaminiHochberg;
import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.metrics.stats.DifferenceTest.Difference;
import dev.overton.metrics.stats.MetricDirection;
import dev.overton.scorer.catalog.RunTitle;

/**
 * Compares two runs' per-prompt values: pairs their variants (by name, or as {@link CompareQuery#map()} says), then
 * for every pair and metric computes {@code b − a} with {@link DifferenceTest} (paired over shared prompts, unpaired
 * when none is shared), Benjamini–Hochberg q-values over all rows, and the direction in the metric's words ({@link
 * MetricDirection}). Plain Java and seeded: the same values always give the same answer.
 */
public final class RunComparison {

    /** Rows with {@code q} at most this are significant. */
    public static final double FDR = 0.05;

    private RunComparison() {}

    /**
     * The comparison of run {@code query.a()} (values {@code a}) with run {@code query.b()} (values {@code b}).
     *
     * @throws CompareProblem (400) when no variant pairs up, a mapped variant is missing, or a metric asked for has no
     *     value in either run
     */
    public static Comparison compare(
            CompareQuery query, List<PromptValue> a, List<PromptValue> b, DifferenceTest.Settings settings) {
        Map<String, Map<String, Map<String, Double>>> byVariantA = index(a);
        Map<String, Map<String, Map<String, Double>>> byVariantB = index(b);
        List<String> variantsA = List.copyOf(byVariantA.keySet());
        List<String> variantsB = List.copyOf(byVariantB.keySet());
        List<Comparison.VariantPair> pairs = pairs(query, variantsA, variantsB);
        checkMetrics(query, byVariantA, byVariantB);

        List<Pending> pending = new ArrayList<>();
        for (Comparison.VariantPair pair : pairs) {
            Map<String, Map<String, Double>> metricsA = byVariantA.get(pair.a());
            Map<String, Map<String, Double>> metricsB = byVariantB.get(pair.b());
            for (String metric : metrics(query, metricsA, metricsB)) {
                Difference d = DifferenceTest.compare(
                        metricsA.getOrDefault(metric, Map.of()), metricsB.getOrDefault(metric, Map.of()), settings);
                pending.add(new Pending(pair, metric, d));
            }
        }
        double[] p = pending.stream().mapToDouble(r -> r.difference().p()).toArray();
        double[] q = BenjaminiHochberg.qValues(p);
        List<ComparisonRow> rows = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            rows.add(row(pending.get(i), q[i]));
        }
        return new Comparison(
                query.a(),
                query.b(),
                RunTitle.UNKNOWN,
                RunTitle.UNKNOWN,
                variantsA,
                variantsB,
                pairs,
                statistics(settings),
                rows);
    }

    private record Pending(Comparison.VariantPair pair, String metric, Difference difference) {}

    private static ComparisonRow row(Pending pending, double q) {
        Difference d = pending.difference();
        MetricDirection direction = MetricDirection.of(pending.metric());
        return new ComparisonRow(
                pending.pair().a(),
                pending.pair().b(),
                pending.metric(),
                d.paired(),
                d.n(),
                d.nA(),
                d.nB(),
                finite(d.meanA()),
                finite(d.meanB()),
                finite(d.mean()),
                finite(d.low()),
                finite(d.high()),
                finite(d.p()),
                d.exact(),
                finite(q),
                !Double.isNaN(q) && q <= FDR,
                direction.words(d.mean()),
                direction.isWorse(d.mean()),
                switch (direction.worse()) {
                    case HIGHER -> "higher";
                    case LOWER -> "lower";
                    case NEITHER -> null;
                });
    }

    private static List<Comparison.VariantPair> pairs(
            CompareQuery query, List<String> variantsA, List<String> variantsB) {
        List<Comparison.VariantPair> pairs = new ArrayList<>();
        if (!query.map().isEmpty()) {
            query.map().forEach((va, vb) -> {
                if (!variantsA.contains(va)) {
                    throw CompareProblem.badParameter(
                            "map",
                            "'map' names variant '" + va + "', which run a (" + query.a() + ") does not have; its"
                                    + " variants: " + variantsA);
                }
                if (!variantsB.contains(vb)) {
                    throw CompareProblem.badParameter(
                            "map",
                            "'map' names variant '" + vb + "', which run b (" + query.b() + ") does not have; its"
                                    + " variants: " + variantsB);
                }
                pairs.add(new Comparison.VariantPair(va, vb));
            });
            return pairs;
        }
        for (String variant : variantsA) {
            if (variantsB.contains(variant)) {
                pairs.add(new Comparison.VariantPair(variant, variant));
            }
        }
        if (pairs.isEmpty()) {
            throw CompareProblem.badParameter(
                    "map",
                    "runs a (" + query.a() + ") and b (" + query.b() + ") have no variant in common: a has " + variantsA
                            + ", b has " + variantsB + "; pair them with map=variantOfA:variantOfB,...");
        }
        return pairs;
    }

    private static void checkMetrics(
            CompareQuery query,
            Map<String, Map<String, Map<String, Double>>> byVariantA,
            Map<String, Map<String, Map<String, Double>>> byVariantB) {
        Set<String> known = new TreeSet<>();
        byVariantA.values().forEach(m -> known.addAll(m.keySet()));
        byVariantB.values().forEach(m -> known.addAll(m.keySet()));
        for (String metric : query.metrics()) {
            if (!known.contains(metric)) {
                throw CompareProblem.badParameter(
                        "metrics",
                        "'metrics' names '" + metric + "', which neither run has a value of; the runs have: " + known);
            }
        }
    }

    /** The metrics asked for, or else those both sides of the pair have, in name order. */
    private static List<String> metrics(
            CompareQuery query, Map<String, Map<String, Double>> metricsA, Map<String, Map<String, Double>> metricsB) {
        if (!query.metrics().isEmpty()) {
            return query.metrics();
        }
        return metricsA.keySet().stream().filter(metricsB::containsKey).toList();
    }

    private static Map<String, Map<String, Map<String, Double>>> index(List<PromptValue> values) {
        Map<String, Map<String, Map<String, Double>>> byVariant = new TreeMap<>();
        for (PromptValue v : values) {
            byVariant
                    .computeIfAbsent(v.variant(), k -> new TreeMap<>())
                    .computeIfAbsent(v.metric(), k -> new LinkedHashMap<>())
                    .put(v.promptId(), v.value());
        }
        return byVariant;
    }

    private static Comparison.Statistics statistics(DifferenceTest.Settings settings) {
        return new Comparison.Statistics(
                settings.level(),
                settings.resamples(),
                settings.permutations(),
                DifferenceTest.EXACT_LIMIT,
                settings.seed(),
                FDR,
                "percentile bootstrap resampling prompts (paired: shared prompts; unpaired: each run's prompts"
                        + " independently)",
                "sign-flip permutation test of the mean per-prompt difference",
                "two-sample permutation test of the difference of means",
                "Benjamini-Hochberg over all rows");
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
