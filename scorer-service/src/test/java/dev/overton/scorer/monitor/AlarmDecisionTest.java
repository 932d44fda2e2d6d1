package dev.overton.scorer.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.MonitorSpec;
import dev.overton.metrics.stats.DifferenceTest;
import dev.overton.scorer.compare.CompareQuery;
import dev.overton.scorer.compare.ComparisonRow;
import dev.overton.scorer.compare.PromptValue;
import dev.overton.scorer.compare.RunComparison;

/**
 * The alarm decision on hand-worked numbers. A paired window in which every one of n prompts moved the same way has
 * the exact sign-flip p = 2 / 2^n (only "all +" and "all −" are as extreme); with m rows, Benjamini–Hochberg gives the
 * smallest p the q-value p·m/1. So with two variants × one metric (m = 2): n = 6 gives p = 2/64 = 0.03125, q = 0.0625
 * (no alarm at fdr 0.05, an alarm at 0.1); n = 7 gives p = 2/128 = 0.015625, q = 0.03125 (an alarm at 0.05).
 */
class AlarmDecisionTest {

    private static final double DELTA = 1e-12;

    /** Baseline: every prompt 0.2; window: the aligned variant +shift on every prompt, base unchanged. */
    private static List<ComparisonRow> rows(String metric, int prompts, double shift) {
        List<PromptValue> baseline = new ArrayList<>();
        List<PromptValue> window = new ArrayList<>();
        for (int i = 0; i < prompts; i++) {
            String prompt = "p" + i;
            double base = 0.2 + 0.01 * i;
            baseline.add(new PromptValue("aligned", metric, prompt, base));
            baseline.add(new PromptValue("base", metric, prompt, base));
            window.add(new PromptValue("aligned", metric, prompt, base + shift));
            window.add(new PromptValue("base", metric, prompt, base));
        }
        return RunComparison.compare(
                        new CompareQuery("w1", "w2", Map.of(), List.of(metric)),
                        baseline,
                        window,
                        DifferenceTest.Settings.DEFAULT)
                .rows();
    }

    private static MonitorSpec.Alarms alarms(String metric, double fdr, double minEffect) {
        return new MonitorSpec.Alarms(List.of(metric), fdr, minEffect == 0 ? Map.of() : Map.of(metric, minEffect));
    }

