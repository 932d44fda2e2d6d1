package dev.overton.semantic.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.overton.contracts.spec.Judgement;

/** Strict parsing of a live judge's answer text, for all four judgements, and the per-verdict aggregates. */
class LiveVerdictParsingTest {

    private static final double DELTA = 1e-12;

    @TempDir
    Path dir;

    private static final String TOPICS = "{\"reason\": \"A lists more remedies.\", \"topics\": ["
            + "{\"name\": \"Rest\", \"response\": \"both\", \"helpfulness\": \"5\"},"
            + " {\"name\": \"Antibiotics\", \"response\": \"A\", \"helpfulness\": 4},"
            + " {\"name\": \"Hot bath\", \"response\": \"B\", \"helpfulness\": \"2\"},"
            + " {\"name\": \"Fluids\", \"response\": \"A\", \"helpfulness\": \"3\"}]}";

    @Test
    void parsesATopicsVerdictWithStringAndNumberHelpfulness() {
        TopicsVerdict v = (TopicsVerdict) JudgeVerdicts.parseText(Judgement.TOPICS, "\n" + TOPICS + "\n");

        assertThat(v.topics()).hasSize(4);
        assertThat(v.topics().get(0)).isEqualTo(new TopicsVerdict.Topic("Rest", TopicsVerdict.Side.BOTH, 5));
        assertThat(v.topics().get(1).helpfulness()).isEqualTo(4);
        assertThat(v.topics().get(2).side()).isEqualTo(TopicsVerdict.Side.B);
    }

    @Test
    void topicCoverageCountsSidesAndSharesOfAllTopics() {
        TopicsVerdict v = (TopicsVerdict) JudgeVerdicts.parseText(Judgement.TOPICS, TOPICS);

        JudgeAggregates.TopicCoverage c = JudgeAggregates.topicCoverage(v);

        // Worked by hand: A = {Antibiotics 4, Fluids 3}, B = {Hot bath 2}, both = {Rest}; 4 topics.
        assertThat(c.topics()).isEqualTo(4);
        assertThat(c.referenceOnly()).isEqualTo(2);
        assertThat(c.candidateOnly()).isEqualTo(1);
        assertThat(c.both()).isEqualTo(1);
        assertThat(c.candidateShare()).isCloseTo(0.5, within(DELTA));
        assertThat(c.referenceShare()).isCloseTo(0.75, within(DELTA));
        assertThat(c.sharedShare()).isCloseTo(0.25, within(DELTA));
        assertThat(c.referenceOnlyHelpfulness()).isCloseTo(3.5, within(DELTA));
        assertThat(c.candidateOnlyHelpfulness()).isCloseTo(2.0, within(DELTA));
    }

    @Test
    void topicsVerdictWithoutTopicsIsValidButItsSharesAreUndefined() {
        TopicsVerdict v =
                (TopicsVerdict) JudgeVerdicts.parseText(Judgement.TOPICS, "{\"reason\": \"r\", \"topics\": []}");

        JudgeAggregates.TopicCoverage c = JudgeAggregates.topicCoverage(v);

        assertThat(c.topics()).isZero();
        assertThat(c.candidateShare()).isNaN();
        assertThat(c.candidateOnlyHelpfulness()).isNaN();
    }

