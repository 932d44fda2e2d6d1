package dev.overton.metrics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.metrics.stats.DifferenceTest.Difference;
import dev.overton.metrics.stats.DifferenceTest.Settings;

/**
 * Expected numbers come from python3's standard library (no numpy or scipy on the build machines), by enumerating
 * every sign assignment or split, with this script (abridged; same arrays as below):
 *
 * <pre>
 * import itertools, statistics, math
 * d = [y - x for x, y in zip(a, b)]; obs = abs(sum(d)); tol = 1e-12 * sum(abs(v) for v in d)
 * p = sum(1 for s in itertools.product([1, -1], repeat=len(d))
 *         if abs(sum(si * di for si, di in zip(s, d))) >= obs - tol) / 2 ** len(d)
 * # unpaired: pool = a + b; stat(g) = abs((sum(pool) - sa) / nB - sa / nA) with sa = sum of pool over g;
 * # p = share of itertools.combinations(range(nA + nB), nA) with stat >= stat(range(nA)) - tol
 * # intervals: m +- NormalDist().inv_cdf(0.975) * pstdev(d) / sqrt(n)  (unpaired: sqrt(pvar(a)/nA + pvar(b)/nB))
 * </pre>
 */
class DifferenceTestTest {

    private static final double DELTA = 1e-12;

    @Test
    void pairedSignFlipPValueIsExactForFewPrompts() {
        double[] a = {0.31, 0.42, 0.27, 0.55, 0.38, 0.49, 0.33, 0.41};
        double[] b = {0.36, 0.40, 0.35, 0.61, 0.45, 0.47, 0.39, 0.52};

        Difference d = DifferenceTest.paired(a, b, Settings.DEFAULT);

        // python: mean 0.04875, 8 of the 256 sign assignments at least as extreme -> p = 0.03125
        assertThat(d.paired()).isTrue();
        assertThat(d.exact()).isTrue();
        assertThat(d.n()).isEqualTo(8);
        assertThat(d.mean()).isCloseTo(0.04875, within(DELTA));
        assertThat(d.meanB() - d.meanA()).isCloseTo(0.04875, within(DELTA));
        assertThat(d.p()).isCloseTo(0.03125, within(DELTA));
        assertThat(d.low()).isLessThan(d.mean());
        assertThat(d.high()).isGreaterThan(d.mean());
    }

    @Test
    void pairedSignFlipPValueIsSampledForManyPromptsAndAgreesWithFullEnumeration() {
        double[] a = {
            0.2, 0.41, 0.29, 0.5, 0.38, 0.26, 0.47, 0.35, 0.23, 0.44, 0.32, 0.2, 0.41, 0.29, 0.5, 0.38, 0.26, 0.47,
            0.35, 0.23
        };
        double[] b = {
            0.175, 0.435, 0.295, 0.485, 0.415, 0.275, 0.465, 0.325, 0.255, 0.445, 0.305, 0.235, 0.425, 0.285, 0.475,
            0.405, 0.265, 0.455, 0.385, 0.245
        };

        Difference d = DifferenceTest.paired(a, b, new Settings(0.95, 2000, 200_000, 7L));

        // python: all 2^20 sign assignments -> p = 0.2722949981689453; 200,000 draws have a standard error of 0.001
        assertThat(d.exact()).isFalse();
        assertThat(d.mean()).isCloseTo(0.0055, within(DELTA));
        assertThat(d.p()).isCloseTo(0.2722949981689453, within(0.005));
    }