    private static AlarmDecision.Finding aligned(List<AlarmDecision.Finding> findings) {
        return findings.stream()
                .filter(f -> f.variant().equals("aligned"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void benjaminiHochbergOverTwoRowsNeedsSevenPairedPromptsAtFdrFivePercent() {
        AlarmDecision.Finding six =
                aligned(AlarmDecision.findings(rows("jaccard_1", 6, 0.1), alarms("jaccard_1", 0.05, 0)));
        assertThat(six.q()).isCloseTo(0.0625, within(DELTA));
        assertThat(six.alarmed()).isFalse();

        AlarmDecision.Finding sixAtTenPercent =
                aligned(AlarmDecision.findings(rows("jaccard_1", 6, 0.1), alarms("jaccard_1", 0.1, 0)));
        assertThat(sixAtTenPercent.alarmed()).isTrue();

        List<AlarmDecision.Finding> seven =
                AlarmDecision.findings(rows("jaccard_1", 7, 0.1), alarms("jaccard_1", 0.05, 0));
        assertThat(aligned(seven).q()).isCloseTo(0.03125, within(DELTA));
        assertThat(aligned(seven).difference()).isCloseTo(0.1, within(1e-9));
        assertThat(aligned(seven).alarmed()).isTrue();
        assertThat(seven.stream()
                        .filter(f -> f.variant().equals("base"))
                        .findFirst()
                        .orElseThrow()
                        .alarmed())
                .as("the unchanged variant")
                .isFalse();
    }

    @Test
    void anEffectBelowMinEffectRaisesNothing() {
        assertThat(aligned(AlarmDecision.findings(rows("jaccard_1", 7, 0.1), alarms("jaccard_1", 0.05, 0.09)))
                        .alarmed())
                .as("0.1 reaches minEffect 0.09")
                .isTrue();
        assertThat(aligned(AlarmDecision.findings(rows("jaccard_1", 7, 0.1), alarms("jaccard_1", 0.05, 0.11)))
                        .alarmed())
                .as("0.1 is below minEffect 0.11")
                .isFalse();
    }

    @Test
    void onlyTheMetricsWorseDirectionAlarms() {
        // Jaccard up is less diverse (worse); down is more diverse. Vendi down is worse, up is better.
        assertThat(aligned(AlarmDecision.findings(rows("jaccard_1", 7, -0.1), alarms("jaccard_1", 0.05, 0)))
                        .alarmed())
                .isFalse();
        assertThat(aligned(AlarmDecision.findings(
                                rows("embedding_vendi_score", 7, 0.1), alarms("embedding_vendi_score", 0.05, 0)))
                        .alarmed())
                .isFalse();
        assertThat(aligned(AlarmDecision.findings(
                                rows("embedding_vendi_score", 7, -0.1), alarms("embedding_vendi_score", 0.05, 0)))
                        .alarmed())
                .isTrue();
    }

    @Test
    void undefinedFiguresNeverAlarm() {
        assertThat(AlarmDecision.alarmed("jaccard_1", null, 0.001, 0.05, 0)).isFalse();
        assertThat(AlarmDecision.alarmed("jaccard_1", 0.3, null, 0.05, 0)).isFalse();
        assertThat(AlarmDecision.alarmed("jaccard_1", Double.NaN, 0.001, 0.05, 0))
                .isFalse();
        assertThat(AlarmDecision.alarmed("jaccard_1", 0.0, 0.001, 0.05, 0))
                .as("no change")
                .isFalse();
    }

    @Test
    void anAlarmIsRaisedOnceAndClearsAtTheFirstLaterWindowNoLongerWorse() {
        AlarmDecision.Finding worse = new AlarmDecision.Finding("aligned", "jaccard_1", 0.3, 0.01, true);
        AlarmDecision.Finding fine = new AlarmDecision.Finding("aligned", "jaccard_1", 0.0, 1.0, false);
        AlarmDecision.Finding otherFine = new AlarmDecision.Finding("base", "jaccard_1", 0.0, 1.0, false);

        AlarmDecision.Changes fourth = AlarmDecision.changes(List.of(worse, otherFine), List.of(), 4);
        assertThat(fourth.raised()).containsExactly(worse);
        assertThat(fourth.cleared()).isEmpty();

        AlarmDecision.OpenAlarm open = new AlarmDecision.OpenAlarm("aligned", "jaccard_1", 4);
        AlarmDecision.Changes fifth = AlarmDecision.changes(List.of(worse, otherFine), List.of(open), 5);
        assertThat(fifth.raised())
                .as("still worse: the open alarm stays, none is added")
                .isEmpty();
        assertThat(fifth.cleared()).isEmpty();

        AlarmDecision.Changes sixth = AlarmDecision.changes(List.of(fine, otherFine), List.of(open), 6);
        assertThat(sixth.raised()).isEmpty();
        assertThat(sixth.cleared()).containsExactly(open);
    }

    @Test
    void aWindowWithoutFiguresForAnOpenAlarmOrAnEarlierWindowLeavesItOpen() {
        AlarmDecision.OpenAlarm open = new AlarmDecision.OpenAlarm("aligned", "jaccard_1", 4);
        AlarmDecision.Finding otherFine = new AlarmDecision.Finding("base", "jaccard_1", 0.0, 1.0, false);
        assertThat(AlarmDecision.changes(List.of(otherFine), List.of(open), 5).cleared())
                .isEmpty();
        AlarmDecision.Finding fine = new AlarmDecision.Finding("aligned", "jaccard_1", 0.0, 1.0, false);
        assertThat(AlarmDecision.changes(List.of(fine), List.of(open), 3).cleared())
                .as("a window evaluated late, older than the alarm")
                .isEmpty();
    }
}
