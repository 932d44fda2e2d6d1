package dev.overton.scorer.judge.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.fasterxml.jackson.databind.JsonNode;

import dev.overton.contracts.DatasetSpec;
import dev.overton.contracts.JudgeSpec;
import dev.overton.contracts.RunCreated;
import dev.overton.contracts.RunSpec;
import dev.overton.contracts.SchemaVersions;
import dev.overton.contracts.VariantSpec;
import dev.overton.contracts.json.EventJson;
import dev.overton.scorer.InMemoryChannels;
import dev.overton.scorer.InMemoryFlow;

/**
 * A replay judge over the paper's released LIMA-OE verdicts (gpt-4-1106-preview), read in place from {@code
 * ../shared/fixtures/lima-oe} (skipped without it), through the real {@code runs} consumer into the real database, and
 * the figures read back over HTTP: METHOD.md's missing information (base 2.352, icl 1.960 against chat's sample 0, 250
 * judgments each) and quality on sample 0 (base 3.04, chat 4.72).
 */
@QuarkusTest
@TestProfile(InMemoryChannels.class)
class JudgeReplayTest extends InMemoryFlow {

    private static final Path FIXTURE = Path.of("../../shared/fixtures/lima-oe");
    private static final String DIR = "../shared/fixtures/lima-oe/"; // relative to overton.files.base-dir (the repo)
    private static final List<String> QUALITY_ASPECTS =
            List.of("helpfulness", "clarity", "factuality", "depth", "engagement");

    private final String runId = newRun("it-judge-replay-");

    @Test
    void replayingTheReleasedVerdictsGivesMethodMdsFiguresThroughTheRestApi() {
        assumeTrue(
                Files.isDirectory(FIXTURE.resolve("eval-missing")),
                "LIMA-OE fixture not found at " + FIXTURE.toAbsolutePath().normalize()
                        + " (the repository's ../shared/fixtures/lima-oe); replay test skipped");
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put(
                "missing-info:llama-2-base",
                DIR + "eval-missing/outputs/ref_llama-2-chat--alt_llama-2-base/samples.jsonl");
        sources.put(
                "missing-info:llama-2-icl",
                DIR + "eval-missing/outputs/ref_llama-2-chat--alt_llama-2-icl/samples.jsonl");
        sources.put(
                "topics:llama-2-base", DIR + "extract-topics/outputs/ref_llama-2-chat--alt_llama-2-base/samples.jsonl");
        sources.put(
                "topics:llama-2-icl", DIR + "extract-topics/outputs/ref_llama-2-chat--alt_llama-2-icl/samples.jsonl");
        sources.put("quality:llama-2-base", DIR + "eval-quality/outputs/llama-2-base/samples.jsonl");
        sources.put("quality:llama-2-chat", DIR + "eval-quality/outputs/llama-2-chat/samples.jsonl");
        String run = runCreated(new JudgeSpec(
                "replay",
                null,
                null,
                "gpt-4-1106-preview",
                Map.of(),
                List.of("missing-info", "topics", "quality"),
                0,
                sources));

        sendJson("runs-in", run);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(status().get("status").asText()).isEqualTo("replayed"));

