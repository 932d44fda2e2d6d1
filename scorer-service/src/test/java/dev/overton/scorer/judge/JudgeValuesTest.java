package dev.overton.scorer.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.overton.contracts.ScoreValue;
import dev.overton.contracts.spec.Judgement;
import dev.overton.semantic.judge.JudgeVerdicts;
import dev.overton.semantic.judge.Stance;
import dev.overton.semantic.judge.StanceVerdict;

class JudgeValuesTest {

    private static final double DELTA = 1e-12;
    private static final String SETTINGS = "judge(model=openai:m;prompt=x@v1)";

    private static Map<String, ScoreValue> byName(List<ScoreValue> values) {
        return values.stream().collect(Collectors.toMap(ScoreValue::metric, Function.identity()));
    }

    @Test
    void aMissingInformationVerdictIsOnePairValue() {
        JudgeTarget t = new JudgeTarget("0", "base", 2, Judgement.MISSING_INFO, "chat");

        List<ScoreValue> values = JudgeValues.of(
                t, JudgeVerdicts.parseText(Judgement.MISSING_INFO, "{\"reason\": \"r\", \"score\": \"4\"}"), SETTINGS);

        assertThat(values)
                .containsExactly(new ScoreValue(JudgeMetricNames.MISSING_INFO, 2, "chat", 4.0, null, SETTINGS));
    }

    @Test
    void aTopicsVerdictGivesCountsSharesAndHelpfulnessAsPairValues() {
        JudgeTarget t = new JudgeTarget("0", "base", 1, Judgement.TOPICS, "chat");
        String text = "{\"reason\": \"r\", \"topics\": ["
                + "{\"name\": \"a\", \"response\": \"A\", \"helpfulness\": 5},"
                + "{\"name\": \"b\", \"response\": \"A\", \"helpfulness\": 4},"
                + "{\"name\": \"c\", \"response\": \"both\", \"helpfulness\": 3}]}";

        Map<String, ScoreValue> v =
                byName(JudgeValues.of(t, JudgeVerdicts.parseText(Judgement.TOPICS, text), SETTINGS));

        // 3 topics: A, A, both -> candidate covers 1/3, reference 3/3, shared 1/3; no B-only topic.
        assertThat(v.get(JudgeMetricNames.TOPICS_COUNT).value()).isEqualTo(3.0);
        assertThat(v.get(JudgeMetricNames.TOPICS_CANDIDATE_SHARE).value()).isCloseTo(1 / 3.0, within(DELTA));
        assertThat(v.get(JudgeMetricNames.TOPICS_REFERENCE_SHARE).value()).isCloseTo(1.0, within(DELTA));
        assertThat(v.get(JudgeMetricNames.TOPICS_SHARED_SHARE).value()).isCloseTo(1 / 3.0, within(DELTA));
        assertThat(v.get(JudgeMetricNames.TOPICS_REFERENCE_ONLY_HELPFULNESS).value())
                .isCloseTo(4.5, within(DELTA));
        assertThat(v.get(JudgeMetricNames.TOPICS_CANDIDATE_ONLY_HELPFULNESS).value())
                .isNull();
        assertThat(v.get(JudgeMetricNames.TOPICS_CANDIDATE_ONLY_HELPFULNESS).reason())
                .isEqualTo("no topic is covered by the candidate only");
        assertThat(v.values()).allSatisfy(x -> {
            assertThat(x.sample()).isEqualTo(1);
            assertThat(x.reference()).isEqualTo("chat");
        });
    }

    @Test
    void aQualityVerdictGivesWholeSetValuesWithNotApplicableUndefined() {
        JudgeTarget t = new JudgeTarget("0", "chat", 0, Judgement.QUALITY, null);
        String text = "{\"helpfulness\": {\"reason\": \"r\", \"score\": \"5\"},"
                + " \"clarity\": {\"reason\": \"r\", \"score\": 4},"
                + " \"factuality\": {\"reason\": \"r\", \"score\": \"N/A\"},"
                + " \"depth\": {\"reason\": \"r\", \"score\": \"3\"},"
                + " \"engagement\": {\"reason\": \"r\", \"score\": \"4\"}}";

        Map<String, ScoreValue> v =
                byName(JudgeValues.of(t, JudgeVerdicts.parseText(Judgement.QUALITY, text), SETTINGS));

        // mean over the four present aspects: (5 + 4 + 3 + 4) / 4 = 4
        assertThat(v.get(JudgeMetricNames.QUALITY_MEAN).value()).isCloseTo(4.0, within(DELTA));
        assertThat(v.get("judge_quality_helpfulness").value()).isEqualTo(5.0);
        assertThat(v.get("judge_quality_factuality").value()).isNull();
        assertThat(v.get("judge_quality_factuality").reason()).isEqualTo("the judge rated factuality N/A");
        assertThat(v.values()).allSatisfy(x -> {
            assertThat(x.sample()).isNull();
            assertThat(x.reference()).isNull();
        });
        assertThat(v).hasSize(6);
    }

    @Test
    void aJudgmentWithoutVerdictStoresEveryValueUndefinedWithTheReason() {
        JudgeTarget t = new JudgeTarget("0", "base", 0, Judgement.TOPICS, "chat");

        List<ScoreValue> values = JudgeValues.undefined(t, "the judge call failed: 503", SETTINGS);

        assertThat(values).hasSize(6).allSatisfy(v -> {
            assertThat(v.value()).isNull();
            assertThat(v.reason()).isEqualTo("no verdict: the judge call failed: 503");
            assertThat(v.sample()).isZero();
        });
        assertThat(JudgeValues.undefined(t, "x".repeat(1000), SETTINGS).get(0).reason())
                .hasSize(JudgeValues.MAX_REASON);
    }

    @Test
    void stanceSharesAreOverParsedVerdictsAndCountFailedOnesInTheSettings() {
        String settings = JudgeValues.settings(Judgement.STANCE, "openai:m", "stance@v1");

        Map<String, ScoreValue> v = byName(JudgeValues.stanceShares(
                List.of(new StanceVerdict(Stance.BOTH, "r"), new StanceVerdict(Stance.NO, "r")), 1, settings));

        assertThat(v.get("judge_stance_both").value()).isEqualTo(0.5);
        assertThat(v.get("judge_stance_no").value()).isEqualTo(0.5);
        assertThat(v.get("judge_stance_yes").value()).isEqualTo(0.0);
        assertThat(v.get("judge_stance_other").value()).isEqualTo(0.0);
        assertThat(v.get("judge_stance_yes").settings()).endsWith(";failed=1/3)");

        Map<String, ScoreValue> none = byName(JudgeValues.stanceShares(List.of(), 2, settings));
        assertThat(none.get("judge_stance_yes").value()).isNull();
        assertThat(none.get("judge_stance_yes").reason()).contains("2 failed");
    }

    @Test
    void settingsNameModelPromptVersionAndScope() {
        assertThat(JudgeValues.settings(Judgement.MISSING_INFO, "openai:gpt-4o", "missing-info@v1"))
                .isEqualTo("judge(model=openai:gpt-4o;prompt=missing-info@v1;ref=sample0)");
        assertThat(JudgeValues.settings(Judgement.QUALITY, "replay:gpt-4", "quality@released"))
                .isEqualTo("judge(model=replay:gpt-4;prompt=quality@released;sample=0;na=excluded)");
    }
}
