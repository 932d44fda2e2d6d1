package dev.overton.scorer.report.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps a data interval linearly onto a pixel interval, with "nice" tick values (1, 2 or 5 times a power of ten) so that
 * axes read like hand-drawn ones. The domain is widened to whole ticks by {@link #nice}.
 *
 * @param domainLow the data value drawn at {@code rangeLow}
 * @param domainHigh the data value drawn at {@code rangeHigh}
 * @param rangeLow pixel position of {@code domainLow}
 * @param rangeHigh pixel position of {@code domainHigh}
 * @param step distance between ticks
 */
public record LinearScale(double domainLow, double domainHigh, double rangeLow, double rangeHigh, double step) {

    /**
     * A scale covering {@code min}..{@code max}, widened to whole multiples of a nice step that gives about {@code
     * ticks} ticks. An empty interval (min = max) is widened around its value so that it can still be drawn.
     */
    public static LinearScale nice(double min, double max, double rangeLow, double rangeHigh, int ticks) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            min = 0;
            max = 1;
        }
        if (min > max) {
            double t = min;
            min = max;
            max = t;
        }
        if (max - min < 1e-12) {
            double pad = Math.abs(min) > 1e-12 ? Math.abs(min) * 0.1 : 1;
            min -= pad;
            max += pad;
        }
        double step = niceStep((max - min) / Math.max(1, ticks - 1));
        double low = Math.floor(min / step + 1e-9) * step;
        double high = Math.ceil(max / step - 1e-9) * step;
        return new LinearScale(low, high, rangeLow, rangeHigh, step);
    }

    /** The pixel position of {@code value}. */
    public double map(double value) {
        return rangeLow + (value - domainLow) / (domainHigh - domainLow) * (rangeHigh - rangeLow);
    }

    /** The tick values from {@code domainLow} to {@code domainHigh}. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long first = Math.round(domainLow / step);
        long last = Math.round(domainHigh / step);
        for (long i = first; i <= last; i++) {
            double v = i * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return ticks;
    }

    /** A tick label with as many decimals as the step needs ({@code -0} is written {@code 0}). */
    public String label(double value) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0(\\.0+)?") ? s.substring(1) : s;
    }

    private static double niceStep(double rough) {
        double exponent = Math.floor(Math.log10(rough));
        double fraction = rough / Math.pow(10, exponent);
        double nice;
        if (fraction <= 1) {
            nice = 1;
        } else if (fraction <= 2) {
            nice = 2;
        } else if (fraction <= 5) {
            nice = 5;
        } else {
            nice = 10;
        }
        return nice * Math.pow(10, exponent);
    }
}
