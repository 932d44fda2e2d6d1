package dev.overton.scorer.monitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.overton.contracts.MonitorSpec;
import dev.overton.metrics.stats.MetricDirection;
import dev.overton.scorer.compare.ComparisonRow;

/**
 * Whether a window raises or clears alarms, from its comparison with the baseline ({@link
 * dev.overton.scorer.compare.RunComparison}, whose q-values are Benjamini–Hochberg over the rows it is given: the
 * monitor's alarm metrics × variants). A row is <em>alarmed</em> when its q is at most {@code alarms.fdr}, its difference
 * points the metric's worse way ({@link MetricDirection}) and is at least {@code alarms.minEffect} of the metric in size
 * (0 when not named). An alarmed (variant, metric) without an open alarm raises one; an open alarm clears at a later
 * window whose row for it is not alarmed. A window without a row for an open alarm's (variant, metric) (the metric or
 * the variant missing) leaves it open: missing figures are no evidence that it recovered. Plain Java.
 */
public final class AlarmDecision {

    private AlarmDecision() {}

    /**
     * One (variant, metric) of a window compared with the baseline.
     *
     * @param variant the window's variant
     * @param metric the metric
     * @param difference window mean − baseline mean, or {@code null} when undefined
     * @param q the Benjamini–Hochberg q-value, or {@code null} when undefined
     * @param alarmed whether it is significantly worse by at least the minimum effect
     */
    public record Finding(String variant, String metric, Double difference, Double q, boolean alarmed) {}

    /**
     * An open alarm.
     *
     * @param variant its variant
     * @param metric its metric
     * @param window the window that raised it
     */
    public record OpenAlarm(String variant, String metric, int window) {}

    /**
     * What one window changes.
     *
     * @param raised the findings that raise an alarm
     * @param cleared the open alarms it clears
     */
    public record Changes(List<Finding> raised, List<OpenAlarm> cleared) {

        /** Copies the lists. */
        public Changes {
            raised = List.copyOf(raised);
            cleared = List.copyOf(cleared);
        }
    }

    /** The findings of a window's comparison rows under the monitor's alarm settings. */
    public static List<Finding> findings(List<ComparisonRow> rows, MonitorSpec.Alarms alarms) {
        List<Finding> findings = new ArrayList<>(rows.size());
        for (ComparisonRow row : rows) {
            double minEffect = alarms.minEffect().getOrDefault(row.metric(), 0.0);
            findings.add(new Finding(
                    row.variantB(),
                    row.metric(),
                    row.difference(),
                    row.q(),
                    alarmed(row.metric(), row.difference(), row.q(), alarms.fdr(), minEffect)));
        }
        return findings;
    }

    /**
     * Whether a difference is an alarm: {@code q ≤ fdr}, in the metric's worse direction, and {@code |difference| ≥
     * minEffect}. Undefined figures never are.
     */
    public static boolean alarmed(String metric, Double difference, Double q, double fdr, double minEffect) {
        if (difference == null || q == null || Double.isNaN(difference) || Double.isNaN(q)) {
            return false;
        }
        return q <= fdr && MetricDirection.of(metric).isWorse(difference) && Math.abs(difference) >= minEffect;
    }

    /**
     * The alarms window {@code window} raises and clears, given the monitor's open alarms.
     *
     * @param findings the window's findings
     * @param open the monitor's open alarms before this window
     * @param window the window's number
     */
    public static Changes changes(List<Finding> findings, List<OpenAlarm> open, int window) {
        Map<String, OpenAlarm> openByKey = new HashMap<>();
        open.forEach(a -> openByKey.put(key(a.variant(), a.metric()), a));
        List<Finding> raised = new ArrayList<>();
        List<OpenAlarm> cleared = new ArrayList<>();
        for (Finding finding : findings) {
            OpenAlarm alarm = openByKey.get(key(finding.variant(), finding.metric()));
            if (finding.alarmed() && alarm == null) {
                raised.add(finding);
            } else if (!finding.alarmed() && alarm != null && alarm.window() < window) {
                cleared.add(alarm);
            }
        }
        return new Changes(raised, cleared);
    }

    private static String key(String variant, String metric) {
        return variant + '\u0000' + metric;
    }
}
