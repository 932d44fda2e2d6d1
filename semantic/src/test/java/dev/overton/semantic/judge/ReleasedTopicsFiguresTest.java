package dev.overton.semantic.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.spec.Judgement;
import dev.overton.metrics.LimaOeFixture;

/**
 * The paper's released topic extractions (gpt-4-1106-preview, {@code extract-topics/outputs/ref_llama-2-chat--alt_
 * <variant>}: response A = llama-2-chat's sample 0, response B = the variant's sample i; 250 lines, samples inner)
 * replayed with strict parsing. Expected values come from an independent Python reading of the same files (json module,
 * same strict rules, per-prompt mean then mean over prompts).
 */
class ReleasedTopicsFiguresTest {

    private static final int PROMPTS = 50;
    private static final double DELTA = 5e-5;

    @Test
    void baseCoversAboutAThirdOfThePairsTopicsAndChatFourFifths() {
        Path fixture = LimaOeFixture.assumePresent();

        Replayed base = replay(fixture, "llama-2-base");

        // One verdict fails strictly: line 209 (0-based 208) was cut off by the token limit (finish_reason "length").
        assertThat(base.failedLines()).containsExactly(209);
        assertThat(base.summary().judgments()).isEqualTo(249);
        assertThat(base.summary().prompts()).isEqualTo(PROMPTS);
        assertThat(base.summary().candidateShare()).isCloseTo(0.2903, within(DELTA));
        assertThat(base.summary().referenceShare()).isCloseTo(0.7832, within(DELTA));
        assertThat(base.summary().sharedShare()).isCloseTo(0.0735, within(DELTA));
    }

    @Test
    void iclCoversMoreOfThePairsTopicsThanBase() {
        Path fixture = LimaOeFixture.assumePresent();

        Replayed icl = replay(fixture, "llama-2-icl");
        Replayed base = replay(fixture, "llama-2-base");

        // Two verdicts fail strictly: a topic with an extra key "rationale" (line 162) and a helpfulness of
        // "A: 5, B: 3" (line 208).
        assertThat(icl.failedLines()).containsExactly(162, 208);
        assertThat(icl.summary().judgments()).isEqualTo(248);
        assertThat(icl.summary().candidateShare()).isCloseTo(0.4491, within(DELTA));
        assertThat(icl.summary().referenceShare()).isCloseTo(0.7326, within(DELTA));
        assertThat(icl.summary().sharedShare()).isCloseTo(0.1817, within(DELTA));
        // The paper's reading: in-context prompting moves the base model's content towards the aligned answer's.
        assertThat(icl.summary().candidateShare()).isGreaterThan(base.summary().candidateShare());
    }

    private record Replayed(JudgeAggregates.TopicsSummary summary, List<Integer> failedLines) {}

    private static Replayed replay(Path fixture, String variant) {
        Path file = fixture.resolve("extract-topics/outputs/ref_llama-2-chat--alt_" + variant + "/samples.jsonl");
        List<JudgeVerdicts.LineVerdict> lines = JudgeVerdicts.readEach(file, Judgement.TOPICS);
        List<TopicsVerdict> verdicts = lines.stream()
                .map(l -> l.parsed() ? (TopicsVerdict) l.verdict() : null)
                .toList();
        List<Integer> failed = lines.stream()
                .filter(l -> !l.parsed())
                .map(JudgeVerdicts.LineVerdict::line)
                .toList();
        return new Replayed(
                JudgeAggregates.topicsOverPrompts(verdicts, JudgeAggregates.samplesPerPrompt(lines.size(), PROMPTS)),
                failed);
    }
}
