package dev.overton.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    private static final double DELTA = 1e-12;

    /**
     * The 15 p-values of Benjamini and Hochberg (1995), section 4.1 (a myocardial-infarction trial): at FDR 0.05 the
     * procedure rejects the four smallest. Expected q-values computed with python3 as R's {@code p.adjust(p, "BH")}:
     * {@code run = 1; for r in range(m, 0, -1): run = min(run, p[r-1] * m / r); q[r-1] = run}.
     */
    @Test
    void qValuesOfTheTextbookExampleRejectTheFourSmallestAtFivePercent() {
        double[] p = {
            0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528,
            0.7590, 1.0000
        };
        double[] expected = {
            0.0015,
            0.003,
            0.0095,
            0.035625,
            0.0603,
            0.06385714285714286,
            0.06385714285714286,
            0.0645,
            0.0765,
            0.48600000000000004,
            0.5811818181818182,
            0.714875,
            0.7532307692307694,
            0.8132142857142857,
            1
        };

        double[] q = BenjaminiHochberg.qValues(p);

        for (int i = 0; i < p.length; i++) {
            assertThat(q[i]).as("q[%d]", i).isCloseTo(expected[i], within(DELTA));
        }
        assertThat(IntStream.range(0, q.length).filter(i -> q[i] <= 0.05).count())
                .isEqualTo(4);
    }

    @Test
    void qValuesKeepTheInputOrderAndLeaveUndefinedPValuesOut() {
        // by hand: defined p = 0.04, 0.01, 0.03 (m = 3): sorted 0.01 -> 0.03, 0.03 -> 0.045, 0.04 -> 0.04; the
        // running minimum from the top gives 0.03, 0.04, 0.04
        double[] q = BenjaminiHochberg.qValues(new double[] {0.04, Double.NaN, 0.01, 0.03});

        assertThat(q[0]).isCloseTo(0.04, within(DELTA));
        assertThat(q[1]).isNaN();
        assertThat(q[2]).isCloseTo(0.03, within(DELTA));
        assertThat(q[3]).isCloseTo(0.04, within(DELTA));
    }

    @Test
    void noPValuesGiveNoQValues() {
        assertThat(BenjaminiHochberg.qValues(new double[0])).isEmpty();
    }
}
