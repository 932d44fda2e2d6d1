package dev.overton.generator.sampling.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemorySink;

import dev.overton.contracts.GenerationRequest;
import dev.overton.contracts.SampleSet;
import dev.overton.contracts.json.EventJson;
import dev.overton.generator.messaging.InFlightRecords;
import dev.overton.generator.sampling.openai.FakeOpenAiServer;
import dev.overton.generator.testing.FastRetries;
import dev.overton.generator.testing.InMemoryFlow;
import dev.overton.generator.testing.RunPosts;

/**
 * A model server that dies in the middle of a run: submitted through {@code POST /runs}, its generation requests fed
 * to the consumer, sets collected from {@code sample-sets} (in-memory channels; real PostgreSQL). Whatever the server
 * does, every (prompt, variant) must get exactly one sample set, none missing, none twice, and the run's status counts
 * must agree with the sets published. The sets in flight when the server died either succeed once it is back (the
 * retries ride out the outage) or become failed sets that say why.
 */
@QuarkusTest
@TestProfile(FastRetries.class)
class ServerDiesMidRunTest extends InMemoryFlow {

    private static final int PROMPTS = 6;
    private static final List<String> VARIANTS = List.of("chat-a", "chat-b");
    private static final int SETS = PROMPTS * VARIANTS.size();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private FakeOpenAiServer server;
    private String runId;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void setsInFlightWhenTheServerDiesForGoodBecomeFailedSetsWithTheReason() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofMillis(150)));
        server.dieAfter(4);

        runId = deletedAfterTest(submitRun());
        deliverGenerationRequests();
        Map<String, SampleSet> sets = awaitEverySetExactlyOnce();

        List<SampleSet> generated =
                sets.values().stream().filter(s -> !s.failed()).toList();
        List<SampleSet> failed =
                sets.values().stream().filter(SampleSet::failed).toList();
        assertThat(server.deaths()).isEqualTo(1);
        // Only answers given before the death can be generated sets: at most four.
        assertThat(generated)
                .hasSizeBetween(1, 4)
                .allSatisfy(s -> assertThat(s.samples()).hasSize(2));
        // The server saw more requests than it answered: those were in flight when it died.
        assertThat(server.received().size()).isGreaterThan(generated.size());
        assertThat(failed).hasSize(SETS - generated.size()).allSatisfy(s -> {
            assertThat(s.samples()).isEmpty();
            assertThat(s.error()).contains(server.baseUrl().replace("/v1", ""), "gave up after 8 attempts");
        });
        assertRunCountsAgreeWith(sets);
    }

    @Test
    void setsInFlightWhenTheServerDiesAreDrawnOnceItIsBack() {
        server = FakeOpenAiServer.start(r -> FakeOpenAiServer.echo(r).after(Duration.ofMillis(150)));
        server.dieAfter(4, Duration.ofMillis(400));

        runId = deletedAfterTest(submitRun());
        deliverGenerationRequests();
        Map<String, SampleSet> sets = awaitEverySetExactlyOnce();

        assertThat(server.deaths()).isEqualTo(1);
        assertThat(server.isUp()).isTrue();
        assertThat(sets.values())
                .as("the outage (400 ms) is shorter than the retry budget (about 1.1 s)")
                .allSatisfy(s -> {
                    assertThat(s.status()).as(s.error()).isEqualTo(SampleSet.GENERATED);
                    assertThat(s.samples()).hasSize(2);
                });
        // Requests cut off by the death were sent again: more requests than sets.
        assertThat(server.received().size()).isGreaterThan(SETS);
        assertRunCountsAgreeWith(sets);
    }

    private String submitRun() {
        String variants = VARIANTS.stream()
                .map(v -> "{\"name\":\"" + v + "\",\"backend\":\"openai\",\"endpoint\":\"" + server.baseUrl()
                        + "\",\"api\":\"chat\",\"model\":\"test-model\",\"samples\":2}")
                .collect(Collectors.joining(",", "[", "]"));
        String prompts = IntStream.range(0, PROMPTS)
                .mapToObj(i -> "\"Question " + i + "?\"")
                .collect(Collectors.joining(",", "[", "]"));
        return RunPosts.accepted("{\"name\":\"server dies\",\"dataset\":{\"prompts\":" + prompts
                + "},\"reference\":\"chat-a\"," + "\"variants\":" + variants + "}");
    }

    /** Hands the run's published generation requests to the consumer, as the broker would. */
    private void deliverGenerationRequests() {
        InMemorySink<String> published = connector.sink("generation-requests-out");
        List<String> requests = await().atMost(WAIT)
                .until(
                        () -> published.received().stream()
                                .map(m -> m.getPayload())
                                .filter(json -> EventJson.read(json, GenerationRequest.class)
                                        .runId()
                                        .equals(runId))
                                .toList(),
                        list -> list.size() == SETS);
        requests.forEach(
                json -> connector.source(GenerationRequestConsumer.CHANNEL).send(json));
    }

    /** Waits until the consumer is idle with every set published, and checks that none came twice. */
    private Map<String, SampleSet> awaitEverySetExactlyOnce() {
        InMemorySink<String> sink = connector.sink("sample-sets-out");
        await().atMost(WAIT).until(() -> setsOfRun(sink).size() >= SETS && consumerIdle());
        List<SampleSet> sets = setsOfRun(sink);
        Map<String, SampleSet> byKey =
                sets.stream().collect(Collectors.toMap(s -> s.promptId() + "/" + s.variant(), Function.identity()));
        assertThat(sets).as("one set per (prompt, variant), none twice").hasSize(SETS);
        assertThat(byKey).hasSize(SETS);
        return byKey;
    }

    private List<SampleSet> setsOfRun(InMemorySink<String> sink) {
        return sink.received().stream()
                .map(m -> EventJson.read(m.getPayload(), SampleSet.class))
                .filter(s -> s.runId().equals(runId))
                .toList();
    }

    private boolean consumerIdle() {
        return registry.get(InFlightRecords.GAUGE)
                        .tag("channel", GenerationRequestConsumer.CHANNEL)
                        .gauge()
                        .value()
                == 0.0;
    }

    private void assertRunCountsAgreeWith(Map<String, SampleSet> sets) {
        JsonPath run = given().when()
                .get("/runs/" + runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(run.getString("status")).isIn("scoring", "complete");
        for (String variant : VARIANTS) {
            long generated = sets.values().stream()
                    .filter(s -> s.variant().equals(variant) && !s.failed())
                    .count();
            long failed = sets.values().stream()
                    .filter(s -> s.variant().equals(variant) && s.failed())
                    .count();
            Map<String, Object> counts = run.getMap("variants.find { it.name == '" + variant + "' }");
            assertThat(counts)
                    .containsEntry("requested", PROMPTS)
                    .containsEntry("generated", (int) generated)
                    .containsEntry("failed", (int) failed);
        }
        assertThat(sql().query("select count(*) from generator.sample_sets where run_id = ?", runId))
                .containsExactly(List.of((long) SETS));
    }
}
