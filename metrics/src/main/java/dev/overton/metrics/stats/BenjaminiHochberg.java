package dev.overton.metrics.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini–Hochberg q-values (adjusted p-values) controlling the false discovery rate over a family of tests: the
 * rows of one comparison, or a monitor's alarm metrics × variants. Rejecting every test whose q-value is at most α
 * keeps the expected share of false discoveries among the rejections at most α when the tests are independent or
 * positively dependent (Benjamini and Hochberg 1995).
 *
 * <p>With m defined p-values sorted ascending, {@code q(i) = min over j ≥ i of min(1, m · p(j) / j)}, as R's {@code
 * p.adjust(p, "BH")}. An undefined (NaN) p-value is no test: it is left out of m and its q-value is NaN.
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {}

    /** The q-values of {@code p}, in the same order. */
    public static double[] qValues(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                if (p[i] < 0 || p[i] > 1) {
                    throw new IllegalArgumentException("p-value " + i + " is outside [0, 1]: " + p[i]);
                }
                order[m++] = i;
            }
        }
        Integer[] defined = Arrays.copyOf(order, m);
        Arrays.sort(defined, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[p.length];
        Arrays.fill(q, Double.NaN);
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int index = defined[rank - 1];
            running = Math.min(running, p[index] * m / rank);
            q[index] = running;
        }
        return q;
    }
}
