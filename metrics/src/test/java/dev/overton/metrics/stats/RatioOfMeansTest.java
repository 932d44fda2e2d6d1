package dev.overton.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatioOfMeansTest {

    private static final double DELTA = 1e-12;

    @Test
    void ratioIsTheQuotientOfTheTwoMeans() {
        // mean(0.2, 0.4, 0.6) = 0.4 and mean(0.5, 0.5, 0.8) = 0.6: 0.4 / 0.6 = 2/3 (worked by hand).
        RatioOfMeans.Estimate e =
                RatioOfMeans.of(new double[] {0.2, 0.4, 0.6}, new double[] {0.5, 0.5, 0.8}, 0.95, 1000, 7L);
        assertThat(e.ratio()).isCloseTo(2.0 / 3.0, within(DELTA));
        assertThat(e.n()).isEqualTo(3);
        assertThat(e.low()).isLessThanOrEqualTo(e.ratio());
        assertThat(e.high()).isGreaterThanOrEqualTo(e.ratio());
    }

    @Test
    void proportionalValuesGiveAnIntervalCollapsedOnTheRatio() {
        // numerator = 0.5 * denominator prompt by prompt, so every joint resample has ratio exactly 0.5 (by hand).
        RatioOfMeans.Estimate e = RatioOfMeans.of(new double[] {1, 2, 3}, new double[] {2, 4, 6}, 0.95, 500, 1L);
        assertThat(e.ratio()).isCloseTo(0.5, within(DELTA));
        assertThat(e.low()).isCloseTo(0.5, within(DELTA));
        assertThat(e.high()).isCloseTo(0.5, within(DELTA));
    }

    @Test
    void resamplesPromptsJointlyForNumeratorAndDenominator() {
        // Identical numerator and denominator: a joint resample always gives 1. Resampling them independently would
        // give ratios from 1/3 to 3, so a collapsed interval shows the pairing is kept.
        RatioOfMeans.Estimate e = RatioOfMeans.of(new double[] {1, 3}, new double[] {1, 3}, 0.95, 2000, 3L);
        assertThat(e.low()).isCloseTo(1.0, within(DELTA));
        assertThat(e.high()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void twoPromptIntervalSpansTheResampleSupport() {
        // numerator {0, 1}, denominator {1, 1}: a resample of two prompts has ratio 0 (p = 1/4), 0.5 (1/2) or
        // 1 (1/4), so with 2000 resamples the 2.5% and 97.5% percentiles are 0 and 1; the ratio is 0.5 (by hand).
        RatioOfMeans.Estimate e = RatioOfMeans.of(new double[] {0, 1}, new double[] {1, 1}, 0.95, 2000, 11L);
        assertThat(e.ratio()).isCloseTo(0.5, within(DELTA));
        assertThat(e.low()).isCloseTo(0.0, within(DELTA));
        assertThat(e.high()).isCloseTo(1.0, within(DELTA));
    }

    @Test
    void sameSeedGivesTheSameInterval() {
        double[] a = {0.21, 0.25, 0.19, 0.3, 0.27, 0.22};
        double[] b = {0.28, 0.3, 0.26, 0.33, 0.29, 0.31};
        assertThat(RatioOfMeans.of(a, b)).isEqualTo(RatioOfMeans.of(a, b));
    }

    @Test
    void onePromptHasARatioButNoInterval() {
        RatioOfMeans.Estimate e = RatioOfMeans.of(new double[] {0.3}, new double[] {0.6});
        assertThat(e.ratio()).isCloseTo(0.5, within(DELTA));
        assertThat(e.low()).isNaN();
        assertThat(e.high()).isNaN();
    }

    @Test
    void noPromptsAndZeroDenominatorAreUndefined() {
        assertThat(RatioOfMeans.of(new double[0], new double[0]).ratio()).isNaN();
        RatioOfMeans.Estimate zero = RatioOfMeans.of(new double[] {0.1, 0.2}, new double[] {0, 0});
        assertThat(zero.ratio()).isNaN();
        assertThat(zero.low()).isNaN();
    }

    @Test
    void rejectsUnpairedOrNaNValues() {
        assertThatThrownBy(() -> RatioOfMeans.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ in length");
        assertThatThrownBy(() -> RatioOfMeans.of(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }
}
