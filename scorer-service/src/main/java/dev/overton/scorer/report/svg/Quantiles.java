package dev.overton.scorer.report.svg;

/**
 * Quantiles for drawing box plots: linear interpolation between order statistics (Hyndman and Fan's type 7, the
 * default of R and numpy), so that a box drawn here matches one drawn from the exported values elsewhere.
 */
final class Quantiles {

    private Quantiles() {}

    /**
     * The {@code q} quantile of {@code sorted} (ascending, non-empty).
     *
     * @throws IllegalArgumentException for no values
     */
    static double of(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}
