package dev.overton.scorer.report;

import java.util.Locale;

/**
 * How the report writes numbers: three decimals for small values, fewer for large ones (none for whole numbers from 10,
 * such as token counts), a real minus sign.
 */
public final class Numbers {

    private Numbers() {}

    /** {@code value} for reading; {@code n/a} when undefined. */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        double a = Math.abs(value);
        boolean whole = value == Math.rint(value);
        String pattern = a >= 100 || (a >= 10 && whole) ? "%.0f" : a >= 10 ? "%.1f" : "%.3f";
        String s = String.format(Locale.ROOT, pattern, value);
        if (s.matches("-0(\\.0+)?")) {
            s = s.substring(1);
        }
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    /** {@code value} for reading; {@code n/a} when {@code null} or undefined. */
    public static String format(Double value) {
        return value == null ? "n/a" : format(value.doubleValue());
    }

    /** A value with its interval, e.g. {@code 0.089 [0.078, 0.101]}; the interval is left out when undefined. */
    public static String withInterval(double mean, double low, double high) {
        if (!Double.isFinite(mean)) {
            return "n/a";
        }
        return Double.isFinite(low) && Double.isFinite(high)
                ? format(mean) + " [" + format(low) + ", " + format(high) + "]"
                : format(mean);
    }
}
