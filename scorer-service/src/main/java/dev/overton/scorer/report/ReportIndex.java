package dev.overton.scorer.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.overton.metrics.stats.BootstrapInterval.Estimate;
import dev.overton.scorer.report.svg.Palette;
import dev.overton.scorer.scoring.RunAggregator;

/**
 * One run's {@link ReportData} indexed for the lookups the report makes while it is assembled: estimates by metric and
 * variant, paired differences, per-prompt values, the variants' colours.
 */
final class ReportIndex {

    private final ReportData data;
    private final Map<String, String> colours;
    private final Map<String, Map<String, Estimate>> estimates = new HashMap<>();
    private final Map<String, Map<String, Estimate>> differences = new HashMap<>();
    private final Map<String, Map<String, Map<String, Double>>> perPrompt = new HashMap<>();
    private final Set<String> metrics = new LinkedHashSet<>();

    ReportIndex(ReportData data) {
        this.data = data;
        this.colours = Palette.assign(data.variantNames(), data.reference());
        for (RunAggregator.MetricAggregate m : data.aggregate().metrics()) {
            estimates.computeIfAbsent(m.metric(), k -> new HashMap<>()).put(m.variant(), m.estimate());
            metrics.add(m.metric());
        }
        for (RunAggregator.Difference d : data.aggregate().differences()) {
            differences.computeIfAbsent(d.metric(), k -> new HashMap<>()).put(d.variant(), d.estimate());
        }
        for (RunAggregator.PromptValue v : data.promptValues()) {
            perPrompt
                    .computeIfAbsent(v.metric(), k -> new HashMap<>())
                    .computeIfAbsent(v.variant(), k -> new HashMap<>())
                    .put(v.promptId(), v.value());
        }
    }

    ReportData data() {
        return data;
    }

    /** The metrics with an aggregate, in the order they were stored. */
    Set<String> metrics() {
        return metrics;
    }

    boolean has(String metric) {
        return metrics.contains(metric);
    }

    /** The estimate of {@code metric} for {@code variant}, or {@code null}. */
    Estimate estimate(String metric, String variant) {
        Map<String, Estimate> byVariant = estimates.get(metric);
        return byVariant == null ? null : byVariant.get(variant);
    }

    /** The variants that have an estimate of {@code metric}. */
    Set<String> variantsWith(String metric) {
        return estimates.getOrDefault(metric, Map.of()).keySet();
    }

    /** The paired difference of {@code metric} between {@code variant} and the reference, or {@code null}. */
    Estimate difference(String metric, String variant) {
        Map<String, Estimate> byVariant = differences.get(metric);
        return byVariant == null ? null : byVariant.get(variant);
    }

    /** {@code metric}'s values: variant → prompt → value. */
    Map<String, Map<String, Double>> perPrompt(String metric) {
        return perPrompt.getOrDefault(metric, Map.of());
    }

    /** The colour of {@code variant}; grey for a variant the run's list does not have. */
    String colour(String variant) {
        return colours.getOrDefault(variant, "#444");
    }

    /** Coverage (or judge) values: metric → variant → values, metrics by name, variants in display order. */
    Map<String, Map<String, List<Double>>> distributions(boolean coverage) {
        Map<String, Map<String, List<Double>>> byMetric = new TreeMap<>();
        for (ReportData.DistributionValue v : data.distributions()) {
            boolean wanted = coverage ? ReportMetrics.isCoverage(v.metric()) : ReportMetrics.isJudge(v.metric());
            if (wanted) {
                byMetric.computeIfAbsent(v.metric(), m -> new TreeMap<>(this::displayOrder))
                        .computeIfAbsent(v.variant(), x -> new ArrayList<>())
                        .add(v.value());
            }
        }
        Map<String, Map<String, List<Double>>> ordered = new LinkedHashMap<>();
        byMetric.forEach((metric, byVariant) -> ordered.put(metric, new LinkedHashMap<>(byVariant)));
        return ordered;
    }

    private int displayOrder(String a, String b) {
        List<String> names = data.variantNames();
        int ia = names.indexOf(a);
        int ib = names.indexOf(b);
        if (ia < 0 || ib < 0) {
            return ia == ib ? a.compareTo(b) : ia < 0 ? 1 : -1;
        }
        return Integer.compare(ia, ib);
    }
}
