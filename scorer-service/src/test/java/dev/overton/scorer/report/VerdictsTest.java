package dev.overton.scorer.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.RecoveryReport;
import dev.overton.contracts.SchemaVersions;
import dev.overton.metrics.stats.BootstrapInterval.Estimate;
import dev.overton.scorer.scoring.RunAggregator;
import dev.overton.scorer.scoring.RunAggregator.Difference;

class VerdictsTest {

    @Test
    void readsTheSideOfZeroTheJaccardIntervalFallsOn() {
        RunAggregator.RunAggregate aggregate = new RunAggregator.RunAggregate(
                List.of(),
                List.of(
                        new Difference("base", "chat", "jaccard_1", new Estimate(-0.19, -0.21, -0.17, 50)),
                        new Difference("sft", "chat", "jaccard_1", new Estimate(0.05, 0.01, 0.09, 50)),
                        new Difference("icl", "chat", "jaccard_1", new Estimate(-0.01, -0.03, 0.02, 50)),
                        new Difference("one", "chat", "jaccard_1", new Estimate(-0.2, Double.NaN, Double.NaN, 1)),
                        new Difference("base", "chat", "jaccard_2", new Estimate(0.5, 0.4, 0.6, 50))));

        List<Verdicts.ShiftVerdict> verdicts =
                Verdicts.shift(aggregate, "chat", List.of("base", "icl", "missing", "one", "sft", "chat"));

        assertThat(verdicts)
                .extracting(v -> v.variant() + ":" + v.outcome())
                .containsExactly(
                        "base:MORE_DIVERSE",
                        "icl:NO_CLEAR_DIFFERENCE",
                        "missing:UNDEFINED",
                        "one:UNDEFINED",
                        "sft:LESS_DIVERSE");
        assertThat(verdicts.get(0).headline()).isEqualTo("base is more diverse than chat");
        assertThat(verdicts.get(0).detail())
                .isEqualTo("jaccard_1 base − chat = −0.190 [−0.210, −0.170], 95% CI over 50 prompts;"
                        + " lower Jaccard = more diverse");
        assertThat(verdicts.get(3).detail()).contains("one prompt: no interval");
    }

    @Test
    void aVariantRecoversWhenEveryDefinedIntervalReachesOne() {
        RecoveryReport report = new RecoveryReport(
                SchemaVersions.V1,
                "r",
                "chat",
                List.of(
                        new RecoveryReport.Recovery("icl", "pair_jaccard_1", 0.97, 0.9, 1.04, true, 50, null),
                        new RecoveryReport.Recovery("icl", "bertscore_f1", 0.99, 0.98, 1.0, true, 50, null),
                        new RecoveryReport.Recovery("base", "pair_jaccard_1", 0.4, 0.35, 0.45, false, 50, null),
                        new RecoveryReport.Recovery("mixed", "pair_jaccard_1", 0.4, 0.35, 0.45, false, 50, null),
                        new RecoveryReport.Recovery("mixed", "pair_rouge_l", 0.9, 0.8, 1.1, true, 50, null),
                        new RecoveryReport.Recovery(
                                "none", "pair_jaccard_1", null, null, null, false, 0, "no reference values")),
                null);

        assertThat(Verdicts.recovery(report))
                .extracting(Verdicts.RecoveryVerdict::headline)
                .containsExactly(
                        "icl recovers chat on all 2 measures",
                        "base does not recover chat",
                        "mixed recovers chat on 1 of 2 measures",
                        "recovery of chat by none is undefined");
    }
}