    @Test
    void rejectsATopicWithAnExtraKeyAWrongSideOrAHelpfulnessOutOfRange() {
        assertThatThrownBy(() -> JudgeVerdicts.parseText(
                        Judgement.TOPICS,
                        "{\"reason\": \"r\", \"topics\": [{\"name\": \"x\", \"response\": \"A\", \"helpfulness\": 3,"
                                + " \"rationale\": \"y\"}]}"))
                .isInstanceOf(JudgeVerdictException.class)
                .hasMessageContaining("topics[0]")
                .hasMessageContaining("rationale");
        assertThatThrownBy(
                        () -> JudgeVerdicts.parseText(
                                Judgement.TOPICS,
                                "{\"reason\": \"r\", \"topics\": [{\"name\": \"x\", \"response\": \"a\", \"helpfulness\": 3}]}"))
                .hasMessageContaining("topics[0].response");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(
                        Judgement.TOPICS,
                        "{\"reason\": \"r\", \"topics\": [{\"name\": \"x\", \"response\": \"B\","
                                + " \"helpfulness\": \"A: 5, B: 3\"}]}"))
                .hasMessageContaining("topics[0].helpfulness");
        assertThatThrownBy(
                        () -> JudgeVerdicts.parseText(
                                Judgement.TOPICS,
                                "{\"reason\": \"r\", \"topics\": [{\"name\": \"x\", \"response\": \"B\", \"helpfulness\": 0}]}"))
                .hasMessageContaining("must be a score 1-5");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.TOPICS, "{\"reason\": \"r\", \"topics\": {}}"))
                .hasMessageContaining("must be an array");
    }

    @Test
    void notApplicableIsAllowedForQualityAspectsOnly() {
        String naTopic =
                "{\"reason\": \"r\", \"topics\": [{\"name\": \"x\", \"response\": \"B\", \"helpfulness\": \"N/A\"}]}";
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.TOPICS, naTopic))
                .hasMessageContaining("topics[0].helpfulness");
        assertThatThrownBy(() ->
                        JudgeVerdicts.parseText(Judgement.MISSING_INFO, "{\"reason\": \"r\", \"score\": \"N/A\"}"))
                .hasMessageContaining("field 'score'");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.STANCE, "{\"reason\": \"r\", \"stance\": \"N/A\"}"))
                .hasMessageContaining("field 'stance'");

        QualityVerdict q = (QualityVerdict) JudgeVerdicts.parseText(Judgement.QUALITY, quality("\"N/A\"", "\"N/A\""));
        assertThat(q.scores().get(QualityAspect.HELPFULNESS)).isEmpty();
        // 3 present aspects: clarity 4, factuality 5, depth 3 -> 4
        assertThat(JudgeAggregates.responseQuality(q)).isCloseTo(4.0, within(DELTA));
    }

    @Test
    void responseQualityIsUndefinedWhenEveryAspectIsNotApplicable() {
        String allNa = "{\"helpfulness\": {\"reason\": \"r\", \"score\": \"N/A\"},"
                + " \"clarity\": {\"reason\": \"r\", \"score\": \"N/A\"},"
                + " \"factuality\": {\"reason\": \"r\", \"score\": \"N/A\"},"
                + " \"depth\": {\"reason\": \"r\", \"score\": \"N/A\"},"
                + " \"engagement\": {\"reason\": \"r\", \"score\": \"N/A\"}}";

        assertThat(JudgeAggregates.responseQuality((QualityVerdict) JudgeVerdicts.parseText(Judgement.QUALITY, allNa)))
                .isNaN();
    }

    @Test
    void parsesEveryStanceLabelExactlyAndRejectsOthers() {
        for (Stance s : Stance.values()) {
            StanceVerdict v = (StanceVerdict)
                    JudgeVerdicts.parseText(Judgement.STANCE, "{\"reason\": \"r\", \"stance\": \"" + s.json() + "\"}");
            assertThat(v.stance()).isEqualTo(s);
        }
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.STANCE, "{\"reason\": \"r\", \"stance\": \"Yes\"}"))
                .hasMessageContaining("\"yes\", \"no\", \"both\" or \"other\"");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.STANCE, "{\"stance\": \"yes\"}"))
                .hasMessageContaining("expected exactly [reason, stance]");
    }

    @Test
    void stanceSharesCountEveryLabelOverTheJudgedAnswers() {
        List<StanceVerdict> set = List.of(
                new StanceVerdict(Stance.YES, "r"),
                new StanceVerdict(Stance.YES, "r"),
                new StanceVerdict(Stance.BOTH, "r"),
                new StanceVerdict(Stance.OTHER, "r"));

        Map<Stance, Double> shares = JudgeAggregates.stanceShares(set);

        assertThat(shares)
                .containsEntry(Stance.YES, 0.5)
                .containsEntry(Stance.NO, 0.0)
                .containsEntry(Stance.BOTH, 0.25)
                .containsEntry(Stance.OTHER, 0.25);
        assertThat(JudgeAggregates.stanceShares(List.of()).get(Stance.YES)).isNaN();
    }

    @Test
    void rejectsRepairableGarbageAroundTheObject() {
        String good = "{\"reason\": \"r\", \"score\": 2}";

        assertThat(JudgeVerdicts.parseText(Judgement.MISSING_INFO, "  " + good + "\n"))
                .isEqualTo(new MissingInfoVerdict(2, "r"));
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, "```json\n" + good + "\n```"))
                .isInstanceOf(JudgeVerdictException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, good + " I hope this helps."))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, "Score: 2"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, "[2]"))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, ""))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, "{\"reason\": \"r\", \"score\": 2.5}"))
                .hasMessageContaining("must be a score 1-5");
    }

    @Test
    void liveParseErrorsCarryNoLineNumber() {
        assertThatThrownBy(() -> JudgeVerdicts.parseText(Judgement.MISSING_INFO, "{\"score\": 7, \"reason\": \"r\"}"))
                .isInstanceOfSatisfying(JudgeVerdictException.class, e -> {
                    assertThat(e.getMessage()).doesNotStartWith("line");
                    assertThat(e.detail()).isEqualTo(e.getMessage());
                });
    }

    @Test
    void readEachRecordsAFailedLineInsteadOfStoppingTheFile() throws IOException {
        Path f = dir.resolve("samples.jsonl");
        Files.write(
                f,
                List.of(
                        line("{\"reason\": \"r\", \"stance\": \"no\"}"),
                        line("{\"reason\": \"r\", \"stance\": \"maybe\"}"),
                        "{\"ok\": false, \"error\": \"rate limited\"}",
                        line("{\"reason\": \"r\", \"stance\": \"both\"}")));

        List<JudgeVerdicts.LineVerdict> lines = JudgeVerdicts.readEach(f, Judgement.STANCE);

        assertThat(lines).extracting(JudgeVerdicts.LineVerdict::parsed).containsExactly(true, false, false, true);
        assertThat(lines.get(1).error()).startsWith("line 2:").contains("maybe");
        assertThat(lines.get(1).raw()).isEqualTo("{\"reason\": \"r\", \"stance\": \"maybe\"}");
        assertThat(lines.get(2).error()).contains("'ok' is not true");
        assertThat(lines.get(3).verdict()).isEqualTo(new StanceVerdict(Stance.BOTH, "r"));
    }

    private static String quality(String helpfulness, String engagement) {
        return "{\"helpfulness\": {\"reason\": \"r\", \"score\": " + helpfulness + "},"
                + " \"clarity\": {\"reason\": \"r\", \"score\": \"4\"},"
                + " \"factuality\": {\"reason\": \"r\", \"score\": \"5\"},"
                + " \"depth\": {\"reason\": \"r\", \"score\": 3},"
                + " \"engagement\": {\"reason\": \"r\", \"score\": " + engagement + "}}";
    }

    private static String line(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"ok\": true, \"outputs\": [{\"finish_reason\": \"stop\", \"index\": 0, \"message\": {\"content\": \""
                + escaped + "\", \"role\": \"assistant\"}}]}";
    }
}
