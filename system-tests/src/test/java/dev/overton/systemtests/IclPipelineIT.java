package dev.overton.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * An in-context variant end to end through the real broker and database: the run asks for {@code icl}; icl-service
 * waits for the teacher's (chat's) sets, builds k-NN in-context prompts, sends one generation request per prompt with
 * its rendered prompt; the generator answers them (here by replaying the released llama-2-icl-chat outputs), the
 * scorer pairs them with chat's sample 0, and icl-service serves the recovery verdict for every non-reference variant.
 */
class IclPipelineIT extends AllServicesRunning {

    @Test
    void inContextVariantIsBuiltSampledScoredAndJudged() {
        // The icl variant's base replays the released in-context outputs, so the verdict has real numbers.
        String spec = "{\"name\":\"icl system test\",\"dataset\":{\"path\":\""
                + fixtures.resolve("instances/data.jsonl") + "\"},\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-base") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-icl-chat") + "],"
                + "\"icl\":[{\"name\":\"icl-knn\",\"base\":\"llama-2-icl-chat\",\"examples\":\"knn-prompt\",\"k\":3}]}";
        String runId = Runs.submit(spec);

        Runs.awaitStatus(runId, Duration.ofMinutes(5), run -> {
            assertThat(run.getList("variants.name", String.class))
                    .containsExactly("llama-2-chat", "llama-2-base", "llama-2-icl-chat", "icl-knn");
            assertThat(run.getList("variants.generated", Integer.class)).containsOnly(50);
            assertThat(run.getString("status")).isEqualTo("complete");
        });

        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    List<Map<String, Object>> recovery = Runs.ok(Service.ICL.url(), "/runs/" + runId + "/recovery")
                            .jsonPath()
                            .getList("$");
                    Map<String, Object> base = find(recovery, "llama-2-base", "pair_jaccard_1");
                    Map<String, Object> icl = find(recovery, "icl-knn", "pair_jaccard_1");
                    assertThat(((Number) base.get("n")).intValue()).isEqualTo(50);
                    assertThat(((Number) icl.get("n")).intValue()).isEqualTo(50);
                    // The paper's second finding in miniature: in-context alignment gets closer to the aligned model
                    // than
                    // the plain base model does, though not all the way (recovery below 1, interval below 1).
                    assertThat(((Number) icl.get("recovery")).doubleValue())
                            .isGreaterThan(((Number) base.get("recovery")).doubleValue())
                            .isLessThan(1.0);
                    assertThat(icl.get("recovers")).isEqualTo(false);
                });

        // Every icl-knn request carried a built prompt; the generator stored and published the sets under the
        // in-context variant's name (checked above) and the scorer paired them (checked through the verdict).
        String samples = Runs.samples(runId);
        assertThat(samples.lines().filter(l -> l.contains("\"variant\":\"icl-knn\"")))
                .hasSize(250);
    }

    private static Map<String, Object> find(List<Map<String, Object>> recovery, String variant, String measure) {
        return recovery.stream()
                .filter(r -> variant.equals(r.get("variant")) && measure.equals(r.get("measure")))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no recovery of " + variant + " on " + measure + " in " + recovery));
    }
}
