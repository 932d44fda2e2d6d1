package dev.overton.semantic.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.metrics.LimaOeFixture;

/**
 * Replaying the paper's released judge verdicts (gpt-4-1106-preview) gives METHOD.md's figures. Which file holds which
 * variant was checked by reading them: {@code eval-quality/outputs/<variant>} judged {@code <variant>}'s responses
 * (its args.json names the matching instance file; 250 lines = 50 prompts × 5 samples, samples inner, as the judge's
 * reasons of lines 0–4 all discuss prompt 0), and {@code eval-missing/outputs/ref_llama-2-chat--alt_<variant>} asked
 * what of {@code <variant>}'s response is missing from llama-2-chat's sample 0.
 */
class ReleasedJudgeFiguresTest {

    private static final int PROMPTS = 50;

    @Test
    void qualityOnSampleZeroIsBase304AndChat472() {
        Path fixture = LimaOeFixture.assumePresent();

        JudgeAggregates.QualitySummary base = quality(fixture, "llama-2-base");
        JudgeAggregates.QualitySummary chat = quality(fixture, "llama-2-chat");

        // METHOD.md: "quality mean of 5 aspects on sample 0: base 3.04, chat 4.72" (two decimals). The mean of the
        // five aspect means (N/A left out per aspect) is 3.0411 and 4.7160; pooling all ratings gives 3.0364 and
        // 4.7160, the same figures at two decimals.
        assertThat(Math.round(base.mean() * 100) / 100.0).isEqualTo(3.04);
        assertThat(Math.round(chat.mean() * 100) / 100.0).isEqualTo(4.72);
        assertThat(base.mean()).isCloseTo(3.0411, within(5e-5));
        assertThat(chat.mean()).isCloseTo(4.7160, within(5e-5));
        assertThat(base.responses()).isEqualTo(PROMPTS);
        assertThat(chat.responses()).isEqualTo(PROMPTS);
    }

    @Test
    void missingInformationAgainstChatIsBase2352AndIcl1960Over250Judgments() {
        Path fixture = LimaOeFixture.assumePresent();

        JudgeAggregates.MissingInfoSummary base = missing(fixture, "llama-2-base");
        JudgeAggregates.MissingInfoSummary icl = missing(fixture, "llama-2-icl");

        // METHOD.md: base 2.352, icl 1.960, 250 judgments each. Exact: 588/250 and 490/250.
        assertThat(base.judgments()).isEqualTo(250);
        assertThat(icl.judgments()).isEqualTo(250);
        assertThat(base.mean()).isEqualTo(588 / 250.0);
        assertThat(icl.mean()).isEqualTo(490 / 250.0);
    }

    @Test
    void everyReleasedVerdictParsesStrictly() {
        Path fixture = LimaOeFixture.assumePresent();
        for (String variant : List.of("llama-2-base", "llama-2-chat", "llama-2-icl", "gpt-3.5-turbo")) {
            assertThat(JudgeVerdicts.readQuality(qualityFile(fixture, variant))).isNotEmpty();
        }
    }

    private static Path qualityFile(Path fixture, String variant) {
        return fixture.resolve("eval-quality/outputs").resolve(variant).resolve("samples.jsonl");
    }

    private static JudgeAggregates.QualitySummary quality(Path fixture, String variant) {
        List<QualityVerdict> verdicts = JudgeVerdicts.readQuality(qualityFile(fixture, variant));
        return JudgeAggregates.qualityOnFirstSample(
                verdicts, JudgeAggregates.samplesPerPrompt(verdicts.size(), PROMPTS));
    }

    private static JudgeAggregates.MissingInfoSummary missing(Path fixture, String variant) {
        return JudgeAggregates.missingInformation(JudgeVerdicts.readMissing(fixture.resolve("eval-missing/outputs")
                .resolve("ref_llama-2-chat--alt_" + variant)
                .resolve("samples.jsonl")));
    }
}
