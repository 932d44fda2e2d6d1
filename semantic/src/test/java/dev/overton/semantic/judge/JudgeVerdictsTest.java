package dev.overton.semantic.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeVerdictsTest {

    @TempDir
    Path dir;

    private static String line(String content) {
        String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "{\"ok\": true, \"outputs\": [{\"finish_reason\": \"stop\", \"index\": 0, \"message\": {\"content\": \""
                + escaped + "\", \"role\": \"assistant\"}}]}";
    }

    private static String quality(String helpfulness) {
        return "{\"helpfulness\": {\"reason\": \"r\", \"score\": " + helpfulness + "},"
                + " \"clarity\": {\"reason\": \"r\", \"score\": \"4\"},"
                + " \"factuality\": {\"reason\": \"r\", \"score\": \"5\"},"
                + " \"depth\": {\"reason\": \"r\", \"score\": 3},"
                + " \"engagement\": {\"reason\": \"r\", \"score\": \"N/A\"}}";
    }

    private Path file(String... lines) throws IOException {
        Path f = dir.resolve("samples.jsonl");
        Files.write(f, List.of(lines));
        return f;
    }

    @Test
    void readsAQualityVerdictWithStringAndNumberScoresAndNotApplicable() throws IOException {
        List<QualityVerdict> v = JudgeVerdicts.readQuality(file(line(quality("\"2\""))));

        assertThat(v).hasSize(1);
        assertThat(v.get(0).scores().get(QualityAspect.HELPFULNESS).getAsInt()).isEqualTo(2);
        assertThat(v.get(0).scores().get(QualityAspect.DEPTH).getAsInt()).isEqualTo(3);
        assertThat(v.get(0).scores().get(QualityAspect.ENGAGEMENT)).isEmpty();
    }

    @Test
    void readsAMissingInformationVerdict() throws IOException {
        List<MissingInfoVerdict> v =
                JudgeVerdicts.readMissing(file(line("{\"reason\": \"nothing new\", \"score\": \"1\"}")));

        assertThat(v).containsExactly(new MissingInfoVerdict(1, "nothing new"));
    }

    @Test
    void rejectsAScoreOutsideOneToFiveNamingLineAndField() throws IOException {
        Path f = file(line(quality("\"2\"")), line(quality("\"6\"")));

        assertThatThrownBy(() -> JudgeVerdicts.readQuality(f))
                .isInstanceOf(JudgeVerdictException.class)
                .hasMessageStartingWith("line 2:")
                .hasMessageContaining("helpfulness.score");
    }

    @Test
    void rejectsNotApplicableForMissingInformation() throws IOException {
        Path f = file(line("{\"reason\": \"r\", \"score\": \"N/A\"}"));

        assertThatThrownBy(() -> JudgeVerdicts.readMissing(f)).hasMessageContaining("field 'score'");
    }

    @Test
    void rejectsAVerdictWithAMissingOrExtraKey() throws IOException {
        Path missing = file(line("{\"score\": \"3\"}"));
        assertThatThrownBy(() -> JudgeVerdicts.readMissing(missing)).hasMessageContaining("expected exactly");

        Path extra = file(line("{\"reason\": \"r\", \"score\": \"3\", \"confidence\": 0.9}"));
        assertThatThrownBy(() -> JudgeVerdicts.readMissing(extra)).hasMessageContaining("confidence");
    }

    @Test
    void rejectsMessageContentThatIsNotJson() throws IOException {
        Path f = file(line("The score is 3."));

        assertThatThrownBy(() -> JudgeVerdicts.readMissing(f))
                .isInstanceOf(JudgeVerdictException.class)
                .hasMessageContaining("message content is not valid JSON");
    }

    @Test
    void rejectsAFailedJudgeCall() throws IOException {
        Path f = file("{\"ok\": false, \"error\": \"rate limited\"}");

        assertThatThrownBy(() -> JudgeVerdicts.readMissing(f)).hasMessageContaining("'ok' is not true");
    }

    @Test
    void qualityAggregateLeavesNotApplicableOutOfTheAspectMean() {
        QualityVerdict a = JudgeVerdicts.parseQuality(JudgeVerdicts.verdictContent(line(quality("\"2\"")), 1), 1);
        QualityVerdict b = JudgeVerdicts.parseQuality(JudgeVerdicts.verdictContent(line(quality("\"4\"")), 2), 2);

        // Two prompts, one sample each: helpfulness 2 and 4 -> mean 3; engagement is N/A in both, so its mean is
        // undefined rather than 0.
        JudgeAggregates.QualitySummary s = JudgeAggregates.qualityOnFirstSample(List.of(a, b), 1);

        assertThat(s.aspectMeans().get(QualityAspect.HELPFULNESS)).isEqualTo(3.0);
        assertThat(s.aspectMeans().get(QualityAspect.ENGAGEMENT)).isNaN();
        assertThat(s.notApplicable()).isEqualTo(2);
        assertThat(s.responses()).isEqualTo(2);
    }

    @Test
    void firstSampleOfEachPromptIsEveryFifthLine() {
        List<MissingInfoVerdict> none = List.of();
        assertThat(JudgeAggregates.samplesPerPrompt(250, 50)).isEqualTo(5);
        assertThat(JudgeAggregates.samplesPerPrompt(50, 50)).isEqualTo(1);
        assertThat(JudgeAggregates.missingInformation(none).mean()).isNaN();
        assertThatThrownBy(() -> JudgeAggregates.samplesPerPrompt(249, 50)).hasMessageContaining("do not divide");
    }
}
