package dev.overton.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BootstrapIntervalTest {

    private static final double DELTA = 1e-12;

    @Test
    void intervalContainsTheMeanAndIsReproducible() {
        double[] values = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

        BootstrapInterval.Estimate first = BootstrapInterval.of(values);
        BootstrapInterval.Estimate second = BootstrapInterval.of(values);

        assertThat(first.mean()).isCloseTo(0.55, within(DELTA));
        assertThat(first.low()).isLessThan(0.55).isGreaterThan(0.1);
        assertThat(first.high()).isGreaterThan(0.55).isLessThan(1.0);
        assertThat(second).isEqualTo(first);
        assertThat(first.n()).isEqualTo(10);
    }

    @Test
    void intervalWidthIsNearTheNormalApproximation() {
        // For n = 400 values alternating 0/1, the mean is 0.5 and the standard error is 0.5/sqrt(400) = 0.025, so the
        // 95% interval is about 0.5 ± 1.96 * 0.025 = [0.451, 0.549] (normal approximation, worked by hand).
        double[] values = new double[400];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 2;
        }
        BootstrapInterval.Estimate estimate = BootstrapInterval.of(values);
        assertThat(estimate.low()).isCloseTo(0.451, within(0.01));
        assertThat(estimate.high()).isCloseTo(0.549, within(0.01));
    }

    @Test
    void oneValueHasAMeanButNoInterval() {
        BootstrapInterval.Estimate estimate = BootstrapInterval.of(new double[] {0.3});
        assertThat(estimate.mean()).isCloseTo(0.3, within(DELTA));
        assertThat(estimate.low()).isNaN();
        assertThat(estimate.high()).isNaN();
    }

    @Test
    void noValuesGiveAnUndefinedMean() {
        assertThat(BootstrapInterval.of(new double[0]).mean()).isNaN();
    }

    @Test
    void quantileInterpolatesLinearly() {
        // numpy.quantile([1, 2, 3, 4], 0.25) == 1.75
        assertThat(BootstrapInterval.quantile(new double[] {1, 2, 3, 4}, 0.25)).isCloseTo(1.75, within(DELTA));
    }

    @Test
    void differenceIsPairedByPrompt() {
        // a - b = {0.1, 0.1, 0.1}: every resample has mean 0.1, so the interval collapses to it (worked by hand).
        BootstrapInterval.Estimate d = BootstrapInterval.ofDifference(
                new double[] {0.2, 0.5, 0.9}, new double[] {0.1, 0.4, 0.8}, 0.95, 500, 1L);
        assertThat(d.mean()).isCloseTo(0.1, within(1e-9));
        assertThat(d.low()).isCloseTo(0.1, within(1e-9));
        assertThat(d.high()).isCloseTo(0.1, within(1e-9));
    }
}
