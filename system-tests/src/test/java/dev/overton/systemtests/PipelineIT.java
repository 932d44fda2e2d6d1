package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * The whole pipeline through the real broker and database: a run over the released LIMA-OE outputs of Llama-2 base
 * and chat, replayed, generated, scored and served. The paper's first finding must show: the base model's sample sets
 * are more diverse (lower mean pairwise Jaccard) than the chat model's.
 */
class PipelineIT {

    private static ServiceProcesses services;
    private static Path fixtures;

    @BeforeAll
    static void start() throws Exception {
        fixtures = SharedFixtures.limaOe();
        services = ServiceProcesses.startAll(true);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void baseModelIsMoreDiverseThanChatModelOnLimaOe() {
        String spec = "{\"name\":\"lima-oe llama-2 base vs chat\","
                + "\"dataset\":{\"path\":\"" + fixtures.resolve("instances/data.jsonl") + "\"},"
                + "\"reference\":\"llama-2-chat\","
                + "\"variants\":[" + PipelineItVariants.replay(fixtures, "llama-2-base") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + "]}";

        String runId = Runs.submit(spec);

        Runs.awaitStatus(runId, Duration.ofMinutes(4), run -> {
            assertThat(run.getList("variants.scored", Integer.class)).containsExactly(50, 50);
            assertThat(run.getString("status")).isEqualTo("complete");
        });

        JsonPath scores = Runs.scores(runId);
        Map<String, Object> base = scores.getMap("variants.find { it.name == 'llama-2-base' }.metrics.jaccard_1");
        Map<String, Object> chat = scores.getMap("variants.find { it.name == 'llama-2-chat' }.metrics.jaccard_1");
        assertThat(base.get("n")).isEqualTo(50);
        assertThat(chat.get("n")).isEqualTo(50);
        double baseMean = ((Number) base.get("mean")).doubleValue();
        double chatMean = ((Number) chat.get("mean")).doubleValue();
        assertThat(baseMean).as("base Jaccard (lower = more diverse)").isLessThan(chatMean);
        // The paper's gap is large (0.089 vs 0.279 with its tokenizer): the intervals must not even overlap.
        assertThat(((Number) base.get("ciHigh")).doubleValue()).isLessThan(((Number) chat.get("ciLow")).doubleValue());

        // Paired difference base - chat: negative (base more diverse), and the whole interval below zero.
        Map<String, Object> difference =
                scores.getMap("differences.find { it.variant == 'llama-2-base' && it.metric == 'jaccard_1' }");
        assertThat(difference.get("reference")).isEqualTo("llama-2-chat");
        assertThat(((Number) difference.get("ciHigh")).doubleValue()).isNegative();

        // BERTScore against chat's sample 0 (the paper's measure, here with the bundled MiniLM): chat's own other
        // samples are closer to it than base's are, and one chat answer covers more of the base answers' sentences
        // than one base answer does (Overton coverage).
        double chatBert = ((Number) scores.get("variants.find { it.name == 'llama-2-chat' }.metrics.bertscore_f1.mean"))
                .doubleValue();
        double baseBert = ((Number) scores.get("variants.find { it.name == 'llama-2-base' }.metrics.bertscore_f1.mean"))
                .doubleValue();
        assertThat(baseBert).isLessThan(chatBert);
        double aligned = ((Number)
                        scores.get("variants.find { it.name == 'llama-2-base' }.metrics.overton_coverage_aligned.mean"))
                .doubleValue();
        double self = ((Number) scores.get(
                        "variants.find { it.name == 'llama-2-base' }.metrics.overton_coverage_base_self.mean"))
                .doubleValue();
        assertThat(aligned).isGreaterThan(self);

        String values = Runs.values(Service.SCORER.url(), runId);
        List<String> jaccardLines = values.lines()
                .filter(l -> l.contains("\"metric\":\"jaccard_1\""))
                .toList();
        assertThat(jaccardLines).hasSize(100).allSatisfy(l -> assertThat(l).contains("\"settings\":\"tokenizer="));
        // Pairs against chat's sample 0: 5 per base prompt, 4 per chat prompt (never sample 0 against itself).
        List<String> pairLines = values.lines()
                .filter(l -> l.contains("\"metric\":\"pair_jaccard_1\""))
                .toList();
        assertThat(pairLines.stream().filter(l -> l.contains("\"variant\":\"llama-2-base\"")))
                .hasSize(250);
        assertThat(pairLines.stream().filter(l -> l.contains("\"variant\":\"llama-2-chat\"")))
                .hasSize(200)
                .noneSatisfy(l -> assertThat(l).contains("\"sample\":0,"));
        assertThat(pairLines).allSatisfy(l -> assertThat(l).contains("\"reference\":\"llama-2-chat\""));
        assertThat(values.lines().filter(l -> l.contains("\"metric\":\"bertscore_f1\"")))
                .hasSize(450);

        String samples = Runs.samples(runId);
        assertThat(samples.lines()).hasSize(500);
        // 234 of the 250 released base outputs still hold the closing fence (TGI kept the stop string); none may here.
        assertThat(samples.lines().filter(l -> l.contains("\"variant\":\"llama-2-base\"")))
                .hasSize(250)
                .noneSatisfy(l -> assertThat(l).contains("```"));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(given().baseUri(Service.SCORER.url())
                                        .get("/q/metrics")
                                        .asString())
                                .contains("overton_scores_mean{metric=\"jaccard_1\",run=\"" + runId
                                        + "\",variant=\"llama-2-base\"}")
                                .contains(
                                        "overton_scores_difference{metric=\"jaccard_1\",reference=\"llama-2-chat\",run=\""
                                                + runId)
                                .containsPattern(
                                        "overton_consumer_records_total\\{channel=\"sample-sets-in\",outcome=\"processed\"[^}]*} [1-9]"));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().baseUri(Service.ICL.url())
                        .get("/runs/" + runId + "/plan")
                        .then()
                        .statusCode(200)
                        .body("teacherSetsReceived", org.hamcrest.Matchers.equalTo(50)));
    }
}