    @Test
    void pairedIntervalAgreesWithTheNormalTheoryIntervalForManyPrompts() {
        int n = 200;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i * 37 % 101) / 100.0;
            b[i] = a[i] + ((i * 53 % 41) - 18) / 200.0;
        }

        Difference d = DifferenceTest.paired(a, b, Settings.DEFAULT);

        // python: mean 0.009825, normal-theory 95% interval [0.0015988763797941882, 0.018051123620205816]; the
        // percentile bootstrap approximates it within Monte Carlo error (a tenth of the half-width, 0.0008)
        assertThat(d.mean()).isCloseTo(0.009825, within(DELTA));
        assertThat(d.low()).isCloseTo(0.0015988763797941882, within(0.0008));
        assertThat(d.high()).isCloseTo(0.018051123620205816, within(0.0008));
        assertThat(d.p()).isLessThan(0.05);
    }

    @Test
    void unpairedPermutationPValueIsExactForSmallGroups() {
        double[] a = {2.1, 3.4, 2.9, 3.8, 2.5};
        double[] b = {3.9, 4.4, 3.1, 4.8, 4.0, 3.6};

        Difference d = DifferenceTest.unpaired(a, b, Settings.DEFAULT);

        // python: difference of means 1.0266666666666668; 15 of the 462 splits at least as extreme
        assertThat(d.paired()).isFalse();
        assertThat(d.exact()).isTrue();
        assertThat(d.nA()).isEqualTo(5);
        assertThat(d.nB()).isEqualTo(6);
        assertThat(d.n()).isEqualTo(11);
        assertThat(d.mean()).isCloseTo(1.0266666666666668, within(DELTA));
        assertThat(d.p()).isCloseTo(15.0 / 462, within(DELTA));
    }

    @Test
    void unpairedPermutationPValueIsSampledForLargerGroupsAndAgreesWithFullEnumeration() {
        double[] a = {0.5, 0.56, 0.62, 0.68, 0.54, 0.6, 0.66, 0.52, 0.58, 0.64, 0.5, 0.56};
        double[] b = {0.53, 0.67, 0.61, 0.55, 0.69, 0.63, 0.57, 0.71, 0.65, 0.59, 0.53, 0.67};

        Difference d = DifferenceTest.unpaired(a, b, new Settings(0.95, 2000, 200_000, 7L));

        // python: all C(24, 12) = 2,704,156 splits -> p = 0.16900134459698332
        assertThat(d.exact()).isFalse();
        assertThat(d.mean()).isCloseTo(0.036666666666666736, within(DELTA));
        assertThat(d.p()).isCloseTo(0.16900134459698332, within(0.005));
    }

    @Test
    void unpairedIntervalAgreesWithTheNormalTheoryInterval() {
        double[] a = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 37 % 101) / 100.0;
        }
        double[] b = new double[150];
        for (int i = 0; i < b.length; i++) {
            b[i] = (i * 29 % 97) / 100.0 + 0.05;
        }

        Difference d = DifferenceTest.unpaired(a, b, Settings.DEFAULT);

        // python: 0.03441666666666665, normal-theory 95% interval [-0.026054309806447108, 0.0948876431397804]
        assertThat(d.mean()).isCloseTo(0.03441666666666665, within(DELTA));
        assertThat(d.low()).isCloseTo(-0.026054309806447108, within(0.006));
        assertThat(d.high()).isCloseTo(0.0948876431397804, within(0.006));
        assertThat(d.p()).isGreaterThan(0.05);
    }

    @Test
    void comparingValuesWithThemselvesGivesZeroWithPOne() {
        double[] a = {0.31, 0.42, 0.27, 0.55, 0.38, 0.49, 0.33, 0.41, 0.2, 0.6, 0.1, 0.3, 0.5, 0.7, 0.35, 0.45, 0.25};

        Difference d = DifferenceTest.paired(a, a.clone(), Settings.DEFAULT);

        assertThat(d.mean()).isZero();
        assertThat(d.low()).isZero();
        assertThat(d.high()).isZero();
        assertThat(d.p()).isEqualTo(1.0);
    }

    @Test
    void compareIsPairedOverSharedPromptsAndUnpairedWhenNoneIsShared() {
        Map<String, Double> a = new LinkedHashMap<>(Map.of("p1", 1.0, "p2", 2.0, "p3", 3.0));
        Map<String, Double> b = new LinkedHashMap<>(Map.of("p2", 2.5, "p3", 4.0, "p4", 9.0));

        Difference paired = DifferenceTest.compare(a, b, Settings.DEFAULT);
        Difference unpaired = DifferenceTest.compare(a, Map.of("q1", 2.0, "q2", 4.0), Settings.DEFAULT);

        // by hand: shared p2, p3 -> differences 0.5 and 1.0, mean 0.75; both signs flipped as often -> p = 2/4
        assertThat(paired.paired()).isTrue();
        assertThat(paired.n()).isEqualTo(2);
        assertThat(paired.mean()).isCloseTo(0.75, within(DELTA));
        assertThat(paired.p()).isCloseTo(0.5, within(DELTA));
        // by hand: mean(b) 3 - mean(a) 2 = 1; of the 10 splits of {1,2,3,2,4} into 3 + 2, those with A summing to
        // 5 (1.83), 6 (twice: 1.0) and 9 (twice: 1.5) are at least as extreme -> p = 5/10
        assertThat(unpaired.paired()).isFalse();
        assertThat(unpaired.mean()).isCloseTo(1.0, within(DELTA));
        assertThat(unpaired.p()).isCloseTo(0.5, within(DELTA));
    }

    @Test
    void undefinedCasesAreNaNWithoutAnInterval() {
        Difference none = DifferenceTest.paired(new double[0], new double[0], Settings.DEFAULT);
        Difference one = DifferenceTest.paired(new double[] {1}, new double[] {3}, Settings.DEFAULT);
        Difference emptyGroup = DifferenceTest.unpaired(new double[] {1, 2}, new double[0], Settings.DEFAULT);
        Difference single = DifferenceTest.unpaired(new double[] {1}, new double[] {2, 3}, Settings.DEFAULT);

        assertThat(none.mean()).isNaN();
        assertThat(none.p()).isNaN();
        assertThat(one.mean()).isEqualTo(2.0);
        assertThat(one.low()).isNaN();
        assertThat(one.p()).isEqualTo(1.0);
        assertThat(emptyGroup.mean()).isNaN();
        assertThat(emptyGroup.p()).isNaN();
        assertThat(single.mean()).isEqualTo(1.5);
        assertThat(single.low()).isNaN();
        // by hand: splits of {1,2,3} with A of one value: A = 1 or 3 give |diff| 1.5, A = 2 gives 0 -> p = 2/3
        assertThat(single.p()).isCloseTo(2.0 / 3, within(DELTA));
    }

    @Test
    void theSameValuesAlwaysGiveTheSameAnswer() {
        Map<String, Double> a = new LinkedHashMap<>();
        Map<String, Double> b = new LinkedHashMap<>();
        Map<String, Double> reversedB = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            a.put("p" + i, (i * 7 % 13) / 13.0);
            b.put("p" + i, (i * 5 % 11) / 11.0);
        }
        for (int i = 39; i >= 0; i--) {
            reversedB.put("p" + i, b.get("p" + i));
        }

        assertThat(DifferenceTest.compare(a, b, Settings.DEFAULT))
                .isEqualTo(DifferenceTest.compare(a, reversedB, Settings.DEFAULT));
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThatThrownBy(() ->
                        DifferenceTest.paired(new double[] {1, Double.NaN}, new double[] {1, 2}, Settings.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not finite");
    }
}
