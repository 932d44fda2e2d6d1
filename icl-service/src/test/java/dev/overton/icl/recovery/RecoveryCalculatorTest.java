package dev.overton.icl.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.RecoveryReport.Recovery;

class RecoveryCalculatorTest {

    private static final double DELTA = 1e-12;
    private static final String A = "chat";
    private static final String J = "pair_jaccard_1";
    private final RecoveryCalculator calculator = new RecoveryCalculator(0.95, 2000, 20240625L);

    @Test
    void recoveryIsTheRatioOfPromptMeans() {
        // p1: V samples 0.2, 0.4 -> 0.3; A samples 1..2: 0.5, 0.7 -> 0.6. p2: V 0.1; A 0.3.
        // recovery = mean(0.3, 0.1) / mean(0.6, 0.3) = 0.2 / 0.45 = 0.4444… (worked by hand).
        List<PairValue> values = List.of(
                v("p1", "base", J, 0, 0.2), v("p1", "base", J, 1, 0.4),
                v("p1", A, J, 1, 0.5), v("p1", A, J, 2, 0.7),
                v("p2", "base", J, 0, 0.1), v("p2", A, J, 1, 0.3));

        Recovery r = single(calculator.compute(values));

        assertThat(r.variant()).isEqualTo("base");
        assertThat(r.measure()).isEqualTo(J);
        assertThat(r.recovery()).isCloseTo(0.2 / 0.45, within(DELTA));
        assertThat(r.n()).isEqualTo(2);
        assertThat(r.ciLow()).isNotNull();
        assertThat(r.recovers()).isFalse();
        assertThat(r.reason()).isNull();
    }

    @Test
    void variantAsSimilarAsTheReferenceItselfRecoversIt() {
        // V's per-prompt means equal A-vs-A's on every prompt: every joint resample has ratio 1, so ciHigh = 1.
        List<PairValue> values = new ArrayList<>();
        double[] levels = {0.2, 0.3, 0.25, 0.4};
        for (int p = 0; p < levels.length; p++) {
            values.add(v("p" + p, "icl-summary", J, 0, levels[p]));
            values.add(v("p" + p, A, J, 1, levels[p]));
        }

        Recovery r = single(calculator.compute(values));

        assertThat(r.recovery()).isCloseTo(1.0, within(DELTA));
        assertThat(r.ciHigh()).isCloseTo(1.0, within(DELTA));
        assertThat(r.recovers()).isTrue();
    }

    @Test
    void undefinedValuesAreLeftOutAndOnlyPromptsWithBothValuesCount() {
        List<PairValue> values = List.of(
                v("p1", "base", J, 0, null),
                v("p1", "base", J, 1, 0.2),
                v("p1", A, J, 1, 0.4),
                v("p2", "base", J, 0, 0.9), // no A-vs-A value for p2: left out
                v("p3", "base", J, 0, 0.1),
                v("p3", A, J, 1, 0.2));

        Recovery r = single(calculator.compute(values));

        // (0.2 + 0.1) / (0.4 + 0.2) = 0.5 over n = 2 prompts (worked by hand).
        assertThat(r.recovery()).isCloseTo(0.5, within(DELTA));
        assertThat(r.n()).isEqualTo(2);
    }

    @Test
    void everyPairMeasurePresentIsReportedSeparately() {
        List<PairValue> values = List.of(
                v("p1", "base", J, 0, 0.1), v("p1", A, J, 1, 0.2),
                v("p2", "base", J, 0, 0.1), v("p2", A, J, 1, 0.2),
                v("p1", "base", "bertscore_f1", 0, 0.8), v("p1", A, "bertscore_f1", 1, 0.9),
                v("p2", "base", "bertscore_f1", 0, 0.8), v("p2", A, "bertscore_f1", 1, 0.9));

        List<Recovery> recoveries = calculator.compute(values);

        assertThat(recoveries).extracting(Recovery::measure).containsExactly("bertscore_f1", J);
        assertThat(recoveries.get(0).recovery()).isCloseTo(0.8 / 0.9, within(DELTA));
        assertThat(recoveries.get(1).recovery()).isCloseTo(0.5, within(DELTA));
    }

    @Test
    void missingReferenceValuesOrASinglePromptAreExplainedNotGuessed() {
        Recovery none = single(calculator.compute(List.of(v("p1", "base", J, 0, 0.1))));
        assertThat(none.recovery()).isNull();
        assertThat(none.n()).isZero();
        assertThat(none.recovers()).isFalse();
        assertThat(none.reason()).contains("no reference-vs-reference values");

        Recovery one = single(calculator.compute(List.of(v("p1", "base", J, 0, 0.1), v("p1", A, J, 1, 0.4))));
        assertThat(one.recovery()).isCloseTo(0.25, within(DELTA));
        assertThat(one.ciHigh()).isNull();
        assertThat(one.recovers()).isFalse();
        assertThat(one.reason()).contains("one prompt");
    }

    private static Recovery single(List<Recovery> recoveries) {
        assertThat(recoveries).hasSize(1);
        return recoveries.get(0);
    }

    private static PairValue v(String prompt, String variant, String metric, int sample, Double value) {
        return new PairValue(prompt, variant, A, metric, sample, value);
    }
}