        JsonNode scores = JudgeResults.json(given().get("/runs/{id}/scores", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
        double baseMissing = mean(scores, "llama-2-base", "judge_missing_info");
        double iclMissing = mean(scores, "llama-2-icl", "judge_missing_info");
        double baseQuality = paperQuality(scores, "llama-2-base");
        double chatQuality = paperQuality(scores, "llama-2-chat");
        double baseTopics = mean(scores, "llama-2-base", "judge_topics_candidate_share");
        double iclTopics = mean(scores, "llama-2-icl", "judge_topics_candidate_share");
        System.out.printf(
                "LIMA-OE replay: missing-info base %.4f icl %.4f; quality (mean of aspect means) base %.4f chat %.4f;"
                        + " judge_quality_mean base %.4f chat %.4f; topics candidate share base %.4f icl %.4f,"
                        + " reference share base %.4f icl %.4f%n",
                baseMissing,
                iclMissing,
                baseQuality,
                chatQuality,
                mean(scores, "llama-2-base", "judge_quality_mean"),
                mean(scores, "llama-2-chat", "judge_quality_mean"),
                baseTopics,
                iclTopics,
                mean(scores, "llama-2-base", "judge_topics_reference_share"),
                mean(scores, "llama-2-icl", "judge_topics_reference_share"));

        // METHOD.md: missing information with chat as reference, base 2.352 and icl 1.960 (588/250, 490/250: every
        // prompt has 5 judgments, so the mean over prompts of per-prompt means is the mean over the 250 judgments).
        assertThat(baseMissing).isCloseTo(588 / 250.0, within(1e-9));
        assertThat(iclMissing).isCloseTo(490 / 250.0, within(1e-9));
        assertThat(JudgeResults.metric(scores, "llama-2-base", "judge_missing_info")
                        .get("n")
                        .asInt())
                .isEqualTo(50);
        // METHOD.md: quality mean of 5 aspects on sample 0, base 3.04 and chat 4.72: the mean of the five aspect
        // means (N/A left out per aspect; semantic's ReleasedJudgeFiguresTest: 3.0411 and 4.7160).
        assertThat(baseQuality).isCloseTo(3.0411, within(5e-5));
        assertThat(chatQuality).isCloseTo(4.7160, within(5e-5));
        assertThat(Math.round(baseQuality * 100) / 100.0).isEqualTo(3.04);
        assertThat(Math.round(chatQuality * 100) / 100.0).isEqualTo(4.72);
        // judge_quality_mean (per response, then over prompts) differs for base, whose factuality is N/A 3 times.
        assertThat(mean(scores, "llama-2-base", "judge_quality_mean")).isCloseTo(3.032, within(1e-9));
        assertThat(mean(scores, "llama-2-chat", "judge_quality_mean")).isCloseTo(4.716, within(1e-9));
        // Topics (semantic's ReleasedTopicsFiguresTest, an independent Python reading): the candidate's share.
        assertThat(baseTopics).isCloseTo(0.2903, within(5e-5));
        assertThat(iclTopics).isCloseTo(0.4491, within(5e-5));

        // Every judged pair has its value; the three released topic lines that fail strict parsing are stored as
        // failed verdicts, their values undefined with the reason.
        List<JsonNode> values = JudgeResults.values(runId);
        assertThat(values.stream()
                        .filter(v -> v.get("metric").asText().equals("judge_missing_info")
                                && v.get("variant").asText().equals("llama-2-base")))
                .hasSize(250)
                .allSatisfy(v -> assertThat(v.get("settings").asText())
                        .isEqualTo("judge(model=replay:gpt-4-1106-preview;prompt=missing-info@released;ref=sample0)"));
        assertThat(values.stream()
                        .filter(v -> v.get("metric").asText().equals("judge_topics_candidate_share")
                                && v.get("value").isNull()))
                .hasSize(3)
                .allSatisfy(v -> assertThat(v.get("reason").asText()).startsWith("no verdict: line "));
        JsonNode judge = status();
        long failed = 0;
        long total = 0;
        for (JsonNode c : judge.get("verdicts")) {
            total += c.get("count").asLong();
            if (c.get("status").asText().equals("failed")) {
                failed += c.get("count").asLong();
            }
        }
        assertThat(total).isEqualTo(250 + 250 + 250 + 250 + 50 + 50);
        assertThat(failed).isEqualTo(3);

        // The report page shows the judge's figures, the paper's quality figure among them.
        String html = given().get("/runs/{id}/report", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String judgeSection = html.substring(html.indexOf("<section id=\"judge\""));
        judgeSection = judgeSection.substring(0, judgeSection.indexOf("</section>"));
        assertThat(judgeSection)
                .doesNotContain("not computed")
                .contains("id=\"chart-judge-judge_missing_info\"")
                .contains("id=\"chart-judge-judge_topics_candidate_share\"")
                .contains("<tr data-variant=\"llama-2-base\">")
                .contains("data-value=\"" + baseQuality + "\"");

        // The same run record again (redelivery) changes nothing.
        sendJson("runs-in", run);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode again = JudgeResults.json(given().get("/runs/{id}/scores", runId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertThat(mean(again, "llama-2-base", "judge_missing_info")).isCloseTo(588 / 250.0, within(1e-9));
        });
        long again = 0;
        for (JsonNode c : status().get("verdicts")) {
            again += c.get("count").asLong();
        }
        assertThat(again).isEqualTo(total);
    }

    @Test
    void aSourceOutsideTheAllowedFoldersRefusesTheReplayWithTheReason() {
        String run = runCreated(new JudgeSpec(
                "replay",
                null,
                null,
                "gpt-4",
                Map.of(),
                List.of("quality"),
                0,
                Map.of("quality:llama-2-base", "/etc/hosts")));

        sendJson("runs-in", run);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(status().get("status").asText()).isEqualTo("refused"));

        assertThat(status().get("error").asText())
                .contains("judge.sources key 'quality:llama-2-base'")
                .contains("outside the folders this scorer may read");
        assertThat(status().get("verdicts")).isEmpty();
    }

    private String runCreated(JudgeSpec judge) {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            prompts.add(String.valueOf(i));
        }
        RunSpec spec = new RunSpec(
                "LIMA-OE replayed judge",
                new DatasetSpec(DIR + "instances/data.jsonl", null),
                "llama-2-chat",
                List.of(variant("llama-2-base"), variant("llama-2-icl"), variant("llama-2-chat")),
                List.of(),
                judge);
        return EventJson.write(new RunCreated(SchemaVersions.V1, runId, Instant.now(), spec, prompts));
    }

    private static VariantSpec variant(String name) {
        return new VariantSpec(
                name, "replay", name, DIR + "outputs/" + name + "/samples.jsonl", null, null, 5, Map.of());
    }

    private JsonNode status() {
        return JudgeResults.json(given().get("/runs/{id}/judge", runId)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static double mean(JsonNode scores, String variant, String metric) {
        return JudgeResults.metric(scores, variant, metric).get("mean").asDouble();
    }

    /** The paper's quality figure from the served aggregates: the mean of the five aspects' means over prompts. */
    private static double paperQuality(JsonNode scores, String variant) {
        double sum = 0;
        for (String aspect : QUALITY_ASPECTS) {
            sum += mean(scores, variant, "judge_quality_" + aspect);
        }
        return sum / QUALITY_ASPECTS.size();
    }
}
