package dev.overton.semantic.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanCorrelationTest {

    private static final double DELTA = 1e-12;

    @Test
    void matchesScipyWithoutTies() {
        // scipy.stats.spearmanr([1,2,3,4,5,6], [2,1,4,3,6,5]).statistic
        double rho = SpearmanCorrelation.of(new double[] {1, 2, 3, 4, 5, 6}, new double[] {2, 1, 4, 3, 6, 5});

        assertThat(rho).isCloseTo(0.8285714285714287, within(DELTA));
    }

    @Test
    void averagesTiedRanksAsScipyDoes() {
        // scipy.stats.spearmanr([1,2,2,3,4], [10,20,20,20,5]).statistic
        double rho = SpearmanCorrelation.of(new double[] {1, 2, 2, 3, 4}, new double[] {10, 20, 20, 20, 5});

        assertThat(rho).isCloseTo(-0.22941573387056177, within(DELTA));
    }

    @Test
    void isUndefinedForAConstantSide() {
        assertThat(SpearmanCorrelation.of(new double[] {1, 2, 3}, new double[] {5, 5, 5}))
                .isNaN();
    }

    @Test
    void isUndefinedForFewerThanTwoPairs() {
        assertThat(SpearmanCorrelation.of(new double[] {1}, new double[] {2})).isNaN();
    }
}
