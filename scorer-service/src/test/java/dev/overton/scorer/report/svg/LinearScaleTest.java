package dev.overton.scorer.report.svg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearScaleTest {

    private static final double DELTA = 1e-9;

    @Test
    void widensTheDomainToWholeNiceSteps() {
        LinearScale x = LinearScale.nice(0.078, 0.292, 100, 500, 5);

        // range 0.214 / 4 = 0.0535 -> nice step 0.1; floor(0.78) = 0, ceil(2.92) = 3 -> [0, 0.3]
        assertThat(x.step()).isCloseTo(0.1, within(DELTA));
        assertThat(x.domainLow()).isCloseTo(0.0, within(DELTA));
        assertThat(x.domainHigh()).isCloseTo(0.3, within(DELTA));
        assertThat(x.ticks()).hasSize(4);
        assertThat(x.label(0.2)).isEqualTo("0.2");
    }

    @Test
    void mapsTheDomainOntoTheRangeLinearly() {
        LinearScale x = LinearScale.nice(0, 1, 100, 500, 5);

        assertThat(x.map(0)).isCloseTo(100, within(DELTA));
        assertThat(x.map(0.5)).isCloseTo(300, within(DELTA));
        assertThat(x.map(1)).isCloseTo(500, within(DELTA));
    }

    @Test
    void widensAnEmptyIntervalSoThatItCanBeDrawn() {
        LinearScale x = LinearScale.nice(0.5, 0.5, 0, 100, 5);

        assertThat(x.domainLow()).isLessThan(0.5);
        assertThat(x.domainHigh()).isGreaterThan(0.5);
    }

    @Test
    void labelsNegativeTicksWithTheirSignButNeverMinusZero() {
        LinearScale x = LinearScale.nice(-0.21, 0.01, 0, 100, 5);

        // step 0.1: [-0.3, 0.1]
        assertThat(x.ticks()).hasSize(5).contains(0.0);
        assertThat(x.label(-0.2)).isEqualTo("-0.2");
        assertThat(x.label(-0.0)).isEqualTo("0.0");
    }
}
