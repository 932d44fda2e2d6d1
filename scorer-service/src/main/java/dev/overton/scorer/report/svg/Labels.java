package dev.overton.scorer.report.svg;

import java.util.Collection;
import java.util.Locale;

/** Shared text helpers of the charts: value and interval formatting, label widths and shortening. */
final class Labels {

    /** Labels longer than this are shortened with an ellipsis (the full text stays in the tooltip). */
    static final int MAX_LABEL = 30;

    private Labels() {}

    /** A value with three significant decimals for small numbers, fewer for large ones; {@code n/a} when undefined. */
    static String value(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.3f";
        String s = String.format(Locale.ROOT, pattern, v);
        return s.matches("-0(\\.0+)?") ? s.substring(1) : s;
    }

    /** A mark's 95% interval as its tooltip says it, after the estimate: {@code " [low, high] 95% CI"}. */
    static String interval(double low, double high) {
        return " [" + value(low) + ", " + value(high) + "] 95% CI";
    }

    /** {@code label} shortened to {@link #MAX_LABEL} characters. */
    static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }

    /** Pixels reserved for the longest of {@code labels} at the charts' 12px font, within [min, max]. */
    static double width(Collection<String> labels, double min, double max) {
        int longest = labels.stream().mapToInt(l -> shorten(l).length()).max().orElse(0);
        return Math.max(min, Math.min(max, longest * 6.8 + 16));
    }
}
