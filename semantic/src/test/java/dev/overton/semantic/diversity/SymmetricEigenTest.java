package dev.overton.semantic.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    private static final double DELTA = 1e-10;

    @Test
    void twoByTwoHasEigenvaluesSumAndDifference() {
        // [[2,1],[1,2]]: eigenvalues 3 and 1 (closed form a ± b).
        double[] values = SymmetricEigen.eigenvalues(new double[][] {{2, 1}, {1, 2}});

        assertThat(values[0]).isCloseTo(3, within(DELTA));
        assertThat(values[1]).isCloseTo(1, within(DELTA));
    }

    @Test
    void threeByThreeMatchesNumpy() {
        // numpy.linalg.eigvalsh([[4,1,2],[1,3,0.5],[2,0.5,5]]), descending.
        double[] values = SymmetricEigen.eigenvalues(new double[][] {{4, 1, 2}, {1, 3, 0.5}, {2, 0.5, 5}});

        assertThat(values[0]).isCloseTo(6.831254430698204, within(DELTA));
        assertThat(values[1]).isCloseTo(3.0722239520050754, within(DELTA));
        assertThat(values[2]).isCloseTo(2.096521617296718, within(DELTA));
    }

    @Test
    void equicorrelationMatrixHasItsClosedFormSpectrum() {
        // (1-r) I + r J of size n: eigenvalue 1 + (n-1) r once and 1 - r (n-1) times.
        int n = 50;
        double r = 0.3;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = i == j ? 1 : r;
            }
        }

        double[] values = SymmetricEigen.eigenvalues(m);

        assertThat(values[0]).isCloseTo(1 + (n - 1) * r, within(1e-9));
        for (int i = 1; i < n; i++) {
            assertThat(values[i]).isCloseTo(1 - r, within(1e-9));
        }
    }

    @Test
    void randomSymmetricMatrixKeepsTraceAndFrobeniusNorm() {
        // Invariants of a similarity transform: sum of eigenvalues = trace, sum of squares = squared Frobenius norm.
        int n = 100;
        Random random = new Random(7);
        double[][] m = new double[n][n];
        double trace = 0;
        double frobenius = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double v = random.nextGaussian();
                m[i][j] = v;
                m[j][i] = v;
            }
        }
        for (int i = 0; i < n; i++) {
            trace += m[i][i];
            for (int j = 0; j < n; j++) {
                frobenius += m[i][j] * m[i][j];
            }
        }

        double[] values = SymmetricEigen.eigenvalues(m);

        double sum = 0;
        double squares = 0;
        for (double v : values) {
            sum += v;
            squares += v * v;
        }
        assertThat(sum).isCloseTo(trace, within(1e-8));
        assertThat(squares).isCloseTo(frobenius, within(1e-7));
    }

    @Test
    void rejectsAnAsymmetricMatrix() {
        assertThatThrownBy(() -> SymmetricEigen.eigenvalues(new double[][] {{1, 2}, {0, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not symmetric");
    }
}
