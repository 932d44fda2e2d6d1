package dev.overton.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.overton.systemtests.ServiceProcesses.Instance;
import dev.overton.systemtests.ServiceProcesses.Service;

/**
 * Two scorer instances in one consumer group split the partitions of {@code sample-sets}: both do part of the work,
 * and at the end every expected value exists exactly once — nothing lost, nothing duplicated.
 */
class ScaleOutIT extends AllServicesRunning {

    private static final Pattern PROCESSED = Pattern.compile(
            "overton_consumer_records_total\\{channel=\"sample-sets-in\",outcome=\"processed\"[^}]*} ([0-9.]+)");
    private static final Pattern ASSIGNED =
            Pattern.compile("kafka_consumer_coordinator_assigned_partitions\\{[^}]*sample-sets-in[^}]*} ([0-9.]+)");

    private static Instance second;

    @BeforeAll
    static void startSecondScorer() throws Exception {
        second = services.startInstance(Service.SCORER, 18184);
    }

    /** The stack is shared with the next classes: they get it back with one scorer. */
    @AfterAll
    static void stopSecondScorer() throws InterruptedException {
        if (second != null) {
            services.stop(second);
            second = null;
        }
    }

    private static List<Instance> scorers() {
        return services.instances().stream()
                .filter(i -> i.service() == Service.SCORER)
                .toList();
    }

    private static double metric(Instance instance, Pattern pattern) {
        Matcher m = pattern.matcher(
                given().baseUri(instance.url()).get("/q/metrics").asString());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    @Test
    void twoScorersSplitThePartitionsWithoutLosingOrDuplicatingScores() {
        // Both scorers must own partitions before the run starts, or one might legitimately do all the work.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(scorers())
                        .allSatisfy(s ->
                                assertThat(metric(s, ASSIGNED)).as(s.name()).isPositive()));
        Map<Instance, Double> before = scorers().stream().collect(Collectors.toMap(s -> s, s -> metric(s, PROCESSED)));

        String spec = "{\"name\":\"scale-out\",\"dataset\":{\"path\":\"" + fixtures.resolve("instances/data.jsonl")
                + "\"},\"reference\":\"llama-2-chat\",\"variants\":["
                + PipelineItVariants.replay(fixtures, "llama-2-base") + ","
                + PipelineItVariants.replay(fixtures, "llama-2-chat") + "]}";
        String runId = Runs.submit(spec);

        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> given().baseUri(Service.GENERATOR.url())
                        .get("/runs/" + runId)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("complete")));

        assertThat(scorers())
                .as("each scorer instance processed part of the sample sets")
                .allSatisfy(s -> assertThat(metric(s, PROCESSED) - before.get(s))
                        .as(s.name())
                        .isPositive());

        for (Instance scorer : scorers()) {
            // Either instance serves the whole run from the shared database: 100 sets, one jaccard_1 each, and
            // 450 pair values (5 per base prompt, 4 per chat prompt) — no key twice.
            Runs.assertEveryScoreExactlyOnce(scorer.url(), runId, 100, 450);
        }
    }
}
